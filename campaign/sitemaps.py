from django.urls import reverse

from campaign.models import Page
from rescue_restore.sitemaps import TranslatedSitemap


class PageSitemap(TranslatedSitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.published().only("slug", "updated_at")

    def lastmod(self, page):
        return page.updated_at


class FixedPagesSitemap(TranslatedSitemap):
    def items(self):
        return [
            "campaign:home",
            "campaign:contact",
            "campaign:disclaimer",
            "campaign:staying_safe_online",
            "campaign:vulnerability_disclosure",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "campaign": FixedPagesSitemap}
