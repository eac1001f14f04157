"""Changes to live materials (text, covers, PDFs): a draft per language, a second person's approval, then public."""

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pytest_django.asserts import assertContains, assertNotContains

from materials.clearance import MATERIALS
from materials.images import RENDITION_WIDTHS, rendition_name
from materials.models import Edition, Material, MaterialDraft, MaterialDraftFile
from rescue_restore.kernel.clearance import run_schedules
from rescue_restore.kernel.workflow import Clearance, InvalidTransitionError
from rescue_restore.ops import scheduler
from tests.factories.materials import EditionFactory, MaterialFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

STEP = "/admin/materials/materialdraft/{pk}/clearance/{step}/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def picture(colour, name="front.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (600, 800), colour).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=name)


@pytest.fixture
def live_material():
    material = MaterialFactory(
        title="Look Beneath the Surface",
        slug="lbs",
        summary="Signs to look for.",
        description="Old first paragraph.",
        title_es="Mire debajo de la superficie",
        summary_es="Señales.",
        description_es="Párrafo antiguo.",
    )
    EditionFactory(material=material, language="en", item_code="RR-LBS-EN", cover=picture("navy"))
    EditionFactory(material=material, language="es", item_code="RR-LBS-ES")
    return material


def _draft_with(material, editor, *, language="en", **text):
    draft = MATERIALS.start_draft(material, language, by=editor)
    for field, value in text.items():
        setattr(draft, field, value)
    draft.save()
    MATERIALS.record_edit(draft, by=editor)
    return draft


def _statuses(draft):
    return [(event.from_status, event.to_status) for event in draft.events.order_by("pk")]


def _inline(**extra):
    empty = {"files-TOTAL_FORMS": 0, "files-INITIAL_FORMS": 0, "events-TOTAL_FORMS": 0, "events-INITIAL_FORMS": 0}
    return empty | extra


def test_an_editor_changes_a_live_material_and_its_files_through_a_draft(client, staff_editor, live_material):
    sign_in(client, staff_editor)
    change_form = client.get(f"/admin/materials/material/{live_material.pk}/change/")
    assertNotContains(change_form, 'name="description_en"')  # the live text is not edited in place
    assertContains(change_form, "Change the English text (as a draft)")
    edition = live_material.editions.get(language="en")
    assertNotContains(client.get(f"/admin/materials/edition/{edition.pk}/change/"), 'name="pdf"')
    start = f"/admin/materials/material/{live_material.pk}/draft/en/"
    response = client.post(start)
    draft = MaterialDraft.objects.get()
    assert response["Location"] == f"/admin/materials/materialdraft/{draft.pk}/change/"
    assert (draft.description, draft.created_by) == ("Old first paragraph.", staff_editor)

    saved = client.post(
        f"/admin/materials/materialdraft/{draft.pk}/change/",
        _inline(
            title="Look Beneath the Surface",
            summary="Signs to look for.",
            description="New first paragraph.\r\n\r\nA second one.",
            **{
                "files-TOTAL_FORMS": 1,
                "files-0-edition": edition.pk,
                "files-0-cover": SimpleUploadedFile("new.png", picture("red").read(), "image/png"),
                "files-0-pdf": SimpleUploadedFile("new.pdf", PDF, "application/pdf"),
            },
        ),
    )
    assert saved.status_code == 302, saved.content.decode()[:3000]
    draft.refresh_from_db()
    assert draft.description == "New first paragraph.\n\nA second one."
    [new_files] = draft.files.all()
    assert new_files.cover.name.startswith("materials/drafts/covers/")
    client.logout()
    public = client.get("/materials/lbs/").content.decode()
    assert "Old first paragraph." in public
    assert "New first paragraph" not in public
    assert "drafts/" not in public
    assert "materialdraft" not in public
    assert Edition.objects.get(pk=edition.pk).pdf == ""


