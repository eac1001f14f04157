"""The contact form under hostile input: clear errors, nothing stored, never a 500."""

import pytest

from campaign.models import ContactMessage
from rescue_restore.models import OutgoingEmail

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Ana Reyes",
    "email": "ana@example.org",
    "organization": "County clinic",
    "topic": "materials",
    "message": "Could we get Spanish posters for our waiting room?",
}


def post(client, form_data, **changes):
    return client.post("/contact/", form_data(**{**VALID, **changes}))


def test_valid_message_is_stored_and_staff_are_emailed_after_commit(
    client, form_data, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post(client, form_data)
    assert response.status_code == 302
    assert response["Location"] == "/contact/thanks/"
    assert len(callbacks) == 1
    message = ContactMessage.objects.get()
    assert message.name == "Ana Reyes"
    [email] = mailoutbox
    assert email.to == ["division@rescue-restore.example.gov"]
    assert email.reply_to == ["ana@example.org"]
    assert email.subject == "Contact form: Printed materials from Ana Reyes"
    assert "Could we get Spanish posters" in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert "Could we get Spanish posters" in html
    assert f"https://rescue-restore.example.gov/admin/campaign/contactmessage/{message.pk}/change/" in email.body
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT


def test_no_email_is_sent_inside_the_request(client, form_data, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        post(client, form_data)
    assert mailoutbox == []
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.PENDING


def test_html_in_a_message_is_escaped_in_the_staff_email(
    client, form_data, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, form_data, name="O'Brien", message="<script>alert(1)</script> & <b>bold</b>")
    email = mailoutbox[0]
    assert "O'Brien" in email.subject
    assert "<script>alert(1)</script>" in email.body  # plain text keeps the words as typed
    html = email.alternatives[0][0]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"message": ""}, "message", "This field is required."),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"email": "ana@example.org\r\nBcc: victim@example.org"}, "email", "Enter a valid email address."),
        ({"name": "Ana\r\nBcc: victim@example.org"}, "name", "without line breaks"),
        ({"organization": "Clinic\nX-Injected: yes"}, "organization", "without line breaks"),
        ({"name": "A" * 101}, "name", "at most 100 characters"),
        ({"message": "x" * 5001}, "message", "at most 5000 characters"),
        ({"topic": "<script>"}, "topic", "Select a valid choice"),
        ({"name": "Ana\x00"}, "name", "Null characters are not allowed."),
        ({"message": "bell\x07"}, "message", "control characters"),
    ],
)
def test_hostile_input_gets_a_field_error_and_stores_nothing(client, form_data, mailoutbox, changes, field, error):
    response = post(client, form_data, **changes)
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert any(error in message for message in form.errors[field]), form.errors[field]
    html = response.content.decode()
    assert "There is a problem with this form" in html
    assert f'id="id_{field}-error"' in html
    assert ContactMessage.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0
    assert mailoutbox == []


def test_script_typed_into_a_field_is_escaped_on_the_error_page(client, form_data):
    response = post(client, form_data, email="<script>alert(1)</script>")
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_error_messages_are_tied_to_their_fields(client, form_data):
    html = post(client, form_data, email="nope").content.decode()
    assert 'aria-describedby="id_email-hint id_email-error"' in html
    assert 'aria-invalid="true"' in html
    assert 'href="#id_email"' in html


def test_empty_post_is_a_clear_error_not_a_crash(client):
    response = client.post("/contact/", {})
    assert response.status_code == 400
    assert ContactMessage.objects.count() == 0


def test_filled_honeypot_is_refused(client, form_data):
    response = post(client, form_data, website="http://spam.example")
    assert response.status_code == 400
    assert "We could not accept this form" in response.content.decode()
    assert ContactMessage.objects.count() == 0


def test_forged_start_time_is_refused(client, form_data):
    response = post(client, form_data, form_started="1700000000:forged")
    assert response.status_code == 400
    assert ContactMessage.objects.count() == 0


def test_form_posted_faster_than_a_person_could_is_refused(client, form_data, settings):
    settings.FORM_MIN_FILL_SECONDS = 30
    response = post(client, form_data)
    assert response.status_code == 400
    assert ContactMessage.objects.count() == 0


def test_too_many_posts_from_one_address_are_rate_limited(client, form_data):
    for _ in range(5):
        post(client, form_data)
    response = post(client, form_data)
    assert response.status_code == 429
    assert ContactMessage.objects.count() == 5
    assert client.get("/contact/").status_code == 200


def test_get_with_other_methods_is_refused(client):
    assert client.put("/contact/").status_code == 405
