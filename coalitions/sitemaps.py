from django.urls import reverse

from coalitions.models import Coalition
from rescue_restore.sitemaps import TranslatedSitemap


class CoalitionSitemap(TranslatedSitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Coalition.objects.public().filter(is_synthetic=False).only("slug", "updated_at").order_by("pk")

    def lastmod(self, coalition):
        return coalition.updated_at


class CoalitionPagesSitemap(TranslatedSitemap):
    def items(self):
        return ["coalitions:directory", "coalitions:request"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"coalitions": CoalitionSitemap, "coalition-pages": CoalitionPagesSitemap}
