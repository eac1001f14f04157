"""The guide's start pages (never its steps or results: those carry answers) in ``/sitemap.xml``."""

from django.urls import reverse

from rescue_restore.sitemaps import TranslatedSitemap
from screening.models import Setting


class ScreeningSitemap(TranslatedSitemap):
    changefreq = "monthly"

    def items(self):
        return ["index", *Setting.objects.published().order_by("order", "pk").values_list("slug", flat=True)]

    def location(self, item):
        if item == "index":
            return reverse("screening:index")
        return reverse("screening:setting", args=[item])


SITEMAPS = {"screening": ScreeningSitemap}
