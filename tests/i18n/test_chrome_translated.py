"""The chrome every public page shows (banner, menu, hotline, quick exit, footer, errors) speaks its language."""

import datetime

import pytest

from tests.factories.campaign import PageFactory

pytestmark = pytest.mark.django_db

SPANISH_CHROME = [
    "Un sitio oficial del Gobierno de Estados Unidos",
    "Ir al contenido principal",
    "Menú",
    "Materiales gratuitos",
    "Actualizaciones por correo electrónico",
    "Línea Directa Nacional contra la Trata de Personas",
    "se atiende en español",
    "envíe un mensaje de texto",
    "Salir rápido",
    "Cómo mantenerse seguro en internet",
    "Haga un pedido de materiales gratuitos",
    "Declaración de accesibilidad",
    "Política de privacidad",
    "Acerca de Rescue &amp; Restore",
    "Visite USAGov en Español",
    'data-text-loading="Cargando."',
    'data-text-shift-2="Mayús; presione 2 veces más para salir."',
]
ENGLISH_CHROME = [
    "An official website of the United States government",
    "Skip to main content",
    ">Menu<",
    "<span>Free materials</span>",
    "National Human Trafficking Hotline, 24 hours a day",
    "Exit this page",
    "Staying safe online",
    "Order free materials",
    "Accessibility statement",
    "About Rescue &amp; Restore",
    "Visit USA.gov",
]


def test_spanish_pages_show_the_chrome_in_spanish(client):
    html = client.get("/es/").text
    for text in SPANISH_CHROME:
        assert text in html, text
    for text in ENGLISH_CHROME:
        assert text not in html, text
    assert 'href="tel:+18883737888"' in html
    assert 'href="sms:233733"' in html
    assert 'href="https://www.usa.gov/es/"' in html


def test_english_pages_keep_the_english_chrome(client):
    html = client.get("/").text
    for text in ENGLISH_CHROME:
        assert text in html, text
    for text in ["se atiende en español", "Salir rápido", "Menú"]:
        assert text not in html, text


def test_spanish_not_found_page_is_in_spanish(client):
    response = client.get("/es/no-such-page/")
    assert response.status_code == 404
    assert "No se encontró la página" in response.text
    assert 'href="/es/"' in response.text


def test_page_dates_read_as_spanish_dates(client):
    page = PageFactory(publication_date=datetime.date(2026, 3, 2), last_reviewed=datetime.date(2026, 10, 9))
    html = client.get("/es" + page.get_absolute_url()).text
    assert "Fecha de publicación" in html
    assert "2 de marzo de 2026" in html
    assert "9 de octubre de 2026" in html
