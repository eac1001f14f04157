"""The public pages the benchmark measures. Add a page here: one line.

Each entry is ``(name, address, has_form)``; ``address`` may hold
``{placeholders}`` filled from ``sample_values()`` (real slugs of the seeded
data). Pages with a form have a lower target (0.35 x the static file instead
of 0.6 x). ``spanish_variants`` adds the ``/es/`` address of every page when
the site answers under ``/es/``.
"""

PAGES = [
    ("home", "/", False),
    ("content page", "/pages/{page_slug}/", False),
    ("audience page", "/pages/{audience_slug}/", False),
    ("catalog", "/materials/", False),
    ("catalog filtered", "/materials/?language=es", False),
    ("catalog searched", "/materials/?q=brochure", False),
    ("catalog late page", "/materials/?page={late_page}", False),
    ("material detail", "/materials/{material_slug}/", False),
    ("order form", "/materials/order/", True),
    ("coalition directory", "/coalitions/", False),
    ("state page", "/coalitions/?state={state}", False),
    ("coalition detail", "/coalitions/{coalition_slug}/", True),
    ("listserv sign-up", "/listserv/", True),
    ("bulletin archive", "/listserv/archive/", False),
    ("bulletin", "/listserv/archive/{bulletin_slug}/", False),
    ("site search", "/search/?q=trafficking", False),
    ("contact form", "/contact/", True),
]
STATIC_NAME = "static CSS file"


def sample_values():
    """Real slugs from the database for the placeholders above (call inside a configured Django process)."""
    from campaign.models import Page
    from coalitions.models import Coalition
    from listserv.models import Bulletin
    from materials.models import Material

    page = Page.objects.filter(is_published=True).exclude(section="site").order_by("pk").first()
    coalition = Coalition.objects.public().order_by("pk").first()
    bulletin = Bulletin.objects.filter(status="sent").order_by("pk").first()
    materials = Material.objects.published().count()
    return {
        "page_slug": page.slug,
        # The health-care audience's page (/topics/<section>/ only redirects to it since the audience pages merged).
        "audience_slug": Page.objects.published().filter(section="health-care").first().slug,
        "late_page": max(1, materials // 12 - 1),
        "material_slug": Material.objects.published().order_by("pk").first().slug,
        "state": coalition.state,
        "coalition_slug": coalition.slug,
        "bulletin_slug": bulletin.slug,
    }


def resolved(values, spanish=False):
    pages = [(name, address.format(**values), has_form) for name, address, has_form in PAGES]
    if spanish:
        pages += [(f"{name} (es)", f"/es{address}", has_form) for name, address, has_form in pages]
    return pages
