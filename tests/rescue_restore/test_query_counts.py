"""Pages whose query count must not grow with the data: the same count at two sizes.

Covers the coalitions and listserv admin change lists, the site search page
and the home page (the other apps' list pages have theirs beside their tests).
"""

import pytest
from django.utils import timezone

from coalitions.models import AffiliationRequest, Coalition
from listserv.models import Bulletin, Subscriber
from tests.factories.campaign import PageFactory
from tests.factories.coalitions import AffiliationRequestFactory, CoalitionFactory
from tests.factories.listserv import BulletinFactory, SubscriberFactory, TopicFactory
from tests.factories.materials import EditionFactory, MaterialFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def _grow(model, make):
    def grow(size):
        for _ in range(size - model.objects.count()):
            make()

    return grow


def _ok(client, url):
    def visit():
        assert client.get(url).status_code == 200

    return visit


@pytest.mark.parametrize("url", ["/admin/coalitions/coalition/", "/admin/coalitions/coalition/?q=Coalition"])
def test_coalition_change_list(client, staff_coalition_moderator, assert_same_queries, url):
    sign_in(client, staff_coalition_moderator)
    assert_same_queries((3, 30), _grow(Coalition, CoalitionFactory), _ok(client, url), most=12)


def test_affiliation_request_change_list(client, staff_coalition_moderator, assert_same_queries):
    sign_in(client, staff_coalition_moderator)

    def make():
        AffiliationRequestFactory(coalition=CoalitionFactory())

    grow = _grow(AffiliationRequest, make)
    assert_same_queries((3, 30), grow, _ok(client, "/admin/coalitions/affiliationrequest/"), most=12)


def test_subscriber_change_list(client, staff_listserv_manager, assert_same_queries):
    topic = TopicFactory()
    sign_in(client, staff_listserv_manager)
    grow = _grow(Subscriber, lambda: SubscriberFactory(topics=[topic]))
    assert_same_queries((3, 30), grow, _ok(client, "/admin/listserv/subscriber/"), most=12)


def test_bulletin_change_list(client, staff_listserv_manager, assert_same_queries):
    topic = TopicFactory()
    sign_in(client, staff_listserv_manager)

    def make():
        bulletin = BulletinFactory(topics=[topic])
        Bulletin.objects.filter(pk=bulletin.pk).update(status="sent", sent_at=timezone.now())

    assert_same_queries((3, 30), _grow(Bulletin, make), _ok(client, "/admin/listserv/bulletin/"), most=12)


def _everything(size):
    """``size`` of each thing the search and the home page can show, all matching the word "trafficking"."""
    topic = TopicFactory()
    for number in range(size):
        PageFactory(title=f"Trafficking guidance {number}")
        EditionFactory(material=MaterialFactory(title=f"Trafficking poster {number}"))
        CoalitionFactory(name=f"Trafficking task group {number}")
        bulletin = BulletinFactory(subject=f"Trafficking update {number}", topics=[topic])
        Bulletin.objects.filter(pk=bulletin.pk).update(status="sent", sent_at=timezone.now())


def _grow_everything():
    made = [0]

    def grow(size):
        _everything(size - made[0])
        made[0] = size

    return grow


def test_search_page(client, assert_same_queries):
    assert_same_queries((2, 15), _grow_everything(), _ok(client, "/search/?q=trafficking"), most=6)


def test_home_page(client, assert_same_queries):
    assert_same_queries((2, 15), _grow_everything(), _ok(client, "/"), most=6)
