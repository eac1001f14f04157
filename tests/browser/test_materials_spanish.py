"""Ordering printed materials on /es/ in a real browser: Spanish pages, accessible at every step, Spanish emails."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_spanish_site import _english_interface_strings, _VisibleText

BROCHURE_ES = "Folleto “Mire más allá de lo evidente”"
REQUESTER = "ana.reyes@example.org"
# English that must not reach the requester of an order placed in Spanish.
ENGLISH_IN_EMAILS = ["Hello", "Your order", "Thank you", "Shipping to", "See the status", "working days", "copies"]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Demo covers are drawn into a temporary folder, not var/media (autouse: before `site` seeds)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


def assert_spanish_page(page):
    """lang="es", axe clean, and no English interface string outside a passage marked lang="en"."""
    assert page.evaluate("() => document.documentElement.lang") == "es"
    parser = _VisibleText()
    parser.feed(page.content())
    english = _english_interface_strings()
    leaks = sorted({text for text in parser.found if text in english})
    assert leaks == [], leaks
    assert_accessible(page)


def wait_for_emails(mailoutbox, count, timeout=20):
    """The emails leave through a task after the order commits: give a busy machine time."""
    deadline = time.monotonic() + timeout
    while len(mailoutbox) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(mailoutbox) == count, [email.subject for email in mailoutbox]


def test_order_in_spanish_from_the_catalog_to_the_spanish_emails(site, page, mailoutbox, no_third_party_requests):
    page.goto(site.url + "/es/materials/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Materiales gratuitos")
    # Spanish editions first: the first card's first edition is the Spanish one.
    expect(page.locator(".usa-card .rr-edition").first).to_contain_text("Español:")
    assert_spanish_page(page)

    page.get_by_role("button", name=re.compile(r"^Agregar a mi pedido\W+" + BROCHURE_ES + r", Español$")).click()
    expect(page.get_by_text(f"Se agregó “{BROCHURE_ES}” (Español) a su pedido.")).to_be_visible()
    expect(page.locator("#edition-RR-LBS-BRO-ES")).to_contain_text("en su pedido")
    expect(page.get_by_text("Eligió 1 material para pedir impreso.")).to_be_visible()
    assert_spanish_page(page)

    # The material page: the English edition's own title is marked as English.
    page.get_by_role("link", name=BROCHURE_ES, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BROCHURE_ES)
    expect(page.locator('span[lang="en"]', has_text="Look Beneath the Surface brochure")).to_be_visible()
    assert_spanish_page(page)

    page.get_by_role("link", name="Ir a mi pedido").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pida copias impresas gratuitas")
    expect(page.locator("#your-items label").first).to_contain_text(f"{BROCHURE_ES}, Español")
    assert_spanish_page(page)

    # Copies only, then submit: the errors are listed in Spanish and the copies typed stay.
    page.get_by_label(f"{BROCHURE_ES}, Español").fill("25")
    page.get_by_role("button", name="Hacer el pedido").click()
    expect(page.get_by_role("heading", name="Hay un problema con este formulario")).to_be_visible()
    assert page.title().startswith("Error: Pida copias impresas gratuitas")
    expect(page.get_by_role("link", name="Su nombre: Este campo es obligatorio.")).to_be_visible()
    expect(page.get_by_label(f"{BROCHURE_ES}, Español")).to_have_value("25")
    assert_spanish_page(page)

    page.get_by_label("Su nombre").fill("Ana Reyes")
    page.get_by_label("Nombre de la organización").fill("Clínica Comunitaria de Dover")
    page.locator("label", has_text="Atención médica").click()
    page.get_by_label("Dirección de correo electrónico").fill(REQUESTER)
    page.get_by_label("Número de teléfono").fill("302-555-0123")
    page.get_by_label("Dirección", exact=True).fill("1 Clinic Way")
    page.get_by_label("Ciudad, pueblo u oficina postal militar").fill("Dover")
    page.get_by_label("Estado, territorio o región militar").select_option("DE")
    page.get_by_label("Código postal (ZIP)").fill("19901")
    page.get_by_label("¿Cómo usará estos materiales?").fill("Sala de espera y capacitación del personal.")
    page.get_by_role("button", name="Hacer el pedido").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Gracias, recibimos su pedido")
    reference = re.search(r"RR-\d{4}-\d{6}", page.locator(".usa-intro").inner_text()).group(0)
    expect(page.locator("table tbody tr").filter(has_text="RR-LBS-BRO-ES")).to_contain_text("25")
    expect(page.get_by_text("Los pedidos suelen enviarse en un plazo de 10 días hábiles.")).to_be_visible()
    assert_spanish_page(page)

    # Both emails: the requester's in Spanish (subject, text, HTML); staff read theirs in English by design.
    wait_for_emails(mailoutbox, 2)
    [confirmation] = [email for email in mailoutbox if email.to == [REQUESTER]]
    [staff] = [email for email in mailoutbox if email.to != [REQUESTER]]
    assert confirmation.subject == f"Recibimos su pedido de Rescue & Restore {reference}"
    for phrase in [
        "Estimado(a) Ana Reyes:",
        "Gracias por pedir materiales gratuitos de Rescue & Restore.",
        f"El número de referencia de su pedido es {reference}.",
        f"- 25 x {BROCHURE_ES} (Español, RR-LBS-BRO-ES)",
        "Dirección de envío:\n1 Clinic Way\nDover, DE 19901",
        "Consulte el estado de su pedido en cualquier momento",
    ]:
        assert phrase in confirmation.body, phrase
    [(html, _mimetype)] = confirmation.alternatives
    assert '<html lang="es">' in html
    assert "Gracias por pedir materiales gratuitos de Rescue &amp; Restore." in html
    assert ">Consulte el estado de su pedido</a>" in html
    html_text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    for english in ENGLISH_IN_EMAILS:
        assert english not in confirmation.subject, english
        assert english not in confirmation.body, english
        assert english not in html_text, english
    assert staff.subject.startswith(f"New order: {reference}")

    # The private link in the email opens the order's status in Spanish.
    status_path = re.search(r"https://rescue-restore\.example\.gov(/es/materials/orders/\S+/)", confirmation.body)[1]
    page.goto(site.url + status_path)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Pedido {reference}")
    expect(page.locator("[data-order-status]")).to_have_text("Recibido")
    assert_spanish_page(page)
