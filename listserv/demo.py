"""Demo topics, two sent bulletins for the archive, and synthetic subscribers for benchmarks.

Topics and bulletins are in English and Spanish (the Spanish is in ``listserv.demo_es``);
one synthetic subscriber in four reads Spanish.
"""

import datetime

from django.utils import timezone

from listserv import demo_es
from listserv.models import Bulletin, BulletinEvent, Subscriber, Topic

TOPICS = [
    ("updates-on-human-trafficking", "Updates on human trafficking", "News, reports and awareness days.", 10),
    ("training-opportunities", "Training opportunities", "Webinars and trainings for people who may meet victims.", 20),
    ("funding-opportunities", "Funding opportunities", "Grants and cooperative agreements from the Division.", 30),
]

BULLETINS = [
    {
        "slug": "january-is-national-human-trafficking-prevention-month",
        "subject": "January is National Human Trafficking Prevention Month",
        "topics": ["updates-on-human-trafficking"],
        "sent_at": datetime.datetime(2026, 1, 5, 10, 0, tzinfo=datetime.UTC),
        "body": """Every January the nation marks **National Human Trafficking Prevention Month**.

- Order free posters and pocket cards from the [materials catalog](/materials/).
- Share the hotline number, **1-888-373-7888**, or text **233733**.

Thank you for helping people look beneath the surface.
""",
    },
    {
        "slug": "spring-webinars-for-health-care-providers",
        "subject": "Spring webinars for health care providers",
        "topics": ["training-opportunities"],
        "sent_at": datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC),
        "body": """Three free webinars this spring help clinic and emergency staff recognize and respond to human trafficking.

1. Recognizing the signs during a visit
2. Trauma-informed conversations
3. Connecting patients to services

Details and registration are on the [Office on Trafficking in Persons](https://www.acf.hhs.gov/otip) site.
""",
    },
]

SUBSCRIBER_CHUNK = 5000
SPANISH_EVERY = 4  # subscriber{n} with n % 4 == 3 reads Spanish


def seed(sizes, stdout):
    topics = {}
    for slug, name, description, order in TOPICS:
        topics[slug], _ = Topic.objects.update_or_create(
            slug=slug,
            defaults={"name_en": name, "description_en": description, "order": order, **demo_es.TOPICS[slug]},
        )
    for data in BULLETINS:
        _seed_bulletin(data, topics)
    wanted = sizes.get("subscribers")
    _seed_subscribers(wanted if wanted is not None else 25, list(topics.values()), stdout)


def _seed_bulletin(data, topics):
    data = dict(data)
    slug, topic_slugs, sent_at = data.pop("slug"), data.pop("topics"), data.pop("sent_at")
    spanish = demo_es.BULLETINS[slug]
    english = {"subject_en": data.pop("subject"), "body_en": data.pop("body")}
    bulletin, created = Bulletin.objects.get_or_create(slug=slug, defaults={**english, **spanish, **data})
    missing = [field for field, text in spanish.items() if not getattr(bulletin, field)]
    if missing:
        # Seeded before the demo had Spanish: add it (the save renders the Spanish body_html too).
        for field in missing:
            setattr(bulletin, field, spanish[field])
        bulletin.save(update_fields=[*missing, "body_html_es"])
    bulletin.topics.set([topics[s] for s in topic_slugs])
    if created:
        # Demo bulletins arrive already sent (there is nobody to send them to); the history says so.
        Bulletin.objects.filter(pk=bulletin.pk).update(status=Bulletin.Status.SENT, sent_at=sent_at)
        BulletinEvent.objects.create(
            bulletin=bulletin, from_status="draft", to_status="sent", note="Demo content.", changed_at=sent_at
        )


def _seed_subscribers(wanted, topics, stdout):
    """Confirmed ``subscriber{n}@example.invalid`` up to ``wanted``, in chunks; existing ones are kept.

    Every ``SPANISH_EVERY``-th reads Spanish, so a demo or benchmark send renders both languages.
    """
    existing = Subscriber.objects.filter(email__endswith="@example.invalid").count()
    now = timezone.now()
    through = Subscriber.topics.through
    for start in range(existing, wanted, SUBSCRIBER_CHUNK):
        stop = min(start + SUBSCRIBER_CHUNK, wanted)
        emails = [f"subscriber{n}@example.invalid" for n in range(start, stop)]
        Subscriber.objects.bulk_create(
            [
                Subscriber(
                    email=email,
                    status=Subscriber.Status.CONFIRMED,
                    confirmed_at=now,
                    created_at=now,
                    status_changed_at=now,
                    language="es" if n % SPANISH_EVERY == SPANISH_EVERY - 1 else "en",
                )
                for n, email in zip(range(start, stop), emails, strict=True)
            ],
            ignore_conflicts=True,
        )
        ids = Subscriber.objects.filter(email__in=emails).values_list("pk", flat=True)
        links = [through(subscriber_id=pk, topic_id=topic.pk) for pk in ids for topic in topics]
        through.objects.bulk_create(links, ignore_conflicts=True)
    if wanted > existing:
        stdout.write(f"listserv: {wanted - existing} synthetic subscribers added")
