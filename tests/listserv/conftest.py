import re

import pytest

from tests.factories.listserv import TopicFactory


@pytest.fixture
def topics(db):
    return [
        TopicFactory(name="Updates on human trafficking", slug="updates"),
        TopicFactory(name="Training opportunities", slug="training"),
        TopicFactory(name="Funding opportunities", slug="funding"),
    ]


@pytest.fixture
def signup(client, form_data, topics, django_capture_on_commit_callbacks):
    """POST the sign-up form, running the after-commit email delivery."""

    def post(email="ana@example.org", topic_list=None, **extra):
        chosen = topic_list if topic_list is not None else topics[:1]
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/listserv/", form_data(email=email, topics=[t.pk for t in chosen], **extra))

    return post


def link_in(email, path_prefix):
    """The first absolute link in an email's text that starts with the site URL + path prefix."""
    match = re.search(r"https://rescue-restore\.example\.gov(" + re.escape(path_prefix) + r"[^\s]+)", email.body)
    assert match, email.body
    return match.group(1)


def personal_token(text, kind="unsubscribe"):
    """The token of the first ``/listserv/<kind>/<token>/`` link in ``text``."""
    match = re.search(r"/listserv/" + kind + r"/([A-Za-z0-9_:-]+)/", text)
    assert match, text
    return match.group(1)


def assert_link_for(text, subscriber, kind="unsubscribe"):
    """``text`` has a ``kind`` link that is genuine, for ``subscriber``, and fresh; returns its token."""
    from listserv import tokens

    token = personal_token(text, kind)
    link = tokens.read_personal_link(token)
    assert link.subscriber_id == subscriber.pk
    assert not link.is_legacy
    assert str(subscriber.pk) not in token.split(":")  # no readable id
    return token
