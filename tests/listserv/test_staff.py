"""Staff side: role permissions, bulletin preview / test / send, CSV export, dashboard cards, demo data."""

import csv
import io

import pytest
from django.core.management import call_command

from listserv.models import Bulletin, Subscriber, Topic
from rescue_restore.text.spreadsheets import safe_cell
from tests.factories.listserv import BulletinFactory, SubscriberFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def bulletin(topics):
    """Approved by a second person, so ready to send."""
    return BulletinFactory(topics=[topics[0]])


@pytest.fixture
def draft_bulletin(topics):
    return BulletinFactory(topics=[topics[0]], status=Bulletin.Status.DRAFT)


def _urls(bulletin, topic):
    return [
        "/admin/listserv/topic/",
        "/admin/listserv/subscriber/",
        "/admin/listserv/bulletin/",
        "/admin/listserv/bulletin/add/",
        f"/admin/listserv/bulletin/{bulletin.pk}/change/",
        f"/admin/listserv/bulletin/{bulletin.pk}/preview/",
        f"/admin/listserv/bulletin/{bulletin.pk}/send/",
        f"/admin/listserv/topic/{topic.pk}/export/",
    ]


def test_listserv_managers_reach_every_listserv_screen(client, staff_listserv_manager, bulletin, topics):
    sign_in(client, staff_listserv_manager)
    for url in _urls(bulletin, topics[0]):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("user", ["staff_no_role", "staff_editor", "staff_fulfilment"])
def test_other_staff_reach_none_of_them(client, request, user, bulletin, topics):
    sign_in(client, request.getfixturevalue(user))
    for url in _urls(bulletin, topics[0]):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/admin/listserv/bulletin/{bulletin.pk}/send/").status_code == 403
    assert client.post(f"/admin/listserv/bulletin/{bulletin.pk}/send-test/").status_code == 403
    assert Bulletin.objects.get().status == Bulletin.Status.APPROVED  # unchanged


def test_managers_cannot_add_or_delete_subscribers(client, staff_listserv_manager):
    subscriber = SubscriberFactory()
    sign_in(client, staff_listserv_manager)
    assert client.get("/admin/listserv/subscriber/add/").status_code == 403
    assert client.post(f"/admin/listserv/subscriber/{subscriber.pk}/delete/").status_code == 403


