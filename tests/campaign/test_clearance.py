"""Changes to live pages: a draft per language, a second person's approval, then the public page changes."""

import pytest
from django.contrib.messages import get_messages
from pytest_django.asserts import assertContains, assertNotContains

from campaign import clearance
from campaign.models import Page, PageDraft
from rescue_restore.kernel.workflow import Clearance, InvalidTransitionError
from tests.factories.campaign import PageFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

STEP = "/admin/campaign/pagedraft/{pk}/clearance/{step}/"


@pytest.fixture
def live_page():
    return PageFactory(title="Signs of trafficking", slug="signs", body="Look for **bruises**.")


def _draft_with(page, editor, *, language="en", **text):
    draft = clearance.start_draft(page, language, by=editor)
    for field, value in text.items():
        setattr(draft, field, value)
    draft.save()
    clearance.record_edit(draft, by=editor)
    return draft


def _statuses(draft):
    return [(event.from_status, event.to_status) for event in draft.events.order_by("pk")]


def test_an_editor_changes_a_live_page_through_a_draft_and_the_public_page_waits(client, staff_editor, live_page):
    sign_in(client, staff_editor)
    change_form = client.get(f"/admin/campaign/page/{live_page.pk}/change/")
    assertContains(change_form, '<div class="readonly">Look for **bruises**.</div>', html=True)
    assertNotContains(change_form, 'name="body_en"')  # the live text is not edited in place
    start = f"/admin/campaign/page/{live_page.pk}/draft/en/"
    assertContains(client.get(start), "Start the English draft")
    response = client.post(start)
    draft = PageDraft.objects.get()
    assert response["Location"] == f"/admin/campaign/pagedraft/{draft.pk}/change/"
    assert (draft.body, draft.status, draft.created_by) == ("Look for **bruises**.", Clearance.DRAFT, staff_editor)
    assert client.post(start)["Location"] == response["Location"]  # the same open draft, not a second one

    saved = client.post(
        f"/admin/campaign/pagedraft/{draft.pk}/change/",
        {
            "title": "Signs of trafficking",
            "summary": live_page.summary,
            "body": "Look for **bruises** and\r\nfear of deportation.",
            "events-TOTAL_FORMS": 0,
            "events-INITIAL_FORMS": 0,
        },
    )
    assert saved.status_code == 302, saved.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.body == "Look for **bruises** and\nfear of deportation."  # line endings as one
    assert list(draft.edited_by.all()) == [staff_editor]
    public = client.get("/pages/signs/").content.decode()
    assert "deportation" not in public
    assert Page.objects.get(pk=live_page.pk).body == "Look for **bruises**."


