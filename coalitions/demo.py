"""Demo coalitions from the campaign's public history, and synthetic ones for benchmarks.

Only the city, the founding year and the history line of each listing are
public facts (PRODUCT.md, "Facts for realistic demo content"). Everything else
a listing page shows (what the coalition does, its contact address, the
task-force answer, when it was last verified) is an example: the listings are
marked ``is_demo`` and their pages show those details inside a visible demo
label, in both languages. Areas served and partner sectors are not invented at
all. The Spanish is in ``demo_es``. ``--coalitions N`` adds synthetic listings,
marked ``is_synthetic``, until there are N coalitions in all.
"""

import datetime

from django.utils import timezone

from coalitions.demo_es import COALITIONS_ES, WORK_ES
from coalitions.models import STATEWIDE, AffiliationRequest, Coalition, RequestHistory, Sector
from coalitions.states import STATE_CHOICES

# What a coalition does, in the campaign's own terms; an example, the same for every demo listing.
WORK = (
    "The coalition is a local team. Police, local government, churches and faith groups, social services and health "
    "care workers all take part. They find victims of human trafficking and help them get care."
)

# slug, name, city, state, year founded, history (public facts), days since "last verified" (an example)
COALITIONS = [
    (
        "philadelphia-rescue-restore-coalition",
        "Philadelphia Rescue & Restore Coalition",
        "Philadelphia",
        "PA",
        2004,
        "Philadelphia was one of the three pilot cities, with Atlanta and Phoenix, that HHS announced on "
        "March 11, 2004, together with the hotline.",
        40,
    ),
    (
        "atlanta-rescue-restore-coalition",
        "Atlanta Rescue & Restore Coalition",
        "Atlanta",
        "GA",
        2004,
        "Atlanta was one of the three pilot cities, with Philadelphia and Phoenix, that HHS announced on "
        "March 11, 2004, together with the hotline.",
        100,
    ),
    (
        "phoenix-rescue-restore-coalition",
        "Phoenix Rescue & Restore Coalition",
        "Phoenix",
        "AZ",
        2004,
        "Phoenix was one of the three pilot cities, with Philadelphia and Atlanta, that HHS announced on "
        "March 11, 2004, together with the hotline.",
        420,
    ),
    (
        "los-angeles-rescue-restore-coalition",
        "Los Angeles Rescue & Restore Coalition",
        "Los Angeles",
        "CA",
        2005,
        "Launched on September 28, 2005, with more than 90 organizations.",
        60,
    ),
    (
        "houston-rescue-restore-coalition",
        "Houston Rescue & Restore Coalition",
        "Houston",
        "TX",
        2005,
        "Launched on November 16, 2005. Its members included a Catholic archdiocese, YMCA International Services "
        "and a county AFL-CIO.",
        200,
    ),
    (
        "sacramento-rescue-restore-coalition",
        "Sacramento Rescue & Restore Coalition",
        "Sacramento",
        "CA",
        2007,
        "On June 27, 2007, Sacramento joined a network of 17 coalitions.",
        30,
    ),
    (
        "nashville-rescue-restore-coalition",
        "Nashville Rescue & Restore Coalition",
        "Nashville",
        "TN",
        2007,
        "Announced on July 17, 2007, as the 19th coalition.",
        90,
    ),
    (
        "illinois-rescue-restore-coalition",
        "Illinois Rescue & Restore Coalition",
        STATEWIDE,
        "IL",
        None,
        "A statewide coalition. It held an annual outreach day (2011).",
        150,
    ),
]

Listing = Coalition.ListingStatus
SYNTHETIC_PREFIX = "synthetic-coalition-"


