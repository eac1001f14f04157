"""factory-boy factories for every app's models."""

import datetime

import factory

from campaign.models import Page, Section


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Guidance page {n}")
    slug = factory.Sequence(lambda n: f"guidance-page-{n}")
    section = Section.HEALTH_CARE
    summary = "A short plain-language summary."
    body = "Body text with **emphasis**."
    publication_date = datetime.date(2026, 1, 5)
    last_reviewed = datetime.date(2026, 6, 1)
    next_review_due = datetime.date(2027, 6, 1)
    is_published = True
