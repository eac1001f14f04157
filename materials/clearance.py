"""Changes to live materials: a draft per language, cleared by a second person, then published (docs/clearance.md).

The moves are the shared ones (``rescue_restore.kernel.clearance.DraftClearance``), the
same as pages': history rows, row lock, the two-person rule, the reviewers' email,
scheduled publication by the ``publish_scheduled`` job. What is the material's own
is here: publishing copies the draft's text onto the material in its language,
and the draft's new covers and PDFs onto its editions, in the transaction that
moves the draft to published; an English draft of a material not yet on the site
puts it there.
"""

from datetime import datetime
from pathlib import PurePosixPath

from materials.models import Edition, Material, MaterialDraft
from rescue_restore.kernel.clearance import DraftClearance, WaitingItem


def _publish_files(draft: MaterialDraft) -> None:
    """The draft's new covers and PDFs become its editions' (a new cover: thumbnail and renditions, as any upload)."""
    for new in draft.files.order_by("pk"):
        edition = Edition.objects.select_for_update().get(pk=new.edition_id)
        changed = []
        for field in ("cover", "pdf"):
            upload = getattr(new, field)
            if upload:
                # A copy under the edition's own folder: the draft's file stays as the record of what was cleared.
                getattr(edition, field).save(PurePosixPath(upload.name).name, upload, save=False)
                changed.append(field)
        # Only the files: stock moves meanwhile are not written over. A new cover gets its thumbnail
        # (Edition.save) and that save its WebP renditions (materials.images' post_save receiver).
        edition.save(update_fields=changed)


def _publish_to(draft: MaterialDraft, material: Material) -> None:
    material.save(update_fields=[*MATERIALS.write_text(draft, material), "updated_at"])
    _publish_files(draft)


MATERIALS = DraftClearance(draft_model=MaterialDraft, kind="material change", publish_to=_publish_to)


def waiting(limit: int = 50) -> list[WaitingItem]:
    """Material changes waiting for a reviewer, oldest first."""
    return MATERIALS.waiting(limit)


def run_schedule(now: datetime | None = None) -> dict[str, int]:
    """The scheduler's clearance job for materials: approved changes whose time has come."""
    return {"material changes published": MATERIALS.publish_due(now)}
