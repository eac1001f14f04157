"""Bulletins are cleared by a second person before they reach subscribers (docs/clearance.md).

Draft → in review → approved, through the workflow kernel with its history
rows and the two-person rule (``rescue_restore.kernel.workflow.ClearanceWorkflow``);
only an approved bulletin can start sending (``listserv.sending.start_sending``
moves APPROVED → SENDING). A test send to oneself needs no approval.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse

from listserv import sending
from listserv.models import Bulletin
from rescue_restore.kernel.clearance import WaitingItem, notify_reviewers, person_name
from rescue_restore.kernel.workflow import InvalidTransitionError

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def record_edit(bulletin: Bulletin, *, by: User) -> None:
    """``by`` saved the bulletin's text: one of its authors, so not its approver."""
    bulletin.edited_by.add(by)


def submit_for_review(bulletin: Bulletin, *, by: User | None) -> Bulletin:
    """Draft → in review; everyone who may approve (not the authors) gets one email through the outbox."""
    with transaction.atomic():
        bulletin.change_status(Bulletin.Status.IN_REVIEW, by=by, note="Sent for review.")
        notify_reviewers(
            kind="bulletin",
            title=bulletin.subject,
            admin_path=reverse("admin:listserv_bulletin_change", args=[bulletin.pk]),
            author=person_name(by),
            permission=Bulletin.APPROVE_PERMISSION,
            exclude_ids=bulletin.author_ids(),
        )
    return bulletin


def approve(bulletin: Bulletin, *, by: User | None, note: str = "") -> Bulletin:
    """In review → approved, by a second person. Sending stays a separate step (or the time set in ``send_at``)."""
    return bulletin.change_status(Bulletin.Status.APPROVED, by=by, note=note or "Approved.")


def send_back(bulletin: Bulletin, *, by: User | None, reason: str) -> Bulletin:
    """In review or approved → draft, with the reason the author reads."""
    return bulletin.change_status(Bulletin.Status.DRAFT, by=by, note=reason)


def send_due(now: datetime | None = None) -> int:
    """Start sending every approved bulletin whose ``send_at`` has come; returns how many (scheduler job).

    ``start_sending`` moves the bulletin under its row lock, so a second
    scheduler or a manager's click at the same moment cannot send it twice.
    """
    started = 0
    for bulletin in Bulletin.objects.due_to_send(now).order_by("send_at", "pk"):
        try:
            sending.start_sending(bulletin, by=None)
        except InvalidTransitionError:
            continue  # sent or sent back meanwhile
        started += 1
    return started


def waiting(limit: int = 50) -> list[WaitingItem]:
    bulletins = Bulletin.objects.waiting_for_review().select_related("created_by").order_by("submitted_at")[:limit]
    return [
        WaitingItem(
            kind="Bulletin",
            title=bulletin.subject,
            url=reverse("admin:listserv_bulletin_change", args=[bulletin.pk]),
            since=bulletin.submitted_at or bulletin.updated_at,
            author=person_name(bulletin.created_by),
        )
        for bulletin in bulletins
    ]


def run_schedule(now: datetime | None = None) -> dict[str, int]:
    """The scheduler's clearance job for bulletins: approved bulletins whose time to send has come."""
    return {"bulletins started sending": send_due(now)}
