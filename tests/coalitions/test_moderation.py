"""Moderation in the admin: every decision, its history and its email; who may decide."""

import datetime

import pytest
from django.utils import timezone

from coalitions import services
from coalitions.models import AffiliationRequest, Coalition
from rescue_restore.kernel.workflow import InvalidTransitionError
from tests.factories.coalitions import AffiliationRequestFactory, CoalitionFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

Status = AffiliationRequest.Status


def decide_url(request_object, decision):
    return f"/admin/coalitions/affiliationrequest/{request_object.pk}/decide/{decision}/"


def change_url(request_object):
    return f"/admin/coalitions/affiliationrequest/{request_object.pk}/change/"


@pytest.fixture
def moderator_client(client, staff_coalition_moderator):
    sign_in(client, staff_coalition_moderator)
    return client


def decide(moderator_client, request_object, decision, note, capture):
    with capture(execute=True):
        response = moderator_client.post(decide_url(request_object, decision), {"note": note})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == change_url(request_object)
    request_object.refresh_from_db()
    return response


def test_change_page_offers_the_decisions_the_request_allows(moderator_client):
    affiliate = AffiliationRequestFactory()
    html = moderator_client.get(change_url(affiliate)).content.decode()
    for slug in ("approve", "decline", "more-information", "guidance"):
        assert decide_url(affiliate, slug) in html
    form_new = AffiliationRequestFactory(kind=AffiliationRequest.Kind.FORM_NEW, coalition_name="")
    html = moderator_client.get(change_url(form_new)).content.decode()
    assert decide_url(form_new, "approve") not in html
    assert decide_url(form_new, "guidance") in html


def test_decision_page_asks_for_the_note_first(moderator_client):
    request_object = AffiliationRequestFactory()
    response = moderator_client.get(decide_url(request_object, "decline"))
    assert response.status_code == 200
    assert "Reason (sent to the applicant)" in response.content.decode()
    # A decline without a reason is refused and changes nothing.
    response = moderator_client.post(decide_url(request_object, "decline"), {"note": ""})
    assert response.status_code == 200
    request_object.refresh_from_db()
    assert request_object.status == Status.SUBMITTED


def test_approve_creates_a_public_listing_and_emails_the_applicant(
    moderator_client, staff_coalition_moderator, mailoutbox, django_capture_on_commit_callbacks
):
    request_object = AffiliationRequestFactory(public_email="info@peoria.example.org", member_count=6)
    decide(moderator_client, request_object, "approve", "Welcome aboard.", django_capture_on_commit_callbacks)
    assert request_object.status == Status.APPROVED
    coalition = request_object.coalition
    assert coalition.listing_status == Coalition.ListingStatus.LISTED
    assert coalition.name == "Peoria Area Anti-Trafficking Coalition"
    assert (coalition.city, coalition.state) == ("Peoria", "IL")
    assert coalition.contact_email == "info@peoria.example.org"
    assert coalition.website == "https://peoria-coalition.example.org/"
    assert coalition.works_with_task_force is True
    assert coalition.last_verified == timezone.localdate()
    history = request_object.history.get(to_status=Status.APPROVED)
    assert (history.changed_by, history.from_status, history.note) == (
        staff_coalition_moderator,
        "submitted",
        "Welcome aboard.",
    )
    assert coalition.history.get().to_status == Coalition.ListingStatus.LISTED

    [email] = mailoutbox
    assert email.to == [request_object.email]
    assert email.reply_to == ["division@rescue-restore.example.gov"]
    assert email.subject == f"Your coalition request {request_object.reference} is approved"
    assert f"https://rescue-restore.example.gov/coalitions/{coalition.slug}/" in email.body
    assert "Welcome aboard." in email.body
    assert "Welcome aboard." in email.alternatives[0][0]
    assert moderator_client.get(f"/coalitions/{coalition.slug}/").status_code == 200


def test_approve_without_consent_records_the_coalition_but_keeps_it_private(
    moderator_client, client, mailoutbox, django_capture_on_commit_callbacks
):
    request_object = AffiliationRequestFactory(consent_to_list=False)
    decide(moderator_client, request_object, "approve", "", django_capture_on_commit_callbacks)
    coalition = request_object.coalition
    assert coalition.listing_status == Coalition.ListingStatus.PENDING
    assert "does not appear in the public directory" in mailoutbox[0].body
    client.logout()
    assert client.get(f"/coalitions/{coalition.slug}/").status_code == 404
    assert coalition.name not in client.get("/coalitions/").content.decode()


