"""Email updates in Spanish: the pages and their errors, the language a subscriber chooses, every email a
sign-up on /es/ causes, bulletins sent in each reader's language, the archive, the demo content."""

import io
import re
import socket
from collections import Counter

import pytest
from django.core.management import call_command

from bench.fake_provider import serve
from listserv import sending, tokens
from listserv.models import Bulletin, Delivery, Subscriber, Topic
from tests.factories.listserv import BulletinFactory, SubscriberFactory, TopicFactory
from tests.listserv.conftest import assert_link_for
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

SITE = "https://rescue-restore.example.gov"
# Phrases of the English pages and emails that must not be left on the Spanish ones.
ENGLISH_PAGE_PHRASES = ["Email address", "Get email updates", ">Subscribe<", "Privacy Act statement", "Topics<"]
ENGLISH_EMAIL_PHRASES = ["Someone, probably you", "The link works for 7 days", "Unsubscribe", "Thank you for"]


@pytest.fixture
def topics():
    training = TopicFactory(name="Training opportunities", slug="training", order=10)
    training.name_es = "Oportunidades de capacitación"
    training.save()
    funding = TopicFactory(name="Funding opportunities", slug="funding", order=20)  # no Spanish name yet
    return training, funding


@pytest.fixture
def signup(client, form_data, topics, django_capture_on_commit_callbacks):
    def post(path="/es/listserv/", email="ana@example.org", **fields):
        fields.setdefault("topics", [topics[0].pk])
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, form_data(email=email, **fields))

    return post


def _link(email, path_prefix):
    match = re.search(re.escape(SITE) + "(" + re.escape(path_prefix) + r"[^\s]+)", email.body)
    assert match, email.body
    return match.group(1)


def _html(email):
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    return html


# Pages and their errors


def test_the_sign_up_page_speaks_spanish_and_offers_the_bulletin_language(client, topics):
    html = client.get("/es/listserv/").text
    for phrase in [
        "<h1",
        "Reciba actualizaciones por correo electrónico",
        "Dirección de correo electrónico",
        "Le enviaremos un enlace a esta dirección para confirmar que es suya.",
        "Nombre",
        "(opcional)",
        "Temas",
        "Oportunidades de capacitación",
        "Idioma de sus actualizaciones por correo electrónico",
        "Si un boletín todavía no está escrito en el idioma que elija, le llegará en inglés.",
        ">Suscribirse<",
        "Aviso de la Ley de Privacidad",
        "Autoridad:",
        "Usos habituales:",
        'href="/es/listserv/resend/"',
        'href="/es/listserv/archive/"',
    ]:
        assert phrase in html, phrase
    for phrase in ENGLISH_PAGE_PHRASES:
        assert phrase not in html, phrase
    # Each language is named in Spanish, and the page's own language is chosen already.
    assert re.search(r'value="es"[^>]*checked', html)
    assert not re.search(r'value="en"[^>]*checked', html)
    assert ">Inglés<" in html
    assert ">Español<" in html
    english = client.get("/listserv/").text
    assert re.search(r'value="en"[^>]*checked', english)
    assert ">Spanish<" in english


@pytest.mark.parametrize(
    ("fields", "field", "spanish_error"),
    [
        ({"email": "not-an-address"}, "email", "Escriba una dirección de correo electrónico válida."),
        ({"email": ""}, "email", "Este campo es obligatorio."),
        ({"email": "ana@example.org\r\nBcc: victim@example.org"}, "email", "Escriba una dirección de correo"),
        ({"email": "josé@example.org"}, "email", "Escriba una dirección de correo electrónico válida."),
        ({"email": "a" * 250 + "@example.org"}, "email", "debe tener como máximo 254 caracteres"),
        ({"email": "ana@example.org\x00"}, "email", "Los caracteres nulos no están permitidos."),
        ({"name": "Ana\r\nBcc: x@example.org"}, "name", "Escríbalo en una sola línea, sin saltos de línea."),
        ({"name": "<script>alert(1)</script>" * 10}, "name", "Nombre debe tener como máximo 100 caracteres"),
        ({"topics": []}, "topics", "Elija al menos un tema."),
        ({"topics": ["99999999999999999999"]}, "topics", "Escoja una opción válida."),
        ({"language": "fr"}, "language", "Elija uno de los idiomas de la lista."),
        ({"language": "es\r\nBcc: x@example.org"}, "language", "Elija uno de los idiomas de la lista."),
        ({"language": "<script>alert(1)</script>"}, "language", "Elija uno de los idiomas de la lista."),
    ],
)
def test_hostile_input_gets_spanish_errors_and_stores_nothing(signup, mailoutbox, fields, field, spanish_error):
    response = signup(**fields)
    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    assert any(spanish_error in message for message in errors), errors
    html = response.text
    assert "Error: Reciba actualizaciones por correo electrónico" in html  # the page title
    assert "Hay un problema con este formulario" in html
    assert "<script>alert(1)</script>" not in html
    assert Subscriber.objects.count() == 0
    assert mailoutbox == []


