from django.urls import reverse

from materials.models import Material
from rescue_restore.sitemaps import TranslatedSitemap


class MaterialSitemap(TranslatedSitemap):
    changefreq = "monthly"

    def items(self):
        return Material.objects.published().filter(is_synthetic=False).only("slug", "updated_at")

    def lastmod(self, material):
        return material.updated_at


class CatalogSitemap(TranslatedSitemap):
    def items(self):
        return ["materials:catalog", "materials:order"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"materials": MaterialSitemap, "materials-pages": CatalogSitemap}
