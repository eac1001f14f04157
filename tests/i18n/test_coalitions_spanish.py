"""The coalition directory, its forms and every email a Spanish request causes, in Spanish.

Labels, state names and messages follow the page's language; the coalitions'
own data (names, descriptions, cities) is shown as it was written.
"""

import datetime
import re

import pytest
from django.utils import timezone, translation

from coalitions import reverification, services
from coalitions.models import AffiliationRequest, Coalition
from coalitions.states import STATE_CHOICES
from rescue_restore.models import OutgoingEmail
from tests.coalitions.conftest import FORM_NEW_REQUEST, VALID_REQUEST
from tests.factories.coalitions import CoalitionFactory

pytestmark = pytest.mark.django_db

SITE = "https://rescue-restore.example.gov"
ENGLISH_LABELS = [
    "Find a coalition near you",
    "Coalitions by state and territory",
    "Map key",
    "No coalition yet",
    "State or territory",
    "Show all coalitions",
    "Information may be out of date",
    "Affiliate your coalition, or start one",
]


@pytest.fixture
def listings():
    """Four states whose Spanish names sort differently from their English ones."""
    return {
        "ny": CoalitionFactory(
            name="Western New York Anti-Trafficking Alliance",
            city="Buffalo",
            state="NY",
            area_served="Erie County",
            description="Monthly trainings for emergency room staff.",
            last_verified=datetime.date(2026, 3, 2),
        ),
        "nc": CoalitionFactory(name="Triangle Coalition", city="Raleigh", state="NC"),
        "co": CoalitionFactory(name="Colorado Network", city="Denver", state="CO"),
        "pr": CoalitionFactory(name="Coalición de San Juan", city="San Juan", state="PR"),
    }


def group_headings(html):
    return re.findall(r'<h3 class="margin-top-4">([^<]+)</h3>', html)


def test_the_directory_speaks_spanish_and_names_the_states_in_spanish(client, listings):
    html = client.get("/es/coalitions/").text
    for text in [
        '<h1 class="margin-top-4">Encuentre una coalición cerca de usted</h1>',
        "Coaliciones por estado y territorio",
        "4 coaliciones en el directorio. Cada cuadro es un estado, un territorio o Washington, DC.",
        'aria-label="Leyenda del mapa"',
        "Todavía ninguna coalición",
        "2 o 3 coaliciones",
        "El mapa en forma de tabla",
        '<th scope="col">Estado o territorio</th>',
        'aria-label="Buscar coaliciones"',
        "Afilie su coalición o forme una nueva",
    ]:
        assert text in html, text
    for text in ENGLISH_LABELS:
        assert text not in html, text
    # The map's tiles, the table and the filter name the places in Spanish.
    assert 'aria-label="Nueva York: 1 coalición"' in html
    assert 'aria-label="Carolina del Norte: 1 coalición"' in html
    assert 'aria-label="Distrito de Columbia: 0 coaliciones"' in html
    assert 'aria-label="Islas Marianas del Norte: 0 coaliciones"' in html
    assert re.search(r'<option value="NY"\s*>Nueva York</option>', html)
    assert re.search(r'<option value=""\s*(selected)?>Todos</option>', html)
    assert "North Carolina" not in html
    # Groups follow the Spanish names: Carolina del Norte, Colorado, Nueva York, Puerto Rico.
    assert group_headings(html) == ["Carolina del Norte", "Colorado", "Nueva York", "Puerto Rico"]
    table = html[html.index("<tbody>") : html.index("</tbody>")]
    assert re.findall(r'#coalition-list">([^<]+)</a>', table) == group_headings(html)
    # The coalitions' own data is not translated.
    assert "Western New York Anti-Trafficking Alliance" in html
    assert 'Buffalo. Zona que atiende: <span lang="en">Erie County</span>' in html
    assert "Coalición de San Juan" in html


def test_the_english_directory_keeps_english_names_and_order(client, listings):
    html = client.get("/coalitions/").text
    assert group_headings(html) == ["Colorado", "New York", "North Carolina", "Puerto Rico"]
    assert 'aria-label="New York: 1 coalition"' in html
    assert "Nueva York" not in html
    assert "Find a coalition near you" in html