def test_every_listserv_page_a_subscriber_meets_speaks_spanish(client, topics):
    subscriber = SubscriberFactory(email="ana@example.org", topics=list(topics), language="es")
    token = tokens.make_preferences_token(subscriber.pk)
    pages = {
        "/es/listserv/check-your-email/": ["Revise su correo electrónico", "¿No le llegó nada?"],
        "/es/listserv/resend/": ["Volver a enviar el enlace de confirmación", "Enviar el enlace"],
        f"/es/listserv/preferences/{token}/": [
            "Sus preferencias de actualizaciones por correo electrónico",
            "Estado: Suscrito",
            "Guardar temas",
            "Guardar idioma",
            "Cancelar la suscripción",
        ],
        f"/es/listserv/preferences/{token}/address/": ["Cambie su dirección de correo electrónico"],
        f"/es/listserv/unsubscribe/{token}/": ["Presione el botón para dejar de enviar"],
        "/es/listserv/confirm/not-a-token/": ["Este enlace no funciona", "pida un enlace nuevo"],
    }
    for path, phrases in pages.items():
        html = client.get(path).text
        for phrase in phrases:
            assert phrase in html, (path, phrase)
        assert "Get email updates" not in html, path
    # A topic not yet named in Spanish is marked as English where the list is ours.
    subscriber.status = Subscriber.Status.PENDING
    subscriber.confirmation_nonce = "n" * 20
    subscriber.save()
    confirm_page = client.get(f"/es/listserv/confirm/{tokens.make_confirm_token(subscriber)}/").text
    assert "<li>Oportunidades de capacitación</li>" in confirm_page
    assert '<li lang="en">Funding opportunities</li>' in confirm_page


# The language a subscriber chooses


def test_the_page_language_is_the_default_and_another_choice_is_stored(signup, mailoutbox):
    signup(email="page@example.org")  # no language posted: the page's
    signup(email="chose-es@example.org", language="es")
    signup(path="/listserv/", email="english-page@example.org", language="es")
    signup(email="chose-en@example.org", language="en")
    languages = dict(Subscriber.objects.values_list("email", "language"))
    assert languages == {
        "page@example.org": "es",
        "chose-es@example.org": "es",
        "english-page@example.org": "es",
        "chose-en@example.org": "en",
    }
    subjects = {email.to[0]: email.subject for email in mailoutbox}
    assert (
        subjects["english-page@example.org"]
        == "Confirme sus actualizaciones por correo electrónico de Rescue & Restore"
    )
    assert subjects["chose-en@example.org"] == "Confirm your Rescue & Restore email updates"


def test_an_anonymous_form_changes_the_language_of_a_pending_sign_up_never_of_a_confirmed_one(signup, topics):
    signup(email="pending@example.org", language="en")
    signup(email="pending@example.org", language="es")
    assert Subscriber.objects.get(email="pending@example.org").language == "es"
    SubscriberFactory(email="confirmed@example.org", topics=[topics[0]], language="en")
    signup(email="confirmed@example.org", language="es")
    assert Subscriber.objects.get(email="confirmed@example.org").language == "en"


