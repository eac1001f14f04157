"""Coalitions in the public directory, and the requests that put them there.

A ``Coalition`` is public only while its listing status is LISTED or
NEEDS_REVERIFICATION (``Coalition.objects.public()``). An
``AffiliationRequest`` comes from the public form (or from a listed contact
updating their listing) and waits for a moderator. Both statuses move only
through ``change_status`` (``rescue_restore.kernel.workflow``), which follows the
model's transition table and writes a history row.
"""

import datetime
import secrets
from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from simple_history.models import HistoricalRecords

from coalitions.states import STATE_FIELD_CHOICES
from rescue_restore.i18n.languages import language_field
from rescue_restore.kernel.workflow import StatusHistory, StatusWorkflow, status_columns

# What the city field says for a coalition of a whole state; shown as "All of <state>".
STATEWIDE = "Statewide"
# A listing not confirmed for this long is flagged, publicly and for moderators.
VERIFICATION_PERIOD = datetime.timedelta(days=365)
# The campaign's standard: at least this many member organizations.
MEMBER_STANDARD = 10


class Sector(models.TextChoices):
    """Partner types the campaign names (see PRODUCT.md)."""

    LOCAL_GOVERNMENT = "local-government", _("Local government")
    LAW_ENFORCEMENT = "law-enforcement", _("Law enforcement")
    CIVIC = "civic", _("Civic groups")
    FAITH = "faith", _("Churches and faith-based groups")
    ETHNIC_IMMIGRANT = "ethnic-immigrant", _("Ethnic and immigrant groups")
    WOMEN = "women", _("Women's organizations")
    LABOR = "labor", _("Labor organizations")
    IMMIGRATION = "immigration", _("Immigration organizations")
    HEALTH = "health", _("Community health providers")
    SOCIAL_SERVICE = "social-service", _("Social service organizations")
    EDUCATION = "education", _("Schools and universities")
    OTHER = "other", _("Other")


def validate_year_not_in_future(year):
    if year is not None and year > timezone.localdate().year:
        raise ValidationError(_("The year founded cannot be in the future."), code="future_year")


def sector_labels(values):
    labels = dict(Sector.choices)
    # In the active language, as plain text (", ".join needs str, not lazy labels).
    return [str(labels[value]) for value in values if value in labels]


class CoalitionQuerySet(models.QuerySet):
    def public(self) -> Self:
        """Listings the public may see: listed, or listed and awaiting re-verification."""
        return self.filter(listing_status__in=Coalition.PUBLIC_STATUSES)

    def stale(self, today: datetime.date | None = None) -> Self:
        """Public listings not verified within the verification period."""
        cutoff = (today or timezone.localdate()) - VERIFICATION_PERIOD
        return self.public().filter(Q(last_verified__isnull=True) | Q(last_verified__lt=cutoff))

    def needing_reverification(self, today: datetime.date | None = None) -> Self:
        """What moderators should chase: flagged listings and stale ones not yet flagged."""
        return self.stale(today) | self.filter(listing_status=Coalition.ListingStatus.NEEDS_REVERIFICATION)


class ListingStatus(models.TextChoices):
    PENDING = "pending", _("Pending (not public)")
    LISTED = "listed", _("Listed")
    NEEDS_REVERIFICATION = "needs-reverification", _("Needs re-verification")
    INACTIVE = "inactive", _("Inactive (not public)")


