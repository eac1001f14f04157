"""The coalition journey in Spanish, in a real browser: directory, request form, confirmation, emails; accessibility."""

import re

from django.utils import translation
from playwright.sync_api import expect

from coalitions import services
from coalitions.models import AffiliationRequest
from tests.browser.conftest import assert_accessible

SITE = "https://rescue-restore.example.gov"


def test_a_request_made_in_spanish_is_answered_in_spanish(
    site, page, mailoutbox, no_third_party_requests, staff_coalition_moderator
):
    # 1. The Spanish directory: labels and state names in Spanish.
    page.goto(site.url + "/es/coalitions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Encuentre una coalición cerca de usted")
    expect(page.get_by_role("link", name="Nuevo México: 0 coaliciones")).to_be_visible()
    expect(page.get_by_role("heading", name="Coaliciones por estado y territorio")).to_be_visible()
    assert_accessible(page)

    # 2. From there to the request form, in Spanish.
    page.get_by_role("link", name="Afilie su coalición o forme una nueva").click()
    expect(page).to_have_url(site.url + "/es/coalitions/request/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Afilie su coalición o forme una nueva")
    assert_accessible(page)

    # A mistake first: the Spanish error summary, and its page, must be accessible too.
    page.get_by_label("Su correo electrónico").fill("ana@example")
    page.get_by_role("button", name="Enviar solicitud").click()
    expect(page.get_by_role("heading", name="Hay un problema con este formulario")).to_be_visible()
    expect(page.get_by_text("Introduzca una dirección de correo electrónico válida.").first).to_be_visible()
    assert page.title().startswith("Error: Afilie su coalición")
    assert_accessible(page)

    # 3. The form filled in through its Spanish labels.
    page.get_by_label("Afiliar nuestra coalición existente a la campaña").check()
    page.get_by_label("Comunidad (ciudad, condado o región)").fill("Las Cruces")
    page.get_by_label("Estado o territorio").select_option(label="Nuevo México")
    page.get_by_label("Nombre de la coalición").fill("Coalición del Sur de Nuevo México")
    page.get_by_label("Su nombre").fill("Ana Morales")
    page.get_by_label("Su correo electrónico").fill("ana@example.org")
    page.get_by_label("Número de organizaciones miembro").fill("12")
    # USWDS draws its own boxes and hides the inputs off-screen: people click the labels.
    page.locator("label", has_text="Iglesias y grupos religiosos").click()
    page.locator("label", has_text="Organizaciones de servicios sociales").click()
    page.locator("label[for=id_task_force_exists_0]").click()
    page.locator("label[for=id_covers_sex_and_labor_trafficking]").click()
    page.locator("label[for=id_consent_to_list]").click()
    page.get_by_label("Correo electrónico que se mostrará en el directorio").fill("info@sur-nm.example.org")
    expect(page.get_by_label("Iglesias y grupos religiosos")).to_be_checked()
    expect(page.get_by_label("Sí", exact=True)).to_be_checked()
    page.get_by_role("button", name="Enviar solicitud").click()

    # 4. The Spanish confirmation.
    expect(page.get_by_role("heading", level=1)).to_have_text("Solicitud recibida")
    request_object = AffiliationRequest.objects.get(coalition_name="Coalición del Sur de Nuevo México")
    assert request_object.language == "es"
    expect(page.get_by_text(f"Gracias. Su número de referencia es {request_object.reference}.")).to_be_visible()
    assert_accessible(page)

    # 5. The confirmation email is Spanish in subject, text and HTML; staff read theirs in English.
    applicant = next(email for email in mailoutbox if email.to == ["ana@example.org"])
    assert applicant.subject == f"Recibimos su solicitud {request_object.reference} sobre la coalición"
    html = applicant.alternatives[0][0]
    for part in (applicant.body, html):
        assert "Estimado(a) Ana Morales:" in part
        assert "Las Cruces, Nuevo México" in part
        assert "Afiliar una coalición existente" in part
        assert "suele responder en un plazo de 30 días" in part
        assert "Thank you" not in part
    assert '<html lang="es">' in html
    moderators = next(email for email in mailoutbox if email.to != ["ana@example.org"])
    assert moderators.subject.startswith(f"Coalition request {request_object.reference}")

    # 6. A moderator (reading the admin in English) approves it: the applicant hears in Spanish,
    #    and the new listing is on the Spanish map under its Spanish state name.
    mailoutbox.clear()
    with translation.override("en"):
        coalition = services.approve_request(request_object, by=staff_coalition_moderator)
    (approved,) = mailoutbox
    assert approved.subject == f"Se aprobó su solicitud {request_object.reference} sobre la coalición"
    assert "El HHS aprobó la afiliación de Coalición del Sur de Nuevo México" in approved.body
    listing_path = re.search(rf"{SITE}(/es/coalitions/[^/\s]+/)", approved.body)[1]
    assert listing_path == f"/es/coalitions/{coalition.slug}/"

    page.goto(site.url + "/es/coalitions/")
    page.get_by_role("link", name="Nuevo México: 1 coalición").click()
    expect(page.get_by_role("heading", name="1 coalición en Nuevo México")).to_be_visible()
    page.get_by_role("link", name="Coalición del Sur de Nuevo México").click()
    expect(page).to_have_url(site.url + listing_path)
    expect(page.get_by_role("heading", name="Datos")).to_be_visible()
    expect(page.get_by_role("heading", name="Avisar de información desactualizada")).to_be_visible()
    assert_accessible(page)


def test_a_spanish_demo_listing_page_is_in_spanish_with_its_examples_in_a_demo_label(
    site, page, no_third_party_requests
):
    page.goto(site.url + "/es/coalitions/phoenix-rescue-restore-coalition/")
    label = page.locator("[data-demo-label]")
    expect(label.get_by_role("heading", name="Listado de demostración: datos de ejemplo")).to_be_visible()
    # The invented "last verified" date, and so the out-of-date notice, sit inside the label.
    expect(label.get_by_text("Es posible que la información no esté actualizada.")).to_be_visible()
    expect(page.get_by_text("Phoenix fue una de las tres ciudades piloto")).to_be_visible()
    expect(page.locator("main [lang=en]")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("button", name="Enviar aviso").click()
    expect(page.get_by_role("heading", name="Hay un problema con este formulario")).to_be_visible()
    expect(page.get_by_text("Este campo es obligatorio.").first).to_be_visible()
    assert_accessible(page)
