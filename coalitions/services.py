"""What the coalitions app does: receive requests, moderate them, take reports.

Every function here runs in one transaction: the data change, its history row
and the emails it queues are stored together or not at all, and the emails
are delivered by a task after commit.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from coalitions import emails
from coalitions.models import AffiliationRequest, Coalition, OutdatedReport, RequestHistory, StatusChangeError

DUPLICATE_REQUEST_MESSAGE = (
    "We already have an open request from this email address for this community. "
    "We will answer it soon; you do not need to send it again. If something has changed, "
    "reply to the confirmation email we sent you."
)
# Paths under /coalitions/ that a coalition's slug must not take.
RESERVED_SLUGS = {"request", "verify", "report"}

Status = AffiliationRequest.Status
Listing = Coalition.ListingStatus


class DuplicateRequestError(Exception):
    """An open request already exists for this email, community and state."""

    message = DUPLICATE_REQUEST_MESSAGE


def submit_request(request_object):
    """Store a new request (affiliation, new coalition or listing update) and queue its emails.

    Atomic: the request, its first history row, the applicant's confirmation
    and the moderators' notification are stored together. A second open
    request for the same email and community raises ``DuplicateRequestError``: the
    form checks first, and the database constraint catches the race.
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
        if open_request_exists(request_object.email, request_object.community, request_object.state):
            raise DuplicateRequestError from error
        raise
    return request_object


def open_request_exists(email, community, state):
    return (
        AffiliationRequest.objects.open()
        .filter(email__iexact=email.strip(), community__iexact=community.strip(), state=state)
        .exists()
    )


def unique_slug(name, city, *, exclude_pk=None):
    base = slugify(f"{name}")[:150] or slugify(city)[:150] or "coalition"
    if base in RESERVED_SLUGS:
        base = f"{base}-coalition"
    taken = set(Coalition.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _listing_fields(request_object):
    task_force = request_object.task_force_exists == AffiliationRequest.TaskForce.YES
    return {
        "name": request_object.coalition_name,
        "city": request_object.community,
        "state": request_object.state,
        "area_served": request_object.area_served,
        "year_founded": request_object.year_founded,
        "description": request_object.current_activities,
        "website": request_object.coalition_website,
        "contact_email": request_object.public_email or request_object.email,
        "works_with_task_force": task_force,
        "partner_sectors": list(request_object.member_sectors),
    }


@transaction.atomic
def approve_request(request_object, *, by, note=""):
    """Approve an affiliation or update request: create or update the listing.

    The listing becomes public only if the applicant consented to be listed;
    otherwise the coalition is recorded as affiliated but stays PENDING. An
    update request refreshes the listing and counts as re-verification.
    Requests to form a new coalition are answered with guidance instead.
    """
    if request_object.kind == AffiliationRequest.Kind.FORM_NEW:
        raise StatusChangeError("A request to form a new coalition is answered with guidance, not a listing.")
    if not request_object.coalition_name:
        raise StatusChangeError("The request has no coalition name; ask the applicant for more information.")
    request_object.change_status(Status.APPROVED, by=by, note=note)
    fields = _listing_fields(request_object)
    coalition = request_object.coalition
    if coalition is None:
        coalition = Coalition(**fields, slug=unique_slug(fields["name"], fields["city"]))
        coalition.save()
    else:
        coalition = Coalition.objects.select_for_update().get(pk=coalition.pk)
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


@transaction.atomic
def decline_request(request_object, *, by, reason):
    """Decline with a reason the applicant reads."""
    request_object.change_status(Status.DECLINED, by=by, note=reason)
    emails.request_declined(request_object, reason=reason)


@transaction.atomic
def ask_for_more_information(request_object, *, by, question):
    """Ask the applicant a question; the request stays open and replies come by email."""
    request_object.change_status(Status.MORE_INFORMATION_REQUESTED, by=by, note=question)
    emails.more_information_requested(request_object, question=question)


@transaction.atomic
def send_guidance(request_object, *, by, message):
    """Answer (typically a community forming a new coalition) with guidance and the tool kits."""
    request_object.change_status(Status.GUIDANCE_SENT, by=by, note=message)
    emails.guidance_sent(request_object, message=message)


@transaction.atomic
def report_outdated(coalition, *, message, email=""):
    """Store a public report that a listing is wrong and tell the moderators."""
    report = OutdatedReport.objects.create(coalition=coalition, message=message, email=email)
    emails.notify_moderators_of_report(report)
    return report


@transaction.atomic
def set_listing_status(coalition, new_status, *, by, note=""):
    """A moderator lists, unlists or flags a listing by hand (admin actions)."""
    if new_status == Listing.LISTED and coalition.last_verified is None:
        coalition.last_verified = timezone.localdate()
        coalition.save(update_fields=["last_verified", "updated_at"])
    coalition.change_status(new_status, by=by, note=note)
