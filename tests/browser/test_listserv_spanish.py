"""Email updates in Spanish in a real browser: sign up on /es/, confirm from the emailed link, choose the language."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible


def _click_label(page, text):
    # USWDS draws the box on the label and hides the input itself off-screen, as people click the label.
    page.locator("label", has_text=text).click()


def _path(email, prefix):
    return re.search(r"https://rescue-restore\.example\.gov(" + re.escape(prefix) + r"\S+)", email.body).group(1)


def test_sign_up_in_spanish_confirm_from_the_email_and_choose_the_language(
    site, page, mailoutbox, no_third_party_requests
):
    page.goto(site.url + "/es/listserv/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reciba actualizaciones por correo electrónico")
    expect(page.get_by_label("Español")).to_be_checked()  # the page's language is the bulletins' by default
    assert_accessible(page)

    # A mistake first: the Spanish error summary must be accessible too.
    page.get_by_role("button", name="Suscribirse").click()
    expect(page.get_by_role("heading", name="Hay un problema con este formulario")).to_be_visible()
    expect(page.get_by_text("Elija al menos un tema.").first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Dirección de correo electrónico").fill("ana@example.org")
    _click_label(page, "Oportunidades de capacitación")
    page.get_by_role("button", name="Suscribirse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Revise su correo electrónico")
    assert_accessible(page)

    [confirmation] = mailoutbox
    assert confirmation.subject == "Confirme sus actualizaciones por correo electrónico de Rescue & Restore"
    assert "Oportunidades de capacitación" in confirmation.body
    page.goto(site.url + _path(confirmation, "/es/listserv/confirm/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirme su suscripción")
    assert_accessible(page)
    page.get_by_role("button", name="Confirmar mi suscripción").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sus preferencias de actualizaciones por correo electrónico"
    )
    expect(page.get_by_text("Gracias. Su suscripción está confirmada.")).to_be_visible()
    expect(page.get_by_label("Oportunidades de capacitación")).to_be_checked()
    assert_accessible(page)
    welcome = mailoutbox[-1]
    assert welcome.subject == "Le damos la bienvenida a las actualizaciones por correo electrónico de Rescue & Restore"

    # The bulletins may come in English instead; the page itself stays Spanish.
    _click_label(page, "Inglés")
    page.get_by_role("button", name="Guardar idioma").click()
    expect(page.get_by_text("Se guardó el idioma que eligió.")).to_be_visible()
    expect(page.get_by_label("Inglés")).to_be_checked()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert_accessible(page)

    from listserv.models import Subscriber

    assert Subscriber.objects.get(email="ana@example.org").language == "en"


def test_the_spanish_archive_and_a_spanish_bulletin_are_accessible(site, page, no_third_party_requests):
    page.goto(site.url + "/es/listserv/archive/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Archivo de actualizaciones por correo electrónico")
    assert_accessible(page)
    # The demo bulletins say they are made up, in their subject too.
    title = "Demostración: Seminarios web de primavera para proveedores de atención médica"
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text("Fecha de publicación")).to_be_visible()
    assert_accessible(page)
