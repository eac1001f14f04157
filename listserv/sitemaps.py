from django.urls import reverse

from listserv.models import Bulletin
from rescue_restore.sitemaps import TranslatedSitemap


class ArchiveSitemap(TranslatedSitemap):
    changefreq = "yearly"

    def items(self):
        return Bulletin.objects.sent().only("slug", "sent_at")

    def lastmod(self, bulletin):
        return bulletin.sent_at


class ListservPagesSitemap(TranslatedSitemap):
    def items(self):
        return ["listserv:subscribe", "listserv:archive"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"listserv-archive": ArchiveSitemap, "listserv": ListservPagesSitemap}
