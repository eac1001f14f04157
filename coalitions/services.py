"""What the coalitions app does: receive requests, moderate them, take reports.

Every function here runs in one transaction: the data change, its history row
and the emails it queues are stored together or not at all, and the emails
are delivered by a task after commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from coalitions import emails
from coalitions.models import AffiliationRequest, Coalition, OutdatedReport, RequestHistory
from rescue_restore.kernel.workflow import InvalidTransitionError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Marked with gettext_noop: the constants stay English (tests and logs read them); the visitor
# reads them through gettext, in the language of the page.
DUPLICATE_REQUEST_MESSAGE = gettext_noop(
    "We already have an open request from this email address for this community. "
    "We will answer it soon; you do not need to send it again. If something has changed, "
    "reply to the confirmation email we sent you."
)
# Updates from a listed contact get no confirmation email, so this message must not mention one.
DUPLICATE_UPDATE_MESSAGE = gettext_noop(
    "We already have updates to this listing waiting for a moderator. We will email you when they "
    "have been checked; you do not need to send them again."
)
# How often approval picks a new slug when another approval took it between the check and the insert.
SLUG_ATTEMPTS = 5
# Paths under /coalitions/ that a coalition's slug must not take.
RESERVED_SLUGS = {"request", "verify", "report"}

Status = AffiliationRequest.Status
Listing = Coalition.ListingStatus


class DuplicateRequestError(Exception):
    """An open request already exists for this email, community and state."""

    def __init__(self, kind: str | None = None) -> None:
        super().__init__()
        message = DUPLICATE_UPDATE_MESSAGE if kind == AffiliationRequest.Kind.UPDATE else DUPLICATE_REQUEST_MESSAGE
        self.message = gettext(message)


def submit_request(request_object: AffiliationRequest) -> AffiliationRequest:
    """Store a new request (affiliation, new coalition or listing update) and queue its emails.

    Atomic: the request, its first history row, the applicant's confirmation
    and the moderators' notification are stored together. A second open
    request for the same email and community, or a second open update of one
    listing, raises ``DuplicateRequestError``: the form checks first, and the
    database constraints catch the race.
    """
    try:
        with transaction.atomic():
            request_object.status = Status.SUBMITTED
            request_object.save()
            RequestHistory.objects.create(request=request_object, from_status="", to_status=Status.SUBMITTED)
            if request_object.kind != AffiliationRequest.Kind.UPDATE:
                emails.request_received(request_object)
            emails.notify_moderators_of_request(request_object)
    except IntegrityError as error:
        if open_request_exists(request_object.email, request_object.community, request_object.state) or (
            request_object.kind == AffiliationRequest.Kind.UPDATE
            and request_object.coalition is not None
            and open_update_exists(request_object.coalition)
        ):
            raise DuplicateRequestError(request_object.kind) from error
        raise
    return request_object


def open_update_exists(coalition: Coalition) -> bool:
    """Updates to this listing already wait for a moderator (whatever city or region they name)."""
    return coalition.requests.open().filter(kind=AffiliationRequest.Kind.UPDATE).exists()


def open_request_exists(email: str, community: str, state: str) -> bool:
    # Compare exactly what the database constraint compares (LOWER of each side): iexact uses
    # UPPER on PostgreSQL, which disagrees for a few characters (the Kelvin sign lowers to "k"
    # but uppers to itself), and a duplicate the check missed would reach the constraint as a 500.
    return (
        AffiliationRequest.objects.open()
        .alias(email_lower=Lower("email"), community_lower=Lower("community"))
        .filter(
            email_lower=Lower(Value(email.strip())),
            community_lower=Lower(Value(community.strip())),
            state=state,
        )
        .exists()
    )


def unique_slug(name: str, city: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(f"{name}")[:150] or slugify(city)[:150] or "coalition"
    if base in RESERVED_SLUGS:
        base = f"{base}-coalition"
    similar = Coalition.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        similar = similar.exclude(pk=exclude_pk)
    taken = set(similar.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _listing_fields(request_object: AffiliationRequest) -> dict[str, object]:
    task_force = request_object.task_force_exists == AffiliationRequest.TaskForce.YES
    return {
        "name": request_object.coalition_name,
        "city": request_object.community,
        "state": request_object.state,
        "area_served": request_object.area_served,
        "year_founded": request_object.year_founded,
        "description": request_object.current_activities,
        "website": request_object.coalition_website,
        # Only the address given for publication: the applicant's own address is never shown (Privacy Act statement).
        "contact_email": request_object.public_email,
        "works_with_task_force": task_force,
        "partner_sectors": list(request_object.member_sectors),
        # The contact's language, not the moderator's: re-verification emails are written in it.
        "language": request_object.language,
    }


def _create_listing(fields: Mapping[str, Any]) -> Coalition:
    """Insert a new listing under a free slug.

    ``unique_slug`` checks then inserts, so two approvals at once can pick the
    same slug; the loser's insert fails inside its own savepoint and picks again.
    """
    for attempt in range(SLUG_ATTEMPTS):
        coalition = Coalition(**fields, slug=unique_slug(fields["name"], fields["city"]))
        try:
            with transaction.atomic():
                coalition.save()
        except IntegrityError:
            if attempt == SLUG_ATTEMPTS - 1 or not Coalition.objects.filter(slug=coalition.slug).exists():
                raise
        else:
            return coalition
    raise AssertionError("unreachable")


def same_name_listings(request_object: AffiliationRequest) -> QuerySet[Coalition]:
    """Listings that look like the one this request would create (same name and state)."""
    if not request_object.coalition_name:
        return Coalition.objects.none()
    return Coalition.objects.filter(name__iexact=request_object.coalition_name.strip(), state=request_object.state)


@transaction.atomic
def approve_request(
    request_object: AffiliationRequest, *, by: User | None, note: str = "", existing: Coalition | None = None
) -> Coalition:
    """Approve an affiliation or update request: create or update the listing.

    The listing becomes public only if the applicant consented to be listed;
    otherwise the coalition is recorded as affiliated but stays PENDING. An
    update request refreshes the listing and counts as re-verification; it is
    refused for a listing a moderator has marked inactive. ``existing`` (a
    listing the moderator chose) is updated instead of creating a second one.
    Requests to form a new coalition are answered with guidance instead.
    """
    if request_object.kind == AffiliationRequest.Kind.FORM_NEW:
        raise InvalidTransitionError("A request to form a new coalition is answered with guidance, not a listing.")
    if not request_object.coalition_name:
        raise InvalidTransitionError("The request has no coalition name; ask the applicant for more information.")
    coalition = request_object.coalition or existing
    if coalition is not None:
        coalition = Coalition.objects.select_for_update().get(pk=coalition.pk)
        _check_can_update(request_object, coalition)
    request_object.change_status(Status.APPROVED, by=by, note=note)
    fields = _listing_fields(request_object)
    if coalition is None:
        coalition = _create_listing(fields)
    else:
        for name, value in fields.items():
            setattr(coalition, name, value)
        coalition.save()
    listed = request_object.consent_to_list or request_object.kind == AffiliationRequest.Kind.UPDATE
    if listed:
        coalition.last_verified = timezone.localdate()
        coalition.save(update_fields=["last_verified", "updated_at"])
        if coalition.listing_status != Listing.LISTED:
            coalition.change_status(Listing.LISTED, by=by, note=f"Approved request {request_object.reference}")
    request_object.coalition = coalition
    request_object.save(update_fields=["coalition", "updated_at"])
    emails.request_approved(request_object, listed=listed, note=note)
    return coalition


def _check_can_update(request_object: AffiliationRequest, coalition: Coalition) -> None:
    if request_object.kind == AffiliationRequest.Kind.UPDATE and coalition.listing_status == Listing.INACTIVE:
        raise InvalidTransitionError(
            "This listing has been marked inactive, so its updates cannot be approved; decline the request."
        )
    if coalition.is_public and not request_object.consent_to_list:
        raise InvalidTransitionError(
            f"{coalition.name} is public, and this applicant did not consent to be listed: approving into it "
            "would publish their details. Approve it as a new (private) listing instead."
        )


@transaction.atomic
def decline_request(request_object: AffiliationRequest, *, by: User | None, reason: StrOrPromise) -> None:
    """Decline with a reason the applicant reads."""
    request_object.change_status(Status.DECLINED, by=by, note=reason)
    emails.request_declined(request_object, reason=reason)


@transaction.atomic
def ask_for_more_information(request_object: AffiliationRequest, *, by: User | None, question: str) -> None:
    """Ask the applicant a question; the request stays open and replies come by email."""
    request_object.change_status(Status.MORE_INFORMATION_REQUESTED, by=by, note=question)
    emails.more_information_requested(request_object, question=question)


@transaction.atomic
def send_guidance(request_object: AffiliationRequest, *, by: User | None, message: str) -> None:
    """Answer (typically a community forming a new coalition) with guidance and the tool kits."""
    request_object.change_status(Status.GUIDANCE_SENT, by=by, note=message)
    emails.guidance_sent(request_object, message=message)


@transaction.atomic
def report_outdated(coalition: Coalition, *, message: str, email: str = "") -> OutdatedReport:
    """Store a public report that a listing is wrong and tell the moderators."""
    report = OutdatedReport.objects.create(coalition=coalition, message=message, email=email)
    emails.notify_moderators_of_report(report)
    return report


# The history keeps it in the staff's language; the contact's email says it in theirs.
INACTIVE_UPDATE_NOTE = gettext_noop(
    "The listing has been removed from the directory, so these updates were not applied."
)


def may_be_listed(coalition: Coalition) -> bool:
    """May a moderator make this listing public?

    Yes if an approved request consented to it, or it was public before. A
    listing that came from requests but never with consent stays private. A
    listing a moderator typed in by hand (no request at all) may be listed:
    staff entered it, having agreed it with the coalition.
    """
    public = [str(status) for status in Coalition.PUBLIC_STATUSES]
    return (
        coalition.requests.filter(status=Status.APPROVED, consent_to_list=True).exists()
        or coalition.history.filter(Q(from_status__in=public) | Q(to_status__in=public)).exists()
        or not coalition.requests.exists()
    )


@transaction.atomic
def set_listing_status(coalition: Coalition, new_status: str, *, by: User | None, note: str = "") -> None:
    """A moderator lists, unlists or flags a listing by hand (admin actions).

    Listing is refused unless someone consented to it (see ``may_be_listed``).
    Marking a listing inactive declines its open update requests, with a note
    and an email to the contact, so an old update cannot list it again.
    """
    if new_status == Listing.LISTED and not coalition.is_public and not may_be_listed(coalition):
        raise InvalidTransitionError(
            "No applicant consented to this listing being public. Ask the coalition to send a request "
            "with consent to be listed."
        )
    if new_status == Listing.LISTED and coalition.last_verified is None:
        coalition.last_verified = timezone.localdate()
        coalition.save(update_fields=["last_verified", "updated_at"])
    coalition.change_status(new_status, by=by, note=note)
    if new_status == Listing.INACTIVE:
        for update in coalition.requests.open().filter(kind=AffiliationRequest.Kind.UPDATE):
            decline_request(update, by=by, reason=gettext_lazy(INACTIVE_UPDATE_NOTE))
