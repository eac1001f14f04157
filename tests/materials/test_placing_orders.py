"""Placing an order: one order per submission, stock reserved once, emails after commit, private status page."""

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from materials import emails, services
from materials.models import Edition, Order, OrderingPolicy, OrderStatusChange
from rescue_restore.models import OutgoingEmail
from tests.materials.conftest import VALID_DETAILS, leave_copies_under_the_lock

pytestmark = pytest.mark.django_db


def place(client, order_post, quantities, **kwargs):
    return client.post("/materials/order/", order_post(quantities, **kwargs))


def test_an_order_reserves_stock_and_shows_its_confirmation(client, order_post, brochure):
    _material, english, spanish = brochure
    response = place(client, order_post, {english: 20, spanish: 2})
    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/materials/orders/{order.status_token}/received/"
    assert order.status == Order.Status.RECEIVED
    assert order.reference == f"RR-{order.created_at.year}-{order.pk:06d}"
    assert sorted(order.items.values_list("edition__item_code", "quantity")) == [("RR-LBS-EN", 20), ("RR-LBS-ES", 2)]
    assert Edition.objects.get(pk=english.pk).stock_on_hand == 480
    assert Edition.objects.get(pk=spanish.pk).stock_on_hand == 1
    [history] = OrderStatusChange.objects.all()
    assert (history.from_status, history.to_status, history.changed_by) == ("", "received", None)

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert order.reference in html
    assert "Staff will review" not in html
    assert page["Cache-Control"].startswith("max-age=0")
    assert "noindex" in page["X-Robots-Tag"]


