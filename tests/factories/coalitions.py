"""factory-boy factories for the coalitions app."""

import factory
from django.utils import timezone

from coalitions.models import AffiliationRequest, Coalition, Sector


class CoalitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coalition

    name = factory.Sequence(lambda n: f"Riverside Coalition {n}")
    slug = factory.Sequence(lambda n: f"riverside-coalition-{n}")
    city = "Springfield"
    state = "IL"
    area_served = "Sangamon County"
    year_founded = 2006
    description = "Monthly meetings and outreach."
    website = "https://coalition.example.org/"
    contact_email = factory.Sequence(lambda n: f"contact{n}@coalition.example.org")
    works_with_task_force = True
    partner_sectors = factory.LazyFunction(lambda: [Sector.FAITH.value, Sector.HEALTH.value])
    listing_status = Coalition.ListingStatus.LISTED
    last_verified = factory.LazyFunction(timezone.localdate)


class AffiliationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AffiliationRequest

    kind = AffiliationRequest.Kind.AFFILIATE
    community = "Peoria"
    state = "IL"
    coalition_name = "Peoria Area Anti-Trafficking Coalition"
    contact_name = "Dana Whitfield"
    contact_role = "Chair"
    organization = "Peoria Family Services"
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    phone = "309-555-0100"
    member_count = 14
    member_sectors = factory.LazyFunction(lambda: [Sector.FAITH.value, Sector.LAW_ENFORCEMENT.value])
    task_force_exists = AffiliationRequest.TaskForce.YES
    current_activities = "Trainings for emergency room staff."
    covers_sex_and_labor_trafficking = True
    consent_to_list = True
    area_served = "Peoria County"
    year_founded = 2009
    coalition_website = "https://peoria-coalition.example.org/"
