from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from listserv.models import Bulletin


class ArchiveSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return Bulletin.objects.sent().only("slug", "sent_at")

    def lastmod(self, bulletin):
        return bulletin.sent_at


class ListservPagesSitemap(Sitemap):
    def items(self):
        return ["listserv:subscribe", "listserv:archive"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"listserv-archive": ArchiveSitemap, "listserv": ListservPagesSitemap}
