"""The affiliation request form: both paths, hostile input, duplicates, emails."""

import re

import pytest
from django.db import connection

from coalitions import forms as coalitions_forms
from coalitions import services
from coalitions.models import AffiliationRequest, Coalition, RequestHistory
from rescue_restore.models import OutgoingEmail
from tests.coalitions.conftest import FORM_NEW_REQUEST
from tests.factories.coalitions import AffiliationRequestFactory

pytestmark = pytest.mark.django_db

PHONE_PATTERN = coalitions_forms._PHONE


def test_form_page_explains_the_standards_the_new_coalition_path_and_privacy(client):
    html = client.get("/coalitions/request/").content.decode()
    assert "At least 10 member groups" in html
    assert "both sex trafficking and labor trafficking" in html
    assert "decides on every request" in html
    assert "Form a new coalition" in html
    assert "Organizations interested so far" in html
    assert "Privacy Act statement" in html


def test_affiliation_request_is_stored_confirmed_and_sent_to_moderators(
    client, post_request, mailoutbox, django_capture_on_commit_callbacks, staff_coalition_moderator
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_request()
    assert response.status_code == 302
    assert response["Location"] == "/coalitions/request/received/"
    request_object = AffiliationRequest.objects.get()
    assert request_object.kind == AffiliationRequest.Kind.AFFILIATE
    assert request_object.status == AffiliationRequest.Status.SUBMITTED
    assert request_object.member_sectors == ["faith", "law-enforcement", "health"]
    assert request_object.covers_sex_and_labor_trafficking is True
    assert request_object.reference.startswith("CR-")
    assert list(request_object.history.values_list("from_status", "to_status")) == [("", "submitted")]

    confirmation = client.get(response["Location"]).content.decode()
    assert request_object.reference in confirmation

    applicant, moderators = sorted(mailoutbox, key=lambda email: email.to != ["dana@example.org"])
    assert applicant.to == ["dana@example.org"]
    assert applicant.subject == f"We received your coalition request {request_object.reference}"
    assert request_object.reference in applicant.body
    assert request_object.reference in applicant.alternatives[0][0]
    assert moderators.to == ["moderator@rescue-restore.example.gov"]
    assert moderators.reply_to == ["dana@example.org"]
    assert "Peoria, IL" in moderators.subject
    assert "[Fewer than 10 members]" not in moderators.subject
    assert "Task force in the area: Yes" in moderators.body
    assert f"/admin/coalitions/affiliationrequest/{request_object.pk}/change/" in moderators.body
    # Nothing is public until a moderator approves.
    assert Coalition.objects.count() == 0


def test_a_sector_sent_twice_is_stored_once(post_request):
    assert post_request(member_sectors=["faith", "health", "faith", "health"]).status_code == 302
    assert AffiliationRequest.objects.get().member_sectors == ["faith", "health"]


def test_moderators_fall_back_to_the_division_inbox(post_request, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_request()
    assert ["division@rescue-restore.example.gov"] in [email.to for email in mailoutbox]


def test_community_forming_a_new_coalition_is_accepted_without_a_name(
    post_request, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_request(FORM_NEW_REQUEST)
    assert response.status_code == 302
    request_object = AffiliationRequest.objects.get()
    assert request_object.kind == AffiliationRequest.Kind.FORM_NEW
    assert request_object.display_name == "New coalition in Boise, ID"
    staff = next(email for email in mailoutbox if email.to == ["division@rescue-restore.example.gov"])
    assert "Form a new coalition" in staff.subject
    assert "Refugee resettlement office" in staff.body


def test_new_coalition_path_asks_for_the_interested_organizations(post_request):
    response = post_request(FORM_NEW_REQUEST, interested_organizations="")
    assert response.status_code == 400
    assert "interested_organizations" in response.context["form"].errors


def test_affiliation_path_needs_the_coalition_name(post_request):
    response = post_request(coalition_name="")
    assert response.status_code == 400
    assert "coalition_name" in response.context["form"].errors


def test_fewer_than_ten_members_is_accepted_but_flagged_for_moderators(
    post_request, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_request(member_count="6")
    assert response.status_code == 302
    request_object = AffiliationRequest.objects.get()
    assert request_object.below_member_standard is True
    staff = next(email for email in mailoutbox if email.to == ["division@rescue-restore.example.gov"])
    assert staff.subject.startswith("[Fewer than 10 members]")
    assert "FEWER THAN 10" in staff.body
    assert "Fewer than 10 member organizations" in staff.alternatives[0][0]


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"contact_name": ""}, "contact_name", "This field is required."),
        ({"community": ""}, "community", "This field is required."),
        ({"state": "ZZ"}, "state", "Select a valid choice"),
        ({"state": "AE"}, "state", "Select a valid choice"),  # armed forces: not a community
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"email": "dana@example.org\r\nBcc: victim@example.org"}, "email", "Enter a valid email address."),
        ({"contact_name": "Dana\r\nBcc: victim@example.org"}, "contact_name", "without line breaks"),
        ({"coalition_name": "Coalition\nX-Injected: yes"}, "coalition_name", "without line breaks"),
        ({"community": "Peoria\u2028Evil"}, "community", "without line breaks"),
        ({"contact_name": "A" * 101}, "contact_name", "at most 100 characters"),
        ({"current_activities": "x" * 3001}, "current_activities", "at most 3000 characters"),
        ({"phone": "call me maybe"}, "phone", "Enter a phone number"),
        ({"phone": "12345"}, "phone", "Enter a phone number"),
        ({"phone": "<script>alert(1)</script>"}, "phone", "Enter a phone number"),
        ({"member_count": "-3"}, "member_count", "must be 0 or more"),
        ({"member_count": "many"}, "member_count", "must be a whole number"),
        ({"member_count": "99999999"}, "member_count", "must be 10000 or less"),
        ({"member_sectors": ["faith", "<script>"]}, "member_sectors", "Select a valid choice"),
        ({"kind": "update"}, "kind", "Select a valid choice"),  # only the signed link may update a listing
        ({"coalition_website": "javascript:alert(1)"}, "coalition_website", "Enter a valid URL"),
        ({"year_founded": "1492"}, "year_founded", "must be 1900 or more"),
        ({"contact_name": "Dana\x00"}, "contact_name", "Null characters are not allowed."),
        ({"current_activities": "bell\x07"}, "current_activities", "control characters"),
        ({"task_force_exists": ""}, "task_force_exists", "This field is required."),
    ],
)
def test_hostile_input_gets_a_field_error_and_stores_nothing(post_request, mailoutbox, changes, field, error):
    response = post_request(**changes)
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert any(error in message for message in form.errors[field]), form.errors[field]
    html = response.content.decode()
    assert "<title>\n      Error:" in html or "<title>Error:" in html.replace("\n", "").replace("  ", "")
    assert "There is a problem with this form" in html
    assert AffiliationRequest.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0
    assert mailoutbox == []


