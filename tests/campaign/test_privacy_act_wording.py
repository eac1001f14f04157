"""One Privacy Act wording on all four public forms, in both languages (docs/glossary-es.md)."""

import pytest
from django.urls import reverse

from tests.factories.materials import EditionFactory

pytestmark = pytest.mark.django_db

FORMS = ["/contact/", "/materials/order/", "/coalitions/request/", "/listserv/"]
LABELS = {
    "en": ["Privacy Act statement", "Authority:", "Purpose:", "Routine uses:", "Disclosure:"],
    "es": ["Aviso de la Ley de Privacidad", "Autoridad:", "Propósito:", "Usos habituales:", "Divulgación:"],
}
OTHER_WORDINGS = ["Fundamento legal", "Usos rutinarios", "Finalidad:"]


@pytest.mark.parametrize("path", FORMS)
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_form_uses_the_glossary_wording(client, path, language):
    prefix = "/es" if language == "es" else ""
    if path == "/materials/order/":  # the order form shows its fields once something is chosen
        edition = EditionFactory(stock_on_hand=10)
        client.post(reverse("materials:order_list_change"), {"action": "add", "item": edition.item_code, "next": "/"})
    html = client.get(prefix + path).text
    for label in LABELS[language]:
        assert label in html, (path, label)
    for label in LABELS["en"][1:] if language == "es" else []:
        assert f"<strong>{label}</strong>" not in html
    for wording in OTHER_WORDINGS:
        assert wording not in html, (path, wording)