def test_state_choices_are_sorted_by_the_name_in_the_active_language():
    with translation.override("es"):
        names = [name for _code, name in STATE_CHOICES]
        assert names.index("Carolina del Norte") < names.index("Colorado") < names.index("Nueva York")
        # Accents do not send a name to the end: Nuevo México sits among the N's.
        assert names.index("Nuevo Hampshire") < names.index("Nuevo México") < names.index("Ohio")
        assert dict(STATE_CHOICES)["DC"] == "Distrito de Columbia"
    with translation.override("en"):
        names = [name for _code, name in STATE_CHOICES]
        assert names.index("Colorado") < names.index("New York") < names.index("North Carolina")


def test_spanish_state_names_are_spelled_as_usa_gov_es_spells_them():
    with translation.override("es"):
        names = dict(STATE_CHOICES)
        assert [names[code] for code in ("HI", "PA", "LA", "MS", "MO", "VI")] == [
            "Hawái",
            "Pensilvania",
            "Luisiana",
            "Misisipi",
            "Misuri",
            "Islas Vírgenes de los EE. UU.",
        ]
    with translation.override("en"):
        assert dict(STATE_CHOICES)["HI"] == "Hawaii"
        assert dict(STATE_CHOICES)["VI"] == "Virgin Islands"


def test_the_order_forms_address_groups_follow_the_language_too():
    """materials' grouped select (us_states.ADDRESS_CHOICES): the same codes, names in the page's language."""
    from rescue_restore.text.us_states import ADDRESS_CHOICES

    def flat(choices):
        return [code for _group, options in choices[1:] for code, _name in options]

    def read():  # group labels are lazy: read them while the language is active
        return [
            (str(group), options if isinstance(options, list) else str(options)) for group, options in ADDRESS_CHOICES
        ]

    with translation.override("en"):
        english = read()
    with translation.override("es"):
        spanish = read()
    assert spanish[0] == ("", "- Seleccione -")
    assert [str(group) for group, _options in spanish[1:]] == [
        "Estados y el Distrito de Columbia",
        "Territorios de los EE. UU.",
        "Estados libremente asociados",
        "Correo militar (APO, FPO, DPO)",
    ]
    assert sorted(flat(spanish)) == sorted(flat(english))
    states = dict(spanish[1][1])
    assert states["NY"] == "Nueva York"
    assert states["DC"] == "Distrito de Columbia"
    assert list(states).index("NC") < list(states).index("CO")
    assert dict(spanish[4][1])["AP"] == "Fuerzas Armadas del Pacífico (AP)"
    assert english[0] == ("", "- Select -")
    assert dict(english[1][1])["NY"] == "New York"


def test_a_state_page_in_spanish(client, listings):
    html = client.get("/es/coalitions/?state=NY").text
    assert "<title>\n      Coaliciones en Nueva York" in html or "Coaliciones en Nueva York\n" in html
    assert "1 coalición en Nueva York" in html
    assert "Mostrar todas las coaliciones" in html
    assert "Western New York Anti-Trafficking Alliance" in html
    assert "Triangle Coalition" not in html
    assert "coalitions in New York" not in html.lower()

    empty = client.get("/es/coalitions/?state=WY&q=zzz").text
    assert "0 coaliciones en Wyoming que coinciden con “zzz”" in empty
    assert "Todavía no hay ninguna coalición en Wyoming que coincida con “zzz”." in empty
    assert "Cuéntenos sobre su coalición o pida ayuda para formar una" in empty


def test_a_listing_in_spanish_keeps_its_own_text(client, listings):
    coalition = listings["ny"]
    coalition.listing_status = Coalition.ListingStatus.NEEDS_REVERIFICATION
    coalition.save()
    html = client.get(f"/es/coalitions/{coalition.slug}/").text
    for text in [
        'aria-label="Ruta de navegación"',
        "<span>Coaliciones</span>",
        "<span>Nueva York</span>",
        "Buffalo, Nueva York",
        "Es posible que la información no esté actualizada.",
        "La coalición confirmó estos datos por última vez el 2 de marzo de 2026.",
        "<dt>Zona que atiende</dt>",
        "<dt>Última verificación</dt>",
        "Colabora con un grupo de trabajo policial contra la trata de personas",
        "Línea Directa Nacional contra la Trata de Personas",
        "Avisar de información desactualizada",
        "¿Qué información está desactualizada?",
        "Enviar aviso",
        # The coalition's own words stay as written.
        "Monthly trainings for emergency room staff.",
        "Erie County",
    ]:
        assert text in html, text
    for text in ["Area served", "Last verified", "Report outdated information", "Send report", "March 2, 2026"]:
        assert text not in html, text
    # The description is the coalition's own English text: marked as English on the Spanish page.
    assert re.search(r'<div class="usa-prose"\s+lang="en">\s*<p>Monthly trainings', html)


