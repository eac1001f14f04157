"""``/sitemap.xml``: each app's ``sitemaps.py`` offers a dict of sitemaps."""

from rescue_restore.discovery import app_modules


def all_sitemaps():
    sitemaps = {}
    for _app, module in app_modules("sitemaps"):
        sitemaps.update(module.SITEMAPS)
    return sitemaps