def test_the_preferences_page_changes_the_language_and_refuses_others(client, form_data, topics):
    subscriber = SubscriberFactory(topics=[topics[0]], language="es")
    url = f"/es/listserv/preferences/{tokens.make_preferences_token(subscriber.pk)}/"
    page = client.get(url).text
    assert re.search(r'<input[^>]*name="language-language"[^>]*value="es"[^>]*checked', page)

    def post(value):
        data = {f"language-{key}": item for key, item in form_data(language=value).items()}
        return client.post(url + "language/", data)

    response = post("en")
    assert response.status_code == 302
    assert response["Location"] == url  # the page stays Spanish; the emails change
    subscriber.refresh_from_db()
    assert subscriber.language == "en"
    assert "Se guardó el idioma que eligió." in client.get(url).text
    assert "Language changed from es to en." in subscriber.events.values_list("note", flat=True)

    for hostile in ["fr", "en\nX: 1", "<b>es</b>", "9" * 50]:
        response = post(hostile)
        assert response.status_code == 400
        assert "Elija uno de los idiomas de la lista." in response.text
        assert "Error: Sus preferencias de actualizaciones por correo electrónico" in response.text
    subscriber.refresh_from_db()
    assert subscriber.language == "en"
    assert client.get(url + "language/").status_code == 405


# Every email a sign-up on /es/ causes


def test_every_email_of_a_spanish_sign_up_is_spanish_in_subject_text_and_html(
    client, signup, mailoutbox, django_capture_on_commit_callbacks
):
    signup(name="Ana")
    [confirmation] = mailoutbox
    assert confirmation.subject == "Confirme sus actualizaciones por correo electrónico de Rescue & Restore"
    html = _html(confirmation)
    for text in (confirmation.body, html):
        assert "Alguien, probablemente usted, pidió recibir en esta dirección actualizaciones" in text
        assert "Oportunidades de capacitación" in text
        assert "El enlace funciona durante 7 días." in text
        assert "Línea Directa Nacional contra la Trata de Personas" in text
        assert f"{SITE}/es/listserv/resend/" in text
    assert "Para confirmar, abra este enlace y presione el botón de la página:" in confirmation.body
    assert "Confirme su suscripción</a> (abra el enlace y presione el botón de la página)." in html
    assert '<html lang="es">' in html
    for phrase in ENGLISH_EMAIL_PHRASES:
        assert phrase not in confirmation.body + html, phrase

    confirm_path = _link(confirmation, "/es/listserv/confirm/")
    assert "Confirme su suscripción" in client.get(confirm_path).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_path)
    assert response["Location"].startswith("/es/listserv/preferences/")
    welcome = mailoutbox[1]
    assert welcome.subject == "Le damos la bienvenida a las actualizaciones por correo electrónico de Rescue & Restore"
    html = _html(welcome)
    for text in (welcome.body, html):
        assert "Gracias por confirmar su suscripción." in text
        assert "La División contra la Trata de Personas enviará a esta dirección actualizaciones sobre:" in text
        assert "Guarde este correo electrónico: estos enlaces son solo suyos" in text
        assert f"{SITE}/es/listserv/archive/" in text
    assert "Cambie sus temas o su dirección:" in welcome.body
    assert "Cancelar la suscripción" in html
    assert f'href="{SITE}{_link(welcome, "/es/listserv/unsubscribe/")}"' in html
    for phrase in ENGLISH_EMAIL_PHRASES:
        assert phrase not in welcome.body + html.replace("Cancelar la suscripción", ""), phrase
    assert "Gracias. Su suscripción está confirmada." in client.get(response["Location"]).text

    # Signing up again once confirmed: the email with the preferences link, in Spanish too.
    mailoutbox.clear()
    Subscriber.objects.update(confirmation_sent_at=None)
    signup()
    [reminder] = mailoutbox
    assert reminder.subject == "Usted ya recibe las actualizaciones por correo electrónico de Rescue & Restore"
    html = _html(reminder)
    for text in (reminder.body, html):
        assert "Alguien, probablemente usted, pidió suscribir esta dirección" in text
        assert "La dirección ya está suscrita, así que nada ha cambiado." in text
    assert "Para cambiar sus temas o cancelar la suscripción:" in reminder.body
    assert "Cambie sus temas o cancele la suscripción</a>" in html
    preferences = _link(reminder, "/es/listserv/preferences/")
    assert "Sus preferencias de actualizaciones por correo electrónico" in client.get(preferences).text


