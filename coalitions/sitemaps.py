from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from coalitions.models import Coalition


class CoalitionSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Coalition.objects.public().filter(is_synthetic=False).only("slug", "updated_at").order_by("pk")

    def lastmod(self, coalition):
        return coalition.updated_at


class CoalitionPagesSitemap(Sitemap):
    def items(self):
        return ["coalitions:directory", "coalitions:request"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"coalitions": CoalitionSitemap, "coalition-pages": CoalitionPagesSitemap}
