"""A bulletin reaches subscribers only after a second person approved it; a test send needs no approval."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group

from listserv import clearance, sending
from listserv.models import Bulletin
from rescue_restore.accounts import roles
from rescue_restore.kernel.clearance import run_schedules
from rescue_restore.kernel.workflow import InvalidTransitionError
from tests.factories.listserv import BulletinFactory, SubscriberFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

STEP = "/admin/listserv/bulletin/{pk}/clearance/{step}/"


@pytest.fixture
def draft(topics, staff_listserv_manager):
    bulletin = BulletinFactory(topics=[topics[0]], status=Bulletin.Status.DRAFT, created_by=staff_listserv_manager)
    clearance.record_edit(bulletin, by=staff_listserv_manager)
    SubscriberFactory.create_batch(2, topics=[topics[0]])
    return bulletin


@pytest.fixture
def manager_approver(django_user_model):
    """A listserv manager who is also a content approver."""
    user = django_user_model.objects.create_user("both", "both@rescue-restore.example.gov", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.LISTSERV_MANAGERS), Group.objects.get(name=roles.CONTENT_APPROVERS))
    return user


def test_a_draft_cannot_be_sent_to_subscribers(
    client, staff_listserv_manager, draft, mailoutbox, django_capture_on_commit_callbacks
):
    with pytest.raises(InvalidTransitionError):
        sending.start_sending(draft, by=staff_listserv_manager)
    sign_in(client, staff_listserv_manager)
    change = client.get(f"/admin/listserv/bulletin/{draft.pk}/change/").content.decode()
    assert "Send to subscribers" not in change
    assert "Send a test to me" in change  # the author can still see it in their own inbox
    confirm = client.get(f"/admin/listserv/bulletin/{draft.pk}/send/").content.decode()
    assert "only a bulletin a second person approved can be sent" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/listserv/bulletin/{draft.pk}/send/")
    draft.refresh_from_db()
    assert draft.status == Bulletin.Status.DRAFT
    assert mailoutbox == []
    assert not draft.deliveries.exists()


def test_review_then_a_second_persons_approval_then_sending(
    client,
    staff_listserv_manager,
    staff_approver,
    draft,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    sign_in(client, staff_listserv_manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(STEP.format(pk=draft.pk, step="submit"), {"note": ""})
    draft.refresh_from_db()
    assert draft.status == Bulletin.Status.IN_REVIEW
    [review_email] = mailoutbox
    assert review_email.to == [staff_approver.email]
    assert review_email.subject == f"Waiting for your review: bulletin “{draft.subject}”"
    assert f"/admin/listserv/bulletin/{draft.pk}/change/" in review_email.body
    # The author, a listserv manager, may not approve.
    response = client.post(STEP.format(pk=draft.pk, step="approve"), {"note": ""})
    assert response.status_code == 403
    sign_in(client, staff_approver)
    assert "Approve" in client.get(f"/admin/listserv/bulletin/{draft.pk}/change/").content.decode()
    client.post(STEP.format(pk=draft.pk, step="approve"), {"note": "Cleared."})
    draft.refresh_from_db()
    assert draft.status == Bulletin.Status.APPROVED
    assert draft.events.get(to_status="approved").changed_by == staff_approver
    # The approver does not send: sending stays with the listserv managers.
    assert client.post(f"/admin/listserv/bulletin/{draft.pk}/send/").status_code == 403
    sign_in(client, staff_listserv_manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/listserv/bulletin/{draft.pk}/send/")
    draft.refresh_from_db()
    assert draft.status == Bulletin.Status.SENT
    assert len(mailoutbox) == 1 + 2
    assert [(e.from_status, e.to_status) for e in draft.events.order_by("pk")] == [
        ("draft", "in_review"),
        ("in_review", "approved"),
        ("approved", "sending"),
        ("sending", "sent"),
    ]


def test_a_manager_who_is_also_an_approver_cannot_approve_their_own_bulletin(
    client, manager_approver, staff_approver, topics
):
    bulletin = BulletinFactory(topics=[topics[0]], status=Bulletin.Status.DRAFT, created_by=manager_approver)
    clearance.submit_for_review(bulletin, by=manager_approver)
    with pytest.raises(InvalidTransitionError, match="second person"):
        clearance.approve(bulletin, by=manager_approver)
    sign_in(client, manager_approver)
    page = client.get(f"/admin/listserv/bulletin/{bulletin.pk}/change/").content.decode()
    assert "another content approver must approve it" in page
    client.post(STEP.format(pk=bulletin.pk, step="approve"), {"note": ""})
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.IN_REVIEW
    clearance.approve(bulletin, by=staff_approver)
    assert bulletin.status == Bulletin.Status.APPROVED


def test_a_manager_who_edited_a_colleagues_bulletin_cannot_approve_it(
    manager_approver, staff_listserv_manager, staff_approver, draft
):
    clearance.record_edit(draft, by=manager_approver)
    clearance.submit_for_review(draft, by=staff_listserv_manager)
    with pytest.raises(InvalidTransitionError, match="second person"):
        clearance.approve(draft, by=manager_approver)


def test_sending_back_needs_a_reason_and_reopens_the_text(client, staff_listserv_manager, staff_approver, draft):
    clearance.submit_for_review(draft, by=staff_listserv_manager)
    sign_in(client, staff_approver)
    assert client.post(STEP.format(pk=draft.pk, step="send_back"), {"reason": ""}).status_code == 400
    client.post(STEP.format(pk=draft.pk, step="send_back"), {"reason": "Add the Spanish version."})
    draft.refresh_from_db()
    assert draft.status == Bulletin.Status.DRAFT
    assert draft.events.order_by("-pk").first().note == "Add the Spanish version."
    sign_in(client, staff_listserv_manager)
    assert 'name="_save"' in client.get(f"/admin/listserv/bulletin/{draft.pk}/change/").content.decode()


def test_an_approved_bulletin_goes_back_to_draft_before_it_can_change(staff_listserv_manager, staff_approver, draft):
    clearance.submit_for_review(draft, by=staff_listserv_manager)
    clearance.approve(draft, by=staff_approver)
    with pytest.raises(InvalidTransitionError, match="Say why"):
        clearance.send_back(draft, by=staff_listserv_manager, reason=" ")
    clearance.send_back(draft, by=staff_listserv_manager, reason="A date was wrong.")
    assert draft.status == Bulletin.Status.DRAFT
    with pytest.raises(InvalidTransitionError):
        sending.start_sending(draft, by=staff_listserv_manager)


NOON = datetime(2026, 12, 8, 17, 0, tzinfo=UTC)


def test_a_scheduled_bulletin_is_sent_once_at_its_time(
    staff_listserv_manager, staff_approver, draft, mailoutbox, django_capture_on_commit_callbacks
):
    with time_machine.travel(NOON, tick=False):
        Bulletin.objects.filter(pk=draft.pk).update(send_at=NOON + timedelta(hours=2))
        draft.refresh_from_db()
        clearance.submit_for_review(draft, by=staff_listserv_manager)
        clearance.approve(draft, by=staff_approver)
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert run_schedules()["bulletins started sending"] == 0
    with time_machine.travel(NOON + timedelta(hours=2, minutes=3), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert run_schedules()["bulletins started sending"] == 1
        with django_capture_on_commit_callbacks(execute=True):
            assert run_schedules()["bulletins started sending"] == 0
    draft.refresh_from_db()
    assert draft.status == Bulletin.Status.SENT
    assert len(mailoutbox) == 2
    assert draft.events.get(to_status="sending").changed_by is None


def test_a_scheduled_draft_is_never_sent(staff_listserv_manager, draft, mailoutbox):
    Bulletin.objects.filter(pk=draft.pk).update(send_at=NOON)
    with time_machine.travel(NOON + timedelta(days=1), tick=False):
        assert run_schedules()["bulletins started sending"] == 0
    draft.refresh_from_db()
    assert draft.status == Bulletin.Status.DRAFT


def test_the_dashboard_lists_bulletins_waiting_for_review(client, staff_listserv_manager, staff_approver, draft):
    clearance.submit_for_review(draft, by=staff_listserv_manager)
    sign_in(client, staff_approver)
    [item] = client.get("/admin/").context["waiting_for_clearance"]
    assert (item.kind, item.title, item.author) == ("Bulletin", draft.subject, "listserv")


def test_any_two_revisions_of_a_bulletin_compare_word_by_word(client, staff_listserv_manager, draft):
    first = draft.audit_trail.latest()
    draft.body = "Training **this autumn**. See [the materials](/materials/).\r\n"
    draft.save()
    sign_in(client, staff_listserv_manager)
    html = client.get(f"/admin/listserv/bulletin/{draft.pk}/revisions/?a={first.history_id}").content.decode()
    assert "Training this <del>spring</del>. See the materials." in html
    assert "Training this <ins>autumn</ins>. See the materials." in html
    assert "Roll back" not in html  # a bulletin is rewritten in its draft
