"""factory-boy factories for the materials app."""

import datetime

import factory

from materials.models import Audience, Edition, Kind, Language, Material, Order, OrganizationType


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Campaign material {n}")
    slug = factory.Sequence(lambda n: f"campaign-material-{n}")
    kind = Kind.BROCHURE
    summary = "A short plain-language summary."
    description = "First paragraph.\n\nSecond paragraph."
    publication_date = datetime.date(2026, 1, 5)
    last_reviewed = datetime.date(2026, 6, 1)
    is_published = True

    @factory.post_generation
    def audiences(self, create, slugs, **kwargs):
        if create and slugs:
            # get_or_create: a transactional test elsewhere may have flushed the migration's audiences.
            audiences = [Audience.objects.get_or_create(slug=slug, defaults={"name": slug})[0] for slug in slugs]
            self.audiences.set(audiences)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    material = factory.SubFactory(MaterialFactory)
    language = Language.ENGLISH
    item_code = factory.Sequence(lambda n: f"RR-TEST-{n:05d}")
    stock_on_hand = 500
    per_order_limit = 100
    review_above = 50
    is_orderable = True


class OrderFactory(factory.django.DjangoModelFactory):
    """An order as place_order stores it, without reserving stock (for pages and admin tests)."""

    class Meta:
        model = Order

    reference = factory.Sequence(lambda n: f"RR-2026-{n + 1:06d}")
    submission_token = factory.Sequence(lambda n: f"test-submission-token-{n:010d}")
    name = "Ana Reyes"
    organization = "County clinic"
    organization_type = OrganizationType.HEALTH_CARE
    email = "ana@example.org"
    phone = "202-555-0123"
    address_line1 = "200 Independence Ave SW"
    city = "Washington"
    state = "DC"
    zip_code = "20201"
    intended_use = "Waiting room posters."


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"audience-{n}")
    name = factory.Sequence(lambda n: f"Audience {n}")
