"""What an order POST asks of the database (issue 21 item 4, issue 25 item 2): few round trips, one commit.

The order's rows are written once each (the order with its reference, the items, the editions and their
history rows in one statement each, the first status row), the visitor's list is ended in the order's
own transaction, and a repeated submission is looked for once at most.
"""

import inspect

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from materials import services, stock
from materials.admin.orders import STEPS
from materials.models import Edition, Order
from materials.order_list import SESSION_KEY
from rescue_restore.models import OutgoingEmail
from tests.factories.materials import EditionFactory, MaterialFactory
from tests.materials.conftest import VALID_DETAILS, leave_copies_under_the_lock

pytestmark = pytest.mark.django_db


def statements(captured, start):
    return [query["sql"] for query in captured.captured_queries if query["sql"].startswith(start)]


def order_lookups(captured):
    """Look-ups of an order by its submission token."""
    selects = statements(captured, "SELECT")
    return [sql for sql in selects if 'FROM "materials_order"' in sql and "submission_token" in sql]


def test_an_order_of_two_editions_writes_them_and_their_history_in_one_statement_each(brochure):
    _material, english, spanish = brochure
    with CaptureQueriesContext(connection) as captured:
        placed = services.place_order({**VALID_DETAILS, "needed_by": None}, {english.pk: 2, spanish.pk: 1}, "two-x" * 5)
    assert len([sql for sql in statements(captured, "UPDATE") if '"materials_edition"' in sql]) == 1
    assert len([sql for sql in statements(captured, "INSERT") if '"materials_historicaledition"' in sql]) == 1
    assert len([sql for sql in statements(captured, "INSERT") if '"materials_orderitem"' in sql]) == 1
    # The locked editions bring the ordering policy with them: nothing else is read.
    [select] = statements(captured, "SELECT")
    assert "FOR UPDATE" in select or connection.vendor == "sqlite"
    assert '"materials_orderingpolicy"' in select
    assert {edition.stock_on_hand for edition in Edition.objects.filter(pk__in=[english.pk, spanish.pk])} == {498, 2}
    history = Edition.audit_trail.filter(id__in=[english.pk, spanish.pk], history_type="~")
    assert sorted(history.values_list("stock_on_hand", flat=True)) == [2, 498]
    assert placed.order.reference == f"RR-{placed.order.created_at.year}-{placed.order.pk:06d}"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the id is drawn from PostgreSQL's sequence")
def test_on_postgresql_the_order_is_inserted_with_its_reference(brochure):
    _material, english, _spanish = brochure
    with CaptureQueriesContext(connection) as captured:
        placed = services.place_order(
            {**VALID_DETAILS, "needed_by": None}, {english.pk: 2}, "reference-token-0123456789"
        )
    assert not [sql for sql in statements(captured, "UPDATE") if '"materials_order"' in sql]
    [insert] = [sql for sql in statements(captured, "INSERT") if 'INTO "materials_order" ' in sql]
    assert placed.order.reference in insert
    second = services.place_order({**VALID_DETAILS, "needed_by": None}, {english.pk: 1}, "reference-token-abcdefghij")
    assert second.order.pk > placed.order.pk  # the sequence goes on: an id drawn is never drawn again


def test_the_ordering_policy_read_with_the_locked_editions_still_holds_big_orders(brochure):
    from materials.models import OrderingPolicy

    _material, english, _spanish = brochure
    OrderingPolicy.objects.create(usual_total_quantity=10)
    placed = services.place_order({**VALID_DETAILS, "needed_by": None}, {english.pk: 11}, "policy-token-0123456789ab")
    assert placed.order.status == Order.Status.HELD_FOR_REVIEW
    assert "11 copies in all (usual most: 10)" in placed.order.review_reasons


