"""Moderation rules: consent before listing, no re-listing through old updates, one listing per coalition."""

import pytest
from django.db import IntegrityError

from coalitions import services
from coalitions.models import AffiliationRequest, Coalition
from rescue_restore.kernel.workflow import InvalidTransitionError
from tests.factories.coalitions import AffiliationRequestFactory, CoalitionFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

Status = AffiliationRequest.Status
Listing = Coalition.ListingStatus
CHANGELIST = "/admin/coalitions/coalition/"


@pytest.fixture
def moderator_client(client, staff_coalition_moderator):
    sign_in(client, staff_coalition_moderator)
    return client


def decide_url(request_object, decision="approve"):
    return f"/admin/coalitions/affiliationrequest/{request_object.pk}/decide/{decision}/"


def approve(moderator_client, request_object, capture, **data):
    with capture(execute=True):
        response = moderator_client.post(decide_url(request_object), {"note": "", **data}, follow=True)
    request_object.refresh_from_db()
    return response.content.decode()


def run_action(moderator_client, action, coalition, capture=None):
    data = {"action": action, "_selected_action": [coalition.pk]}
    if capture is None:
        html = moderator_client.post(CHANGELIST, data, follow=True).content.decode()
    else:
        with capture(execute=True):
            html = moderator_client.post(CHANGELIST, data, follow=True).content.decode()
    coalition.refresh_from_db()
    return html


# Item 1: the applicant's own address is never published.
def test_approval_never_publishes_the_applicants_own_email(
    moderator_client, mailoutbox, django_capture_on_commit_callbacks
):
    request_object = AffiliationRequestFactory(email="private@example.org", public_email="")
    approve(moderator_client, request_object, django_capture_on_commit_callbacks)
    assert request_object.coalition.contact_email == ""
    listing_page = moderator_client.get(request_object.coalition.get_absolute_url()).content.decode()
    assert "private@example.org" not in listing_page


# Item 2: "List publicly" needs consent.
def test_list_publicly_is_refused_without_the_applicants_consent(
    moderator_client, staff_coalition_moderator, django_capture_on_commit_callbacks
):
    request_object = AffiliationRequestFactory(consent_to_list=False)
    approve(moderator_client, request_object, django_capture_on_commit_callbacks)
    coalition = request_object.coalition
    assert coalition.listing_status == Listing.PENDING
    html = run_action(moderator_client, "list_publicly", coalition)
    assert coalition.listing_status == Listing.PENDING
    assert "No applicant consented to this listing being public" in html
    assert not coalition.history.exists()
    # Marked inactive and back again: still never listed with consent, still refused.
    services.set_listing_status(coalition, Listing.INACTIVE, by=staff_coalition_moderator)
    with pytest.raises(InvalidTransitionError, match="consented"):
        services.set_listing_status(coalition, Listing.LISTED, by=staff_coalition_moderator)


def test_list_publicly_is_allowed_with_consent_or_when_listed_before(moderator_client, staff_coalition_moderator):
    consented = CoalitionFactory(listing_status=Listing.PENDING)
    AffiliationRequestFactory(coalition=consented, status=Status.APPROVED, consent_to_list=True)
    run_action(moderator_client, "list_publicly", consented)
    assert consented.listing_status == Listing.LISTED

    was_listed = CoalitionFactory()
    AffiliationRequestFactory(coalition=was_listed, status=Status.APPROVED, consent_to_list=False)
    services.set_listing_status(was_listed, Listing.INACTIVE, by=staff_coalition_moderator)
    run_action(moderator_client, "list_publicly", was_listed)
    assert was_listed.listing_status == Listing.LISTED


# Item 3: an old update cannot re-list an inactive listing.
def test_an_update_for_an_inactive_listing_cannot_be_approved(
    moderator_client, mailoutbox, django_capture_on_commit_callbacks
):
    coalition = CoalitionFactory(listing_status=Listing.INACTIVE)
    update = AffiliationRequestFactory(kind=AffiliationRequest.Kind.UPDATE, coalition=coalition)
    html = approve(moderator_client, update, django_capture_on_commit_callbacks)
    assert "marked inactive" in html
    coalition.refresh_from_db()
    assert coalition.listing_status == Listing.INACTIVE
    assert update.status == Status.SUBMITTED
    assert mailoutbox == []


def test_marking_a_listing_inactive_declines_its_open_updates_with_a_note(
    moderator_client, staff_coalition_moderator, mailoutbox, django_capture_on_commit_callbacks
):
    coalition = CoalitionFactory(contact_email="contact@example.org")
    update = AffiliationRequestFactory(
        kind=AffiliationRequest.Kind.UPDATE, coalition=coalition, email="contact@example.org"
    )
    decided = AffiliationRequestFactory(
        kind=AffiliationRequest.Kind.UPDATE, coalition=coalition, status=Status.DECLINED
    )
    run_action(moderator_client, "mark_inactive", coalition, django_capture_on_commit_callbacks)
    assert coalition.listing_status == Listing.INACTIVE
    update.refresh_from_db()
    assert update.status == Status.DECLINED
    history = update.history.get()
    assert (history.changed_by, history.to_status) == (staff_coalition_moderator, Status.DECLINED)
    assert history.note == services.INACTIVE_UPDATE_NOTE
    [email] = mailoutbox
    assert email.to == ["contact@example.org"]
    assert services.INACTIVE_UPDATE_NOTE in email.body
    decided.refresh_from_db()
    assert not decided.history.exists()


