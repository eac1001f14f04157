"""Bulk synthetic catalog for the benchmark: N materials with three editions each, in a few INSERTs.

``seed_demo --materials N`` makes two editions per material one row at a
time (fine for the demo, slow at 1,000); the benchmark wants three editions
each and a quick start, so it inserts them in bulk here. Rows are marked
``is_synthetic`` like seed_demo's, and their slugs and item codes do not
collide with them (``bench-material-…``, ``RR-BENCH-…``).

Called by bench/run.py inside a configured Django process: ``seed_materials(1000)``.
"""

import datetime

BENCH_LANGUAGES = ("en", "es", "zh")
STOCK = 1_000_000  # the order benchmark may take what it wants without running out
CHUNK = 2000


def seed_materials(count):
    from django.db import transaction

    from materials.models import Audience, Edition, Material

    kinds = [kind for kind, _label in Material._meta.get_field("kind").choices]
    audiences = list(Audience.objects.order_by("order"))
    published = datetime.date(2026, 1, 5)
    with transaction.atomic():
        Material.objects.filter(slug__startswith="bench-material-").delete()
        materials = Material.objects.bulk_create(
            [
                Material(
                    title=f"Benchmark material {number:05d} (test data)",
                    slug=f"bench-material-{number:05d}",
                    kind=kinds[number % len(kinds)],
                    summary="Synthetic benchmark content; not a real campaign material.",
                    description="Synthetic benchmark content.\n\nA second paragraph.",
                    publication_date=published,
                    last_reviewed=published,
                    is_published=True,
                    is_synthetic=True,
                )
                for number in range(1, count + 1)
            ],
            batch_size=CHUNK,
        )
        Edition.objects.bulk_create(
            [
                Edition(
                    material=material,
                    language=language,
                    item_code=f"RR-BENCH-{number:05d}-{language.upper()}",
                    stock_on_hand=STOCK,
                    is_orderable=True,
                )
                for number, material in enumerate(materials, start=1)
                for language in BENCH_LANGUAGES
            ],
            batch_size=CHUNK,
        )
        through = Material.audiences.through
        through.objects.bulk_create(
            [
                through(material_id=material.pk, audience_id=audiences[number % len(audiences)].pk)
                for number, material in enumerate(materials)
            ],
            batch_size=CHUNK,
        )
    return len(materials)
