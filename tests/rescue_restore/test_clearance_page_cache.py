"""Drafts change no public page until they are published; publishing makes stale only what shows the item.

A draft's save (through its admin form or its clearance steps), its history rows and
its new files leave every stored page in place; approving a page's draft makes stale
that page, the pages listing its section and search, and a material's draft the
catalog's pages (``campaign/pagecache.py``, ``materials/pagecache.py``).
"""

import pytest
from django.core.files.base import ContentFile

from campaign import clearance as page_clearance
from campaign.models import Page, Section
from materials.clearance import MATERIALS
from materials.models import MaterialDraftFile
from tests.materials.conftest import media_storage  # noqa: F401 (uploaded files in a temporary folder)
from tests.rescue_restore.test_page_cache_invalidation import (  # noqa: F401 (the cache on, both backends)
    _cache_all,
    _hit,
    _page_cache_on,
    _text,
    site,
)
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

CATALOG = ["/materials/", "/materials/plentiful-poster/", "/es/materials/plentiful-poster/"]
PAGES = ["/", "/pages/guidance/", "/pages/for-clinics/", "/search/?q=guidance"]
ELSEWHERE = ["/coalitions/", "/listserv/", "/es/coalitions/"]
DRAFT_PDF = b"%PDF-1.4\n%%EOF\n"


def _stale(client, urls):
    return [url for url in urls if not _hit(client.get(url))]


def test_saving_and_clearing_a_page_draft_leaves_every_page_until_it_is_published(
    client,
    site,  # noqa: F811 (the invalidation tests' fixture)
    staff_editor,
    staff_approver,
):
    everything = [*PAGES, *CATALOG, *ELSEWHERE]
    _cache_all(client, everything)
    page = Page.objects.get(slug="guidance")
    editor = client.__class__()
    sign_in(editor, staff_editor)
    started = editor.post(f"/admin/campaign/page/{page.pk}/draft/en/")
    draft = page.drafts.get()
    assert started["Location"] == f"/admin/campaign/pagedraft/{draft.pk}/change/"
    saved = editor.post(
        started["Location"],
        {
            "title": "Guidance, cleared",
            "summary": page.summary,
            "body": "New words.",
            "events-TOTAL_FORMS": 0,
            "events-INITIAL_FORMS": 0,
        },
    )
    assert saved.status_code == 302
    assert editor.post(f"/admin/campaign/pagedraft/{draft.pk}/clearance/submit/", {"note": ""}).status_code == 302
    assert _stale(client, everything) == []

    approver = client.__class__()
    sign_in(approver, staff_approver)
    approved = approver.post(f"/admin/campaign/pagedraft/{draft.pk}/clearance/approve/", {"note": ""})
    assert approved.status_code == 302
    assert page_clearance.PAGES.draft_model.objects.get(pk=draft.pk).status == "published"
    # The page, the home page listing its section, and search: fresh. The catalog, the other
    # section's page and the other apps' pages stay stored.
    assert "Guidance, cleared" in _text(client.get("/pages/guidance/"))
    assert not _hit(client.get("/"))  # it links the section's first page
    assert not _hit(client.get("/search/?q=guidance"))
    assert _stale(client, [*CATALOG, *ELSEWHERE, "/pages/for-clinics/"]) == []


def test_a_material_draft_and_its_files_leave_every_page_until_published(
    client,
    site,  # noqa: F811 (the invalidation tests' fixture)
    staff_editor,
    staff_approver,
    django_capture_on_commit_callbacks,
):
    everything = [*PAGES, *CATALOG, *ELSEWHERE]
    _cache_all(client, everything)
    material = site["plenty"]
    draft = MATERIALS.start_draft(material, "en", by=staff_editor)
    draft.summary = "A poster for waiting rooms."
    draft.save()
    MATERIALS.record_edit(draft, by=staff_editor)
    MaterialDraftFile.objects.create(draft=draft, edition=material.editions.get(), pdf=_pdf())
    with django_capture_on_commit_callbacks(execute=True):
        MATERIALS.submit_for_review(draft, by=staff_editor)
    assert _stale(client, everything) == []

    with django_capture_on_commit_callbacks(execute=True):
        MATERIALS.approve(draft, by=staff_approver)
    assert "A poster for waiting rooms." in _text(client.get("/materials/plentiful-poster/"))
    assert not _hit(client.get("/materials/"))
    assert _stale(client, [*ELSEWHERE, "/pages/guidance/", "/"]) == []


def _pdf():
    return ContentFile(DRAFT_PDF, "new.pdf")


def test_a_page_moved_to_another_section_still_makes_every_page_stale(client, site):  # noqa: F811
    _cache_all(client, ["/materials/", "/pages/guidance/"])
    page = Page.objects.get(slug="guidance")
    page.section = Section.GET_INVOLVED
    page.save()  # the admin's form: the section may have changed, so every list may be wrong
    assert not _hit(client.get("/materials/"))