def test_a_description_written_in_spanish_is_marked_spanish_on_the_english_page(client):
    coalition = CoalitionFactory(language="es", description="Capacitaciones mensuales para el personal.")
    html = client.get(f"/coalitions/{coalition.slug}/").text
    assert re.search(r'<div class="usa-prose"\s+lang="es">\s*<p>Capacitaciones mensuales', html)
    assert not re.search(r'usa-prose"\s+lang=', client.get(f"/es/coalitions/{coalition.slug}/").text)


def test_an_outdated_report_made_in_spanish_is_thanked_in_spanish(client, form_data, listings):
    coalition = listings["co"]
    response = client.post(
        f"/es/coalitions/{coalition.slug}/report/", form_data(message="El sitio web ya no funciona."), follow=True
    )
    assert "Gracias. Su aviso se envió al personal que mantiene actualizado el directorio." in response.text
    # An empty report: a Spanish error, on a Spanish page.
    response = client.post(f"/es/coalitions/{coalition.slug}/report/", form_data(message=""))
    assert response.status_code == 400
    assert "Este campo es obligatorio." in response.text
    assert "Hay un problema con este formulario" in response.text


# --- The request form ---------------------------------------------------------------


@pytest.fixture
def post_in_spanish(client, form_data):
    def post(base=None, **changes):
        data = {**(base or VALID_REQUEST), **changes}
        data = {key: value for key, value in data.items() if value is not None}
        return client.post("/es/coalitions/request/", form_data(**data))

    return post


def test_the_request_form_is_in_spanish(client):
    html = client.get("/es/coalitions/request/").text
    for text in [
        "Afilie su coalición o forme una nueva",
        "Lo que la campaña busca en una coalición",
        "Al menos 10 grupos miembro de distintos campos",
        "¿Qué desea hacer?",
        "Afiliar nuestra coalición existente a la campaña",
        "Comunidad (ciudad, condado o región)",
        "Sectores de los que provienen sus miembros",
        "Iglesias y grupos religiosos",
        "No lo sé",
        "(opcional)",
        "Aviso de la Ley de Privacidad",
        "<strong>Usos habituales:</strong>",
        "Enviar solicitud",
        '<option value="" selected>- Seleccione -</option>',
    ]:
        assert text in html, text
    for text in ["What would you like to do?", "Your email address", "Privacy Act statement", "Send request"]:
        assert text not in html, text
    options = re.findall(r'<option value="(\w\w)"', html[html.index('id="id_state"') :])
    assert options.index("NC") < options.index("CO") < options.index("NY")


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"contact_name": ""}, "contact_name", "Este campo es obligatorio."),
        ({"state": "ZZ"}, "state", "Escoja una opción válida."),
        ({"state": "AE"}, "state", "Escoja una opción válida."),
        ({"email": "dana@example.org\r\nBcc: victim@example.org"}, "email", "Introduzca una dirección de correo"),
        ({"contact_name": "Dana\r\nBcc: victim@example.org"}, "contact_name", "sin saltos de línea"),
        ({"community": "Peoria\u2028Evil"}, "community", "sin saltos de línea"),
        ({"contact_name": "A" * 101}, "contact_name", "Su nombre debe tener como máximo 100 caracteres"),
        ({"phone": "<script>alert(1)</script>"}, "phone", "Escriba un número de teléfono, por ejemplo 202-555-0123."),
        ({"member_count": "-3"}, "member_count", "Número de organizaciones miembro debe ser 0 o más."),
        ({"member_count": "many"}, "member_count", "debe ser un número entero"),
        ({"member_sectors": ["faith", "<script>"]}, "member_sectors", "Escoja una opción válida."),
        ({"kind": "update"}, "kind", "Escoja una opción válida."),
        ({"coalition_website": "javascript:alert(1)"}, "coalition_website", "Introduzca una URL válida."),
        ({"year_founded": "1492"}, "year_founded", "Año de fundación de la coalición debe ser 1900 o más."),
        ({"year_founded": str(timezone.localdate().year + 1)}, "year_founded", "no puede ser un año futuro."),
        ({"current_activities": "bell\x07"}, "current_activities", "caracteres de control invisibles"),
        ({"coalition_name": ""}, "coalition_name", "Escriba el nombre de la coalición que desea afiliar."),
        ({"public_email": ""}, "public_email", "Escriba un correo electrónico para mostrar en el directorio"),
        ({"task_force_exists": ""}, "task_force_exists", "Este campo es obligatorio."),
    ],
)
def test_hostile_input_on_the_spanish_form_gets_a_spanish_error(post_in_spanish, mailoutbox, changes, field, error):
    response = post_in_spanish(**changes)
    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    assert any(error in message for message in errors), errors
    html = response.text
    assert "Hay un problema con este formulario" in html
    assert re.search(r"<title>\s*Error: Afilie su coalición o forme una nueva", html)
    assert "There is a problem with this form" not in html
    assert "This field is required" not in html
    assert AffiliationRequest.objects.count() == 0
    assert mailoutbox == []