def test_creating_a_bulletin_records_the_author_and_sanitizes_the_body(client, staff_listserv_manager, topics):
    sign_in(client, staff_listserv_manager)
    response = client.post(
        "/admin/listserv/bulletin/add/",
        {
            "subject_en": "Funding news",
            "slug": "funding-news",
            "topics": [topics[2].pk],
            "body_en": "<script>alert(1)</script> [x](javascript:alert(1)) **ok**",
            "events-TOTAL_FORMS": 0,
            "events-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    bulletin = Bulletin.objects.get()
    assert bulletin.created_by == staff_listserv_manager
    assert "<script>" not in bulletin.body_html
    assert "javascript:" not in bulletin.body_html
    assert "<strong>ok</strong>" in bulletin.body_html


def test_preview_shows_the_rendered_body(client, staff_listserv_manager, bulletin):
    sign_in(client, staff_listserv_manager)
    html = client.get(f"/admin/listserv/bulletin/{bulletin.pk}/preview/").content.decode()
    assert "<strong>this spring</strong>" in html


def test_send_a_test_to_me_goes_only_to_the_staff_member(
    client, staff_listserv_manager, draft_bulletin, mailoutbox, django_capture_on_commit_callbacks
):
    # A test send needs no approval: the author sends one of a draft to themselves.
    bulletin = draft_bulletin
    SubscriberFactory(topics=list(bulletin.topics.all()))
    sign_in(client, staff_listserv_manager)
    assert client.get(f"/admin/listserv/bulletin/{bulletin.pk}/send-test/").status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/listserv/bulletin/{bulletin.pk}/send-test/")
    assert response.status_code == 302
    [email] = mailoutbox
    assert email.to == [staff_listserv_manager.email]
    assert email.subject == f"[TEST] {bulletin.subject}"
    assert "THIS IS A TEST" in email.body
    assert "<strong>this spring</strong>" in email.alternatives[0][0]
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.DRAFT


def test_send_from_the_admin_sends_once_and_only_drafts(
    client, staff_listserv_manager, bulletin, mailoutbox, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(3, topics=list(bulletin.topics.all()))
    sign_in(client, staff_listserv_manager)
    confirm_page = client.get(f"/admin/listserv/bulletin/{bulletin.pk}/send/").content.decode()
    assert "<strong>3</strong> confirmed subscribers" in confirm_page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/listserv/bulletin/{bulletin.pk}/send/")
    assert response.status_code == 302
    assert len(mailoutbox) == 3
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.SENT
    assert bulletin.events.get(to_status="sending").changed_by == staff_listserv_manager
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/listserv/bulletin/{bulletin.pk}/send/")
    assert len(mailoutbox) == 3
    assert bulletin.events.count() == 2
    page = client.get(f"/admin/listserv/bulletin/{bulletin.pk}/change/").content.decode()
    assert (
        "only a bulletin a second person approved can be sent"
        in client.get(f"/admin/listserv/bulletin/{bulletin.pk}/send/").content.decode()
    )
    assert "sent 3" in page


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("Ana", "Ana"),
        ("", ""),
    ],
)
def test_formula_safe_prefixes_dangerous_cells(value, safe):
    assert safe_cell(value) == safe


def test_csv_export_lists_confirmed_subscribers_of_the_topic_safely(client, staff_listserv_manager, topics):
    SubscriberFactory(email="ana@example.org", name="=cmd|' /C calc'!A0", topics=[topics[0]])
    SubscriberFactory(email="-bob@example.org", name="Bob", topics=[topics[0]])
    SubscriberFactory(email="pending@example.org", topics=[topics[0]], status="pending", confirmed_at=None)
    SubscriberFactory(email="other@example.org", topics=[topics[1]])
    sign_in(client, staff_listserv_manager)
    response = client.get(f"/admin/listserv/topic/{topics[0].pk}/export/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["email", "name", "confirmed_at"]
    assert [row[:2] for row in rows[1:]] == [["ana@example.org", "'=cmd|' /C calc'!A0"], ["'-bob@example.org", "Bob"]]


def test_dashboard_shows_counts_per_status_to_managers_only(client, staff_listserv_manager, staff_editor):
    SubscriberFactory.create_batch(2)
    SubscriberFactory(status="bounced")
    sign_in(client, staff_listserv_manager)
    cards = {card.title: card.count for card in client.get("/admin/").context["dashboard_cards"]}
    assert cards["Subscribers: subscribed"] == 2
    assert cards["Subscribers: bounced (address does not exist)"] == 1
    assert cards["Bulletins being sent"] == 0
    sign_in(client, staff_editor)
    titles = [card.title for card in client.get("/admin/").context["dashboard_cards"]]
    assert not any(title.startswith("Subscribers") for title in titles)


def test_demo_seed_is_idempotent_and_sizes_subscribers():
    call_command("seed_demo", "--subscribers", "30", stdout=io.StringIO())
    call_command("seed_demo", "--subscribers", "30", stdout=io.StringIO())
    assert Topic.objects.count() == 3
    assert Bulletin.objects.sent().count() == 2
    assert Subscriber.objects.confirmed().filter(email__endswith="@example.invalid").count() == 30
    assert Subscriber.objects.get(email="subscriber0@example.invalid").topics.count() == 3


def test_resume_action_resumes_only_the_selected_bulletins(
    client, staff_listserv_manager, topics, mailoutbox, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(2, topics=[topics[0]])
    selected = BulletinFactory(subject="Selected bulletin", topics=[topics[0]])
    other = BulletinFactory(subject="Other bulletin", topics=[topics[0]])
    for bulletin in (selected, other):  # both interrupted before any row was prepared
        with django_capture_on_commit_callbacks(execute=False):
            bulletin.change_status(Bulletin.Status.SENDING, by=staff_listserv_manager)
    sign_in(client, staff_listserv_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/listserv/bulletin/",
            {"action": "resume_sending", "_selected_action": [selected.pk]},
            follow=True,
        )
    assert response.status_code == 200
    [message] = [str(m) for m in response.context["messages"]]
    assert selected.subject in message
    assert other.subject not in message
    assert len(mailoutbox) == 2
    selected.refresh_from_db()
    other.refresh_from_db()
    assert selected.status == Bulletin.Status.SENT
    assert other.status == Bulletin.Status.SENDING
    assert not other.deliveries.exists()


def _change_data(bulletin, **changes):
    return {
        "subject_en": bulletin.subject,
        "slug": bulletin.slug,
        "topics": [topic.pk for topic in bulletin.topics.all()],
        "body_en": bulletin.body,
        "events-TOTAL_FORMS": 0,
        "events-INITIAL_FORMS": 0,
        **changes,
    }


def _status_changes_while_the_form_is_posted(monkeypatch, new_status, **fields):
    """The admin has loaded the bulletin; before it saves, a send (or the worker) moves it on."""
    from listserv.admin import BulletinAdmin

    real_get_form = BulletinAdmin.get_form

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = real_get_form(self, request, obj, change=change, **kwargs)  # obj is loaded by now
        if request.method == "POST":
            Bulletin.objects.filter(pk=obj.pk).update(status=new_status, **fields)
        return form

    monkeypatch.setattr(BulletinAdmin, "get_form", get_form)


def test_editing_a_draft_that_started_sending_meanwhile_is_refused_not_reverted(
    client, staff_listserv_manager, draft_bulletin, monkeypatch
):
    bulletin = draft_bulletin
    from django.utils import timezone

    sign_in(client, staff_listserv_manager)
    _status_changes_while_the_form_is_posted(monkeypatch, Bulletin.Status.SENDING, send_started_at=timezone.now())
    url = f"/admin/listserv/bulletin/{bulletin.pk}/change/"
    response = client.post(url, _change_data(bulletin, body="Changed after sending began."))
    assert response.status_code == 200
    assert "being sent" in response.content.decode()
    stored = Bulletin.objects.get()
    assert stored.status == Bulletin.Status.SENDING
    assert stored.body == bulletin.body


def test_saving_a_bulletin_being_sent_does_not_undo_the_workers_status(
    client, staff_listserv_manager, bulletin, monkeypatch
):
    from django.utils import timezone

    Bulletin.objects.filter(pk=bulletin.pk).update(status=Bulletin.Status.SENDING, send_started_at=timezone.now())
    sign_in(client, staff_listserv_manager)
    _status_changes_while_the_form_is_posted(monkeypatch, Bulletin.Status.SENT, sent_at=timezone.now())
    response = client.post(
        f"/admin/listserv/bulletin/{bulletin.pk}/change/", {"events-TOTAL_FORMS": 0, "events-INITIAL_FORMS": 0}
    )
    assert response.status_code == 302
    stored = Bulletin.objects.get()
    assert stored.status == Bulletin.Status.SENT
    assert stored.sent_at is not None
