"""The public archive: sent bulletins only, sanitized, no recipient data, bounded queries."""

import pytest
from django.utils import timezone

from listserv.models import Bulletin
from tests.factories.listserv import BulletinFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def _sent(topics, n, **kwargs):
    bulletins = BulletinFactory.create_batch(n, topics=topics, **kwargs)
    Bulletin.objects.filter(pk__in=[b.pk for b in bulletins]).update(status="sent", sent_at=timezone.now())
    return bulletins


def test_archive_lists_sent_bulletins_only(client, topics):
    [sent] = _sent(topics[:1], 1, subject="Sent one")
    BulletinFactory(subject="Draft one", topics=topics[:1])
    SubscriberFactory(email="reader@example.org", topics=topics[:1])
    html = client.get("/listserv/archive/").content.decode()
    assert "Sent one" in html
    assert "Draft one" not in html
    assert "reader@example.org" not in html
    detail = client.get(sent.get_absolute_url())
    assert detail.status_code == 200
    assert "Publication Date" in detail.content.decode()
    assert client.get("/listserv/archive/bulletin-does-not-exist/").status_code == 404


def test_draft_is_not_reachable_in_the_archive(client, topics):
    draft = BulletinFactory(topics=topics[:1])
    assert client.get(f"/listserv/archive/{draft.slug}/").status_code == 404


def test_bulletin_body_is_sanitized_and_external_links_get_the_exit_notice(client, topics):
    [bulletin] = _sent(topics[:1], 1, body="<img src=x onerror=alert(1)> [Polaris](https://polarisproject.org/)")
    html = client.get(bulletin.get_absolute_url()).content.decode()
    assert "<img" not in html.split("<main")[1]  # typed HTML shows as text
    assert 'class="usa-link rr-exit-link"' in html
    assert "exit disclaimer" in html


def test_archive_query_count_does_not_grow(client, topics, assert_same_queries):
    def grow(size):
        _sent(topics, size - Bulletin.objects.count())

    def visit():
        assert client.get("/listserv/archive/").status_code == 200

    assert_same_queries((3, 20), grow, visit, most=6)


def test_bad_page_numbers_are_harmless(client, topics):
    _sent(topics[:1], 1)
    assert client.get("/listserv/archive/?page=%00").status_code == 200
    assert client.get("/listserv/archive/?page=999").status_code == 200


def test_sent_bulletins_are_in_site_search_and_the_sitemap(client, topics):
    _sent(topics[:1], 1, subject="Webinars for clinic staff")
    assert "Webinars for clinic staff" in client.get("/search/?q=webinars").content.decode()
    assert "/listserv/archive/" in client.get("/sitemap.xml").content.decode()
