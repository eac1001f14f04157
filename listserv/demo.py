"""Demo topics, two sent bulletins for the archive, and synthetic subscribers for benchmarks.

The bulletins are invented: each carries a demo label in its subject and its first line.

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

# Both bulletins are made up (the month is real: the nation has marked it every January since 2010);
# each says so in its subject and first line, in both languages.
DEMO_NOTE = "*Demo content: this bulletin was made up for this demonstration site. It was never sent.*"

BULLETINS = [
    {
        "slug": "january-is-national-human-trafficking-prevention-month",
        "subject": "Demo: January is National Human Trafficking Prevention Month",
        "topics": ["updates-on-human-trafficking"],
        "sent_at": datetime.datetime(2026, 1, 5, 10, 0, tzinfo=datetime.UTC),
        "body": f"""{DEMO_NOTE}

Every January the nation marks **National Human Trafficking Prevention Month**.

- Order free posters and pocket cards from the [materials catalog](/materials/).
- Share the hotline number, **1-888-373-7888**, or text **233733**.

Thank you for helping people look beneath the surface.
""",
    },
    {
        "slug": "spring-webinars-for-health-care-providers",
        "subject": "Demo: Spring webinars for health care providers",
        "topics": ["training-opportunities"],
        "sent_at": datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC),
        "body": f"""{DEMO_NOTE} *The webinars it names are not real.*

This is how a training bulletin would look. Three free webinars would help clinic and emergency staff see the signs
of human trafficking and know what to do.

1. Seeing the signs during a visit
2. Talking with a patient in a way that is informed by trauma
3. Connecting patients to services

Real training is listed by the [Office on Trafficking in Persons](https://www.acf.hhs.gov/otip).
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
    text = {**english, **spanish}
    changed = [field for field, value in text.items() if getattr(bulletin, field) != value]
    if changed:
        # Demo bulletins are the demo's own: an older demo text (without its demo label, or without
        # Spanish) is replaced; the save renders both body_html columns again.
        for field in changed:
            setattr(bulletin, field, text[field])
        bulletin.save(update_fields=[*changed, "body_html_en", "body_html_es"])
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