class Coalition(StatusWorkflow, models.Model):
    ListingStatus = ListingStatus

    PUBLIC_STATUSES = (ListingStatus.LISTED, ListingStatus.NEEDS_REVERIFICATION)
    ALLOWED_TRANSITIONS = {
        ListingStatus.PENDING: {ListingStatus.LISTED, ListingStatus.INACTIVE},
        ListingStatus.LISTED: {ListingStatus.NEEDS_REVERIFICATION, ListingStatus.INACTIVE},
        ListingStatus.NEEDS_REVERIFICATION: {ListingStatus.LISTED, ListingStatus.INACTIVE},
        ListingStatus.INACTIVE: {ListingStatus.LISTED},
    }
    STATUS_FIELD = "listing_status"
    HISTORY_MODEL = "ListingHistory"

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=170, unique=True, help_text=_("The listing's address: /coalitions/<slug>/"))
    city = models.CharField(max_length=100, help_text=_('City or region; "Statewide" for a statewide coalition.'))
    state = models.CharField(max_length=2, choices=STATE_FIELD_CHOICES)
    area_served = models.CharField(max_length=200, blank=True)
    year_founded = models.PositiveSmallIntegerField(null=True, blank=True, validators=[validate_year_not_in_future])
    description = models.TextField(max_length=3000, blank=True)
    background = models.TextField(
        _("history"), max_length=2000, blank=True, help_text=_("When and how the coalition started, in a few lines.")
    )
    website = models.URLField(max_length=300, blank=True)
    contact_email = models.EmailField(
        max_length=254, blank=True, help_text=_("Shown publicly; re-verification requests go here.")
    )
    works_with_task_force = models.BooleanField(
        _("works with a law-enforcement human trafficking task force"), default=False
    )
    partner_sectors = models.JSONField(default=list, blank=True)
    listing_status = models.CharField(max_length=30, choices=ListingStatus.choices, default=ListingStatus.PENDING)
    last_verified = models.DateField(null=True, blank=True)
    reverification_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_synthetic = models.BooleanField(default=False, help_text=_("Generated for benchmarks; not a real coalition."))
    is_demo = models.BooleanField(
        _("demo listing"),
        default=False,
        help_text=_(
            "Demo content: only the city, the founding year and the history are facts; every other detail is shown "
            "inside a demo label."
        ),
    )
    language = language_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CoalitionQuerySet.as_manager()
    audit_trail = HistoricalRecords()

    class Meta:
        ordering = ["state", "name"]
        indexes = [models.Index(fields=["listing_status", "state"], name="coalition_status_state")]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="coalition_has_name"),
            models.CheckConstraint(
                condition=Q(listing_status__in=ListingStatus.values),
                name="coalition_listing_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(year_founded__isnull=True) | Q(year_founded__gte=1900, year_founded__lte=2100),
                name="coalition_year_founded_plausible",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.city}, {self.state})"

    def get_absolute_url(self):
        return reverse("coalitions:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.listing_status in self.PUBLIC_STATUSES

    def is_out_of_date(self, today=None):
        """True when the public should be told the information may be out of date."""
        if self.listing_status == self.ListingStatus.NEEDS_REVERIFICATION or self.last_verified is None:
            return True
        return self.last_verified < (today or timezone.localdate()) - VERIFICATION_PERIOD

    @property
    def out_of_date(self):  # for templates, which cannot pass arguments
        return self.is_out_of_date()

    @property
    def partner_sector_labels(self):
        return sector_labels(self.partner_sectors)

    @property
    def is_statewide(self):
        return (self.city_en or self.city).strip().casefold() == STATEWIDE.casefold()

    @property
    def place(self):
        """Where the coalition is, as the reader says it: "Houston, Texas", "All of Illinois" (not "Statewide, …")."""
        state = self.get_state_display()
        if self.is_statewide:
            return gettext("All of %(state)s") % {"state": state}
        return gettext("%(city)s, %(state)s") % {"city": self.city, "state": state}

    def text_language(self, field):
        """The language of ``field`` as the active language's reader sees it.

        Staff write a version per language (``description_es``…, docs/i18n.md). Where the
        reader's version is missing, the listing's own text is shown: written in the
        contact's language (``language``), so a template marks it with that ``lang``
        and says it is not available in the reader's language.
        """
        reader = get_language() or settings.LANGUAGE_CODE
        if reader != settings.LANGUAGE_CODE and getattr(self, build_localized_fieldname(field, reader), ""):
            return reader
        return self.language or settings.LANGUAGE_CODE

    @property
    def description_language(self):
        return self.text_language("description")

    @property
    def background_language(self):
        return self.text_language("background")

    @property
    def area_served_language(self):
        return self.text_language("area_served")


class ListingHistory(StatusHistory):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="history")
    from_status, to_status = status_columns(ListingStatus)

    class Meta(StatusHistory.Meta):
        verbose_name_plural = _("listing history")


def new_reference():
    # No 0/O or 1/I: people read references aloud and type them from paper.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "CR-" + "".join(secrets.choice(alphabet) for _ in range(8))


class AffiliationRequestQuerySet(models.QuerySet):
    def open(self) -> Self:
        return self.filter(status__in=AffiliationRequest.OPEN_STATUSES)


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    MORE_INFORMATION_REQUESTED = "more-information", _("More information requested")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    GUIDANCE_SENT = "guidance-sent", _("Answered with guidance")


# A request is open (waiting for a moderator or for the applicant) in these.
OPEN_REQUEST_STATUSES = (RequestStatus.SUBMITTED, RequestStatus.MORE_INFORMATION_REQUESTED)