# The phone pattern backtracks quadratically over a long run of spaces: 30,000 of them took
# about 20 seconds, and a 1 MB body would hold a worker for hours. Overlong is refused first,
# without the pattern ever seeing it (checked by watching the pattern, not a clock).
def test_an_overlong_phone_is_refused_without_running_the_pattern(post_request, monkeypatch):
    matched = []

    class WatchedPattern:
        def match(self, value):
            matched.append(value)
            return PHONE_PATTERN.match(value)

    monkeypatch.setattr(coalitions_forms, "_PHONE", WatchedPattern())
    response = post_request(phone="1" + " " * 30_000 + "!")
    assert response.status_code == 400
    assert any("at most 30 characters" in message for message in response.context["form"].errors["phone"])
    assert AffiliationRequest.objects.count() == 0
    assert matched == []
    post_request(phone="202-555-0123")
    assert matched == ["202-555-0123"]  # the watch itself works: a normal number is matched


def test_script_typed_into_a_field_is_escaped(post_request):
    response = post_request(contact_name="<script>alert(1)</script>", email="bad")
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_script_in_free_text_reaches_moderators_escaped(post_request, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_request(current_activities="<script>alert(1)</script> & <b>outreach</b>")
    staff = next(email for email in mailoutbox if email.to == ["division@rescue-restore.example.gov"])
    html = staff.alternatives[0][0]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_empty_post_is_a_clear_error_not_a_crash(client):
    response = client.post("/coalitions/request/", {})
    assert response.status_code == 400
    assert AffiliationRequest.objects.count() == 0


def test_filled_honeypot_is_refused(post_request):
    response = post_request(website="https://spam.example")
    assert response.status_code == 400
    assert "We could not accept this form" in response.content.decode()
    assert AffiliationRequest.objects.count() == 0


def test_second_open_request_for_the_same_email_and_community_gets_a_clear_message(post_request):
    assert post_request().status_code == 302
    response = post_request(email="DANA@example.org", community="peoria", coalition_name="Another name")
    assert response.status_code == 400
    assert services.DUPLICATE_REQUEST_MESSAGE in response.content.decode()
    assert AffiliationRequest.objects.count() == 1


def test_a_decided_request_does_not_block_a_new_one(post_request):
    AffiliationRequestFactory(email="dana@example.org", community="Peoria", state="IL", status="declined")
    assert post_request().status_code == 302


def test_the_database_refuses_a_duplicate_that_slips_past_the_form():
    AffiliationRequestFactory(email="dana@example.org", community="Peoria", state="IL")
    duplicate = AffiliationRequestFactory.build(email="Dana@Example.org", community="PEORIA", state="IL")
    with pytest.raises(services.DuplicateRequestError):
        services.submit_request(duplicate)
    assert AffiliationRequest.objects.count() == 1
    assert RequestHistory.objects.count() == 0


# The Kelvin sign lowers to "k" but uppers to itself: a check that compares UPPER() while the
# constraint compares LOWER() let this through to the database, which refused it with a 500.
@pytest.mark.parametrize("community", ["\u212aankakee", "KANKAKEE"])
def test_a_duplicate_that_differs_only_in_unicode_case_gets_the_clear_message(post_request, community):
    assert post_request(community="Kankakee").status_code == 302
    response = post_request(community=community)
    # SQLite's LOWER() folds ASCII only, so there the Kelvin sign makes a different community.
    if connection.vendor == "postgresql" or community.isascii():
        assert response.status_code == 400
        assert services.DUPLICATE_REQUEST_MESSAGE in response.content.decode()
        assert AffiliationRequest.objects.count() == 1
    else:
        assert response.status_code == 302
        assert AffiliationRequest.objects.count() == 2


def test_the_constraint_names_the_open_statuses():
    constraint = next(
        c for c in AffiliationRequest._meta.constraints if c.name == "one_open_request_per_email_and_community"
    )
    assert set(constraint.condition.children[0][1]) == {s.value for s in AffiliationRequest.OPEN_STATUSES}


def test_too_many_requests_from_one_address_are_rate_limited(post_request, client):
    for number in range(5):
        post_request(email=f"person{number}@example.org")
    response = post_request(email="person6@example.org")
    assert response.status_code == 429
    assert AffiliationRequest.objects.count() == 5
    assert client.get("/coalitions/request/").status_code == 200


def test_confirmation_page_without_a_request_goes_to_the_form(client):
    response = client.get("/coalitions/request/received/")
    assert response.status_code == 302
    assert response["Location"] == "/coalitions/request/"


def test_sectors_are_checkboxes_and_task_force_is_radio_buttons(client):
    html = client.get("/coalitions/request/").content.decode()
    sector = re.search(r'<input[^>]*id="id_member_sectors_0"[^>]*>', html)[0]
    assert 'type="checkbox"' in sector
    assert "usa-checkbox__input" in sector
    task_force = re.search(r'<input[^>]*id="id_task_force_exists_0"[^>]*>', html)[0]
    assert 'type="radio"' in task_force


# Item 1: the applicant's own address is never shown, so listing needs a public address.
def test_consent_to_be_listed_needs_a_public_email(post_request):
    response = post_request(public_email="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter an email address to show in the directory" in html
    assert "Your own email address above is never shown." in html
    assert "Leave empty to show the email address above" not in html
    assert AffiliationRequest.objects.count() == 0
    assert post_request(public_email="", consent_to_list="").status_code == 302


# Item 17: the Privacy Act statement is read before sending.
def test_privacy_act_statement_comes_before_the_submit_button(client):
    html = client.get("/coalitions/request/").content.decode()
    start = html.index('action="/coalitions/request/"')
    form = html[start : html.index("</form>", start)]
    assert "Privacy Act statement" in form
    assert form.index("Privacy Act statement") < form.index("Send request")


# Items 9 and 20: replies reach the division; the confirmation page is not cached.
def test_applicant_email_has_the_division_as_reply_to_and_confirmation_is_not_cached(
    client, post_request, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_request()
    applicant = next(email for email in mailoutbox if email.to == ["dana@example.org"])
    assert applicant.reply_to == ["division@rescue-restore.example.gov"]
    assert "no-store" in client.get(response["Location"])["Cache-Control"]
