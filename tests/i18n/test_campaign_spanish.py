"""The campaign's pages under /es/ speak Spanish, and a piece still in English says so with its own lang."""

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from campaign import emails
from campaign.models import ContactMessage, Page, Section
from rescue_restore.models import OutgoingEmail
from tests.factories.campaign import PageFactory
from tests.factories.materials import EditionFactory, MaterialFactory

pytestmark = pytest.mark.django_db


def spanish_page(**fields):
    """A published page with its Spanish version written, as staff write it in the admin."""
    spanish = {
        "title_es": fields.pop("title_es", "Señales en la clínica"),
        "summary_es": fields.pop("summary_es", "Un resumen breve en lenguaje sencillo."),
        "body_es": fields.pop("body_es", "Mire **más allá** de lo evidente."),
    }
    page = PageFactory(**fields)
    for name, value in spanish.items():
        setattr(page, name, value)
    page.save()
    return page


def main_content(html):
    return html.split('id="main-content"')[1]


# Each kind of campaign page: its Spanish address, words it must show, English words it must not.
FIXED_PAGES = [
    (
        "/es/",
        ["Mire más allá de lo evidente", "Si cree que se ha encontrado con una víctima", "Recursos para su trabajo"],
        ["Look beneath the surface", "Resources for your work", "If you think you have met a victim"],
    ),
    (
        "/es/disclaimer/",
        ["Política de aviso al salir del sitio", "Qué significa un enlace a otro sitio", "Antes de salir"],
        ["Exit notification", "Before you go"],
    ),
    (
        "/es/staying-safe-online/",
        ["Cómo mantenerse seguro en internet", "El botón “Salir rápido”", "Use una ventana privada"],
        ["Use a private window", "What the button cannot do"],
    ),
    (
        "/es/vulnerability-disclosure/",
        ["Política de divulgación de vulnerabilidades", "Cómo informarnos", "Lo que le prometemos"],
        ["How to report", "What we promise"],
    ),
    (
        "/es/contact/",
        ["Comuníquese con la División", "Aviso de la Ley de Privacidad", "Otras formas de comunicarse con nosotros"],
        ["Contact the Division", "Privacy Act statement", "Other ways to reach us"],
    ),
    ("/es/contact/thanks/", ["Mensaje enviado", "Volver a la página principal"], ["Message sent", "Return to the"]),
]


@pytest.mark.parametrize(("path", "spanish", "english"), FIXED_PAGES, ids=[row[0] for row in FIXED_PAGES])
def test_each_kind_of_campaign_page_speaks_spanish_under_es(client, path, spanish, english):
    response = client.get(path)
    assert response.status_code == 200
    html = response.text
    assert '<html lang="es">' in html
    content = main_content(html)
    for text in spanish:
        assert text in content, text
    for text in english:
        assert text not in content, text


def test_the_same_pages_stay_english_at_their_unprefixed_addresses(client):
    for path, spanish, _english in FIXED_PAGES:
        english_path = path.removeprefix("/es")
        html = client.get(english_path).text
        assert '<html lang="en">' in html, english_path
        for text in spanish:
            assert text not in main_content(html), (english_path, text)


def test_the_home_page_names_each_audience_in_a_whole_spanish_phrase(client):
    html = client.get("/es/").text
    for text in [
        "Recursos para proveedores de atención médica",
        "Recursos para proveedores de servicios sociales",
        "Recursos para las fuerzas del orden",
        "Recursos para el público en general",
        "Orientación para el público en general.",  # the card of an audience without a page yet
    ]:
        assert text in html, text
    # The English frame with the Spanish label lowercased into it is gone.
    assert "Resources for" not in html
    assert "público en general</a>" in html


def test_the_home_page_links_stay_in_spanish(client):
    html = main_content(client.get("/es/").text)
    assert 'href="/es/materials/"' in html
    assert 'href="/es/coalitions/"' in html
    assert 'href="/es/listserv/"' in html
    assert html.count('href="/es/materials/"') >= 2  # an audience without a page yet: its card leads to the catalog
    assert "Haga un pedido de carteles, folletos y tarjetas de bolsillo gratuitos" in html