class AffiliationRequest(StatusWorkflow, models.Model):
    class Kind(models.TextChoices):
        AFFILIATE = "affiliate", _("Affiliate an existing coalition")
        FORM_NEW = "form-new", _("Form a new coalition")
        UPDATE = "update", _("Update a listing")

    Status = RequestStatus

    class TaskForce(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNSURE = "unsure", _("Not sure")

    OPEN_STATUSES = OPEN_REQUEST_STATUSES
    ALLOWED_TRANSITIONS = {
        Status.SUBMITTED: {
            Status.APPROVED,
            Status.DECLINED,
            Status.MORE_INFORMATION_REQUESTED,
            Status.GUIDANCE_SENT,
        },
        Status.MORE_INFORMATION_REQUESTED: {
            Status.APPROVED,
            Status.DECLINED,
            Status.MORE_INFORMATION_REQUESTED,  # a second question
            Status.GUIDANCE_SENT,
        },
        Status.APPROVED: set(),
        Status.DECLINED: set(),
        Status.GUIDANCE_SENT: set(),
    }
    HISTORY_MODEL = "RequestHistory"

    reference = models.CharField(max_length=20, unique=True, default=new_reference, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.AFFILIATE)
    coalition = models.ForeignKey(
        Coalition,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
        help_text=_("The listing this request created or updates."),
    )
    community = models.CharField(_("community (city or region)"), max_length=100)
    state = models.CharField(max_length=2, choices=STATE_FIELD_CHOICES)
    coalition_name = models.CharField(max_length=150, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=100)
    contact_role = models.CharField(_("role"), max_length=100, blank=True)
    organization = models.CharField(max_length=150, blank=True)
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=30, blank=True)
    member_count = models.PositiveIntegerField(_("number of member organizations"), default=0)
    member_sectors = models.JSONField(_("sectors of the members"), default=list, blank=True)
    interested_organizations = models.TextField(max_length=3000, blank=True)
    task_force_exists = models.CharField(
        _("a law-enforcement human trafficking task force exists"), max_length=10, choices=TaskForce.choices, blank=True
    )
    current_activities = models.TextField(max_length=3000, blank=True)
    covers_sex_and_labor_trafficking = models.BooleanField(default=False)
    consent_to_list = models.BooleanField(_("consents to be listed publicly"), default=False)
    # What the listing would show, when approved.
    area_served = models.CharField(max_length=200, blank=True)
    year_founded = models.PositiveSmallIntegerField(null=True, blank=True, validators=[validate_year_not_in_future])
    # Not "website": public forms use that name for their honeypot field.
    coalition_website = models.URLField(max_length=300, blank=True)
    public_email = models.EmailField(_("email to show publicly"), max_length=254, blank=True)

    # What a listed contact writes under "Anything else" on an update; moderators read it, the public never does.
    applicant_note = models.TextField(_("note from the applicant"), max_length=2000, blank=True)
    language = language_field()

    status = models.CharField(max_length=30, choices=Status.choices, default=Status.SUBMITTED)
    staff_notes = models.TextField(blank=True, help_text=_("Only staff see these."))
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # Set by manage.py purge_personal_data (coalitions/retention.py) when the contact's details are erased.
    personal_data_erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = AffiliationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        permissions = [("moderate_affiliationrequest", _("Can approve, decline or answer affiliation requests"))]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                Lower("community"),
                "state",
                condition=Q(status__in=[status.value for status in OPEN_REQUEST_STATUSES]),
                name="one_open_request_per_email_and_community",
                violation_error_message=_(
                    "There is already an open request from this email address for this community."
                ),
            ),
            # Whatever city or region the update form names: one update at a time per listing.
            models.UniqueConstraint(
                fields=["coalition"],
                condition=Q(kind="update", status__in=[status.value for status in OPEN_REQUEST_STATUSES]),
                name="one_open_update_per_listing",
                violation_error_message=_("There are already updates to this listing waiting for a moderator."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values), name="affiliation_request_status_valid"
            ),
            models.CheckConstraint(condition=~Q(contact_name=""), name="affiliation_request_has_contact"),
            models.CheckConstraint(condition=Q(member_count__lte=100000), name="affiliation_request_members_sane"),
        ]

    def __str__(self):
        return f"{self.reference}: {self.display_name}"

    @property
    def display_name(self):
        if self.coalition_name:
            return self.coalition_name
        return gettext("New coalition in %(community)s, %(state)s") % {"community": self.community, "state": self.state}

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def below_member_standard(self):
        """Fewer members than the campaign's standard: accepted, but moderators should look."""
        return self.member_count < MEMBER_STANDARD

    @property
    def member_sector_labels(self):
        return sector_labels(self.member_sectors)


class RequestHistory(StatusHistory):
    request = models.ForeignKey(AffiliationRequest, on_delete=models.CASCADE, related_name="history")
    from_status, to_status = status_columns(RequestStatus)

    class Meta(StatusHistory.Meta):
        verbose_name_plural = _("request history")


class OutdatedReport(models.Model):
    """Someone told us a listing is wrong ("report outdated information")."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="outdated_reports")
    message = models.TextField(max_length=2000)
    email = models.EmailField(_("reporter's email"), max_length=254, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    handled = models.BooleanField(default=False)

    class Meta:
        ordering = ["-received_at"]
        constraints = [models.CheckConstraint(condition=~Q(message=""), name="outdated_report_has_message")]

    def __str__(self):
        return gettext("Report on %(coalition)s") % {"coalition": self.coalition.name}