def seed(sizes, stdout):
    today = timezone.localdate()
    for slug, name, city, state, founded, history, verified_days_ago in COALITIONS:
        # Phoenix was last verified 14 months ago: the demo shows an out-of-date listing.
        stale = verified_days_ago > 365
        spanish = COALITIONS_ES[slug]
        # Each language's column by name: "city" alone would be the active language's.
        content = {
            "name": name,
            "city_en": city,
            "city_es": spanish["city"],
            "state": state,
            "year_founded": founded,
            "area_served_en": "",
            "area_served_es": "",
            "background_en": history,
            "background_es": spanish["history"],
            "description_en": WORK,
            "description_es": WORK_ES,
            "website": "",
            "contact_email": f"{slug.split('-rescue')[0]}@coalitions.example.org",
            "works_with_task_force": state != "IL",
            "partner_sectors": [],
            "is_demo": True,
        }
        # Status and dates only on creation: re-running (every `make run`) must not undo a
        # moderator's change or a confirmation, which would bypass the listing's history.
        Coalition.objects.update_or_create(
            slug=slug,
            defaults=content,
            create_defaults={
                **content,
                "listing_status": Listing.NEEDS_REVERIFICATION if stale else Listing.LISTED,
                "last_verified": today - datetime.timedelta(days=verified_days_ago),
            },
        )
    _seed_requests()
    _seed_synthetic(sizes.get("coalitions"), today, stdout)


def _seed_requests():
    demo_requests = [
        {
            "reference": "CR-DEMO0001",
            "kind": AffiliationRequest.Kind.AFFILIATE,
            "community": "Tucson",
            "state": "AZ",
            "coalition_name": "Southern Arizona Anti-Trafficking Coalition",
            "contact_name": "Demo Applicant",
            "email": "applicant@coalitions.example.org",
            "member_count": 8,
            "member_sectors": [Sector.FAITH, Sector.SOCIAL_SERVICE, Sector.LAW_ENFORCEMENT],
            "task_force_exists": AffiliationRequest.TaskForce.YES,
            "current_activities": "Monthly meetings and trainings for shelter staff. (Demo request.)",
            "covers_sex_and_labor_trafficking": True,
            "consent_to_list": True,
        },
        {
            "reference": "CR-DEMO0002",
            "kind": AffiliationRequest.Kind.FORM_NEW,
            "community": "Boise",
            "state": "ID",
            "coalition_name": "",
            "contact_name": "Demo Organizer",
            "email": "organizer@coalitions.example.org",
            "member_count": 4,
            "interested_organizations": "County health department\nRefugee resettlement office\nA church food bank\nLegal aid clinic",
            "task_force_exists": AffiliationRequest.TaskForce.UNSURE,
            "current_activities": "(Demo request.)",
        },
    ]
    for data in demo_requests:
        request_object, created = AffiliationRequest.objects.update_or_create(
            reference=data.pop("reference"), defaults=data
        )
        if created:
            RequestHistory.objects.create(request=request_object, from_status="", to_status=request_object.status)


def _seed_synthetic(total, today, stdout):
    """Add synthetic listings until there are ``total`` coalitions (None: no change)."""
    if total is None:
        return
    missing = total - Coalition.objects.count()
    if missing <= 0:
        return
    start = _highest_synthetic_number()
    codes = [code for code, _name in STATE_CHOICES]
    Coalition.objects.bulk_create(
        [
            Coalition(
                name=f"Synthetic coalition {number:05d}",
                slug=f"{SYNTHETIC_PREFIX}{number:05d}",
                city=f"Benchmark City {number % 97}",
                state=codes[number % len(codes)],
                description="Generated for benchmarks; not a real coalition.",
                listing_status=Listing.LISTED,
                last_verified=today,
                is_synthetic=True,
            )
            for number in range(start + 1, start + missing + 1)
        ],
        batch_size=500,
    )
    stdout.write(f"coalitions: added {missing} synthetic listings")


def _highest_synthetic_number():
    """Number new synthetic listings after the highest one, so deleting some cannot make a slug collide."""
    slugs = Coalition.objects.filter(slug__startswith=SYNTHETIC_PREFIX).values_list("slug", flat=True)
    numbers = [int(suffix) for slug in slugs if (suffix := slug.removeprefix(SYNTHETIC_PREFIX)).isdigit()]
    return max(numbers, default=0)
