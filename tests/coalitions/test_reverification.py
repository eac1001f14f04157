"""Re-verification: stale listings flagged, signed links emailed, confirmed or updated; bad links refused."""

import datetime
import re

import pytest
import time_machine
from django.core import signing
from django.core.management import call_command
from django.utils import timezone

from coalitions import reverification, services
from coalitions.models import AffiliationRequest, Coalition
from tests.factories.coalitions import CoalitionFactory

pytestmark = pytest.mark.django_db

Listing = Coalition.ListingStatus
NOW = datetime.datetime(2027, 3, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def verify_link(email):
    return re.search(r"https://rescue-restore\.example\.gov(/coalitions/verify/[^/\s]+/)", email.body)[1]


def link_for(coalition):
    """A link as the email would carry it: sent now, to the listing's current contact."""
    coalition.reverification_sent_at = timezone.now()
    coalition.save(update_fields=["reverification_sent_at"])
    return f"/coalitions/verify/{reverification.make_token(coalition)}/"


def run_command(capture):
    with capture(execute=True):
        call_command("send_coalition_reverification", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_listing_older_than_twelve_months_is_flagged_and_its_contact_emailed(
    frozen, mailoutbox, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    stale = CoalitionFactory(last_verified=today - datetime.timedelta(days=366), contact_email="old@example.org")
    fresh = CoalitionFactory(last_verified=today - datetime.timedelta(days=300))
    private = CoalitionFactory(listing_status=Listing.PENDING, last_verified=today - datetime.timedelta(days=900))

    run_command(django_capture_on_commit_callbacks)

    stale.refresh_from_db()
    fresh.refresh_from_db()
    private.refresh_from_db()
    assert stale.listing_status == Listing.NEEDS_REVERIFICATION
    assert stale.history.get().note == "Not verified for 12 months."
    assert fresh.listing_status == Listing.LISTED
    assert private.listing_status == Listing.PENDING
    [email] = mailoutbox
    assert email.to == ["old@example.org"]
    assert email.subject == f"Please confirm the directory listing for {stale.name}"
    assert verify_link(email) in email.alternatives[0][0]


def test_the_command_does_not_email_a_contact_twice_within_thirty_days(
    frozen, mailoutbox, django_capture_on_commit_callbacks
):
    CoalitionFactory(last_verified=None)
    run_command(django_capture_on_commit_callbacks)
    run_command(django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    frozen.shift(datetime.timedelta(days=31))
    run_command(django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2


def test_the_task_does_the_same_work(frozen, mailoutbox, django_capture_on_commit_callbacks):
    from coalitions.tasks import send_reverification_requests

    CoalitionFactory(last_verified=None)
    with django_capture_on_commit_callbacks(execute=True):
        result = send_reverification_requests.enqueue()
    assert result.return_value == 1
    assert len(mailoutbox) == 1


def test_contact_confirms_through_the_link_and_the_listing_is_current_again(
    client, frozen, mailoutbox, django_capture_on_commit_callbacks
):
    coalition = CoalitionFactory(last_verified=timezone.localdate() - datetime.timedelta(days=400))
    run_command(django_capture_on_commit_callbacks)
    link = verify_link(mailoutbox[0])

    page = client.get(link)
    assert page.status_code == 200
    assert coalition.name in page.content.decode()
    coalition.refresh_from_db()
    assert coalition.listing_status == Listing.NEEDS_REVERIFICATION  # opening the link (a mail scanner) changes nothing

    response = client.post(link + "confirm/")
    assert response.status_code == 302
    assert response["Location"] == f"/coalitions/{coalition.slug}/"
    coalition.refresh_from_db()
    assert coalition.listing_status == Listing.LISTED
    assert coalition.last_verified == timezone.localdate()
    assert "Information may be out of date" not in client.get(response["Location"]).content.decode()


def test_contact_sends_updates_which_go_to_moderation(
    client, form_data, frozen, mailoutbox, django_capture_on_commit_callbacks
):
    coalition = CoalitionFactory(name="Old Name", last_verified=None, contact_email="contact@example.org")
    link = link_for(coalition) + "update/"
    data = form_data(
        coalition_name="New Name",
        community="Springfield",
        state="IL",
        public_email="new@example.org",
        task_force_exists="yes",
        contact_name="Pat Lee",
        applicant_note="We merged with the county group.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, data)
    assert response.status_code == 302
    update = AffiliationRequest.objects.get()
    assert update.kind == AffiliationRequest.Kind.UPDATE
    assert update.coalition == coalition
    assert update.email == "contact@example.org"
    assert update.coalition_name == "New Name"
    # The contact's note is kept apart from the staff-only notes moderators write.
    assert update.applicant_note == "We merged with the county group."
    assert update.staff_notes == ""
    coalition.refresh_from_db()
    assert coalition.name == "Old Name"  # unchanged until a moderator approves
    [staff] = mailoutbox  # moderators only; the contact hears back when it is decided
    assert "Update a listing" in staff.subject
    # A second update while the first is open gets the friendly message (the database constraint's path).
    response = client.post(link, form_data(**{**data, "form_started": data["form_started"]}))
    assert response.status_code == 400
    html = response.content.decode()
    # No confirmation email goes out for updates, so the message must not point to one.
    assert "already have updates to this listing waiting for a moderator" in html
    assert "confirmation email" not in html


def test_an_update_with_a_sector_sent_twice_stores_it_once(client, form_data):
    coalition = CoalitionFactory()
    data = form_data(
        coalition_name=coalition.name,
        community="Springfield",
        state="IL",
        public_email=coalition.contact_email,
        task_force_exists="yes",
        contact_name="Pat Lee",
        member_sectors=["faith", "faith", "labor"],
    )
    assert client.post(link_for(coalition) + "update/", data).status_code == 302
    assert AffiliationRequest.objects.get().member_sectors == ["faith", "labor"]


def test_update_with_bad_input_is_a_form_error(client, form_data):
    coalition = CoalitionFactory()
    response = client.post(link_for(coalition) + "update/", form_data(coalition_name="X\r\nBcc: a@b.c"))
    assert response.status_code == 400
    assert "Error:" in response.content.decode()
    assert AffiliationRequest.objects.count() == 0


# Signed tokens carry a timestamp, so they are made inside the test: values built at collection time
# differ between xdist workers and break collection.
FORGERIES = {
    "not-a-token": lambda: "not-a-token",
    "wrong-salt": lambda: signing.dumps({"coalition": 1}, salt="some.other.salt"),
    "wrong-key": lambda: signing.dumps(
        {"coalition": 1}, salt=reverification.SALT, key="another-secret-key-0123456789abcdef0123456789"
    ),
}


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_forged_links_are_refused(client, forgery):
    token = FORGERIES[forgery]()
    coalition = CoalitionFactory(pk=1, listing_status=Listing.NEEDS_REVERIFICATION)
    for response in (
        client.get(f"/coalitions/verify/{token}/"),
        client.post(f"/coalitions/verify/{token}/confirm/"),
        client.post(f"/coalitions/verify/{token}/update/"),
    ):
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()
    coalition.refresh_from_db()
    assert coalition.listing_status == Listing.NEEDS_REVERIFICATION


def test_a_link_for_another_listing_cannot_be_made_by_editing_the_token(client):
    coalition = CoalitionFactory()
    other = CoalitionFactory(listing_status=Listing.NEEDS_REVERIFICATION)
    token = link_for(coalition).split("/")[-2]
    _payload, rest = token.split(":", 1)
    forged = signing.b64_encode(f'{{"coalition":{other.pk}}}'.encode()).decode() + ":" + rest
    assert client.post(f"/coalitions/verify/{forged}/confirm/").status_code == 400
    other.refresh_from_db()
    assert other.listing_status == Listing.NEEDS_REVERIFICATION


def test_expired_links_are_refused(client, frozen):
    coalition = CoalitionFactory(listing_status=Listing.NEEDS_REVERIFICATION)
    link = link_for(coalition)
    frozen.shift(datetime.timedelta(days=29))
    assert client.get(link).status_code == 200
    frozen.shift(datetime.timedelta(days=2))
    response = client.post(link + "confirm/")
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    coalition.refresh_from_db()
    assert coalition.listing_status == Listing.NEEDS_REVERIFICATION


def test_a_link_for_a_listing_taken_down_is_refused(client):
    coalition = CoalitionFactory(listing_status=Listing.INACTIVE)
    assert client.get(link_for(coalition)).status_code == 400


def test_out_of_date_flag_follows_the_twelve_month_rule(frozen):
    coalition = CoalitionFactory(last_verified=datetime.date(2026, 3, 1))
    assert not coalition.is_out_of_date(today=datetime.date(2027, 3, 1))
    assert coalition.is_out_of_date(today=datetime.date(2027, 3, 2))
    assert list(Coalition.objects.stale(today=datetime.date(2027, 3, 2))) == [coalition]
    assert list(Coalition.objects.stale(today=datetime.date(2027, 3, 1))) == []


# Item 7: a link belongs to the contact and the sending it was made for.
def test_a_link_dies_when_the_contact_changes(client):
    coalition = CoalitionFactory(listing_status=Listing.NEEDS_REVERIFICATION)
    link = link_for(coalition)
    coalition.contact_email = "new-contact@example.org"
    coalition.save()
    response = client.post(link + "confirm/")
    assert response.status_code == 400
    assert "This link is no longer valid" in response.content.decode()
    coalition.refresh_from_db()
    assert coalition.listing_status == Listing.NEEDS_REVERIFICATION


def test_a_link_dies_when_a_newer_one_is_sent(client, frozen, mailoutbox, django_capture_on_commit_callbacks):
    coalition = CoalitionFactory(listing_status=Listing.NEEDS_REVERIFICATION)
    with django_capture_on_commit_callbacks(execute=True):
        reverification.email_contact(coalition)
    frozen.shift(datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        reverification.email_contact(coalition)
    old, new = (verify_link(email) for email in mailoutbox)
    assert client.get(old).status_code == 400
    assert client.get(new).status_code == 200


def test_a_used_link_cannot_confirm_again(client, frozen):
    coalition = CoalitionFactory(listing_status=Listing.NEEDS_REVERIFICATION)
    link = link_for(coalition)
    assert client.post(link + "confirm/").status_code == 302
    frozen.shift(datetime.timedelta(days=2))
    response = client.post(link + "confirm/")
    assert response.status_code == 400
    assert "already been used" in response.content.decode()
    coalition.refresh_from_db()
    assert coalition.history.count() == 1
    assert coalition.last_verified == datetime.date(2027, 3, 1)


def _between_check_and_confirm(monkeypatch, action):
    """Run ``action`` just after the view has checked the link and before it confirms (another request won)."""
    check = reverification.coalition_for_token

    def check_then_act(token):
        coalition = check(token)
        action(Coalition.objects.get(pk=coalition.pk))
        return coalition

    monkeypatch.setattr(reverification, "coalition_for_token", check_then_act)


def test_a_double_submitted_confirm_is_recorded_once(client, frozen, monkeypatch):
    coalition = CoalitionFactory(listing_status=Listing.NEEDS_REVERIFICATION)
    link = link_for(coalition)
    _between_check_and_confirm(monkeypatch, reverification.confirm_listing)
    response = client.post(link + "confirm/")
    assert response.status_code == 400
    assert "already been used" in response.content.decode()
    assert list(coalition.history.values_list("from_status", "to_status")) == [
        (Listing.NEEDS_REVERIFICATION, Listing.LISTED)
    ]


def test_a_confirm_that_crosses_a_take_down_is_refused(client, frozen, monkeypatch, staff_coalition_moderator):
    coalition = CoalitionFactory(listing_status=Listing.NEEDS_REVERIFICATION, last_verified=datetime.date(2025, 1, 1))
    link = link_for(coalition)
    _between_check_and_confirm(
        monkeypatch, lambda fresh: services.set_listing_status(fresh, Listing.INACTIVE, by=staff_coalition_moderator)
    )
    response = client.post(link + "confirm/")
    assert response.status_code == 400
    coalition.refresh_from_db()
    assert coalition.listing_status == Listing.INACTIVE
    assert coalition.last_verified == datetime.date(2025, 1, 1)
    assert list(coalition.history.values_list("to_status", flat=True)) == [Listing.INACTIVE]


# Item 18: confirming and updating have URLs of their own; the link page itself only shows.
def test_the_link_page_does_not_accept_posts(client):
    coalition = CoalitionFactory(listing_status=Listing.NEEDS_REVERIFICATION)
    assert client.post(link_for(coalition), {"action": "confirm"}).status_code == 405
    coalition.refresh_from_db()
    assert coalition.listing_status == Listing.NEEDS_REVERIFICATION


# Item 20: the link pages show a contact's details; keep them out of caches and search engines.
def test_verify_pages_are_never_cached_and_kept_from_robots(client, form_data):
    coalition = CoalitionFactory()
    link = link_for(coalition)
    for response in (client.get(link), client.post(link + "update/", form_data(coalition_name=""))):
        assert "no-store" in response["Cache-Control"], response.status_code
    assert "Disallow: /coalitions/verify/" in client.get("/robots.txt").content.decode().splitlines()


# Item 14: the contact's note is bounded and kept apart from staff notes.
def test_the_update_note_is_limited_to_two_thousand_characters(client, form_data):
    coalition = CoalitionFactory()
    data = form_data(
        coalition_name="Name",
        community="Springfield",
        state="IL",
        public_email="new@example.org",
        task_force_exists="no",
        contact_name="Pat Lee",
        applicant_note="x" * 2001,
    )
    response = client.post(link_for(coalition) + "update/", data)
    assert response.status_code == 400
    assert "at most 2000 characters" in response.content.decode()
    assert AffiliationRequest.objects.count() == 0


# Item 24: "We have asked it to check them" only once we have.
def test_out_of_date_banner_says_we_asked_only_after_asking(client, mailoutbox, django_capture_on_commit_callbacks):
    coalition = CoalitionFactory(last_verified=None)
    html = client.get(coalition.get_absolute_url()).content.decode()
    assert "Information may be out of date" in html
    assert "We have asked it to check them" not in html
    with django_capture_on_commit_callbacks(execute=True):
        reverification.email_contact(coalition)
    assert "We have asked it to check them" in client.get(coalition.get_absolute_url()).content.decode()
    # The email comes from no-reply: replies go to the division's inbox.
    assert mailoutbox[0].reply_to == ["division@rescue-restore.example.gov"]


@pytest.mark.parametrize(("language", "place"), [("en", "(All of Illinois)"), ("es", "(Todo Illinois)")])
def test_the_email_names_a_statewide_listing_as_its_page_does(
    language, place, frozen, mailoutbox, django_capture_on_commit_callbacks
):
    stale = timezone.localdate() - datetime.timedelta(days=400)
    CoalitionFactory(city="Statewide", state="IL", language=language, last_verified=stale)
    run_command(django_capture_on_commit_callbacks)
    [email] = mailoutbox
    assert place in email.body
    assert place in email.alternatives[0][0]
    assert "Statewide" not in email.body + email.alternatives[0][0]
