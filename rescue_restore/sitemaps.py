"""``/sitemap.xml``: each app's ``sitemaps.py`` offers a dict of sitemaps.

Every public page exists in every language of ``settings.LANGUAGES`` (English
unprefixed, Spanish under ``/es/``), so every sitemap subclasses
``TranslatedSitemap``: each page is listed once per language, each entry with
its ``xhtml:link rel="alternate" hreflang`` siblings and an ``x-default``
(the English address), as Google's sitemap hreflang format asks.
"""

from django.contrib.sitemaps import Sitemap

from rescue_restore.kernel.discovery import app_modules


class TranslatedSitemap(Sitemap):
    i18n = True  # one entry per language (settings.LANGUAGES), built inside translation.override
    alternates = True  # xhtml:link hreflang for each language
    x_default = True  # and hreflang="x-default": the default language's address


def all_sitemaps():
    sitemaps = {}
    for app, module in app_modules("sitemaps"):
        for name, sitemap in module.SITEMAPS.items():
            if not issubclass(sitemap, TranslatedSitemap):
                raise TypeError(f"{app}/sitemaps.py: {name} must subclass rescue_restore.sitemaps.TranslatedSitemap")
            sitemaps[name] = sitemap
    return sitemaps