def test_the_same_submission_twice_creates_one_order(client, order_post, brochure, django_capture_on_commit_callbacks):
    _material, english, _spanish = brochure
    data = order_post({english: 20})
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/materials/order/", data)
        second = client.post("/materials/order/", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Order.objects.count() == 1
    assert Edition.objects.get(pk=english.pk).stock_on_hand == 480
    assert OutgoingEmail.objects.count() == 2  # confirmation and staff notice, once


def test_resubmitting_an_order_for_the_last_copies_shows_its_confirmation_not_out_of_stock(
    client, order_post, brochure
):
    _material, _english, spanish = brochure
    data = order_post({spanish: 3})
    first = client.post("/materials/order/", data)
    again = client.post("/materials/order/", {**data, "email": " ANA@example.org"})
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Order.objects.count() == 1
    assert Edition.objects.get(pk=spanish.pk).stock_on_hand == 0
    someone_else = client.post("/materials/order/", order_post({spanish: 1}, email="bo@example.org"))
    assert someone_else.status_code == 400
    assert "This item is out of stock" in someone_else.content.decode()


def test_a_resubmission_with_changed_quantities_still_returns_the_first_order(client, order_post, brochure):
    _material, english, _spanish = brochure
    place(client, order_post, {english: 20}, token="the-same-token-for-both-posts")
    again = place(client, order_post, {english: 90}, token="the-same-token-for-both-posts")
    assert again.status_code == 302
    assert Order.objects.get().items.get().quantity == 20
    assert Edition.objects.get(pk=english.pk).stock_on_hand == 480


def test_a_reused_token_with_another_email_reveals_nothing(client, order_post, brochure):
    _material, english, _spanish = brochure
    place(client, order_post, {english: 20}, token="the-same-token-for-both-posts")
    response = place(client, order_post, {english: 1}, token="the-same-token-for-both-posts", email="eve@example.org")
    assert response.status_code == 400
    assert "already used for another order" in response.content.decode()
    assert Order.objects.get().status_token not in response.content.decode()


def test_the_same_token_twice_stores_one_order_and_takes_stock_once(brochure):
    """Nothing looks for the token before the transaction: the unique token catches the repeat."""
    _material, english, _spanish = brochure
    details = {
        "name": "Ana",
        "organization": "",
        "organization_type": "other",
        "email": "ana@example.org",
        "phone": "2025550123",
        "address_line1": "1 Main St",
        "address_line2": "",
        "city": "Washington",
        "state": "DC",
        "zip_code": "20201",
        "intended_use": "Training",
        "needed_by": None,
    }
    first = services.place_order(details, {english.pk: 5}, "race-token-0123456789abcdef")
    second = services.place_order(details, {english.pk: 5}, "race-token-0123456789abcdef")
    assert (first.created, second.created) == (True, False)
    assert second.order.pk == first.order.pk
    assert Edition.objects.get(pk=english.pk).stock_on_hand == 495


def test_a_duplicate_that_finds_its_own_order_took_the_last_copies_returns_that_order(brochure):
    """The row lock shows the copies gone, to the repeat of the request that took them: its order."""
    _material, _english, spanish = brochure
    details = {**VALID_DETAILS, "needed_by": None}
    first = services.place_order(details, {spanish.pk: 3}, "last-copies-token-0123456789")
    second = services.place_order(details, {spanish.pk: 3}, "last-copies-token-0123456789")
    assert (first.created, second.created) == (True, False)
    assert second.order.pk == first.order.pk
    assert Edition.objects.get(pk=spanish.pk).stock_on_hand == 0


def test_placing_an_order_reads_nothing_it_already_has(brochure):
    """The hot path: no look-up of the token before the transaction, and no email rendered in it."""
    _material, english, spanish = brochure
    details = {**VALID_DETAILS, "needed_by": None}
    with CaptureQueriesContext(connection) as captured:
        services.place_order(details, {english.pk: 2, spanish.pk: 1}, "hot-path-token-0123456789ab")
    selects = [query["sql"] for query in captured.captured_queries if query["sql"].startswith("SELECT")]
    assert not [sql for sql in selects if 'FROM "materials_order"' in sql]
    assert not [sql for sql in selects if 'FROM "materials_orderitem"' in sql]
    assert not [query for query in captured.captured_queries if "rescue_restore_outgoingemail" in query["sql"]]


def test_the_worker_writes_both_emails_with_the_items_in_the_order_pages_order(brochure):
    _material, english, spanish = brochure
    details = {**VALID_DETAILS, "needed_by": None}
    placed = services.place_order(details, {english.pk: 2, spanish.pk: 1}, "worker-token-0123456789abcd")
    assert OutgoingEmail.objects.count() == 0  # nothing written until the order's transaction commits
    assert emails.write_new_order_emails.call(placed.order.pk) == "written"
    confirmation, staff = OutgoingEmail.objects.filter(purpose__startswith="materials/emails/order_").order_by("pk")
    assert (confirmation.recipients, staff.recipients) == (["ana@example.org"], ["division@rescue-restore.example.gov"])
    for email in (confirmation, staff):
        # Both items, in the order page's order (title, then language), with their quantities.
        lines = [line for line in email.body_text.splitlines() if line.startswith("- ")]
        assert [line.split(" x ")[0] for line in lines] == ["- 2", "- 1"]
        assert "RR-LBS-EN" in lines[0]
        assert "English" in lines[0]
        assert "RR-LBS-ES" in lines[1]
        assert "Spanish" in lines[1]
    assert placed.order.reference in confirmation.subject


def test_an_order_deleted_before_the_worker_gets_to_it_gets_no_email(brochure):
    _material, english, _spanish = brochure
    placed = services.place_order({**VALID_DETAILS, "needed_by": None}, {english.pk: 1}, "deleted-token-0123456789abc")
    order_id = placed.order.pk
    placed.order.delete()
    assert emails.write_new_order_emails.call(order_id) == "gone"
    assert OutgoingEmail.objects.count() == 0


def test_out_of_stock_for_a_new_token_is_still_refused(brochure):
    _material, _english, spanish = brochure
    details = {**VALID_DETAILS, "needed_by": None}
    services.place_order(details, {spanish.pk: 3}, "last-copies-token-0123456789")
    with pytest.raises(services.OrderRefusedError, match="out of stock"):
        services.place_order(details, {spanish.pk: 1}, "another-token-0123456789abc")
    assert Order.objects.count() == 1


def test_stock_gone_since_the_form_was_shown_is_a_clear_error_and_nothing_is_reserved(
    client, order_post, brochure, monkeypatch
):
    """The service's own check, after the form's, finds 1 copy where the form saw 3: nothing is reserved."""
    _material, english, spanish = brochure
    leave_copies_under_the_lock(monkeypatch, 1, spanish)
    response = place(client, order_post, {english: 20, spanish: 2})
    assert response.status_code == 409
    assert "“Look Beneath the Surface” (Spanish, item RR-LBS-ES): only 1 copy left; you asked for 2." in (
        response.content.decode().replace("&ldquo;", "“").replace("&rdquo;", "”")
    )
    assert Order.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0
    assert Edition.objects.get(pk=english.pk).stock_on_hand == 500


def test_out_of_stock_at_submission_is_refused(client, order_post, brochure):
    _material, english, spanish = brochure
    form_page = client.get("/materials/order/")
    assert form_page.status_code == 200
    Edition.objects.filter(pk=spanish.pk).update(stock_on_hand=0)
    response = place(client, order_post, {english: 1, spanish: 1})
    assert response.status_code == 400
    assert "This item is out of stock" in response.content.decode()
    assert Order.objects.count() == 0
    assert Edition.objects.get(pk=english.pk).stock_on_hand == 500


def test_an_item_withdrawn_since_the_form_was_shown_is_refused(brochure):
    _material, english, _spanish = brochure
    Edition.objects.filter(pk=english.pk).update(is_orderable=False)
    with pytest.raises(services.OrderRefusedError, match="can no longer be ordered"):
        services.place_order({"email": "a@example.org"}, {english.pk: 1}, "withdrawn-token-0123456789")
    assert Order.objects.count() == 0


@pytest.mark.parametrize(
    ("quantities", "usual_total", "reason"),
    [
        ({"en": 60}, 250, "60 copies of RR-LBS-EN (usual most: 50)"),
        ({"en": 40}, 30, "40 copies in all (usual most: 30)"),
    ],
)
def test_large_orders_are_accepted_but_held_for_review(
    client, order_post, brochure, quantities, usual_total, reason, mailoutbox, django_capture_on_commit_callbacks
):
    _material, english, _spanish = brochure
    OrderingPolicy(usual_total_quantity=usual_total).save()
    with django_capture_on_commit_callbacks(execute=True):
        response = place(client, order_post, {english: quantities["en"]})
    order = Order.objects.get()
    assert order.status == Order.Status.HELD_FOR_REVIEW
    assert reason in order.review_reasons
    assert reason in order.status_changes.get().note
    assert Edition.objects.get(pk=english.pk).stock_on_hand == 500 - quantities["en"]
    assert "Staff will review this order" in client.get(response["Location"]).content.decode()
    confirmation, staff = mailoutbox
    assert "waiting for review" in confirmation.subject
    assert "staff will review your order" in confirmation.body
    assert staff.subject.startswith(f"Order to review: {order.reference}")
    assert reason in staff.body


def test_confirmation_and_staff_emails(client, order_post, brochure, mailoutbox, django_capture_on_commit_callbacks):
    _material, english, spanish = brochure
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        place(client, order_post, {english: 20, spanish: 2}, organization="O'Brien Clinic")
    mail_callbacks = [callback for callback in callbacks if "enqueue_with_transaction" in callback.__qualname__]
    assert len(mail_callbacks) == 3  # the order's emails are written, then each is delivered by its own task
    order = Order.objects.get()
    status_url = f"https://rescue-restore.example.gov/materials/orders/{order.status_token}/"
    confirmation, staff = mailoutbox

    assert confirmation.to == ["ana@example.org"]
    assert confirmation.subject == f"Your Rescue & Restore order {order.reference} is received"
    assert order.reference in confirmation.body
    assert "20 x Look Beneath the Surface (English, RR-LBS-EN)" in confirmation.body
    assert "2 x Look Beneath the Surface (Spanish, RR-LBS-ES)" in confirmation.body
    assert status_url in confirmation.body
    html, mimetype = confirmation.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{status_url}"' in html
    assert "RR-LBS-ES" in html

    assert staff.to == ["division@rescue-restore.example.gov"]
    assert staff.reply_to == ["ana@example.org"]
    assert staff.subject == f"New order: {order.reference} from O'Brien Clinic (DC)"
    admin_url = f"https://rescue-restore.example.gov/admin/materials/order/{order.pk}/change/"
    assert admin_url in staff.body
    assert "Posters for our waiting room." in staff.body
    assert "O&#x27;Brien Clinic" in staff.alternatives[0][0]
    assert order.status_token not in staff.body  # staff use the admin, not the requester's private link


def test_no_email_is_sent_inside_the_request(
    client, order_post, brochure, mailoutbox, django_capture_on_commit_callbacks
):
    _material, english, _spanish = brochure
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        place(client, order_post, {english: 1})
    assert mailoutbox == []
    assert OutgoingEmail.objects.count() == 0
    assert len(callbacks) == 1  # the task that writes the emails, handed over only at the commit


def test_with_database_tasks_the_email_task_is_stored_with_the_order(settings, brochure):
    """One commit per order: the worker sees the task at the order's commit, and a rollback removes both."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}
    _material, english, _spanish = brochure
    with transaction.atomic():
        details = {**VALID_DETAILS, "needed_by": None}
        placed = services.place_order(details, {english.pk: 1}, "outbox-token-0123456789abc")
        (stored,) = DBTaskResult.objects.all()  # already there, before the commit
        assert stored.task_path == "materials.emails.write_new_order_emails"
        assert stored.args_kwargs["args"] == [placed.order.pk]


def test_order_is_kept_when_the_email_provider_is_down(
    client, order_post, brochure, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    _material, english, _spanish = brochure

    def refuse(self, messages):
        raise ConnectionError("provider unavailable")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        response = place(client, order_post, {english: 1})
    assert response.status_code == 302
    assert Order.objects.count() == 1
    emails = OutgoingEmail.objects.all()
    assert len(emails) == 2
    for email in emails:
        assert email.status == OutgoingEmail.Status.PENDING
        assert email.next_attempt_at is not None
        assert "provider unavailable" in email.last_error


def test_status_page_by_token_and_404_for_a_wrong_one(client, order_post, brochure):
    _material, english, _spanish = brochure
    place(client, order_post, {english: 3})
    order = Order.objects.get()
    page = client.get(f"/materials/orders/{order.status_token}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert order.reference in html
    assert 'data-order-status="received"' in html
    assert "ana@example.org" not in html
    assert "Independence" not in html
    assert "noindex" in page["X-Robots-Tag"]
    for wrong in [order.status_token[:-1] + ("A" if order.status_token[-1] != "A" else "B"), "x", "a" * 200]:
        assert client.get(f"/materials/orders/{wrong}/").status_code == 404
        assert client.get(f"/materials/orders/{wrong}/received/").status_code == 404
    assert client.get(f"/materials/orders/{order.reference}/").status_code == 404


def test_status_tokens_are_long_and_random(client, order_post, brochure):
    _material, english, _spanish = brochure
    place(client, order_post, {english: 1})
    place(client, order_post, {english: 1})
    first, second = Order.objects.values_list("status_token", flat=True)
    assert first != second
    assert len(first) >= 40
