"""Scheduled publishing and expiry (with a frozen clock), and rolling a page back to an old revision."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from pytest_django.asserts import assertContains

from campaign import clearance
from campaign.models import Page
from rescue_restore.kernel.clearance import run_schedules
from rescue_restore.kernel.workflow import Clearance, InvalidTransitionError
from rescue_restore.models import ScheduledRun
from rescue_restore.ops import scheduler
from tests.factories.campaign import PageFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

NINE = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)  # Monday 09:00 in Washington


@pytest.fixture
def live_page():
    return PageFactory(title="Hotline", slug="hotline", body="Call the hotline.")


def _approved(page, editor, approver, body, publish_at):
    draft = clearance.start_draft(page, "en", by=editor)
    draft.body, draft.publish_at = body, publish_at
    draft.save()
    clearance.submit_for_review(draft, by=editor)
    clearance.approve(draft, by=approver)
    draft.refresh_from_db()
    return draft


def test_an_approved_change_goes_public_at_its_time_once(client, staff_editor, staff_approver, live_page):
    with time_machine.travel(NINE, tick=False):
        draft = _approved(live_page, staff_editor, staff_approver, "Call or text.", NINE + timedelta(hours=3))
        assert draft.status == Clearance.APPROVED  # cleared, waiting for its time
        assert run_schedules() == {
            "page changes published": 0,
            "pages unpublished": 0,
            "bulletins started sending": 0,
            "material changes published": 0,
        }
        assertContains(client.get("/pages/hotline/"), "Call the hotline.")
    with time_machine.travel(NINE + timedelta(hours=3, minutes=2), tick=False):
        assert run_schedules()["page changes published"] == 1
        assert run_schedules()["page changes published"] == 0  # a second scheduler finds nothing left
        assertContains(client.get("/pages/hotline/"), "Call or text.")
    draft.refresh_from_db()
    assert draft.status == Clearance.PUBLISHED
    published = draft.events.get(to_status="published")
    assert (published.changed_by, published.note) == (None, "Published at the time set.")


def test_two_schedulers_ticking_at_the_same_moment_publish_once(
    staff_editor, staff_approver, live_page, django_capture_on_commit_callbacks
):
    with time_machine.travel(NINE, tick=False):
        draft = _approved(live_page, staff_editor, staff_approver, "Once only.", NINE + timedelta(minutes=1))
    job = [scheduler.job_named("publish_scheduled")]
    with time_machine.travel(NINE + timedelta(minutes=5), tick=False), django_capture_on_commit_callbacks(execute=True):
        first = scheduler.tick(jobs=job, claimed_by="host-a")
        second = scheduler.tick(jobs=job, claimed_by="host-b")
    assert (len(first), second) == (1, [])
    assert ScheduledRun.objects.get(job="publish_scheduled").outcome == ScheduledRun.Outcome.SUCCEEDED
    assert draft.events.filter(to_status="published").count() == 1
    assert Page.objects.get(pk=live_page.pk).body == "Once only."


def test_a_stale_copy_cannot_publish_twice(staff_editor, staff_approver, live_page):
    with time_machine.travel(NINE, tick=False):
        draft = _approved(live_page, staff_editor, staff_approver, "New.", NINE + timedelta(hours=1))
    stale = type(draft).objects.get(pk=draft.pk)
    clearance.publish(draft, by=staff_approver)
    with pytest.raises(InvalidTransitionError):
        clearance.publish(stale)
    assert draft.events.filter(to_status="published").count() == 1


def test_a_page_leaves_the_site_at_its_unpublish_time(client, live_page):
    Page.objects.filter(pk=live_page.pk).update(unpublish_at=NINE + timedelta(days=1))
    with time_machine.travel(NINE, tick=False):
        assert run_schedules()["pages unpublished"] == 0
        assert client.get("/pages/hotline/").status_code == 200
    with time_machine.travel(NINE + timedelta(days=1, minutes=1), tick=False):
        assert run_schedules()["pages unpublished"] == 1
        assert run_schedules()["pages unpublished"] == 0
        assert client.get("/pages/hotline/").status_code == 404
    page = Page.objects.get(pk=live_page.pk)
    assert (page.is_published, page.unpublish_at) == (False, None)
    assert page.audit_trail.latest().history_change_reason == "Unpublished at the time set."


def test_roll_back_makes_a_new_draft_from_an_old_revision_cleared_like_any_change(
    client, staff_editor, staff_approver, live_page
):
    original = live_page.audit_trail.latest()
    draft = _approved(live_page, staff_editor, staff_approver, "A mistaken change.", None)
    assert draft.status == Clearance.PUBLISHED
    sign_in(client, staff_editor)
    revisions = client.get(f"/admin/campaign/page/{live_page.pk}/revisions/?a={original.history_id}")
    assertContains(revisions, "<del>Call the hotline</del>.", html=True)
    assertContains(revisions, "<ins>A mistaken change</ins>.", html=True)
    response = client.post(
        f"/admin/campaign/page/{live_page.pk}/roll-back/", {"revision": original.history_id, "language": "en"}
    )
    rollback = live_page.drafts.get(status=Clearance.DRAFT)
    assert response["Location"] == f"/admin/campaign/pagedraft/{rollback.pk}/change/"
    assert rollback.body == "Call the hotline."
    assert rollback.events.get().note.startswith("Rolled back to the revision of")
    assert Page.objects.get(pk=live_page.pk).body == "A mistaken change."  # nothing public until cleared
    # A second roll back while this draft is open is refused, so nobody's work is overwritten.
    again = client.post(
        f"/admin/campaign/page/{live_page.pk}/roll-back/", {"revision": original.history_id, "language": "en"}
    )
    assert again["Location"] == f"/admin/campaign/page/{live_page.pk}/revisions/"
    assert live_page.drafts.open().count() == 1
    clearance.submit_for_review(rollback, by=staff_editor)
    with pytest.raises(InvalidTransitionError, match="content approver"):
        clearance.approve(rollback, by=staff_editor)
    clearance.approve(rollback, by=staff_approver)
    assert Page.objects.get(pk=live_page.pk).body == "Call the hotline."


@pytest.mark.parametrize(
    "posted", [{"revision": "nope", "language": "en"}, {"revision": "1", "language": "xx"}, {"revision": "\x00"}]
)
def test_roll_back_refuses_hostile_input_without_a_500(client, staff_editor, live_page, posted):
    sign_in(client, staff_editor)
    response = client.post(f"/admin/campaign/page/{live_page.pk}/roll-back/", posted)
    assert response.status_code == 302
    assert not live_page.drafts.exists()
    assert client.get(f"/admin/campaign/page/{live_page.pk}/roll-back/").status_code == 405


def test_a_save_that_changes_only_line_endings_is_not_a_change(client, staff_editor):
    page = PageFactory(is_published=False, body="One line.\nTwo lines.")
    page.body = "One line.\r\nTwo lines."
    page.save()
    latest = page.audit_trail.latest()
    assert latest.diff_against(latest.prev_record).changes == []
    sign_in(client, staff_editor)
    history = client.get(f"/admin/campaign/page/{page.pk}/history/").content.decode()
    assert "None" not in history.split('id="change-history"')[1].split("</table>")[0]
