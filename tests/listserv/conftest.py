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