def test_asking_for_review_emails_the_approvers_but_not_the_author(
    client,
    staff_editor_approver,
    staff_approver,
    staff_editor,
    live_page,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    draft = _draft_with(live_page, staff_editor_approver, body="New text.")
    sign_in(client, staff_editor_approver)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(STEP.format(pk=draft.pk, step="submit"), {"note": ""})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Clearance.IN_REVIEW
    assert draft.submitted_at is not None
    [email] = mailoutbox
    assert email.to == [staff_approver.email]  # the author holds the role too, and is left out
    assert email.subject == "Waiting for your review: page change (English) “Signs of trafficking”"
    admin_url = f"https://rescue-restore.example.gov/admin/campaign/pagedraft/{draft.pk}/change/"
    assert admin_url in email.body
    assert "editor-approver asks for a second person" in email.body
    assert f'href="{admin_url}"' in email.alternatives[0][0]


def test_the_author_cannot_approve_even_holding_both_roles(client, staff_editor_approver, live_page):
    draft = _draft_with(live_page, staff_editor_approver, body="My own change.")
    clearance.submit_for_review(draft, by=staff_editor_approver)
    with pytest.raises(InvalidTransitionError, match="second person"):
        clearance.approve(draft, by=staff_editor_approver)
    sign_in(client, staff_editor_approver)
    page = client.get(f"/admin/campaign/pagedraft/{draft.pk}/change/")
    assertContains(page, "another content approver must approve it")
    assertNotContains(page, STEP.format(pk=draft.pk, step="approve"))
    response = client.post(STEP.format(pk=draft.pk, step="approve"), {"note": ""})
    assert "second person" in " ".join(str(m) for m in get_messages(response.wsgi_request))
    draft.refresh_from_db()
    assert draft.status == Clearance.IN_REVIEW
    assert Page.objects.get(pk=live_page.pk).body == "Look for **bruises**."


def test_an_editor_who_edited_someone_elses_draft_cannot_approve_it(staff_editor, staff_editor_approver, live_page):
    draft = _draft_with(live_page, staff_editor, body="First words.")
    clearance.record_edit(draft, by=staff_editor_approver)  # they changed the text too
    clearance.submit_for_review(draft, by=staff_editor)
    with pytest.raises(InvalidTransitionError, match="second person"):
        clearance.approve(draft, by=staff_editor_approver)


def test_an_editor_without_the_approver_role_cannot_approve(staff_editor, staff_approver, django_user_model, live_page):
    other_editor = django_user_model.objects.create_user("other", "o@example.gov", is_staff=True)
    other_editor.groups.add(*staff_editor.groups.all())
    draft = _draft_with(live_page, staff_editor, body="Text.")
    clearance.submit_for_review(draft, by=staff_editor)
    with pytest.raises(InvalidTransitionError, match="Only a content approver"):
        clearance.approve(draft, by=other_editor)
    with pytest.raises(InvalidTransitionError, match="Only a content approver"):
        clearance.approve(draft, by=None)


def test_a_second_person_approves_and_the_public_page_changes_at_once(client, staff_editor, staff_approver, live_page):
    draft = _draft_with(live_page, staff_editor, body="Look for **fear**.")
    clearance.submit_for_review(draft, by=staff_editor)
    assert "<strong>fear</strong>" not in client.get("/pages/signs/").content.decode()
    sign_in(client, staff_approver)
    assertContains(client.get(f"/admin/campaign/pagedraft/{draft.pk}/change/"), "Approve")
    response = client.post(STEP.format(pk=draft.pk, step="approve"), {"note": "Cleared by legal."})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Clearance.PUBLISHED
    assert draft.published_at is not None
    assert _statuses(draft) == [
        ("", "draft"),
        ("draft", "in_review"),
        ("in_review", "approved"),
        ("approved", "published"),
    ]
    assert draft.events.get(to_status="approved").note == "Cleared by legal."
    assert draft.events.get(to_status="approved").changed_by == staff_approver
    client.logout()
    assertContains(client.get("/pages/signs/"), "<strong>fear</strong>")
    revision = Page.objects.get(pk=live_page.pk).audit_trail.latest()
    assert (revision.history_user, revision.history_change_reason) == (
        staff_approver,
        f"Published draft #{draft.pk} (English)",
    )


def test_sending_back_needs_a_reason_that_the_author_reads(client, staff_editor, staff_approver, live_page):
    draft = _draft_with(live_page, staff_editor, body="Too long.")
    clearance.submit_for_review(draft, by=staff_editor)
    sign_in(client, staff_approver)
    refused = client.post(STEP.format(pk=draft.pk, step="send_back"), {"reason": "   "})
    assert refused.status_code == 400
    draft.refresh_from_db()
    assert draft.status == Clearance.IN_REVIEW
    with pytest.raises(InvalidTransitionError, match="Say why"):
        clearance.send_back(draft, by=staff_approver, reason="")
    client.post(STEP.format(pk=draft.pk, step="send_back"), {"reason": "Cite the hotline number."})
    draft.refresh_from_db()
    assert draft.status == Clearance.DRAFT
    assert draft.events.order_by("-pk").first().note == "Cite the hotline number."
    # Back in draft, the author edits it again and asks once more.
    clearance.submit_for_review(draft, by=staff_editor)
    assert draft.status == Clearance.IN_REVIEW


def test_the_text_under_review_cannot_be_edited(client, staff_editor, live_page):
    draft = _draft_with(live_page, staff_editor, body="Reviewed words.")
    clearance.submit_for_review(draft, by=staff_editor)
    sign_in(client, staff_editor)
    form = client.get(f"/admin/campaign/pagedraft/{draft.pk}/change/")
    assertNotContains(form, 'name="body"')
    client.post(
        f"/admin/campaign/pagedraft/{draft.pk}/change/",
        {
            "title": "X",
            "summary": "Y",
            "body": "Swapped after review",
            "events-TOTAL_FORMS": 0,
            "events-INITIAL_FORMS": 0,
        },
    )
    draft.refresh_from_db()
    assert draft.body == "Reviewed words."


def test_spanish_can_wait_in_review_while_english_is_public_and_falls_back_visibly(
    client, staff_editor, staff_approver, live_page
):
    english = _draft_with(live_page, staff_editor, body="English **update**.")
    clearance.submit_for_review(english, by=staff_editor)
    clearance.approve(english, by=staff_approver)
    spanish = _draft_with(
        live_page, staff_editor, language="es", title="Señales", summary="Resumen.", body="Texto **nuevo**."
    )
    assert spanish.status == Clearance.DRAFT
    clearance.submit_for_review(spanish, by=staff_editor)
    spanish_page = client.get("/es/pages/signs/").content.decode()
    assert "<strong>update</strong>" in spanish_page  # the English text, marked as such
    assert "todavía no está disponible en español" in spanish_page
    assert "nuevo" not in spanish_page
    clearance.approve(spanish, by=staff_approver)
    spanish_page = client.get("/es/pages/signs/").content.decode()
    assert "Texto <strong>nuevo</strong>." in spanish_page
    assert "todavía no está disponible en español" not in spanish_page
    assertContains(client.get("/pages/signs/"), "English <strong>update</strong>.")


def test_preview_shows_the_draft_as_the_public_will_to_signed_in_staff_only(
    client, staff_editor, staff_approver, live_page
):
    draft = _draft_with(
        live_page, staff_editor, language="es", title="Señales", summary="Resumen.", body="Vista **previa**."
    )
    url = f"/admin/campaign/pagedraft/{draft.pk}/preview/"
    assert client.get(url)["Location"].startswith("/admin/login/")
    sign_in(client, staff_approver)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es"' in html
    assert "Vista <strong>previa</strong>." in html
    assert "Preview of a draft" in html
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "Vista" not in client.get("/es/pages/signs/").content.decode()
    assert Page.objects.get(pk=live_page.pk).body_es in ("", None)


def test_the_dashboard_lists_what_waits_and_for_how_long(client, staff_editor, staff_approver, live_page):
    draft = _draft_with(live_page, staff_editor, body="Waiting text.")
    clearance.submit_for_review(draft, by=staff_editor)
    sign_in(client, staff_approver)
    response = client.get("/admin/")
    [item] = response.context["waiting_for_clearance"]
    assert (item.kind, item.title, item.author) == ("Page change (English)", "Signs of trafficking", "editor")
    assertContains(response, "Waiting for clearance")
    assertContains(response, f'href="/admin/campaign/pagedraft/{draft.pk}/change/"')
    assertContains(response, "by editor, waiting 0")


def test_a_new_page_goes_on_the_site_only_through_a_cleared_english_draft(client, staff_editor, staff_approver):
    page = PageFactory(slug="new-page", is_published=False, body="Brand new.")
    sign_in(client, staff_editor)
    assertNotContains(client.get(f"/admin/campaign/page/{page.pk}/change/"), 'name="is_published"')
    draft = clearance.start_draft(page, "en", by=staff_editor)
    clearance.submit_for_review(draft, by=staff_editor)
    assert client.get("/pages/new-page/").status_code == 404
    clearance.approve(draft, by=staff_approver)
    assert Page.objects.get(pk=page.pk).is_published
    client.logout()
    assertContains(client.get("/pages/new-page/"), "Brand new.")


def test_one_open_draft_per_page_and_language(staff_editor, live_page):
    first = clearance.start_draft(live_page, "en", by=staff_editor)
    assert clearance.start_draft(live_page, "en", by=staff_editor) == first
    assert clearance.start_draft(live_page, "es", by=staff_editor) != first
    with pytest.raises(InvalidTransitionError):
        clearance.start_draft(live_page, "fr", by=staff_editor)


def test_the_previews_language_switcher_leads_to_the_other_languages_draft_never_a_404(client, staff_editor, live_page):
    english = _draft_with(live_page, staff_editor, body="English words.")
    sign_in(client, staff_editor)
    alone = client.get(f"/admin/campaign/pagedraft/{english.pk}/preview/").content.decode()
    assert "rr-language__link" not in alone  # no Spanish draft: no switcher, rather than a dead link
    assert "/es/admin/" not in alone
    spanish = _draft_with(live_page, staff_editor, language="es", title="Señales", body="Palabras.")
    html = client.get(f"/admin/campaign/pagedraft/{english.pk}/preview/").content.decode()
    spanish_preview = f"/admin/campaign/pagedraft/{spanish.pk}/preview/"
    assert f'href="{spanish_preview}"' in html
    assert "/es/admin/" not in html
    assert 'rel="alternate"' not in html  # a preview is never indexed: no hreflang alternates
    back = client.get(spanish_preview).content.decode()
    assert f'href="/admin/campaign/pagedraft/{english.pk}/preview/"' in back
    assert "Palabras." in back
