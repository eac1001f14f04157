"""'Report outdated information' on a listing reaches the moderators."""

import pytest

from coalitions.models import Coalition, OutdatedReport
from tests.factories.coalitions import CoalitionFactory

pytestmark = pytest.mark.django_db


def report_url(coalition):
    return f"/coalitions/{coalition.slug}/report/"


def test_report_is_stored_and_moderators_are_emailed(
    client, form_data, mailoutbox, django_capture_on_commit_callbacks, staff_coalition_moderator
):
    coalition = CoalitionFactory(name="Lakeside Coalition")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            report_url(coalition), form_data(message="The website is gone <b>since May</b>.", email="me@example.org")
        )
    assert response.status_code == 302
    assert response["Location"] == f"/coalitions/{coalition.slug}/"
    assert "Your report has been sent" in client.get(response["Location"]).content.decode()
    report = OutdatedReport.objects.get()
    assert (report.coalition, report.email, report.handled) == (coalition, "me@example.org", False)
    [email] = mailoutbox
    assert email.to == [staff_coalition_moderator.email]
    assert email.reply_to == ["me@example.org"]
    assert email.subject == "Listing reported as outdated: Lakeside Coalition"
    assert "The website is gone <b>since May</b>." in email.body
    assert "&lt;b&gt;since May&lt;/b&gt;" in email.alternatives[0][0]
    assert f"https://rescue-restore.example.gov/admin/coalitions/coalition/{coalition.pk}/change/" in email.body


@pytest.mark.parametrize(
    "changes",
    [
        {"message": ""},
        {"message": "x" * 2001},
        {"email": "a@b.c\r\nBcc: x@y.z"},
        {"email": "nope"},
        {"website": "spam"},
    ],
)
def test_bad_reports_are_refused_with_the_page_and_its_errors(client, form_data, mailoutbox, changes):
    coalition = CoalitionFactory()
    response = client.post(report_url(coalition), form_data(**{"message": "Closed.", "email": "", **changes}))
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem with this form" in html
    assert coalition.name in html
    assert OutdatedReport.objects.count() == 0
    assert mailoutbox == []


def test_reports_are_rate_limited(client, form_data):
    coalition = CoalitionFactory()
    for _ in range(5):
        client.post(report_url(coalition), form_data(message="Closed."))
    assert client.post(report_url(coalition), form_data(message="Closed.")).status_code == 429
    assert OutdatedReport.objects.count() == 5


def test_reports_only_for_public_listings_and_only_by_post(client, form_data):
    hidden = CoalitionFactory(listing_status=Coalition.ListingStatus.PENDING)
    assert client.post(report_url(hidden), form_data(message="x")).status_code == 404
    assert client.get(report_url(CoalitionFactory())).status_code == 405


def test_the_report_names_the_listing_s_place_as_its_page_does(
    client, form_data, mailoutbox, django_capture_on_commit_callbacks, staff_coalition_moderator
):
    statewide = CoalitionFactory(name="Prairie Coalition", city="Statewide", state="IL")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(report_url(statewide), form_data(message="New phone number.", email=""))
    [email] = mailoutbox
    for body in (email.body, email.alternatives[0][0]):
        assert "Prairie Coalition" in body
        assert "(All of Illinois)" in body
        assert "Statewide" not in body
