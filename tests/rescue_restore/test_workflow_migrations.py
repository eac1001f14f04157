"""The workflow kernel's migrations keep every history row (columns renamed in place, never dropped).

Rows are written with the models as they were before the kernel, the
migrations run forward, and each row is read back with its who, when, from,
to and note.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("materials", "0003_staff_fulfilment_and_stock_movements"),
    ("coalitions", "0002_applicant_note"),
    ("listserv", "0001_initial"),
]
WHEN = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return [node for node in executor.loader.graph.leaf_nodes() if node[0] in {"materials", "coalitions", "listserv"}]


def _seed_old_history(apps):
    user = apps.get_model("auth", "User").objects.create(username="moderator")
    order = apps.get_model("materials", "Order").objects.create(
        reference="RR-2026-000001",
        status="approved",
        submission_token="old-token",
        name="Ana",
        organization_type="health-care",
        email="ana@example.org",
        phone="202-555-0123",
        address_line1="1 Main St",
        city="Washington",
        state="DC",
        zip_code="20201",
        intended_use="Posters",
    )
    apps.get_model("materials", "OrderStatusChange").objects.create(
        order=order, from_status="received", to_status="approved", changed_by=user, changed_at=WHEN, note="ok"
    )
    coalition = apps.get_model("coalitions", "Coalition").objects.create(
        name="Old Coalition", slug="old-coalition", city="Springfield", state="IL", listing_status="listed"
    )
    apps.get_model("coalitions", "ListingHistory").objects.create(
        coalition=coalition, from_status="pending", to_status="listed", changed_by=user, changed_at=WHEN
    )
    request_model = apps.get_model("coalitions", "AffiliationRequest")
    for number, community in enumerate(["Springfield", "Chatham"]):  # two open updates: the rule closes the older
        update = request_model.objects.create(
            reference=f"CR-OLD{number}",
            kind="update",
            coalition=coalition,
            community=community,
            state="IL",
            contact_name="Pat",
            email=f"pat{number}@example.org",
            submitted_at=WHEN + datetime.timedelta(days=number),
        )
        apps.get_model("coalitions", "RequestHistory").objects.create(
            request=update, from_status="", to_status="submitted", changed_at=WHEN
        )
    subscriber = apps.get_model("listserv", "Subscriber").objects.create(email="ana@example.org", status="unsubscribed")
    SubscriberEvent = apps.get_model("listserv", "SubscriberEvent")
    SubscriberEvent.objects.create(
        subscriber=subscriber, actor=None, from_status="confirmed", to_status="complained", created_at=WHEN
    )
    SubscriberEvent.objects.create(
        subscriber=subscriber, actor=user, from_status="complained", to_status="unsubscribed", note="by phone"
    )
    bulletin = apps.get_model("listserv", "Bulletin").objects.create(subject="Spring", slug="spring", body="Hi")
    apps.get_model("listserv", "BulletinEvent").objects.create(
        bulletin=bulletin, actor=user, from_status="draft", to_status="sending", created_at=WHEN, note="go"
    )
    return user


def test_every_history_row_survives_the_kernel_migrations():
    latest = _latest()
    try:
        user = _seed_old_history(_migrate(BEFORE))
        apps = _migrate(latest)
    finally:
        _migrate(latest)

    def rows(app_label, model_name):
        return list(
            apps.get_model(app_label, model_name)
            .objects.order_by("pk")
            .values_list("changed_by_id", "changed_at", "from_status", "to_status", "note")
        )

    assert rows("materials", "OrderStatusChange") == [(user.pk, WHEN, "received", "approved", "ok")]
    assert rows("coalitions", "ListingHistory") == [(user.pk, WHEN, "pending", "listed", "")]
    assert rows("listserv", "BulletinEvent") == [(user.pk, WHEN, "draft", "sending", "go")]
    [complaint, unsubscribe] = rows("listserv", "SubscriberEvent")
    assert complaint == (None, WHEN, "confirmed", "complained", "")
    assert unsubscribe[0] == user.pk
    assert unsubscribe[2:] == ("complained", "unsubscribed", "by phone")
    # The complaint made before the migration still suppresses anonymous sign-ups.
    assert apps.get_model("listserv", "Subscriber").objects.get().complained_at == WHEN
    # Of the two open updates of one listing, the newer stays open and the older is declined, with a history row.
    request_model = apps.get_model("coalitions", "AffiliationRequest")
    assert dict(request_model.objects.values_list("community", "status")) == {
        "Springfield": "declined",
        "Chatham": "submitted",
    }
    history = rows("coalitions", "RequestHistory")
    assert len(history) == 3
    assert history[-1][2:4] == ("submitted", "declined")