def test_a_translated_page_shows_its_spanish_breadcrumbs_dates_and_related_heading(client):
    clinic = MaterialFactory(title="Clinic screening guide", audiences=["health-care"])
    EditionFactory(material=clinic)
    page = spanish_page(section=Section.HEALTH_CARE, slug="en-la-clinica", publication_date=datetime.date(2026, 3, 2))
    html = client.get(f"/es/pages/{page.slug}/").text
    assert '<html lang="es">' in html
    assert "<h1>Señales en la clínica</h1>" in html
    assert 'aria-label="Ruta de navegación"' in html
    assert "<span>Inicio</span>" in html
    assert re.search(r'<a href="/es/pages/resources/"\s+class="usa-breadcrumb__link"><span>Recursos</span></a>', html)
    assert "Materiales y coaliciones para proveedores de atención médica" in html
    assert "Fecha de publicación" in html
    assert "2 de marzo de 2026" in html
    assert '<article class="usa-prose">' in html  # all of it Spanish: no lang of its own
    assert "todavía no está disponible en español" not in html
    for english in ["Breadcrumbs", ">Home<", "Materials and coalitions for", "Publication Date"]:
        assert english not in html, english


def test_the_related_heading_names_each_audience_in_its_own_phrase(client):
    for section, heading, english_heading in [
        (
            Section.LAW_ENFORCEMENT,
            "Materiales y coaliciones para las fuerzas del orden",
            "Materials and coalitions for law enforcement",
        ),
        (
            Section.EVERYONE,
            "Materiales y coaliciones para el público en general",
            "Materials and coalitions for everyone else",
        ),
    ]:
        material = MaterialFactory(audiences=["law-enforcement", "general-public"])
        EditionFactory(material=material)
        page = spanish_page(section=section)
        html = client.get(f"/es/pages/{page.slug}/").text
        assert f'<h2 id="related-heading">{heading}</h2>' in html
        english = client.get(f"/pages/{page.slug}/").text
        assert f'<h2 id="related-heading">{english_heading}</h2>' in english


def test_a_spanish_title_over_an_english_body_is_marked_spanish_inside_the_english_article(client):
    page = PageFactory(slug="solo-titulo", title="Signs", body="Look **beneath** the surface.")
    page.title_es = "Señales"
    page.save()
    html = client.get("/es/pages/solo-titulo/").text
    assert "todavía no está disponible en español" in html
    assert '<article class="usa-prose" lang="en">' in html
    assert '<h1 lang="es">Señales</h1>' in html
    assert '<p class="usa-intro">A short plain-language summary.</p>' in html  # English, like its article
    assert "<strong>beneath</strong>" in html


def test_an_english_title_over_a_spanish_body_is_marked_english(client):
    page = PageFactory(slug="solo-texto", title="Signs", summary="English summary.")
    page.body_es = "Mire **más allá** de lo evidente."
    page.save()
    html = client.get("/es/pages/solo-texto/").text
    assert "todavía no está disponible en español" not in html
    assert '<article class="usa-prose">' in html
    assert '<h1 lang="en">Signs</h1>' in html
    assert '<p class="usa-intro" lang="en">English summary.</p>' in html
    assert '<span lang="en">Signs</span>' in html  # the breadcrumb


def test_the_side_navigation_and_home_cards_mark_the_titles_and_summaries_still_in_english(client):
    spanish_page(section=Section.HEALTH_CARE, slug="traducida", order=1)
    PageFactory(section=Section.HEALTH_CARE, slug="sin-traducir", title="Only in English", order=2)
    html = client.get("/es/pages/traducida/").text
    assert re.search(r'<a href="/es/pages/sin-traducir/"\s+lang="en">Only in English</a>', html)
    home = client.get("/es/").text  # the health care card shows its first page's summary and links to it
    assert "<p>Un resumen breve en lenguaje sencillo.</p>" in home
    assert 'href="/es/pages/traducida/"' in home
    english = client.get("/pages/traducida/").text
    assert 'lang="en"' not in english.split('id="main-content"')[1]


def test_the_resources_page_marks_audience_pages_still_in_english(client):
    spanish_page(slug="resources", section=Section.ABOUT_CAMPAIGN, title_es="Recursos para cada público")
    PageFactory(section=Section.LAW_ENFORCEMENT, slug="officers", title="For officers")
    html = client.get("/es/pages/resources/").text
    assert "<h1>Recursos para cada público</h1>" in html
    assert '<h2 id="resources-law-enforcement">Fuerzas del orden</h2>' in html
    assert re.search(r'href="/es/pages/officers/"\s+lang="en">For officers</a>', html)
    assert '<span lang="en">A short plain-language summary.</span>' in html


def test_site_search_on_es_calls_a_page_a_pagina(client):
    spanish_page(slug="senales", title_es="Señales de la trata")
    html = client.get("/es/search/", {"q": "señales"}).text
    assert "Señales de la trata" in html
    assert ">Página<" in html
    assert ">Page<" in client.get("/search/", {"q": "guidance"}).text


# The contact form on /es/contact/.