def test_the_address_change_email_follows_the_subscriber_language(
    client, form_data, mailoutbox, topics, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(email="ana@example.org", topics=[topics[0]], language="es")
    url = f"/listserv/preferences/{tokens.make_preferences_token(subscriber.pk)}/address/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, form_data(new_email="ana.nueva@example.org"))  # from the English page
    [email] = mailoutbox
    assert email.to == ["ana.nueva@example.org"]
    assert (
        email.subject
        == "Confirme su nueva dirección para las actualizaciones por correo electrónico de Rescue & Restore"
    )
    assert "que ahora llegan a ana@example.org lleguen a esta dirección." in email.body
    assert "Rescue &amp; Restore que ahora llegan a ana@example.org" in _html(email)
    assert f"{SITE}/es/listserv/confirm/address/" in email.body


# Bulletins in each reader's language


@pytest.fixture
def readers(topics):
    training = topics[0]
    english = [SubscriberFactory(topics=[training], language="en") for _ in range(4)]
    spanish = [SubscriberFactory(topics=[training], language="es") for _ in range(3)]
    SubscriberFactory(topics=[training], language="es", status=Subscriber.Status.UNSUBSCRIBED)
    return training, english, spanish


def _bulletin(topic, *, spanish):
    bulletin = BulletinFactory(
        topics=[topic], subject="Spring webinars", body="Three **free** webinars. See [the catalog](/materials/)."
    )
    if spanish:
        bulletin.subject_es = "Seminarios web de primavera"
        bulletin.body_es = "Tres seminarios web **gratuitos**. Vea [el catálogo](/es/materials/)."
        bulletin.save()
    return bulletin


def _send(bulletin, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sending.start_sending(bulletin, by=staff)


def test_spanish_readers_get_the_spanish_version_and_english_readers_the_english(
    readers, mailoutbox, staff_listserv_manager, django_capture_on_commit_callbacks, settings
):
    settings.LISTSERV_BATCH_SIZE = 3  # batches mix both languages
    topic, english, spanish = readers
    bulletin = _bulletin(topic, spanish=True)
    _send(bulletin, staff_listserv_manager, django_capture_on_commit_callbacks)
    by_address = {message.to[0]: message for message in mailoutbox}
    assert sorted(by_address) == sorted(s.email for s in english + spanish)
    assert len(mailoutbox) == 7
    for reader in spanish:
        message = by_address[reader.email]
        html = _html(message)
        token = assert_link_for(message.extra_headers["List-Unsubscribe"], reader)  # a new link in every email
        assert message.subject == "Seminarios web de primavera"
        assert "Tres seminarios web **gratuitos**." in message.body
        assert "Three" not in message.body + html
        assert "Tres seminarios web <strong>gratuitos</strong>." in html
        assert f'href="{SITE}/es/materials/"' in html
        assert '<html lang="es">' in html
        assert "todavía no está disponible en español" not in message.body + html
        assert "Recibe este mensaje porque se suscribió" in message.body
        assert f"Cancele la suscripción: {SITE}/es/listserv/unsubscribe/{token}/" in message.body
        assert message.extra_headers["List-Unsubscribe"] == f"<{SITE}/es/listserv/unsubscribe/{token}/>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    for reader in english:
        message = by_address[reader.email]
        html = _html(message)
        token = assert_link_for(message.extra_headers["List-Unsubscribe"], reader)
        assert message.subject == "Spring webinars"
        assert "Three <strong>free</strong> webinars." in html
        assert "Seminarios" not in message.body + html
        assert "Recibe este mensaje" not in message.body
        assert "You receive this because you subscribed" in message.body
        assert message.extra_headers["List-Unsubscribe"] == f"<{SITE}/listserv/unsubscribe/{token}/>"
    assert Counter(Delivery.objects.values_list("status", flat=True)) == {"sent": 7}


def test_without_a_spanish_version_spanish_readers_get_the_english_marked_and_explained_in_spanish(
    readers, mailoutbox, staff_listserv_manager, django_capture_on_commit_callbacks
):
    topic, english, spanish = readers
    bulletin = _bulletin(topic, spanish=False)
    _send(bulletin, staff_listserv_manager, django_capture_on_commit_callbacks)
    by_address = {message.to[0]: message for message in mailoutbox}
    for reader in spanish:
        message = by_address[reader.email]
        html = _html(message)
        assert message.subject == "Spring webinars"
        assert "Three **free** webinars." in message.body
        assert "Este boletín todavía no está disponible en español." in message.body
        assert '<div lang="en"><p>Three <strong>free</strong> webinars.' in html
        assert '<span lang="en">Spring webinars</span>' in html
        assert "Cancele la suscripción:" in message.body  # their own language around the English text
        token = assert_link_for(message.extra_headers["List-Unsubscribe"], reader)
        assert f"/es/listserv/unsubscribe/{token}/" in message.extra_headers["List-Unsubscribe"]
    for reader in english:
        message = by_address[reader.email]
        assert message.subject == "Spring webinars"
        assert "todavía no está disponible" not in message.body + _html(message)


def test_a_half_written_spanish_version_is_not_sent(
    readers, mailoutbox, staff_listserv_manager, django_capture_on_commit_callbacks
):
    topic, _english, spanish = readers
    bulletin = _bulletin(topic, spanish=False)
    bulletin.subject_es = "Seminarios web de primavera"  # no Spanish body: the reader gets the English whole
    bulletin.save()
    _send(bulletin, staff_listserv_manager, django_capture_on_commit_callbacks)
    message = next(message for message in mailoutbox if message.to == [spanish[0].email])
    assert message.subject == "Spring webinars"
    assert "Three **free** webinars." in message.body


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def postmark(settings):
    port = _free_port()
    server, store = serve(port)
    settings.MAILERS = {"default": {"BACKEND": "rescue_restore.outbox.postmark.EmailBackend"}}
    settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "test-token", "POSTMARK_API_URL": f"http://127.0.0.1:{port}/"}
    settings.LISTSERV_BATCH_SIZE = 5
    yield store
    server.shutdown()
    server.server_close()


def test_through_postmark_batches_each_message_is_in_its_reader_language(
    postmark, readers, staff_listserv_manager, django_capture_on_commit_callbacks
):
    topic, english, spanish = readers
    _send(_bulletin(topic, spanish=True), staff_listserv_manager, django_capture_on_commit_callbacks)
    assert postmark.stats()["requests"] == {"/email/batch": 2}  # 7 readers in batches of 5, languages mixed
    received = {message["To"]: message for message in postmark.messages}
    assert sorted(received) == sorted(s.email for s in english + spanish)
    for reader in english + spanish:
        message = received[reader.email]
        in_spanish = reader.language == "es"
        assert message["Subject"] == ("Seminarios web de primavera" if in_spanish else "Spring webinars")
        assert ("<strong>gratuitos</strong>" in message["HtmlBody"]) == in_spanish
        assert ("<strong>free</strong>" in message["HtmlBody"]) != in_spanish
        headers = {header["Name"]: header["Value"] for header in message["Headers"]}
        prefix = "/es" if in_spanish else ""
        token = assert_link_for(message["TextBody"], reader)
        unsubscribe = f"{SITE}{prefix}/listserv/unsubscribe/{token}/"
        assert headers["List-Unsubscribe"] == f"<{unsubscribe}>"
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert unsubscribe in message["TextBody"]


def test_the_test_send_gives_staff_one_copy_per_language_written(
    client, staff_listserv_manager, readers, mailoutbox, django_capture_on_commit_callbacks
):
    bulletin = _bulletin(readers[0], spanish=True)
    sign_in(client, staff_listserv_manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/listserv/bulletin/{bulletin.pk}/send-test/")
    assert sorted(email.subject for email in mailoutbox) == [
        "[PRUEBA] Seminarios web de primavera",
        "[TEST] Spring webinars",
    ]
    assert all(email.to == [staff_listserv_manager.email] for email in mailoutbox)
    preview = client.get(f"/admin/listserv/bulletin/{bulletin.pk}/preview/").text
    assert "As readers of Spanish will read it" in preview
    assert "<strong>gratuitos</strong>" in preview


def test_staff_see_who_gets_english_and_cannot_save_half_a_translation(client, staff_listserv_manager, readers):
    topic, _english, _spanish = readers
    bulletin = _bulletin(topic, spanish=False)
    sign_in(client, staff_listserv_manager)
    send_page = client.get(f"/admin/listserv/bulletin/{bulletin.pk}/send/").text
    assert "<strong>3</strong> of them read Spanish" in send_page
    response = client.post(
        "/admin/listserv/bulletin/add/",
        {
            "subject_en": "Funding news",
            "subject_es": "Noticias sobre financiamiento",
            "slug": "funding-news",
            "topics": [topic.pk],
            "body_en": "News.",
            "body_es": "",
            "events-TOTAL_FORMS": 0,
            "events-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "Write both the subject and the body in Spanish, or neither" in response.text
    assert not Bulletin.objects.filter(slug="funding-news").exists()


# The archive


def _sent(bulletin):
    Bulletin.objects.filter(pk=bulletin.pk).update(status=Bulletin.Status.SENT, sent_at="2026-03-02T10:00:00Z")
    return bulletin


def test_the_spanish_archive_shows_spanish_versions_and_marks_english_ones(client, topics):
    translated = _sent(_bulletin(topics[0], spanish=True))
    english_only = _sent(BulletinFactory(topics=[topics[1]], subject="Grant deadlines", body="Apply **soon**."))
    listing = client.get("/es/listserv/archive/").text
    assert "Archivo de actualizaciones por correo electrónico" in listing
    assert re.search(rf'href="/es/listserv/archive/{translated.slug}/"\s*>Seminarios web de primavera</a>', listing)
    assert re.search(rf'href="/es/listserv/archive/{english_only.slug}/"\s+lang="en">Grant deadlines</a>', listing)
    assert "2 de marzo de 2026" in listing
    assert re.search(r'usa-tag"\s+lang="en">Funding opportunities<', listing)

    page = client.get(f"/es/listserv/archive/{translated.slug}/").text
    assert "<h1>Seminarios web de primavera</h1>" in page
    assert "Tres seminarios web <strong>gratuitos</strong>." in page
    assert "todavía no está disponible en español" not in page
    assert "Fecha de publicación" in page

    page = client.get(f"/es/listserv/archive/{english_only.slug}/").text
    assert "Esta página todavía no está disponible en español." in page
    assert re.search(r'<article class="usa-prose margin-top-4"\s+lang="en">', page)
    assert "Apply <strong>soon</strong>." in page
    assert re.search(r'<dl class="rr-page-dates"\s+lang="es">', page)

    english = client.get(f"/listserv/archive/{translated.slug}/").text
    assert "Three <strong>free</strong> webinars." in english
    assert "Seminarios" not in english
    assert "todavía no está disponible" not in english


def test_the_spanish_archive_query_count_does_not_grow(client, topics, assert_same_queries):
    def grow(size):
        while Bulletin.objects.count() < size:
            _sent(_bulletin(topics[0], spanish=Bulletin.objects.count() % 2 == 0))

    def visit():
        assert client.get("/es/listserv/archive/").status_code == 200

    assert_same_queries((3, 20), grow, visit, most=6)


def test_site_search_in_spanish_shows_the_spanish_version(client, topics):
    _sent(_bulletin(topics[0], spanish=True))
    html = client.get("/es/search/", {"q": "seminarios"}).text
    assert "Seminarios web de primavera" in html
    assert "Actualización por correo electrónico" in html


# Demo content


def test_the_demo_has_spanish_bulletins_topics_and_readers_and_stays_idempotent():
    for _ in range(2):
        call_command("seed_demo", "--subscribers", "12", stdout=io.StringIO())
    assert Topic.objects.count() == 3
    assert all(topic.name_es and topic.description_es for topic in Topic.objects.all())
    assert set(Topic.objects.values_list("name_es", flat=True)) == {
        "Novedades sobre la trata de personas",
        "Oportunidades de capacitación",
        "Oportunidades de financiamiento",
    }
    bulletins = Bulletin.objects.sent()
    assert bulletins.count() == 2
    for bulletin in bulletins:
        assert bulletin.written_in("es")
        assert "<p>" in bulletin.body_html_es
    january = bulletins.get(slug="january-is-national-human-trafficking-prevention-month")
    assert january.subject_es == "Demostración: Enero es el Mes Nacional de Prevención de la Trata de Personas"
    assert "Línea Directa Nacional contra la Trata de Personas" in january.body_es
    assert 'href="/es/materials/"' in january.body_html_es
    assert Counter(
        Subscriber.objects.filter(email__endswith="@example.invalid").values_list("language", flat=True)
    ) == {
        "en": 9,
        "es": 3,
    }


def test_a_demo_seeded_before_the_spanish_gets_it_on_the_next_run():
    call_command("seed_demo", "--subscribers", "0", stdout=io.StringIO())
    Bulletin.objects.update(subject_es="", body_es="", body_html_es="")
    call_command("seed_demo", "--subscribers", "0", stdout=io.StringIO())
    assert all(bulletin.written_in("es") and bulletin.body_html_es for bulletin in Bulletin.objects.all())
    assert Bulletin.objects.sent().count() == 2