def test_clearing_publishes_text_and_files_with_history_and_an_email(
    client, staff_editor, staff_approver, live_material, mailoutbox, django_capture_on_commit_callbacks
):
    edition = live_material.editions.get(language="en")
    old_thumbnail = edition.cover_thumbnail.name
    draft = _draft_with(live_material, staff_editor, description="A clearer description.")
    MaterialDraftFile.objects.create(draft=draft, edition=edition, cover=picture("red"), pdf=ContentFile(PDF, "x.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        MATERIALS.submit_for_review(draft, by=staff_editor)
    [email] = mailoutbox
    assert email.to == [staff_approver.email]
    assert email.subject == "Waiting for your review: material change (English) “Look Beneath the Surface”"
    assert f"/admin/materials/materialdraft/{draft.pk}/change/" in email.body
    assertNotContains(client.get("/materials/lbs/"), "A clearer description.")

    sign_in(client, staff_approver)
    assertContains(client.get("/admin/"), "Material change (English)")  # the dashboard lists it
    response = client.post(STEP.format(pk=draft.pk, step="approve"), {"note": "Cleared."})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Clearance.PUBLISHED
    assert _statuses(draft) == [
        ("", "draft"),
        ("draft", "in_review"),
        ("in_review", "approved"),
        ("approved", "published"),
    ]
    client.logout()
    assertContains(client.get("/materials/lbs/"), "A clearer description.")
    assertContains(client.get("/es/materials/lbs/"), "Párrafo antiguo.")  # Spanish has its own draft, untouched
    edition.refresh_from_db()
    assert edition.cover_thumbnail.name != old_thumbnail  # a new thumbnail from the new cover
    assert edition.pdf.read() == PDF
    assert edition.stock_on_hand == 500
    download = client.get("/materials/files/RR-LBS-EN/print.pdf")
    assert b"".join(download.streaming_content) == PDF
    revision = Material.objects.get(pk=live_material.pk).audit_trail.latest()
    assert revision.history_change_reason == f"Published draft #{draft.pk} (English)"


def test_a_published_draft_cover_has_its_webp_renditions(staff_editor, staff_approver, live_material):
    edition = live_material.editions.get(language="en")
    old_thumbnail = edition.cover_thumbnail.name
    draft = _draft_with(live_material, staff_editor)
    MaterialDraftFile.objects.create(draft=draft, edition=edition, cover=picture("red"))
    MATERIALS.submit_for_review(draft, by=staff_editor)
    MATERIALS.approve(draft, by=staff_approver)

    edition.refresh_from_db()
    assert edition.cover_thumbnail.name != old_thumbnail
    storage = edition.cover_thumbnail.storage
    for width in RENDITION_WIDTHS:
        with (
            storage.open(rendition_name(edition.cover_thumbnail.name, width), "rb") as stored,
            Image.open(stored) as image,
        ):
            assert image.format == "WEBP"
            assert image.width == width
            assert image.getpixel((width // 2, 10))[0] > 200  # the new, red cover's pixels


def test_two_person_rule_for_materials_even_holding_both_roles(staff_editor_approver, staff_approver, live_material):
    draft = _draft_with(live_material, staff_editor_approver, summary="Mine.")
    MATERIALS.submit_for_review(draft, by=staff_editor_approver)
    with pytest.raises(InvalidTransitionError, match="second person"):
        MATERIALS.approve(draft, by=staff_editor_approver)
    with pytest.raises(InvalidTransitionError, match="Say why"):
        MATERIALS.send_back(draft, by=staff_approver, reason=" ")
    MATERIALS.send_back(draft, by=staff_approver, reason="Shorter, please.")
    assert draft.status == Clearance.DRAFT
    with pytest.raises(InvalidTransitionError):
        MATERIALS.publish(draft, by=staff_approver)  # a draft is not approved
    MATERIALS.submit_for_review(draft, by=staff_editor_approver)
    MATERIALS.approve(draft, by=staff_approver)
    assert Material.objects.get(pk=live_material.pk).summary == "Mine."


def test_preview_shows_the_draft_and_its_new_cover_to_staff_only(client, staff_editor, staff_approver, live_material):
    edition = live_material.editions.get(language="en")
    english = _draft_with(live_material, staff_editor, title="Look Closer")
    new_files = MaterialDraftFile.objects.create(draft=english, edition=edition, cover=picture("red"))
    spanish = _draft_with(live_material, staff_editor, language="es", title="Mire más de cerca")
    preview = f"/admin/materials/materialdraft/{english.pk}/preview/"
    cover = f"/admin/materials/materialdraft/{english.pk}/file/{new_files.pk}/cover/"
    assert client.get(preview).status_code == 302  # signed out: to the sign-in page
    assert client.get(cover).status_code == 302
    sign_in(client, staff_approver)
    response = client.get(preview)
    html = response.content.decode()
    assert ">Look Closer</h1>" in html
    assert f'src="{cover}"' in html
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"].startswith("noindex")
    # The language switcher leads to the Spanish draft's preview, never to /es/admin/… (a 404).
    assert f'href="/admin/materials/materialdraft/{spanish.pk}/preview/"' in html
    assert "/es/admin/" not in html
    assert 'hreflang="x-default"' not in html
    spanish_html = client.get(f"/admin/materials/materialdraft/{spanish.pk}/preview/").content.decode()
    assert '<html lang="es">' in spanish_html
    assert "Mire más de cerca" in spanish_html
    picture_response = client.get(cover)
    assert picture_response.status_code == 200
    assert picture_response["Content-Type"] == "image/png"
    assert Material.objects.get(pk=live_material.pk).title == "Look Beneath the Surface"


def test_a_preview_without_another_languages_draft_has_no_switcher_link(client, staff_editor, live_material):
    draft = _draft_with(live_material, staff_editor, title="Only English")
    sign_in(client, staff_editor)
    html = client.get(f"/admin/materials/materialdraft/{draft.pk}/preview/").content.decode()
    assert "rr-language__link" not in html


def test_compare_shows_words_and_the_files_it_replaces(client, staff_editor, live_material):
    edition = live_material.editions.get(language="en")
    draft = _draft_with(live_material, staff_editor, description="Old first paragraph.\r\n")
    sign_in(client, staff_editor)
    compare = f"/admin/materials/materialdraft/{draft.pk}/compare/"
    assertNotContains(client.get(compare), "<ins>")  # line endings are not a change
    draft.description = "Old second paragraph."
    draft.save()
    MaterialDraftFile.objects.create(draft=draft, edition=edition, pdf=ContentFile(PDF, "x.pdf"))
    html = client.get(compare).content.decode()
    assert "<del>first</del>" in html
    assert "<ins>second</ins>" in html
    assert "Replaces the PDF of RR-LBS-EN (English)." in html


def test_roll_back_a_material_makes_a_new_draft_cleared_like_any_change(
    client, staff_editor, staff_approver, live_material
):
    draft = _draft_with(live_material, staff_editor, summary="Newer summary.")
    MATERIALS.submit_for_review(draft, by=staff_editor)
    MATERIALS.approve(draft, by=staff_approver)
    old = live_material.audit_trail.earliest()
    sign_in(client, staff_editor)
    revisions = client.get(f"/admin/materials/material/{live_material.pk}/revisions/?a={old.history_id}")
    assertContains(revisions, "<del>Signs to look for</del>.")
    response = client.post(
        f"/admin/materials/material/{live_material.pk}/roll-back/", {"revision": old.history_id, "language": "en"}
    )
    rolled_back = MaterialDraft.objects.open().get()
    assert response["Location"] == f"/admin/materials/materialdraft/{rolled_back.pk}/change/"
    assert rolled_back.summary == "Signs to look for."
    assert Material.objects.get(pk=live_material.pk).summary == "Newer summary."  # public until cleared
    with pytest.raises(InvalidTransitionError, match="already has an open draft"):
        MATERIALS.roll_back(live_material, old, "en", by=staff_editor)


def test_a_new_material_goes_on_the_site_only_through_a_cleared_english_draft(client, staff_editor, staff_approver):
    material = MaterialFactory(slug="new-card", title="New card", is_published=False)
    sign_in(client, staff_editor)
    form = client.get(f"/admin/materials/material/{material.pk}/change/").content.decode()
    assert 'name="is_published"' not in form
    draft = _draft_with(material, staff_editor)
    MATERIALS.submit_for_review(draft, by=staff_editor)
    client.logout()
    assert client.get("/materials/new-card/").status_code == 404
    MATERIALS.approve(draft, by=staff_approver)
    assert client.get("/materials/new-card/").status_code == 200


def test_new_files_must_belong_to_the_drafts_material(staff_editor, live_material):
    draft = _draft_with(live_material, staff_editor)
    stranger = EditionFactory(item_code="RR-OTHER-EN")
    with pytest.raises(Exception, match="edition of this material"):
        MaterialDraftFile(draft=draft, edition=stranger, pdf=ContentFile(PDF, "x.pdf")).full_clean()
    with pytest.raises(Exception, match="cover, a new PDF"):
        MaterialDraftFile(draft=draft, edition=live_material.editions.first()).full_clean()


NINE = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)  # Monday 09:00 in Washington


def test_an_approved_material_change_goes_public_at_its_time_once_even_with_two_schedulers(
    client, staff_editor, staff_approver, live_material, django_capture_on_commit_callbacks
):
    edition = live_material.editions.get(language="es")
    with time_machine.travel(NINE, tick=False):
        draft = _draft_with(live_material, staff_editor, language="es", summary="Señales nuevas.")
        draft.publish_at = NINE + timedelta(hours=2)
        draft.save()
        MaterialDraftFile.objects.create(draft=draft, edition=edition, pdf=ContentFile(PDF, "es.pdf"))
        MATERIALS.submit_for_review(draft, by=staff_editor)
        MATERIALS.approve(draft, by=staff_approver)
        draft.refresh_from_db()
        assert draft.status == Clearance.APPROVED  # cleared, waiting for its time
        assert run_schedules()["material changes published"] == 0
        assertNotContains(client.get("/es/materials/lbs/"), "Señales nuevas.")
    job = [scheduler.job_named("publish_scheduled")]
    with (
        time_machine.travel(NINE + timedelta(hours=2, minutes=3), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        first = scheduler.tick(jobs=job, claimed_by="host-a")
        second = scheduler.tick(jobs=job, claimed_by="host-b")
    assert (len(first), second) == (1, [])
    with time_machine.travel(NINE + timedelta(hours=2, minutes=4), tick=False):
        assert run_schedules()["material changes published"] == 0  # nothing left for a late third
    draft.refresh_from_db()
    assert draft.status == Clearance.PUBLISHED
    published = draft.events.get(to_status="published")
    assert (published.changed_by, published.note) == (None, "Published at the time set.")
    assertContains(client.get("/es/materials/lbs/"), "Señales nuevas.")
    assert Material.objects.get(pk=live_material.pk).summary_en == "Signs to look for."  # English untouched
    assert Edition.objects.get(pk=edition.pk).pdf.read() == PDF


def test_a_draft_refuses_a_fake_picture_as_a_new_cover(client, staff_editor, live_material):
    draft = _draft_with(live_material, staff_editor)
    sign_in(client, staff_editor)
    response = client.post(
        f"/admin/materials/materialdraft/{draft.pk}/change/",
        _inline(
            title=draft.title,
            summary=draft.summary,
            description=draft.description,
            **{
                "files-TOTAL_FORMS": 1,
                "files-0-edition": live_material.editions.get(language="en").pk,
                "files-0-cover": SimpleUploadedFile("cover.jpg", b"MZ\x90\x00 an executable"),
            },
        ),
    )
    assert response.status_code == 200
    assertContains(response, "Upload a valid image")
    assert not draft.files.exists()


def test_the_author_reads_why_it_came_back_in_the_drafts_history(client, staff_editor, staff_approver, live_material):
    draft = _draft_with(live_material, staff_editor, summary="Too long a summary.")
    MATERIALS.submit_for_review(draft, by=staff_editor)
    MATERIALS.send_back(draft, by=staff_approver, reason="Cut the summary to one sentence.")
    sign_in(client, staff_editor)
    page = client.get(f"/admin/materials/materialdraft/{draft.pk}/change/")
    assertContains(page, "History of this draft")
    assertContains(page, "Cut the summary to one sentence.")