def test_the_new_coalition_path_and_the_duplicate_are_refused_in_spanish(post_in_spanish):
    response = post_in_spanish(FORM_NEW_REQUEST, interested_organizations="")
    assert "Indique las organizaciones interesadas hasta ahora, aunque sean pocas." in response.text

    assert post_in_spanish().status_code == 302
    response = post_in_spanish(email="DANA@example.org", community="peoria")
    assert response.status_code == 400
    assert "Ya tenemos una solicitud abierta de este correo electrónico para esta comunidad." in response.text
    assert services.DUPLICATE_REQUEST_MESSAGE not in response.text


def test_the_confirmation_page_is_in_spanish(client, post_in_spanish):
    response = post_in_spanish()
    assert response["Location"] == "/es/coalitions/request/received/"
    html = client.get(response["Location"]).text
    reference = AffiliationRequest.objects.get().reference
    assert "<h1>Solicitud recibida</h1>" in html
    assert f"Gracias. Su número de referencia es <strong data-reference>{reference}</strong>." in html
    assert "suele responder en un plazo de 30 días" in html
    assert 'href="/es/coalitions/">Volver al directorio de coaliciones</a>' in html


# --- Emails ---------------------------------------------------------------------------


def html_of(email):
    return email.alternatives[0][0]


def assert_spanish(email, *phrases, english=()):
    """Every phrase in the text and the HTML; no English phrase in either; a Spanish HTML document."""
    html = html_of(email)
    for phrase in phrases:
        assert phrase in email.body, phrase
        assert phrase.replace("&", "&amp;") in html, phrase
    for phrase in ["Dear ", "Reference:", "The Division of Anti-Trafficking in Persons", *english]:
        assert phrase not in email.body, phrase
        assert phrase not in html, phrase
    assert '<html lang="es">' in html
    assert "División contra la Trata de Personas" in email.body


