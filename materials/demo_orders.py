"""Demo orders across statuses, states and the last twelve months, so the staff pages have data.

Every demo order is marked as such where staff look (reference
``RR-DEMO-NNNNNN``, a ``demo-requester-N@example.org`` address, "Demo order"
in the intended use); the names read like real requesters, so screens and
packing slips shown to others do not look like placeholders. No email is sent
and no stock is taken for them. Safe to run twice: orders are numbered, and only missing
numbers are added, each drawn from its own seeded random generator.
"""

import datetime
import random

from django.utils import timezone

from materials.models import Edition, Order, OrderItem, OrderStatusChange, OrganizationType

DEFAULT_ORDERS = 60
Status = Order.Status
# (state, city, ZIP) — real places, invented requesters.
PLACES = [
    ("DC", "Washington", "20201"),
    ("CA", "Sacramento", "95814"),
    ("CA", "Los Angeles", "90012"),
    ("TX", "Houston", "77002"),
    ("PA", "Philadelphia", "19107"),
    ("GA", "Atlanta", "30303"),
    ("AZ", "Phoenix", "85003"),
    ("TN", "Nashville", "37219"),
    ("IL", "Chicago", "60602"),
    ("NY", "Albany", "12207"),
    ("FL", "Tallahassee", "32301"),
    ("PR", "San Juan", "00901"),
    ("GU", "Hagatna", "96910"),
    ("AE", "APO", "09012"),
]
# Invented people and organizations of each type, for realistic-looking demo orders.
FIRST_NAMES = ["Ana", "Marcus", "Grace", "Luis", "Priya", "Daniel", "Mei", "Samuel", "Rosa", "Tomás", "Aisha", "Kevin"]
LAST_NAMES = ["Reyes", "Johnson", "Nguyen", "Okafor", "Patel", "Kim", "García", "Brooks", "Hassan", "Miller"]
ORGANIZATIONS = {
    OrganizationType.HEALTH_CARE: ["{city} Community Health Center", "{city} General Hospital emergency department"],
    OrganizationType.SOCIAL_SERVICE: ["{city} Family Services", "{city} Refugee Resettlement Office"],
    OrganizationType.LAW_ENFORCEMENT: ["{city} Police Department", "County Sheriff's Office, {city}"],
    OrganizationType.FAITH_BASED: ["First Community Church of {city}", "{city} Interfaith Council"],
    OrganizationType.EDUCATION: ["{city} Public Schools", "{city} Community College"],
    OrganizationType.OTHER: ["{city} Public Library", "{city} Neighborhood Association"],
}
# Weighted: most orders ship.
OUTCOMES = [Status.SHIPPED] * 11 + [Status.APPROVED] * 2 + [Status.RECEIVED] * 2 + [Status.CANCELLED] * 2
HELD_OUTCOMES = [Status.HELD_FOR_REVIEW, Status.APPROVED, Status.SHIPPED, Status.DECLINED]


def _path(rng, final):
    """The statuses an order went through to reach ``final`` (the first one is where it started)."""
    held = final == Status.DECLINED or (final != Status.RECEIVED and rng.random() < 0.15)
    start = Status.HELD_FOR_REVIEW if held else Status.RECEIVED
    if final == start:
        return [start]
    if final == Status.DECLINED:
        return [start, final]
    if final == Status.CANCELLED:
        # Only received or approved orders can be cancelled.
        return [start, Status.APPROVED, final] if held or rng.random() < 0.5 else [start, final]
    if final == Status.APPROVED:
        return [start, final]
    return [start, Status.APPROVED, Status.SHIPPED]


def _build(number, editions, now):
    rng = random.Random(number)  # noqa: S311 (demo data, reproducible on purpose)
    state, city, zip_code = rng.choice(PLACES)
    final = rng.choice(OUTCOMES + HELD_OUTCOMES[:1] + HELD_OUTCOMES[3:])
    path = _path(rng, final)
    created = now - datetime.timedelta(days=rng.randint(0, 364), hours=rng.randint(0, 23))
    times = [created]
    for _step in path[1:]:
        times.append(min(now, times[-1] + datetime.timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 8))))
    organization_type = rng.choice(OrganizationType.values)
    place = city if city not in {"APO", "FPO", "DPO"} else "Base"
    order = Order(
        reference=f"RR-DEMO-{number:06d}",
        submission_token=f"demo-order-{number:06d}",
        status=path[-1],
        name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        organization=rng.choice(ORGANIZATIONS[organization_type]).format(city=place),
        organization_type=organization_type,
        email=f"demo-requester-{number}@example.org",
        phone="202-555-0100",
        address_line1=f"{100 + number} {rng.choice(['Main', 'Oak', 'Market', 'Church', 'Union'])} Street",
        city=city,
        state=state,
        zip_code=zip_code,
        intended_use="Demo order: outreach and staff training.",
        review_reasons="Demo: more copies than usual." if path[0] == Status.HELD_FOR_REVIEW else "",
        created_at=created,
    )
    if path[-1] == Status.SHIPPED:
        order.shipped_at = times[-1]
        order.shipping_carrier = rng.choice(["USPS", "UPS", "FedEx"])
        order.tracking_number = f"DEMO{number:010d}"
    if path[-1] in Order.RETURNS_STOCK:
        order.stock_returned_at = times[-1]
    chosen = rng.sample(editions, k=min(len(editions), rng.randint(1, 3)))
    items = [(edition, rng.choice([5, 10, 25, 50, 100])) for edition in chosen]
    history = [(None, path[0], times[0], "Demo order placed.")]
    steps = zip(path, path[1:], times[1:], strict=False)
    history += [(before, after, when, "Demo history.") for before, after, when in steps]
    return order, items, history


def seed_orders(count, stdout):
    count = DEFAULT_ORDERS if count is None else count
    existing = Order.objects.filter(reference__startswith="RR-DEMO-").count()
    editions = list(Edition.objects.filter(is_orderable=True, material__is_synthetic=False).order_by("item_code"))
    if existing >= count or not editions:
        return
    now = timezone.now()
    built = [_build(number, editions, now) for number in range(existing + 1, count + 1)]
    orders = Order.objects.bulk_create([order for order, _items, _history in built])
    OrderItem.objects.bulk_create(
        OrderItem(order=order, edition=edition, quantity=quantity)
        for order, (_order, items, _history) in zip(orders, built, strict=True)
        for edition, quantity in items
    )
    OrderStatusChange.objects.bulk_create(
        OrderStatusChange(order=order, from_status=before or "", to_status=after, changed_at=when, note=note)
        for order, (_order, _items, history) in zip(orders, built, strict=True)
        for before, after, when, note in history
    )
    stdout.write(f"materials: {count} demo orders present")