def test_an_order_post_ends_the_visitors_list_inside_the_orders_transaction(client, order_post, brochure):
    """The session's row goes with the order's commit (inside its atomic block, a savepoint in a test)."""
    _material, english, _spanish = brochure
    client.post("/materials/order/list/", {"action": "add", "item": english.item_code, "next": ""})
    assert SESSION_KEY in client.session
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/materials/order/", order_post({english: 2}))
    assert response.status_code == 302
    sql = [query["sql"] for query in captured.captured_queries]
    [delete] = [n for n, text in enumerate(sql) if text.startswith("DELETE") and '"django_session"' in text]
    [insert] = [n for n, text in enumerate(sql) if 'INTO "materials_order" ' in text]
    [opened] = [n for n, text in enumerate(sql) if text.startswith("SAVEPOINT")]
    [closed] = [n for n, text in enumerate(sql) if text.startswith("RELEASE SAVEPOINT")]
    assert opened < insert < delete < closed
    assert not [text for text in sql[closed:] if text.startswith(("INSERT", "UPDATE", "DELETE"))]
    assert not [text for text in sql if text.startswith("UPDATE") and '"django_session"' in text]
    assert "sessionid" not in client.cookies or not client.cookies["sessionid"].value


def test_an_order_post_reads_its_editions_once_locked_for_the_form_and_the_order(client, order_post, brochure):
    """The form's stock checks and the order share one read: SELECT … FOR UPDATE, inside the order's transaction."""
    _material, english, spanish = brochure
    client.post("/materials/order/list/", {"action": "add", "item": english.item_code, "next": ""})
    client.post("/materials/order/list/", {"action": "add", "item": spanish.item_code, "next": ""})
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/materials/order/", order_post({english: 2, spanish: 0}))
    assert response.status_code == 302
    sql = [query["sql"] for query in captured.captured_queries]
    [read] = [n for n, text in enumerate(sql) if text.startswith("SELECT") and 'FROM "materials_edition"' in text]
    [opened] = [n for n, text in enumerate(sql) if text.startswith("SAVEPOINT")]
    assert opened < read
    assert "FOR UPDATE" in sql[read] or connection.vendor == "sqlite"
    assert {Edition.objects.get(pk=english.pk).stock_on_hand, Edition.objects.get(pk=spanish.pk).stock_on_hand} == {
        498,
        3,
    }