# Item 4: a second request for a listed coalition updates it instead of duplicating it.
def test_approve_page_warns_of_a_listing_with_the_same_name_and_offers_it(moderator_client):
    existing = CoalitionFactory(name="Peoria Area Anti-Trafficking Coalition", state="IL")
    CoalitionFactory(name="Elsewhere Coalition", state="TX")
    request_object = AffiliationRequestFactory()
    html = moderator_client.get(decide_url(request_object)).content.decode()
    assert "A listing with this name already exists in Illinois" in html
    assert f'<option value="{existing.pk}">' in html
    assert "Elsewhere Coalition" not in html


def test_approving_into_an_existing_listing_updates_it(moderator_client, django_capture_on_commit_callbacks):
    existing = CoalitionFactory(
        name="Peoria Area Anti-Trafficking Coalition", slug="peoria-area-anti-trafficking-coalition", state="IL"
    )
    request_object = AffiliationRequestFactory(public_email="new@peoria.example.org")
    approve(moderator_client, request_object, django_capture_on_commit_callbacks, existing_listing=existing.pk)
    assert request_object.status == Status.APPROVED
    assert request_object.coalition == existing
    assert Coalition.objects.count() == 1
    existing.refresh_from_db()
    assert existing.contact_email == "new@peoria.example.org"
    assert existing.listing_status == Listing.LISTED


def test_a_request_without_consent_cannot_be_approved_into_a_public_listing(
    moderator_client, django_capture_on_commit_callbacks
):
    existing = CoalitionFactory(state="IL", contact_email="listed@example.org")
    request_object = AffiliationRequestFactory(consent_to_list=False, public_email="other@example.org")
    html = approve(moderator_client, request_object, django_capture_on_commit_callbacks, existing_listing=existing.pk)
    assert "did not consent to be listed" in html
    assert request_object.status == Status.SUBMITTED
    existing.refresh_from_db()
    assert existing.contact_email == "listed@example.org"


# Item 6: "Mark verified today" records who.
def test_mark_verified_today_records_the_moderator(moderator_client, staff_coalition_moderator):
    coalition = CoalitionFactory(listing_status=Listing.NEEDS_REVERIFICATION, last_verified=None)
    run_action(moderator_client, "mark_verified_today", coalition)
    assert coalition.listing_status == Listing.LISTED
    history = coalition.history.get()
    assert history.changed_by == staff_coalition_moderator
    assert history.note == "Verified by a moderator (moderator) by phone or email."


def test_mark_verified_today_says_when_a_listing_was_skipped(moderator_client):
    coalition = CoalitionFactory(listing_status=Listing.INACTIVE, last_verified=None)
    html = run_action(moderator_client, "mark_verified_today", coalition)
    assert "Skipped 1 listing(s) not in the directory" in html
    assert "listing(s) today" not in html
    assert coalition.listing_status == Listing.INACTIVE
    assert coalition.last_verified is None
    assert not coalition.history.exists()


# Item 15: reserved slugs.
@pytest.mark.parametrize("slug", sorted(services.RESERVED_SLUGS))
def test_admin_refuses_a_reserved_slug(moderator_client, slug):
    coalition = CoalitionFactory()
    response = moderator_client.post(
        f"/admin/coalitions/coalition/{coalition.pk}/change/",
        {
            "name": coalition.name,
            "slug": slug,
            "city": coalition.city,
            "state": coalition.state,
            "partner_sectors": [],
            "outdated_reports-TOTAL_FORMS": 0,
            "outdated_reports-INITIAL_FORMS": 0,
            "history-TOTAL_FORMS": 0,
            "history-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "is used by another page under /coalitions/" in response.content.decode()
    coalition.refresh_from_db()
    assert coalition.slug != slug


# Item 16: two approvals picking the same slug at once.
def test_approval_retries_when_another_approval_took_the_slug(monkeypatch, staff_coalition_moderator):
    CoalitionFactory(slug="peoria-area-anti-trafficking-coalition")
    real_unique_slug = services.unique_slug
    calls = []

    def racing_unique_slug(name, city, **kwargs):
        # The first call saw the slug free: the other approval inserted it just after.
        calls.append(name)
        return "peoria-area-anti-trafficking-coalition" if len(calls) == 1 else real_unique_slug(name, city, **kwargs)

    monkeypatch.setattr(services, "unique_slug", racing_unique_slug)
    coalition = services.approve_request(AffiliationRequestFactory(), by=staff_coalition_moderator)
    assert coalition.slug == "peoria-area-anti-trafficking-coalition-2"
    assert len(calls) == 2


def test_approval_gives_up_on_an_error_that_is_not_the_slug(monkeypatch, staff_coalition_moderator):
    monkeypatch.setattr(services, "_listing_fields", lambda request_object: {"name": "", "city": "X", "state": "IL"})
    with pytest.raises(IntegrityError):
        services.approve_request(AffiliationRequestFactory(), by=staff_coalition_moderator)
