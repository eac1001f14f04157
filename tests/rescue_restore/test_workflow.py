"""The workflow kernel, for each of the five models that use it.

Every move the transition table forbids raises ``InvalidTransitionError`` and
changes nothing; every move it allows writes exactly one history row, with
who, from, to and the note.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaign import clearance as page_clearance
from campaign.models import PageDraft
from coalitions.models import AffiliationRequest, Coalition
from listserv.models import Bulletin, Subscriber
from materials.clearance import MATERIALS
from materials.models import MaterialDraft, Order
from rescue_restore.kernel.workflow import InvalidTransitionError, StatusWorkflow
from tests.factories.campaign import PageFactory
from tests.factories.coalitions import AffiliationRequestFactory, CoalitionFactory
from tests.factories.listserv import BulletinFactory, SubscriberFactory
from tests.factories.materials import MaterialFactory, OrderFactory

pytestmark = pytest.mark.django_db


def _in_status(factory, model, status):
    row = factory()
    dates = {}
    if model is Bulletin and status == Bulletin.Status.SENT:
        dates["sent_at"] = timezone.now()
    if model in (PageDraft, MaterialDraft) and status == "published":
        dates["published_at"] = timezone.now()
    model.objects.filter(pk=row.pk).update(**{model.STATUS_FIELD: status}, **dates)
    return model.objects.get(pk=row.pk)


FIVE = [
    (Order, OrderFactory),
    (Coalition, CoalitionFactory),
    (AffiliationRequest, AffiliationRequestFactory),
    (Subscriber, SubscriberFactory),
    (Bulletin, BulletinFactory),
    (PageDraft, lambda: page_clearance.start_draft(PageFactory(), "en", by=None)),
    (MaterialDraft, lambda: MATERIALS.start_draft(MaterialFactory(), "es", by=None)),
]
IDS = [model.__name__ for model, _factory in FIVE]


def _history(row):
    subject_field = type(row)._history_subject_field()
    return type(row).history_model().objects.filter(**{subject_field: row})


@pytest.mark.parametrize(("model", "factory"), FIVE, ids=IDS)
def test_each_model_refuses_what_its_table_forbids_and_records_each_allowed_move_once(model, factory, superuser):
    statuses = [value for value, _label in model._meta.get_field(model.STATUS_FIELD).choices]
    assert set(model.ALLOWED_TRANSITIONS) == set(statuses)
    checked = {"allowed": 0, "forbidden": 0}
    for before in statuses:
        for after in statuses:
            if before == after and model.UNCHANGED_IS_NOOP:
                continue
            row = _in_status(factory, model, before)
            rows_before = _history(row).count()
            if after in model.ALLOWED_TRANSITIONS[before]:
                row.change_status(after, by=superuser, note=f"{before} to {after}")
                assert getattr(row, model.STATUS_FIELD) == after
                assert getattr(model.objects.get(pk=row.pk), model.STATUS_FIELD) == after
                assert _history(row).count() == rows_before + 1
                entry = _history(row).order_by("-pk").first()
                assert (entry.from_status, entry.to_status) == (before, after)
                assert entry.changed_by == superuser
                assert entry.note == f"{before} to {after}"
                checked["allowed"] += 1
            else:
                with pytest.raises(InvalidTransitionError, match="cannot be"):
                    row.change_status(after, by=superuser)
                assert getattr(model.objects.get(pk=row.pk), model.STATUS_FIELD) == before
                assert _history(row).count() == rows_before
                checked["forbidden"] += 1
    assert checked["allowed"]
    assert checked["forbidden"]


@pytest.mark.parametrize(("model", "_factory"), FIVE, ids=IDS)
def test_each_model_declares_only_its_table_history_and_hooks(model, _factory):
    assert issubclass(model, StatusWorkflow)
    assert model.change_status.alters_data is True
    assert model.record_note.alters_data is True
    assert "change_status" not in vars(model)  # one mechanism, not five copies
    assert model.history_model()._meta.get_field("changed_by")
    assert {"changed_at", "from_status", "to_status", "note"} <= {
        field.name for field in model.history_model()._meta.get_fields()
    }


def test_a_move_to_the_current_status_is_nothing_where_the_model_says_so():
    subscriber = SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED)
    subscriber.change_status(Subscriber.Status.UNSUBSCRIBED)
    assert subscriber.events.count() == 0


def test_only_the_declared_fields_can_be_set_with_a_status(superuser):
    order = _in_status(OrderFactory, Order, Order.Status.APPROVED)
    with pytest.raises(ValueError, match="email"):
        order.change_status(Order.Status.SHIPPED, by=superuser, updates={"email": "x@example.org"})
    assert Order.objects.get(pk=order.pk).status == Order.Status.APPROVED


def test_a_note_without_a_move_is_one_history_row_under_the_lock(superuser):
    coalition = CoalitionFactory()
    coalition.record_note("Confirmed by phone.", by=superuser)
    [entry] = coalition.history.all()
    assert (entry.from_status, entry.to_status, entry.changed_by) == ("listed", "listed", superuser)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks")
def test_the_row_is_locked_before_the_table_is_read(superuser):
    order = _in_status(OrderFactory, Order, Order.Status.RECEIVED)
    with CaptureQueriesContext(connection) as queries:
        order.change_status(Order.Status.APPROVED, by=superuser)
    assert "FOR UPDATE" in queries.captured_queries[0]["sql"] or "FOR UPDATE" in queries.captured_queries[1]["sql"]


def test_the_history_relation_is_found_once_per_model_not_on_every_write(monkeypatch, superuser):
    from rescue_restore.kernel import workflow

    order = OrderFactory()
    monkeypatch.delitem(workflow._HISTORY_RELATIONS, Order, raising=False)
    lookups = []
    get_model = workflow.apps.get_model

    def counting_get_model(*names):
        if names[-1] == Order.HISTORY_MODEL:
            lookups.append(names)
        return get_model(*names)

    monkeypatch.setattr(workflow.apps, "get_model", counting_get_model)
    order.record_note("First note.", by=superuser)
    order.change_status(Order.Status.APPROVED, by=superuser)
    order.record_note("Second note.", by=superuser)
    assert len(lookups) == 1
    assert Order._history_subject_field() == "order"
    assert [entry.note for entry in _history(order).order_by("pk")][-3:] == ["First note.", "", "Second note."]