def test_approving_an_update_request_updates_the_existing_listing(
    moderator_client, mailoutbox, django_capture_on_commit_callbacks
):
    coalition = CoalitionFactory(
        name="Old Name", listing_status=Coalition.ListingStatus.NEEDS_REVERIFICATION, last_verified=None
    )
    request_object = AffiliationRequestFactory(
        kind=AffiliationRequest.Kind.UPDATE, coalition=coalition, coalition_name="New Name", consent_to_list=True
    )
    decide(moderator_client, request_object, "approve", "", django_capture_on_commit_callbacks)
    coalition.refresh_from_db()
    assert Coalition.objects.count() == 1
    assert coalition.name == "New Name"
    assert coalition.listing_status == Coalition.ListingStatus.LISTED
    assert coalition.last_verified == timezone.localdate()
    assert "updates to the listing" in mailoutbox[0].body


def test_decline_records_the_reason_and_emails_it(moderator_client, mailoutbox, django_capture_on_commit_callbacks):
    request_object = AffiliationRequestFactory()
    decide(
        moderator_client, request_object, "decline", "Only 3 members <b>so far</b>.", django_capture_on_commit_callbacks
    )
    assert request_object.status == Status.DECLINED
    assert request_object.coalition is None
    assert Coalition.objects.count() == 0
    assert request_object.history.last().note == "Only 3 members <b>so far</b>."
    [email] = mailoutbox
    assert email.to == [request_object.email]
    assert email.reply_to == ["division@rescue-restore.example.gov"]
    assert "Only 3 members <b>so far</b>." in email.body
    assert "Only 3 members &lt;b&gt;so far&lt;/b&gt;." in email.alternatives[0][0]


def test_ask_for_more_information_keeps_the_request_open(
    moderator_client, staff_coalition_moderator, mailoutbox, django_capture_on_commit_callbacks
):
    request_object = AffiliationRequestFactory()
    decide(moderator_client, request_object, "more-information", "Which sectors?", django_capture_on_commit_callbacks)
    assert request_object.status == Status.MORE_INFORMATION_REQUESTED
    assert request_object.is_open
    [email] = mailoutbox
    assert email.subject == f"A question about your coalition request {request_object.reference}"
    assert "Which sectors?" in email.body
    # The division's inbox, never a moderator's personal address (settings.STAFF_NOTIFY_EMAILS).
    assert email.reply_to == ["division@rescue-restore.example.gov"]
    assert staff_coalition_moderator.email not in str(email.message())
    # Still open: a duplicate is still refused, and a decision can follow.
    assert services.open_request_exists(request_object.email, request_object.community, request_object.state)
    decide(moderator_client, request_object, "approve", "", django_capture_on_commit_callbacks)
    assert request_object.status == Status.APPROVED


def test_new_coalition_request_is_answered_with_guidance_and_the_tool_kits(
    moderator_client, mailoutbox, django_capture_on_commit_callbacks
):
    request_object = AffiliationRequestFactory(
        kind=AffiliationRequest.Kind.FORM_NEW, coalition_name="", community="Boise", state="ID"
    )
    decide(moderator_client, request_object, "guidance", "Start with a meeting.", django_capture_on_commit_callbacks)
    assert request_object.status == Status.GUIDANCE_SENT
    assert Coalition.objects.count() == 0
    [email] = mailoutbox
    assert email.subject == "Forming a Rescue & Restore coalition in Boise"
    assert email.reply_to == ["division@rescue-restore.example.gov"]
    assert "Start with a meeting." in email.body
    assert "https://rescue-restore.example.gov/materials/" in email.body
    assert "https://rescue-restore.example.gov/pages/get-involved/" in email.body
    assert 'href="https://rescue-restore.example.gov/materials/"' in email.alternatives[0][0]


def test_a_new_coalition_request_cannot_be_approved_into_a_listing(moderator_client, staff_coalition_moderator):
    request_object = AffiliationRequestFactory(kind=AffiliationRequest.Kind.FORM_NEW, coalition_name="Working name")
    response = moderator_client.post(decide_url(request_object, "approve"), {"note": ""})
    assert response.status_code == 302
    request_object.refresh_from_db()
    assert request_object.status == Status.SUBMITTED
    with pytest.raises(InvalidTransitionError):
        services.approve_request(request_object, by=staff_coalition_moderator)
    assert Coalition.objects.count() == 0


