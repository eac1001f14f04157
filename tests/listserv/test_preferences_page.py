"""The preferences page names each thing once: the topics section is not headed "Topics" above a "Topics" field."""

import re

import pytest

from listserv import tokens
from tests.factories.listserv import SubscriberFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "word", "heading"), [("", "Topics", "What we send you"), ("/es", "Temas", "Lo que le enviamos")]
)
def test_the_topics_section_says_topics_once(client, prefix, word, heading):
    subscriber = SubscriberFactory(topics=[TopicFactory()])
    html = client.get(f"{prefix}/listserv/preferences/{tokens.make_preferences_token(subscriber.pk)}/").text
    main = html.split('id="main-content"')[1]
    visible = re.sub(r"<[^>]+>", " ", main)
    assert len(re.findall(rf"\b{word}\b", visible)) == 1
    assert f"<h2>{heading}</h2>" in main
