"""The catalog and the order in Spanish: labels, errors under hostile input, Spanish editions first, Spanish emails.

English stays at the unprefixed addresses (tests/materials); here /es/.
"""

import datetime
import io
import re

import pytest
from django.utils import translation

from materials import demo, fulfilment
from materials.demo_es import AUDIENCES_ES, MATERIALS_ES
from materials.models import Audience, Edition, Material, Order
from rescue_restore.models import OutgoingEmail
from tests.factories.materials import EditionFactory, MaterialFactory
from tests.materials.conftest import VALID_DETAILS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_storage(settings, tmp_path):
    """Demo covers and uploads go to a temporary folder, never to var/media."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


SPANISH_SITE = "https://rescue-restore.example.gov/es/"
# English a Spanish reader must never meet in the materials pages and emails.
ENGLISH_PHRASES = [
    "Hello",
    "Your order",
    "Thank you",
    "Shipping to",
    "See the status",
    "this link is private",
    "Tracking number",
    "Carrier:",
    "The reason",
    "working days",
    "Free materials",
    "Add to my order",
    "Place order",
    "Enter ",
    "copies",
]


@pytest.fixture
def brochure_es(db):
    """A published brochure written in both languages, with an English and a Spanish edition."""
    material = MaterialFactory(
        title="Look Beneath the Surface brochure", slug="look-beneath-the-surface", summary="What trafficking is."
    )
    material.title_es = "Folleto “Mire más allá de lo evidente”"
    material.summary_es = "Qué es la trata de personas."
    material.description_es = "Primer párrafo.\n\nSegundo párrafo."
    material.save()
    english = EditionFactory(material=material, language="en", item_code="RR-LBS-EN", stock_on_hand=500)
    spanish = EditionFactory(material=material, language="es", item_code="RR-LBS-ES", stock_on_hand=3)
    return material, english, spanish


SUBMISSION = "spanish-order-token-0000000001"


def spanish_order_post(form_data, quantities, token=SUBMISSION, **changes):
    data = form_data(**{**VALID_DETAILS, **changes})
    data["submission_token"] = token
    for edition, quantity in quantities.items():
        data[f"qty_{edition.pk}"] = str(quantity)
    return data


def visible_text(html):
    main = html.split('<main id="main-content"', 1)[1].split("</main>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_the_catalog_speaks_spanish_and_english_stays_at_the_plain_address(client, brochure_es):
    html = client.get("/es/materials/").content.decode()
    assert '<html lang="es">' in html
    text = visible_text(html)
    for phrase in [
        "Materiales gratuitos",
        "Buscar materiales",
        "Cualquier público",
        "Explorar por público",
        "Explorar por tipo",
        "Explorar por idioma",
        "Mostrar materiales",
        "1 material",
        "Folleto “Mire más allá de lo evidente”",
        "Qué es la trata de personas.",
        "Idiomas: Español, Inglés",
        "Agregar a mi pedido",
        "Elija “Agregar a mi pedido” junto a cada material",
    ]:
        assert phrase in text, phrase
    assert "Free materials" not in text
    assert 'aria-label="Filtrar materiales"' in html

    english = visible_text(client.get("/materials/").content.decode())
    assert "Free materials" in english
    assert "Look Beneath the Surface brochure" in english
    assert "Materiales gratuitos" not in english


def test_filters_count_and_pages_in_spanish(client, brochure_es):
    for number in range(13):
        EditionFactory(material=MaterialFactory(title=f"Extra {number:02d}"), language="es")
    text = visible_text(client.get("/es/materials/?language=es").content.decode())
    assert "14 materiales coinciden con lo que eligió" in text
    assert "Quitar todos los filtros" in text
    assert "Página 1 de 2" in text
    assert "Página siguiente" in text
    page_two = client.get("/es/materials/?language=es&page=2").content.decode()
    assert "Materiales gratuitos, página 2" in page_two.split("</title>")[0]
    nothing = visible_text(client.get("/es/materials/?q=ninguna-coincidencia").content.decode())
    assert "0 materiales coinciden con lo que eligió" in nothing
    assert "Ningún material coincide. Pruebe con menos palabras" in nothing


def test_the_material_page_speaks_spanish(client, brochure_es):
    material, _english, spanish = brochure_es
    spanish.restock_expected = datetime.date(2027, 2, 1)
    spanish.stock_on_hand = 0
    spanish.save()
    html = client.get(f"/es/materials/{material.slug}/").content.decode()
    text = visible_text(html)
    for phrase in [
        "Inicio",
        "Folleto",
        "Idiomas, descargas y copias impresas",
        "Idioma",
        "Artículo",
        "Copias impresas",
        "Agotado; se espera que vuelva a estar disponible alrededor del 1 de febrero de 2027",
        "Fecha de publicación",
    ]:
        assert phrase in text, phrase
    assert 'aria-label="Ruta de navegación"' in html
    assert "Primer párrafo." in text
    assert "todavía no" not in text  # written in Spanish: no "not translated yet" notice


def test_order_form_labels_are_spanish(client, brochure_es):
    _material, _english, spanish = brochure_es
    html = client.get(f"/es/materials/order/?item={spanish.item_code}").content.decode()
    text = visible_text(html)
    for phrase in [
        "Pida copias impresas gratuitas",
        "No necesita una cuenta.",
        "Sus materiales",
        "Folleto “Mire más allá de lo evidente”, Español",
        "Artículo RR-LBS-ES. Hasta 100 copias por pedido.",
        "Quitar",
        "Agregar más materiales",
        "Sus datos",
        "Su nombre",
        "Nombre de la organización",
        "(opcional)",
        "Tipo de organización",
        "Atención médica",
        "Organización religiosa",
        "Dirección de correo electrónico",
        "Número de teléfono",
        "Dirección de envío",
        "Ciudad, pueblo u oficina postal militar",
        "Estado, territorio o región militar",
        "Código postal (ZIP)",
        "¿Cómo usará estos materiales?",
        "Fecha en que los necesita",
        "Aviso de la Ley de Privacidad",
        "Autoridad:",
        "Divulgación:",
        "Hacer el pedido",
    ]:
        assert phrase in text, phrase
    english = visible_text(client.get(f"/materials/order/?item={spanish.item_code}").content.decode())
    assert "Your name" in english
    assert "Su nombre" not in english


HOSTILE_FIELDS = {
    "name": "Ana\r\nBcc: everyone@example.org",
    "email": "<script>alert(1)</script>",
    "phone": "call me maybe",
    "city": "Sacramento",
    "state": "CA",
    "zip_code": "20201",
    "intended_use": "Posters\x00\x07 for the clinic",
    "needed_by": "2020-01-01",
}


@pytest.mark.parametrize(
    ("quantity", "field_message"),
    [
        ("ten", "Ingrese un número entero de copias, por ejemplo 25."),
        ("-5", "Ingrese 0 copias o más."),
        (str(10**30), "Puede pedir hasta 100 copias de este material a la vez."),
        ("4", "Solo quedan 3 copias. Escriba 3 o menos."),
    ],
)
def test_hostile_order_is_refused_with_every_message_in_spanish(
    client, form_data, brochure_es, quantity, field_message
):
    _material, _english, spanish = brochure_es
    response = client.post(
        "/es/materials/order/",
        spanish_order_post(form_data, {spanish: quantity}, token="x", **HOSTILE_FIELDS),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert html.split("</title>")[0].split("<title>")[1].strip().startswith("Error: Pida copias impresas gratuitas")
    text = visible_text(html)
    form = response.context["form"]
    expected = {
        f"qty_{spanish.pk}": field_message,
        "name": "Escríbalo en una sola línea, sin saltos de línea.",
        "email": "Ingrese una dirección de correo electrónico válida.",
        "phone": "Ingrese un número de teléfono de los EE. UU. con su código de área, por ejemplo 202-555-0123.",
        "intended_use": "Quite los caracteres de control invisibles de este texto.",
        "zip_code": "Este código postal no corresponde a California. Revise ambos datos.",
        "needed_by": "La fecha en que los necesita no puede estar en el pasado.",
        "submission_token": "Este formulario venció. Vuelva a cargar la página e inténtelo de nuevo.",
    }
    for field, message in expected.items():
        assert any(message in error for error in form.errors[field]), (field, form.errors[field])
        assert message in text, message
    assert "Hay un problema con este formulario" in text
    assert "<script>alert(1)</script>" not in html
    for english in ["Enter a", "Only 3", "This ZIP code", "For military mail", "cannot be in the past", "expired"]:
        assert english not in text, english
    assert Order.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"zip_code": "ABCDE"}, "zip_code", "Ingrese un código postal con el formato XXXXX o XXXXX-XXXX."),
        ({"needed_by": "31/31/2026"}, "needed_by", "Ingrese una fecha válida."),
        ({"state": "DC", "city": "FPO"}, "state", "Las direcciones APO, FPO y DPO usan AA, AE o AP como estado."),
        (
            {"state": "AE", "city": "Dover", "zip_code": "09001"},
            "city",
            "Para correo militar (AA, AE, AP), escriba APO, FPO o DPO como ciudad.",
        ),
        ({"name": ""}, "name", "Este campo es obligatorio."),
    ],
)
def test_other_mistakes_are_explained_in_spanish(client, form_data, brochure_es, changes, field, message):
    _material, english, _spanish = brochure_es
    response = client.post("/es/materials/order/", spanish_order_post(form_data, {english: 2}, **changes))
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]


def test_two_values_for_one_quantity_and_an_empty_order_are_refused_in_spanish(client, form_data, brochure_es):
    _material, english, _spanish = brochure_es
    data = spanish_order_post(form_data, {})
    data[f"qty_{english.pk}"] = ["1", "500"]
    response = client.post("/es/materials/order/", data)
    assert "Ingrese una sola cantidad para este material." in response.context["form"].errors[f"qty_{english.pk}"]

    response = client.post("/es/materials/order/", spanish_order_post(form_data, {english: 0}))
    assert "Elija al menos un material: indique cuántas copias necesita." in visible_text(response.content.decode())


def test_the_order_list_answers_in_spanish(client, brochure_es):
    _material, english, spanish = brochure_es
    response = client.post(
        "/es/materials/order/list/", {"action": "add", "item": spanish.item_code, "next": "/es/materials/"}, follow=True
    )
    text = visible_text(response.content.decode())
    assert "Se agregó “Folleto “Mire más allá de lo evidente”” (Español) a su pedido." in text
    assert "Eligió 1 material para pedir impreso." in text
    assert "Ir a mi pedido" in text
    assert "en su pedido" in text
    again = client.post("/es/materials/order/list/", {"action": "add", "item": spanish.item_code}, follow=True)
    assert "ya está en su pedido." in visible_text(again.content.decode())
    Edition.objects.filter(pk=english.pk).update(stock_on_hand=0)
    refused = client.post("/es/materials/order/list/", {"action": "add", "item": english.item_code}, follow=True)
    assert "En este momento no se puede pedir este material impreso." in visible_text(refused.content.decode())
    unknown = client.post("/es/materials/order/list/", {"action": "add", "item": "lowercase!"}, follow=True)
    assert "No encontramos ese material. Elíjalo de nuevo en el catálogo." in visible_text(unknown.content.decode())
    removed = client.post("/es/materials/order/list/", {"action": "remove", "item": spanish.item_code}, follow=True)
    assert "a su pedido" not in visible_text(removed.content.decode())
    assert "Se quitó “Folleto “Mire más allá de lo evidente”” (Español) de su pedido." in visible_text(
        removed.content.decode()
    )


def test_an_order_refused_under_the_lock_is_explained_in_spanish(client, form_data, brochure_es, monkeypatch):
    """The service's own last check (behind the form's) names the item in Spanish."""
    from tests.materials.conftest import leave_copies_under_the_lock

    _material, _english, spanish = brochure_es
    leave_copies_under_the_lock(monkeypatch, 1)
    response = client.post("/es/materials/order/", spanish_order_post(form_data, {spanish: 2}))
    assert response.status_code == 409
    assert (
        "“Folleto “Mire más allá de lo evidente”” (Español, artículo RR-LBS-ES): solo queda 1 copia; usted pidió 2."
        in visible_text(response.content.decode())
    )


# --- Spanish editions first -----------------------------------------------------------


def edition_languages(material):
    return [edition.language for edition in material.editions.all()]


def test_the_spanish_catalog_lists_spanish_editions_first(client):
    only_english = MaterialFactory(title="Another poster")
    EditionFactory(material=only_english, language="en")
    both = MaterialFactory(title="Brochure")
    both.title_es = "Folleto"
    both.save()
    for language in ("zh", "en", "es"):
        EditionFactory(material=both, language=language)
    untranslated = MaterialFactory(title="Clue card")
    EditionFactory(material=untranslated, language="es")
    EditionFactory(material=untranslated, language="en")

    spanish = client.get("/es/materials/")
    listed = list(spanish.context["page"].object_list)
    # Materials with a Spanish edition first (by the title the reader sees), then the rest.
    assert [material.pk for material in listed] == [untranslated.pk, both.pk, only_english.pk]
    # Within each card the Spanish edition comes first, its cover shown.
    assert [edition_languages(material) for material in listed] == [["es", "en"], ["es", "en", "zh"], ["en"]]
    html = spanish.content.decode()
    assert html.index('id="edition-' + both.editions.get(language="es").item_code) < html.index(
        'id="edition-' + both.editions.get(language="en").item_code
    )

    english = client.get("/materials/")
    listed = list(english.context["page"].object_list)
    assert [material.title for material in listed] == ["Another poster", "Brochure", "Clue card"]
    assert [edition_languages(material) for material in listed] == [["en"], ["en", "es", "zh"], ["en", "es"]]


def test_the_spanish_material_page_lists_the_spanish_edition_first(client, brochure_es):
    material, _english, _spanish = brochure_es
    spanish = client.get(f"/es/materials/{material.slug}/")
    assert edition_languages(spanish.context["material"]) == ["es", "en"]
    english = client.get(f"/materials/{material.slug}/")
    assert edition_languages(english.context["material"]) == ["en", "es"]


def test_titles_in_the_other_language_carry_their_lang(client, brochure_es):
    material, _english, _spanish = brochure_es
    untranslated = MaterialFactory(title="Clue card", slug="clue-card", summary="The signs.")
    EditionFactory(material=untranslated, language="es", item_code="RR-CLUE-ES")

    catalog = client.get("/es/materials/").content.decode()
    assert re.search(r'href="/es/materials/clue-card/"\s+lang="en">Clue card</a>', catalog)
    assert '<p lang="en">The signs.</p>' in catalog
    assert not re.search(r'lang="en">\s*Folleto', catalog)

    page = client.get("/es/materials/clue-card/").content.decode()
    assert '<h1 lang="en">Clue card</h1>' in page
    assert re.search(r'class="usa-intro"\s+lang="en">The signs.</p>', page)
    assert "Esta página todavía no está disponible en español." in page
    # The English edition's own title on the Spanish page, the Spanish one on the English page.
    spanish_page = client.get(f"/es/materials/{material.slug}/").content.decode()
    assert re.search(r'lang="en">Look Beneath the Surface brochure</span>', spanish_page)
    english_page = client.get(f"/materials/{material.slug}/").content.decode()
    assert re.search(r'lang="es">Folleto “Mire más allá de lo evidente”</span>', english_page)
    assert 'lang="en"' not in english_page.split('<main id="main-content"')[1]


def test_an_audience_without_a_spanish_name_is_marked_english(client):
    audience = Audience.objects.create(slug="coaches", name="Sports coaches", order=99)
    page = client.get("/es/materials/").content.decode()
    assert re.search(r'lang="en"\s*>Sports coaches</a>', page)
    audience.name_es = "Entrenadores deportivos"
    audience.save()
    page = client.get("/es/materials/").content.decode()
    assert re.search(r'"\s*>Entrenadores deportivos</a>', page)
    assert "Sports coaches" not in page


@pytest.mark.parametrize("url", ["/es/materials/", "/es/materials/?language=es&q=Campaign", "/es/search/?q=Campaign"])
def test_spanish_first_costs_no_query_per_material(client, assert_same_queries, url):
    def grow(size):
        for _number in range(size - Material.objects.count()):
            material = MaterialFactory(audiences=["health-care"])
            EditionFactory(material=material, language="en")
            EditionFactory(material=material, language="es")

    def visit():
        assert client.get(url).status_code == 200

    assert_same_queries((3, 30), grow, visit, most=5 if "search" not in url else 10)


def test_site_search_in_spanish_puts_spanish_editions_first_and_says_so(client):
    english_only = MaterialFactory(title="A poster", summary="For clinics.")
    EditionFactory(material=english_only, language="en")
    both = MaterialFactory(title="Poster for shelters", summary="For shelters.")
    both.title_es = "Cartel para albergues"
    both.save()
    EditionFactory(material=both, language="es")
    results = [r for r in client.get("/es/search/", {"q": "poster"}).context["results"] if r.kind == "Material"]
    assert [result.title for result in results] == ["Cartel para albergues", "A poster"]
    [named] = [r for r in client.get("/es/search/", {"q": "español"}).context["results"] if r.kind == "Material"]
    assert named.summary == "Ediciones disponibles: Español. For shelters."


# --- Status page and emails -------------------------------------------------------------


def place_spanish_order(client, form_data, quantities, token=SUBMISSION):
    response = client.post("/es/materials/order/", spanish_order_post(form_data, quantities, token=token))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return response, Order.objects.get(submission_token=token)


def assert_spanish_email(email, *, subject, text, html):
    """Subject, text and HTML in Spanish: the phrases given are there, and no English is."""
    assert email.subject == subject
    body = email.body
    [(html_body, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    assert '<html lang="es">' in html_body
    for phrase in text:
        assert phrase in body, phrase
    for phrase in html:
        assert phrase in html_body, phrase
    html_text = " ".join(re.sub(r"<[^>]+>", " ", html_body).split())
    for english in ENGLISH_PHRASES:
        assert english not in email.subject, english
        assert english not in body, english
        assert english not in html_text, english
    # Links open the Spanish site.
    assert SPANISH_SITE + "materials/orders/" in body
    assert "https://rescue-restore.example.gov/materials/" not in body + html_body


def test_an_order_placed_in_spanish_is_confirmed_in_spanish(
    client, form_data, brochure_es, mailoutbox, django_capture_on_commit_callbacks
):
    _material, english, spanish = brochure_es
    with django_capture_on_commit_callbacks(execute=True):
        response, order = place_spanish_order(client, form_data, {spanish: 2, english: 10})
    assert order.language == "es"

    html = client.get(response["Location"]).content.decode()
    assert f"El número de referencia de su pedido es <strong>{order.reference}</strong>." in html
    page = visible_text(html)
    for phrase in [
        "Gracias, recibimos su pedido",
        "Los pedidos suelen enviarse en un plazo de 10 días hábiles.",
        "Ana Reyes, le enviamos una confirmación",
        f"Materiales del pedido {order.reference}",
        "Consultar el estado de este pedido",
        "Volver a los materiales gratuitos",
    ]:
        assert phrase in page, phrase

    confirmation, staff = sorted(mailoutbox, key=lambda email: email.to != [order.email])
    assert_spanish_email(
        confirmation,
        subject=f"Recibimos su pedido de Rescue & Restore {order.reference}",
        text=[
            f"Recibimos su pedido {order.reference}",
            "Estimado(a) Ana Reyes:",
            "Gracias por pedir materiales gratuitos de Rescue & Restore.",
            f"El número de referencia de su pedido es {order.reference}.",
            "- 2 x Folleto “Mire más allá de lo evidente” (Español, RR-LBS-ES)",
            "- 10 x Folleto “Mire más allá de lo evidente” (Inglés, RR-LBS-EN)",
            "Dirección de envío:\n200 Independence Ave SW\nWashington, DC 20201",
            "Los pedidos suelen enviarse en un plazo de 10 días hábiles.",
            "Consulte el estado de su pedido en cualquier momento (este enlace es privado; por favor, no lo comparta):",
            f"{SPANISH_SITE}materials/orders/{order.status_token}/",
            "Si usted no hizo este pedido, puede ignorar este correo electrónico o avisarnos en "
            f"{SPANISH_SITE}contact/.",
            "Línea Directa Nacional contra la Trata de Personas",
        ],
        html=[
            "Gracias por pedir materiales gratuitos de Rescue &amp; Restore.",
            f"<strong>{order.reference}</strong>",
            ">Artículo</th>",
            ">Idioma</th>",
            ">Copias</th>",
            "Dirección de envío:",
            f'<a href="{SPANISH_SITE}materials/orders/{order.status_token}/">Consulte el estado de su pedido</a>',
            f'<a href="{SPANISH_SITE}contact/">avisarnos</a>',
        ],
    )
    # Staff read their notification in English, whatever page the order came from.
    assert staff.subject.startswith(f"New order: {order.reference}")
    assert "Requested by: Ana Reyes" in staff.body
    assert "/es/" not in staff.body


def test_an_order_held_for_review_says_so_in_spanish(
    client, form_data, brochure_es, mailoutbox, django_capture_on_commit_callbacks
):
    _material, english, _spanish = brochure_es
    with django_capture_on_commit_callbacks(execute=True):
        response, order = place_spanish_order(client, form_data, {english: 80})
    assert order.is_held
    page = visible_text(client.get(response["Location"]).content.decode())
    assert "El personal revisará este pedido" in page
    confirmation = next(email for email in mailoutbox if email.to == [order.email])
    assert_spanish_email(
        confirmation,
        subject=f"Su pedido de Rescue & Restore {order.reference} está en espera de revisión",
        text=["el personal revisará su pedido en un plazo de cinco días hábiles"],
        html=["Usted pidió más copias de las que solemos enviar de una vez"],
    )
    status = visible_text(client.get(f"/es/materials/orders/{order.status_token}/").content.decode())
    assert "Estado: En espera de revisión" in status
    assert "El personal lo está revisando" in status


def test_later_emails_follow_the_order_in_spanish_whoever_sends_them(
    client, form_data, brochure_es, mailoutbox, django_capture_on_commit_callbacks, superuser
):
    _material, english, _spanish = brochure_es
    with django_capture_on_commit_callbacks(execute=True):
        _response, order = place_spanish_order(client, form_data, {english: 5})
    mailoutbox.clear()
    steps = [
        (
            lambda: fulfilment.approve_order(order, by=superuser, note="Enviamos pronto."),
            f"Su pedido de Rescue & Restore {order.reference} está aprobado",
            ["Su pedido", "está aprobado y lo estamos empacando", "Una nota de la División:\nEnviamos pronto."],
            ["Una nota de la División:"],
        ),
        (
            lambda: fulfilment.ship_order(order, by=superuser, carrier="UPS", tracking_number="1Z999AA10123456784"),
            f"Su pedido de Rescue & Restore {order.reference} fue enviado",
            ["fue enviado por UPS.", "Número de seguimiento: 1Z999AA10123456784", "Dirección de envío:"],
            ["Número de seguimiento: <strong>1Z999AA10123456784</strong>"],
        ),
        (
            lambda: fulfilment.correct_tracking_number(
                order, by=superuser, carrier="USPS", tracking_number="9400100000000000000000"
            ),
            f"Nuevo número de seguimiento de su pedido de Rescue & Restore {order.reference}",
            ["estaba equivocado. A continuación está el correcto.", "Empresa de transporte: USPS"],
            ["Empresa de transporte: USPS"],
        ),
    ]
    for step, subject, text, html in steps:
        with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
            step()
        [email] = mailoutbox
        assert_spanish_email(email, subject=subject, text=text, html=html)
        mailoutbox.clear()
        order.refresh_from_db()

    status_html = client.get(f"/es/materials/orders/{order.status_token}/").content.decode()
    assert (
        "Su pedido fue enviado por USPS; número de seguimiento <strong>9400100000000000000000</strong>." in status_html
    )
    status = visible_text(status_html)
    assert "Estado: Enviado" in status
    assert re.search(r"Pedido hecho el \d{1,2} de \w+ de \d{4} ?, con envío a Washington, DC\.", status)
    assert "¿Tiene preguntas sobre este pedido?" in status


@pytest.mark.parametrize("declined", [False, True])
def test_a_cancelled_or_declined_order_is_explained_in_spanish(
    client, form_data, brochure_es, mailoutbox, django_capture_on_commit_callbacks, superuser, declined
):
    _material, english, _spanish = brochure_es
    with django_capture_on_commit_callbacks(execute=True):
        _response, order = place_spanish_order(client, form_data, {english: 80 if declined else 5})
    mailoutbox.clear()
    close = fulfilment.decline_order if declined else fulfilment.cancel_order
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        close(order, by=superuser, reason="Pedimos menos copias, por favor.")
    [email] = mailoutbox
    catalog = f"{SPANISH_SITE}materials/"
    assert_spanish_email(
        email,
        subject=(
            f"No pudimos enviar su pedido de Rescue & Restore {order.reference}"
            if declined
            else f"Su pedido de Rescue & Restore {order.reference} está cancelado"
        ),
        text=[
            "Revisamos su pedido" if declined else "está cancelado y no se enviará.",
            "El motivo:\nPedimos menos copias, por favor.",
            f"Puede hacer un pedido nuevo en cualquier momento: {catalog}",
            "La página del pedido (es privada; por favor, no la comparta):",
        ],
        html=[f'<a href="{catalog}">hacer un pedido nuevo</a>'],
    )
    status = visible_text(client.get(f"/es/materials/orders/{order.status_token}/").content.decode())
    assert ("Estado: Rechazado" if declined else "Estado: Cancelado") in status


# --- Spanish demo content --------------------------------------------------------------


def test_seed_demo_writes_every_demo_material_and_audience_in_spanish_and_can_run_twice():
    demo.seed({"materials": 2}, io.StringIO())
    for slug, (title, summary, description) in MATERIALS_ES.items():
        material = Material.objects.get(slug=slug)
        assert (material.title_es, material.summary_es, material.description_es) == (title, summary, description)
        assert material.title_en
        assert material.title_en != material.title_es
    assert set(MATERIALS_ES) == {slug for slug, *_rest in demo.MATERIALS}
    for audience in Audience.objects.filter(slug__in=AUDIENCES_ES):
        assert audience.name_es == AUDIENCES_ES[audience.slug]
    synthetic = Material.objects.get(slug="synthetic-material-00001")
    assert synthetic.title_es == "Material sintético 00001 (datos de prueba)"
    assert "no es un material real" in synthetic.summary_es
    # The printed Spanish edition carries the catalog's Spanish title and the glossary's campaign line.
    text = demo.edition_text("look-beneath-the-surface-brochure", "Look Beneath the Surface brochure", "es")
    assert text["title"] == "Folleto “Mire más allá de lo evidente”"

    # Staff renamed an audience in Spanish: a second run keeps it and adds nothing.
    Audience.objects.filter(slug="educators").update(name_es="Docentes")
    counts = (Material.objects.count(), Edition.objects.count(), Audience.objects.count())
    demo.seed({"materials": 2}, io.StringIO())
    assert (Material.objects.count(), Edition.objects.count(), Audience.objects.count()) == counts
    assert Audience.objects.get(slug="educators").name_es == "Docentes"
    assert Material.objects.get(slug="hotline-clue-card").title_es == MATERIALS_ES["hotline-clue-card"][0]


def test_demo_spanish_uses_the_glossary_terms():
    spanish = " ".join(" ".join(texts) for texts in MATERIALS_ES.values()).lower()
    assert "trata de personas" in spanish
    assert "tráfico" not in spanish  # migrant smuggling, not trafficking
    assert "línea directa" in spanish
    assert "mire más allá de lo evidente" in spanish
    assert "superficie" not in spanish
    assert "fuerzas del orden" in spanish
    for word in (" tú ", " tu ", "puedes", "llama ", "vosotros"):
        assert word not in f" {spanish} ", word  # formal "usted" only