@pytest.mark.parametrize("decision", ["approve", "decline", "more-information", "guidance"])
def test_a_decided_request_cannot_be_decided_again(moderator_client, mailoutbox, decision):
    request_object = AffiliationRequestFactory(status=Status.DECLINED)
    response = moderator_client.post(decide_url(request_object, decision), {"note": "again"}, follow=True)
    assert "is not possible" in response.content.decode()
    request_object.refresh_from_db()
    assert request_object.status == Status.DECLINED
    assert mailoutbox == []


def test_transition_table_refuses_a_change_it_does_not_list(staff_coalition_moderator):
    request_object = AffiliationRequestFactory(status=Status.APPROVED)
    with pytest.raises(InvalidTransitionError, match="approved"):
        services.decline_request(request_object, by=staff_coalition_moderator, reason="no")
    assert request_object.history.count() == 0


def test_staff_without_the_role_cannot_moderate(client, staff_no_role, mailoutbox):
    request_object = AffiliationRequestFactory()
    sign_in(client, staff_no_role)
    assert client.get(change_url(request_object)).status_code == 403
    assert client.post(decide_url(request_object, "approve"), {"note": ""}).status_code == 403
    request_object.refresh_from_db()
    assert request_object.status == Status.SUBMITTED


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    request_object = AffiliationRequestFactory()
    response = client.post(decide_url(request_object, "approve"), {"note": ""})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_request_list_flags_fewer_than_ten_members(moderator_client):
    AffiliationRequestFactory(member_count=4, coalition_name="Small Coalition")
    AffiliationRequestFactory(member_count=40, coalition_name="Large Coalition")
    response = moderator_client.get("/admin/coalitions/affiliationrequest/?members=below")
    html = response.content.decode()
    assert "Small Coalition" in html
    assert "Large Coalition" not in html
    assert "Fewer than 10 members" in html


def test_moderator_can_unlist_and_relist_a_coalition_from_the_list(moderator_client, client):
    coalition = CoalitionFactory()
    moderator_client.post(
        "/admin/coalitions/coalition/", {"action": "mark_inactive", "_selected_action": [coalition.pk]}
    )
    coalition.refresh_from_db()
    assert coalition.listing_status == Coalition.ListingStatus.INACTIVE
    assert coalition.history.get().changed_by.username == "moderator"
    moderator_client.post(
        "/admin/coalitions/coalition/", {"action": "list_publicly", "_selected_action": [coalition.pk]}
    )
    coalition.refresh_from_db()
    assert coalition.listing_status == Coalition.ListingStatus.LISTED


def test_dashboard_shows_pending_requests_and_listings_to_reverify(moderator_client):
    AffiliationRequestFactory.create_batch(2)
    AffiliationRequestFactory(status=Status.DECLINED)
    CoalitionFactory(listing_status=Coalition.ListingStatus.NEEDS_REVERIFICATION)
    CoalitionFactory(last_verified=timezone.localdate() - datetime.timedelta(days=800))
    CoalitionFactory()
    html = moderator_client.get("/admin/").content.decode()
    assert '<span class="rr-dashboard__count">2</span> Coalition requests to moderate' in html
    assert '<span class="rr-dashboard__count">2</span> Listings needing re-verification' in html


def test_dashboard_hides_coalition_cards_from_other_roles(client, staff_editor):
    sign_in(client, staff_editor)
    assert "Coalition requests to moderate" not in client.get("/admin/").content.decode()


def test_coalition_list_filters_listings_needing_reverification(moderator_client):
    CoalitionFactory(name="Flagged One", listing_status=Coalition.ListingStatus.NEEDS_REVERIFICATION)
    CoalitionFactory(name="Stale One", last_verified=timezone.localdate() - datetime.timedelta(days=800))
    CoalitionFactory(name="Fresh One")
    CoalitionFactory(name="Hidden One", listing_status=Coalition.ListingStatus.PENDING, last_verified=None)
    html = moderator_client.get("/admin/coalitions/coalition/?verification=due").content.decode()
    assert "Flagged One" in html
    assert "Stale One" in html
    assert "Fresh One" not in html
    assert "Hidden One" not in html