def test_an_invalid_form_is_checked_against_the_same_read_and_stores_nothing(client, order_post, brochure):
    _material, english, _spanish = brochure
    data = {**order_post({english: 2}), "email": "not an address"}
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/materials/order/", data)
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert len([q for q in captured.captured_queries if 'FROM "materials_edition"' in q["sql"]]) == 1
    writes = [q["sql"] for q in captured.captured_queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    assert all('"django_session"' in sql for sql in writes)  # only the list, keeping what was typed
    assert Order.objects.count() == 0
    assert Edition.objects.get(pk=english.pk).stock_on_hand == 500


def test_a_form_sent_back_with_the_copies_already_in_the_list_does_not_write_the_session(client, order_post, brochure):
    _material, english, _spanish = brochure
    client.post("/materials/order/list/", {"action": "add", "item": english.item_code, "next": ""})
    client.post("/materials/order/", {**order_post({english: 3}), "email": "not an address"})  # keeps 3 copies
    assert dict(client.session[SESSION_KEY]) == {english.pk: 3}
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/materials/order/", {**order_post({english: 3}), "email": "still not"})
    assert response.status_code == 400
    sql = [query["sql"] for query in captured.captured_queries]
    assert not [text for text in sql if '"django_session"' in text and not text.startswith("SELECT")]
    # A changed number is still kept.
    client.post("/materials/order/", {**order_post({english: 4}), "email": "still not"})
    assert dict(client.session[SESSION_KEY]) == {english.pk: 4}


def test_a_refused_order_keeps_the_visitors_list(client, order_post, brochure, monkeypatch):
    _material, _english, spanish = brochure
    client.post("/materials/order/list/", {"action": "add", "item": spanish.item_code, "next": ""})
    leave_copies_under_the_lock(monkeypatch, 1)
    response = client.post("/materials/order/", order_post({spanish: 2}))
    assert response.status_code == 409
    assert dict(client.session[SESSION_KEY]) == {spanish.pk: 2}
    assert Order.objects.count() == 0


@pytest.mark.parametrize(
    ("item", "copies"),
    [
        (1, 2),  # English, plenty: the repeat is a valid form, and place_order finds the order
        (2, 3),  # Spanish, the last copies: the repeat fails the form's stock check, and the page finds it
    ],
)
def test_a_repeat_looks_for_its_order_once(client, order_post, brochure, item, copies):
    data = order_post({brochure[item]: copies})
    assert client.post("/materials/order/", data).status_code == 302
    with CaptureQueriesContext(connection) as captured:
        again = client.post("/materials/order/", data)
    assert again.status_code == 302
    assert len(order_lookups(captured)) == 1


def test_a_repeat_over_the_rate_limit_looks_for_its_order_once(client, order_post, brochure, settings):
    settings.RATELIMIT_ENABLE = True
    _material, english, _spanish = brochure
    first = order_post({english: 1})
    assert client.post("/materials/order/", first).status_code == 302
    for _ in range(9):
        assert client.post("/materials/order/", order_post({english: 1})).status_code == 302
    with CaptureQueriesContext(connection) as captured:
        again = client.post("/materials/order/", first)
    assert again.status_code == 302
    assert len(order_lookups(captured)) == 1


def test_a_new_order_looks_for_no_earlier_one(client, order_post, brochure):
    _material, english, _spanish = brochure
    with CaptureQueriesContext(connection) as captured:
        assert client.post("/materials/order/", order_post({english: 1})).status_code == 302
    assert order_lookups(captured) == []


def test_a_malformed_token_is_never_looked_up(brochure):
    with CaptureQueriesContext(connection) as captured:
        assert services.find_resubmission("short", "ana@example.org") is None
    assert captured.captured_queries == []


def test_a_token_with_another_email_is_refused_by_the_one_lookup(client, order_post, brochure):
    _material, english, _spanish = brochure
    client.post("/materials/order/", order_post({english: 1}, token="shared-token-0123456789abcd"))
    with pytest.raises(services.SubmissionTokenReusedError):
        services.find_resubmission("shared-token-0123456789abcd", "eve@example.org")
    assert services.find_resubmission("shared-token-0123456789abcd", " ANA@example.org ") == Order.objects.get()


@pytest.mark.parametrize("slug", sorted(STEPS))
def test_each_staff_step_hands_its_forms_fields_to_a_service_that_takes_them(slug):
    step = STEPS[slug]
    parameters = inspect.signature(step.service).parameters
    assert "by" in parameters
    form_fields = set(step.make_form().fields)
    for name, keyword in step.arguments.items():
        assert name in form_fields, f"{slug}: the form has no {name!r}"
        assert keyword in parameters, f"{slug}: {step.service.__name__} takes no {keyword!r}"
    required = {
        name
        for name, parameter in parameters.items()
        if parameter.kind is parameter.KEYWORD_ONLY and parameter.default is parameter.empty
    }
    assert required <= {"by", *step.arguments.values()}, f"{slug}: {step.service.__name__} needs more"


def test_give_back_and_take_share_the_alert_rule(brochure, mailoutbox, django_capture_on_commit_callbacks):
    """Taking below the threshold alerts once; giving back above it re-arms, as a restock does."""
    material = MaterialFactory()
    edition = EditionFactory(material=material, stock_on_hand=60, low_stock_threshold=50)
    details = {**VALID_DETAILS, "needed_by": None}
    placed = services.place_order(details, {edition.pk: 15}, "alert-rule-token-0123456789")
    edition.refresh_from_db()
    assert (edition.stock_on_hand, edition.low_stock_notified_at is not None) == (45, True)
    stock.give_back({edition.pk: 15})
    edition.refresh_from_db()
    assert (edition.stock_on_hand, edition.low_stock_notified_at) == (60, None)
    assert OutgoingEmail.objects.filter(subject__startswith="Low stock").count() == 1
    assert placed.created
