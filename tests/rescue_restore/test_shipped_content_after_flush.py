"""After a flush (the end of every transactional test), the content data migrations ship is back."""

import pytest
from django.core.management import call_command

from campaign.models import Page, SearchSynonym
from screening.models import Question


@pytest.mark.django_db(transaction=True)
def test_a_flush_leaves_the_shipped_pages_synonyms_and_questions():
    call_command("flush", interactive=False, verbosity=0)
    assert Page.objects.filter(slug="privacy", body_en__contains="Add to my order").exists()
    assert Page.objects.filter(slug="no-fear-act").exclude(body_es="").exists()
    assert SearchSynonym.objects.filter(term="nurse").exists()
    assert Question.objects.exists()