@pytest.fixture
def spanish_request(post_in_spanish, mailoutbox, django_capture_on_commit_callbacks):
    """An affiliation request made on /es/, with the emails it caused at once."""

    def make(base=None, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            assert post_in_spanish(base, **changes).status_code == 302
        return AffiliationRequest.objects.get()

    return make


def test_the_confirmation_email_is_spanish_and_the_moderators_one_english(spanish_request, mailoutbox):
    request_object = spanish_request()
    assert request_object.language == "es"
    confirmation, moderators = sorted(mailoutbox, key=lambda email: email.to != ["dana@example.org"])
    assert confirmation.subject == f"Recibimos su solicitud {request_object.reference} sobre la coalición"
    assert_spanish(
        confirmation,
        "Estimado(a) Dana Whitfield:",
        "Gracias por escribir a la campaña Rescue & Restore.",
        "Afiliar una coalición existente",
        "Peoria, Illinois",
        "suele responder en un plazo de 30 días",
        english=["We received", "Thank you"],
    )
    assert f"Referencia: {request_object.reference}" in confirmation.body
    assert f"{SITE}/es/materials/" in confirmation.body
    assert f'href="{SITE}/es/materials/"' in html_of(confirmation)
    # Staff read their notification in English, whatever page the request came from.
    assert moderators.subject.startswith(f"Coalition request {request_object.reference}: Affiliate")
    assert "A coalition request is waiting for moderation." in moderators.body
    assert "Task force in the area: Yes" in moderators.body


def test_approval_by_english_speaking_staff_reaches_the_applicant_in_spanish(
    spanish_request, mailoutbox, django_capture_on_commit_callbacks, staff_coalition_moderator
):
    request_object = spanish_request()
    mailoutbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        coalition = services.approve_request(request_object, by=staff_coalition_moderator, note="Welcome aboard.")
    (approved,) = mailoutbox
    assert approved.subject == f"Se aprobó su solicitud {request_object.reference} sobre la coalición"
    assert_spanish(
        approved,
        "Se aprobó su solicitud sobre la coalición",
        "El HHS aprobó la afiliación de Peoria Area Anti-Trafficking Coalition a la campaña Rescue & Restore.",
        "Una nota del moderador:",
        "Welcome aboard.",  # the moderator's own words, as written
        "Una vez al año le pediremos que confirme que la ficha sigue siendo correcta.",
        english=["is approved", "Once a year"],
    )
    assert f"{SITE}/es/coalitions/{coalition.slug}/" in approved.body
    # The listing keeps the applicant's language, so its re-verification will be Spanish too.
    assert coalition.language == "es"


def test_a_decline_and_a_question_reach_the_applicant_in_spanish(
    spanish_request, mailoutbox, django_capture_on_commit_callbacks, staff_coalition_moderator
):
    request_object = spanish_request()
    mailoutbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.ask_for_more_information(request_object, by=staff_coalition_moderator, question="¿Cuántos miembros?")
    (question,) = mailoutbox
    assert question.subject == f"Una pregunta acerca de su solicitud {request_object.reference} sobre la coalición"
    assert_spanish(
        question,
        "Gracias por su solicitud (Peoria Area Anti-Trafficking Coalition). Antes de tomar una decisión",
        "¿Cuántos miembros?",
        "Mientras tanto, su solicitud sigue abierta.",
        english=["A question about"],
    )

    mailoutbox.clear()
    request_object.refresh_from_db()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.decline_request(request_object, by=staff_coalition_moderator, reason="Fuera del área de la campaña.")
    (declined,) = mailoutbox
    assert declined.subject == f"Su solicitud {request_object.reference} sobre la coalición"
    assert_spanish(
        declined,
        "Acerca de su solicitud sobre la coalición",
        "el HHS no puede aprobar su solicitud (Peoria Area Anti-Trafficking Coalition) por el siguiente motivo:",
        "Fuera del área de la campaña.",
        "Puede volver a presentar una solicitud cuando cambie la situación.",
        english=["About your coalition request", "for this reason"],
    )


def test_guidance_for_a_new_coalition_reaches_the_community_in_spanish(
    spanish_request, mailoutbox, django_capture_on_commit_callbacks, staff_coalition_moderator
):
    request_object = spanish_request(FORM_NEW_REQUEST)
    confirmation = next(email for email in mailoutbox if email.to == ["dana@example.org"])
    assert "Formar una nueva coalición" in confirmation.body
    mailoutbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.send_guidance(request_object, by=staff_coalition_moderator, message="Empiece con una reunión.")
    (guidance,) = mailoutbox
    assert guidance.subject == "Cómo formar una coalición de Rescue & Restore en Boise"
    assert_spanish(
        guidance,
        "Gracias por querer reunir a las organizaciones de Boise contra la trata de personas.",
        "Empiece con una reunión.",
        "Recursos para empezar:",
        "Coaliciones que ya trabajan cerca de usted",
        english=["Resources to start with", "Forming a"],
    )
    for path in ["/es/materials/", "/es/coalitions/", "/es/pages/get-involved/"]:
        assert f"{SITE}{path}" in guidance.body, path
        assert f'href="{SITE}{path}"' in html_of(guidance), path


@pytest.fixture
def spanish_listing(spanish_request, django_capture_on_commit_callbacks, staff_coalition_moderator, mailoutbox):
    """A listing approved (by English-speaking staff) from a request made on /es/, last verified long ago."""
    request_object = spanish_request()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        coalition = services.approve_request(request_object, by=staff_coalition_moderator)
    Coalition.objects.filter(pk=coalition.pk).update(last_verified=timezone.localdate() - datetime.timedelta(days=400))
    mailoutbox.clear()
    return coalition


def test_re_verification_of_a_spanish_listing_is_spanish_from_email_to_thanks(
    client, form_data, spanish_listing, mailoutbox, django_capture_on_commit_callbacks
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        assert reverification.send_reverification_requests() == 1
    (email,) = mailoutbox
    assert email.to == ["info@peoria-coalition.example.org"]
    assert email.subject == "Confirme la ficha de Peoria Area Anti-Trafficking Coalition en el directorio"
    assert_spanish(
        email,
        "El directorio de coaliciones de Rescue & Restore incluye a Peoria Area Anti-Trafficking Coalition "
        "(Peoria, Illinois) con esta dirección como contacto.",
        "Si la coalición ya no se reúne, avísenos por el mismo enlace y retiraremos la ficha.",
        english=["Please confirm", "Once a year"],
    )
    assert "Abra este enlace para confirmar la ficha o enviarnos actualizaciones" in email.body
    link = re.search(rf"{SITE}(/es/coalitions/verify/[^/\s]+/)", email.body)[1]
    assert f'href="{SITE}{link}"' in html_of(email)

    # The link opens the Spanish page, whose update form answers in Spanish.
    page = client.get(link).text
    for text in ["Confirme la ficha de Peoria", "¿Siguen siendo correctos estos datos?", "Envíenos actualizaciones"]:
        assert text in page, text
    assert "Peoria, Illinois" in page
    response = client.post(link + "update/", form_data(coalition_name="", public_email="not-an-email"))
    assert response.status_code == 400
    assert "Este campo es obligatorio." in response.text
    assert "Introduzca una dirección de correo electrónico válida." in response.text

    response = client.post(link + "confirm/", follow=True)
    assert "Gracias. La ficha quedó confirmada como vigente por un año más." in response.text

    # A used link is refused in Spanish.
    assert "Este enlace ya no es válido" in client.get(link).text


def test_updates_refused_because_the_listing_went_inactive_are_explained_in_spanish(
    client, form_data, spanish_listing, mailoutbox, django_capture_on_commit_callbacks, superuser
):
    spanish_listing.reverification_sent_at = timezone.now()
    spanish_listing.save(update_fields=["reverification_sent_at"])
    link = f"/es/coalitions/verify/{reverification.make_token(spanish_listing)}/update/"
    fields = {
        "coalition_name": "Peoria Area Anti-Trafficking Coalition",
        "community": "Peoria",
        "state": "IL",
        "public_email": "info@peoria-coalition.example.org",
        "task_force_exists": "yes",
        "contact_name": "Dana Whitfield",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, form_data(**fields), follow=True)
    assert "Gracias. Sus actualizaciones aparecerán cuando un moderador las haya revisado." in response.text
    mailoutbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.set_listing_status(spanish_listing, Coalition.ListingStatus.INACTIVE, by=superuser)
    (declined,) = mailoutbox
    assert "La ficha se retiró del directorio, por lo que estas actualizaciones no se aplicaron." in declined.body
    # The history keeps the staff's language.
    update = AffiliationRequest.objects.get(kind=AffiliationRequest.Kind.UPDATE)
    assert update.history.get(to_status="declined").note == services.INACTIVE_UPDATE_NOTE


def test_every_coalition_email_to_a_spanish_applicant_is_stored_in_spanish(
    spanish_request, django_capture_on_commit_callbacks, staff_coalition_moderator
):
    """Across the whole path, no email to the applicant carries an English subject."""
    request_object = spanish_request()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.approve_request(request_object, by=staff_coalition_moderator)
    to_applicant = OutgoingEmail.objects.filter(recipients=["dana@example.org"])
    assert to_applicant.count() == 2
    for email in to_applicant:
        assert "solicitud" in email.subject
        assert not re.search(r"\b(Your|We received|request)\b", email.subject)


def test_an_english_area_served_in_the_spanish_directory_is_marked_english(client):
    from tests.factories.coalitions import CoalitionFactory

    CoalitionFactory(name="Valley Coalition", area_served="Three <b>valley</b> counties", language="en")
    spanish = client.get("/es/coalitions/").content.decode()
    assert '<span lang="en">Three &lt;b&gt;valley&lt;/b&gt; counties</span>' in spanish
    english = client.get("/coalitions/").content.decode()
    assert "Three &lt;b&gt;valley&lt;/b&gt; counties" in english
    assert '<span lang="en">Three' not in english
