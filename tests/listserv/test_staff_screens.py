"""What listserv managers see when they write a bulletin: checkboxes, a preview beside the editor, honest links."""

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from listserv.models import Bulletin
from tests.factories.listserv import BulletinFactory
from tests.materials.test_staff_screens import actions
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def test_bulletin_topics_are_checkboxes_and_the_body_has_a_preview(client, staff_listserv_manager, topics):
    sign_in(client, staff_listserv_manager)
    response = client.get("/admin/listserv/bulletin/add/")
    for topic in topics:
        assertContains(response, f'type="checkbox" name="topics" value="{topic.pk}"')
    assertNotContains(response, "Hold down")
    assertNotContains(response, '<select name="topics"')
    assertContains(response, 'data-markdown-preview="/admin/markdown-preview/"')
    assertContains(response, 'src="/static/js/admin-markdown-preview.js"')


def test_bulletin_slug_help_shows_a_real_address(client, staff_listserv_manager, topics):
    sign_in(client, staff_listserv_manager)
    response = client.get("/admin/listserv/bulletin/add/")
    assertContains(response, "/listserv/archive/this-slug/")
    assertNotContains(response, "/listserv/archive//")


def test_a_draft_has_no_view_on_site_link_and_offers_review_as_the_main_action(client, staff_listserv_manager, topics):
    draft = BulletinFactory(topics=[topics[0]], status=Bulletin.Status.DRAFT)
    sign_in(client, staff_listserv_manager)
    response = client.get(f"/admin/listserv/bulletin/{draft.pk}/change/")
    assertNotContains(response, "View on site")
    assert client.get(draft.get_absolute_url()).status_code == 404  # what the link would have led to
    assert actions(response) == [("Ask for review", True), ("Preview as an email", False), ("Compare revisions", False)]
    assertContains(response, 'name="_save"')


def test_an_approved_bulletin_offers_send_as_the_main_action(client, staff_listserv_manager, topics):
    approved = BulletinFactory(topics=[topics[0]], status=Bulletin.Status.APPROVED)
    sign_in(client, staff_listserv_manager)
    response = client.get(f"/admin/listserv/bulletin/{approved.pk}/change/")
    assert actions(response) == [
        ("Send back to draft", False),
        ("Send to subscribers…", True),
        ("Preview as an email", False),
        ("Compare revisions", False),
    ]
    assertNotContains(response, 'name="_save"')  # what was approved is not edited


def test_a_sent_bulletin_links_to_its_archive_page_and_has_nothing_to_save(client, staff_listserv_manager, topics):
    sent = BulletinFactory(topics=[topics[0]], status=Bulletin.Status.SENT, sent_at=timezone.now())
    sign_in(client, staff_listserv_manager)
    response = client.get(f"/admin/listserv/bulletin/{sent.pk}/change/")
    assertContains(response, "View on site")
    assert client.get(sent.get_absolute_url()).status_code == 200
    assertNotContains(response, 'name="_save"')
    assertNotContains(response, 'name="_continue"')
    assert actions(response) == [("Preview as an email", False), ("Compare revisions", False)]


def test_a_stuck_bulletin_says_so_and_offers_only_actions_that_exist(client, staff_listserv_manager, topics, settings):
    """Issue 19: rows left "being sent" past their claim are named, with what to do; no "release" action."""
    from datetime import timedelta

    from listserv.models import Delivery
    from tests.factories.listserv import SubscriberFactory

    bulletin = BulletinFactory(topics=[topics[0]], status=Bulletin.Status.SENDING, send_started_at=timezone.now())
    past = timezone.now() - timedelta(seconds=settings.MAIL_LEASE_SECONDS + settings.HEALTHZ_STUCK_SENDING_MINUTES * 60)
    for _ in range(3):
        Delivery.objects.create(bulletin=bulletin, subscriber=SubscriberFactory(), status="sending", claimed_at=past)
    Delivery.objects.create(bulletin=bulletin, subscriber=SubscriberFactory(), status="pending")
    sign_in(client, staff_listserv_manager)
    response = client.get(f"/admin/listserv/bulletin/{bulletin.pk}/change/")
    assertContains(response, 'id="bulletin-stuck"')
    assertContains(response, "Stuck: 3 recipients")
    assertContains(response, "manage.py run_worker")
    listing = client.get("/admin/listserv/bulletin/")
    assertContains(listing, "0 sent, 1 waiting, 3 being sent; <strong>3 stuck")
    offered = [value for value, _label in listing.context["action_form"].fields["action"].choices if value]
    assert offered == ["resume_sending"]
    assertNotContains(listing, "elease")  # no "release" action: the worker takes rows back by itself


def test_a_bulletin_being_sent_normally_is_not_called_stuck(client, staff_listserv_manager, topics):
    from listserv.models import Delivery
    from tests.factories.listserv import SubscriberFactory

    bulletin = BulletinFactory(topics=[topics[0]], status=Bulletin.Status.SENDING, send_started_at=timezone.now())
    Delivery.objects.create(
        bulletin=bulletin, subscriber=SubscriberFactory(), status="sending", claimed_at=timezone.now()
    )
    sign_in(client, staff_listserv_manager)
    response = client.get(f"/admin/listserv/bulletin/{bulletin.pk}/change/")
    assertContains(response, "1 being sent now")
    assertNotContains(response, "bulletin-stuck")