VALID = {
    "name": "Ana Reyes",
    "email": "ana@example.org",
    "organization": "Clínica del condado",
    "topic": "materials",
    "message": "¿Podrían enviarnos carteles en español para la sala de espera?",
}


def post_in_spanish(client, form_data, **changes):
    return client.post("/es/contact/", form_data(**{**VALID, **changes}))


def test_the_spanish_contact_form_has_spanish_labels_hints_and_choices(client):
    html = client.get("/es/contact/").text
    for text in [
        "Su nombre",
        "Su correo electrónico",
        "Solo lo usamos para responderle.",
        "Organización",
        "Tema",
        "- Seleccione -",
        "Materiales impresos",
        "Coaliciones y cómo participar",
        "Mensaje",
        "Hasta 5,000 caracteres.",
        "Enviar mensaje",
        'action="/es/contact/"',
    ]:
        assert text in html, text
    for english in [
        "Your name",
        "Your email address",
        "We only use it",
        "- Select -",
        "Printed materials",
        "Send message",
    ]:
        assert english not in html, english


def test_an_empty_spanish_form_gets_spanish_errors_on_every_required_field(client, form_data):
    response = client.post("/es/contact/", form_data())
    assert response.status_code == 400
    html = response.text
    assert "Error: Comuníquese con la División" in html.split("</title>")[0]
    form = response.context["form"]
    for field in ["name", "email", "topic", "message"]:
        assert form.errors[field] == ["Este campo es obligatorio."], field
        assert f'id="id_{field}-error"' in html
    assert "This field is required." not in html
    assert ContactMessage.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"email": "not-an-email"}, "email", "dirección de correo electrónico válida"),
        ({"email": "ana@example.org\r\nBcc: victim@example.org"}, "email", "dirección de correo electrónico válida"),
        ({"name": "A" * 101}, "name", "Su nombre debe tener como máximo 100 caracteres (tiene 101)."),
        ({"message": "x" * 5001}, "message", "Mensaje debe tener como máximo 5000 caracteres (tiene 5001)."),
        ({"topic": "<script>"}, "topic", "Escoja una opción válida."),
        ({"name": "Ana\x00"}, "name", "Los caracteres nulos no están permitidos."),
    ],
)
def test_hostile_input_on_the_spanish_form_gets_a_spanish_error_and_stores_nothing(
    client, form_data, mailoutbox, changes, field, error
):
    response = post_in_spanish(client, form_data, **changes)
    assert response.status_code == 400
    form = response.context["form"]
    assert any(error in message for message in form.errors[field]), form.errors[field]
    assert '<html lang="es">' in response.text
    assert ContactMessage.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0
    assert mailoutbox == []


def test_a_message_sent_in_spanish_thanks_in_spanish_and_staff_still_read_english(
    client, form_data, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_in_spanish(client, form_data)
    assert response.status_code == 302
    assert response["Location"] == "/es/contact/thanks/"
    assert "Mensaje enviado" in client.get(response["Location"]).text
    (email,) = mailoutbox
    assert email.subject == "Contact form: Printed materials from Ana Reyes"
    assert "A message arrived through the Rescue & Restore contact form." in email.body
    assert "Organization: Clínica del condado" in email.body
    assert "¿Podrían enviarnos carteles" in email.body
    html = email.alternatives[0][0]
    assert "Mark it answered in the staff site" in html
    assert "Formulario de contacto" not in email.body


def test_the_review_reminder_is_english_even_when_sent_while_spanish_is_active(staff_editor):
    Page.objects.all().delete()
    page = PageFactory(title="Signs", next_review_due=datetime.date(2026, 12, 1))
    with translation.override("es"):
        email = emails.remind_editors_of_reviews([page], datetime.date(2026, 12, 8))
    assert email.subject == "Campaign pages due for review: 1"
    assert "due Dec. 1, 2026, 7 days ago" in email.body_text
    assert "(7 days ago)" in email.body_html
    assert "revisarse" not in email.body_text


def test_the_campaign_email_templates_have_their_spanish_plural_forms():
    page = PageFactory(title="Señales", next_review_due=datetime.date(2026, 12, 1))
    due = [{"page": page, "admin_url": "https://example.gov/x", "days_overdue": days} for days in (1, 7, 0)]
    with translation.override("es"):
        text = render_to_string("campaign/emails/review_reminder_body.txt", {"due": due})
        html = render_to_string("campaign/emails/review_reminder_body.html", {"due": due})
        subject = render_to_string("campaign/emails/review_reminder_subject.txt", {"count": 3})
    assert "hace 1 día)" in text
    assert "hace 7 días)" in text
    assert "(hace 7 días)" in html
    assert "Páginas de la campaña que deben revisarse: 3" in subject
    assert "days ago" not in text + html
