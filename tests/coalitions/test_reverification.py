"""Re-verification: stale listings flagged, signed links emailed, confirmed or updated; bad links refused."""

import datetime
import re

import pytest
import time_machine
from django.core import signing
from django.core.management import call_command
from django.utils import timezone

from coalitions import reverification
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

    response = client.post(link, {"action": "confirm"})
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
    link = f"/coalitions/verify/{reverification.make_token(coalition)}/"
    data = form_data(
        action="update",
        coalition_name="New Name",
        community="Springfield",
        state="IL",
        public_email="new@example.org",
        task_force_exists="yes",
        contact_name="Pat Lee",
        staff_notes="We merged with the county group.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, data)
    assert response.status_code == 302
    update = AffiliationRequest.objects.get()
    assert update.kind == AffiliationRequest.Kind.UPDATE
    assert update.coalition == coalition
    assert update.email == "contact@example.org"
    assert update.coalition_name == "New Name"
    coalition.refresh_from_db()
    assert coalition.name == "Old Name"  # unchanged until a moderator approves
    [staff] = mailoutbox  # moderators only; the contact hears back when it is decided
    assert "Update a listing" in staff.subject
    # A second update while the first is open gets the friendly message (the database constraint's path).
    response = client.post(link, form_data(**{**data, "form_started": data["form_started"]}))
    assert response.status_code == 400
    assert "already have an open request" in response.content.decode()


def test_update_with_bad_input_is_a_form_error(client, form_data):
    coalition = CoalitionFactory()
    link = f"/coalitions/verify/{reverification.make_token(coalition)}/"
    response = client.post(link, form_data(action="update", coalition_name="X\r\nBcc: a@b.c"))
    assert response.status_code == 400
    assert "Error:" in response.content.decode()
    assert AffiliationRequest.objects.count() == 0


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        signing.dumps({"coalition": 1}, salt="some.other.salt"),
        signing.dumps({"coalition": 1}, salt=reverification.SALT, key="another-secret-key-0123456789abcdef0123456789"),
    ],
)
def test_forged_links_are_refused(client, token):
    coalition = CoalitionFactory(pk=1, listing_status=Listing.NEEDS_REVERIFICATION)
    for response in (
        client.get(f"/coalitions/verify/{token}/"),
        client.post(f"/coalitions/verify/{token}/", {"action": "confirm"}),
    ):
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()
    coalition.refresh_from_db()
    assert coalition.listing_status == Listing.NEEDS_REVERIFICATION


def test_a_link_for_another_listing_cannot_be_made_by_editing_the_token(client):
    coalition = CoalitionFactory()
    other = CoalitionFactory(listing_status=Listing.NEEDS_REVERIFICATION)
    token = reverification.make_token(coalition)
    _payload, rest = token.split(":", 1)
    forged = signing.b64_encode(f'{{"coalition":{other.pk}}}'.encode()).decode() + ":" + rest
    assert client.post(f"/coalitions/verify/{forged}/", {"action": "confirm"}).status_code == 400
    other.refresh_from_db()
    assert other.listing_status == Listing.NEEDS_REVERIFICATION


def test_expired_links_are_refused(client, frozen):
    coalition = CoalitionFactory(listing_status=Listing.NEEDS_REVERIFICATION)
    link = f"/coalitions/verify/{reverification.make_token(coalition)}/"
    frozen.shift(datetime.timedelta(days=29))
    assert client.get(link).status_code == 200
    frozen.shift(datetime.timedelta(days=2))
    response = client.post(link, {"action": "confirm"})
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    coalition.refresh_from_db()
    assert coalition.listing_status == Listing.NEEDS_REVERIFICATION


def test_a_link_for_a_listing_taken_down_is_refused(client):
    coalition = CoalitionFactory(listing_status=Listing.INACTIVE)
    assert client.get(f"/coalitions/verify/{reverification.make_token(coalition)}/").status_code == 400


def test_out_of_date_flag_follows_the_twelve_month_rule(frozen):
    coalition = CoalitionFactory(last_verified=datetime.date(2026, 3, 1))
    assert not coalition.is_out_of_date(today=datetime.date(2027, 3, 1))
    assert coalition.is_out_of_date(today=datetime.date(2027, 3, 2))
    assert list(Coalition.objects.stale(today=datetime.date(2027, 3, 2))) == [coalition]
    assert list(Coalition.objects.stale(today=datetime.date(2027, 3, 1))) == []
