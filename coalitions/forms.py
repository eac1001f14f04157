"""Public forms of the coalitions app: the request, the listing update, the outdated report, the filter."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from coalitions import services
from coalitions.models import AffiliationRequest, Coalition, Sector
from coalitions.states import STATE_CHOICES
from rescue_restore.site_search.search import clean_query
from rescue_restore.text.plain_errors import use_plain_error_messages
from rescue_restore.text.validators import reject_control_characters, single_line
from rescue_restore.web.antiabuse import AntiAbuseFormMixin

# Digits and the usual punctuation, optionally an extension ("x12", "ext. 12").
_PHONE = re.compile(r"^(?P<number>[0-9+()\-. ]+?)\s*(?:(?:x|ext\.?)\s*[0-9]{1,6})?$", re.IGNORECASE)


def validate_phone(value):
    # Django runs every validator, and _PHONE backtracks quadratically over a long run of
    # spaces (a 1 MB value would take hours): leave an overlong value to MaxLengthValidator.
    if len(value) > AffiliationRequest._meta.get_field("phone").max_length:
        return
    match = _PHONE.match(value)
    digits = re.sub(r"\D", "", match["number"]) if match else ""
    if not 7 <= len(digits) <= 15:
        raise ValidationError(_("Enter a phone number such as 202-555-0123."), code="phone")


def _states_after(first_label):
    """Choices for a state select: ``first_label`` (no state), then the places by name in the page's language."""

    def choices():
        return [("", first_label), *STATE_CHOICES]

    return choices


def _once_each(values):
    """The values in their order, each once: a hand-made POST can repeat a checkbox, and the listing would repeat it."""
    return list(dict.fromkeys(values))


def _single_line_fields(form, names):
    for name in names:
        form.fields[name].validators.append(single_line)


class AffiliationRequestForm(AntiAbuseFormMixin, forms.ModelForm):
    """The public request: affiliate an existing coalition, or ask for help forming one."""

    kind = forms.ChoiceField(
        label=_("What would you like to do?"),
        choices=[
            (AffiliationRequest.Kind.AFFILIATE, _("Affiliate our existing coalition with the campaign")),
            (AffiliationRequest.Kind.FORM_NEW, _("Form a new coalition in our community (we will send you guidance)")),
        ],
        widget=forms.RadioSelect,
        initial=AffiliationRequest.Kind.AFFILIATE,
    )
    state = forms.ChoiceField(label=_("State or territory"), choices=_states_after(_("- Select -")))
    member_count = forms.IntegerField(
        label=_("Number of member organizations"),
        validators=[MinValueValidator(0), MaxValueValidator(10000)],
        required=False,  # asked of an existing coalition only (clean() requires it there)
    )
    member_sectors = forms.MultipleChoiceField(
        label=_("Sectors your members come from"),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    task_force_exists = forms.ChoiceField(
        label=_("Is there a law-enforcement human trafficking task force in your area?"),
        choices=AffiliationRequest.TaskForce.choices,
        widget=forms.RadioSelect,
        required=False,  # asked of an existing coalition only (clean() requires it there)
    )

    # Forming a coalition needs only who asks, where, and who is interested so far: the questions
    # about an existing coalition are asked of that request only (the template hides them for the
    # other, and clean() drops whatever they hold). Each with the value stored when not asked.
    EXISTING_ONLY = {
        "member_count": 0,
        "member_sectors": [],
        "task_force_exists": "",
        "current_activities": "",
        "covers_sex_and_labor_trafficking": False,
        "area_served": "",
        "year_founded": None,
        "coalition_website": "",
        "public_email": "",
        "consent_to_list": False,
    }
    NEW_ONLY = {"interested_organizations": ""}
    REQUIRED_FOR_EXISTING = ("member_count", "task_force_exists")

    class Meta:
        model = AffiliationRequest
        fields = [
            "kind",
            "community",
            "state",
            "coalition_name",
            "contact_name",
            "contact_role",
            "organization",
            "email",
            "phone",
            "member_count",
            "member_sectors",
            "interested_organizations",
            "task_force_exists",
            "current_activities",
            "covers_sex_and_labor_trafficking",
            "area_served",
            "year_founded",
            "coalition_website",
            "public_email",
            "consent_to_list",
        ]
        labels = {
            "community": _("Community (city, county or region)"),
            "coalition_name": _("Name of the coalition"),
            "contact_name": _("Your name"),
            "contact_role": _("Your role in the coalition"),
            "organization": _("Your organization"),
            "email": _("Your email address"),
            "phone": _("Your phone number"),
            "interested_organizations": _("Organizations interested so far"),
            "current_activities": _("What the coalition does today"),
            "covers_sex_and_labor_trafficking": _("The coalition addresses both sex trafficking and labor trafficking"),
            "area_served": _("Area the coalition serves"),
            "year_founded": _("Year the coalition was founded"),
            "coalition_website": _("Coalition website"),
            "public_email": _("Email address to show in the directory"),
            "consent_to_list": _("List the coalition in the public directory, with the details above"),
        }
        help_texts = {
            "coalition_name": _("Required to affiliate an existing coalition; a working name is fine for a new one."),
            "email": _("We send your reference and our answer here. It is not shown publicly."),
            "interested_organizations": _(
                "Required if you are forming a new coalition: one organization per line, with its sector."
            ),
            "current_activities": _("Trainings, outreach, services, meetings. Up to 3,000 characters."),
            "public_email": _(
                "Required if you ask to be listed: for example the coalition's shared inbox. "
                "Your own email address above is never shown."
            ),
            "coalition_website": _("Starting with https://"),
        }
        widgets = {
            "interested_organizations": forms.Textarea(attrs={"rows": 5}),
            "current_activities": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _single_line_fields(
            self, ["community", "coalition_name", "contact_name", "contact_role", "organization", "email", "phone"]
        )
        _single_line_fields(self, ["area_served", "coalition_website", "public_email"])
        self.fields["phone"].validators.append(validate_phone)
        for name in ("interested_organizations", "current_activities"):
            self.fields[name].validators.append(reject_control_characters)
        self.fields["year_founded"].validators += [MinValueValidator(1900), MaxValueValidator(2100)]
        autocomplete = {"contact_name": "name", "email": "email", "phone": "tel", "organization": "organization"}
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        # Required in some cases only (clean() checks, the help text says when): not labelled "(optional)".
        for name in ("coalition_name", "interested_organizations", "public_email"):
            self.fields[name].conditionally_required = True
        use_plain_error_messages(self)

    def field_groups(self):
        """``(common, existing_only, new_only)`` bound fields, in the form's order, for the template."""
        common = [field for field in self if field.name not in self.EXISTING_ONLY and field.name not in self.NEW_ONLY]
        return (
            common,
            [self[name] for name in self.EXISTING_ONLY],
            [self[name] for name in self.NEW_ONLY],
        )

    def clean_member_sectors(self):
        return _once_each(self.cleaned_data["member_sectors"])

    def _drop_unasked(self, cleaned, unasked):
        """A question the chosen request does not ask stores its empty value, whatever was posted."""
        for name, empty in unasked.items():
            self.errors.pop(name, None)
            cleaned[name] = empty

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == AffiliationRequest.Kind.FORM_NEW:
            self._drop_unasked(cleaned, self.EXISTING_ONLY)
        elif kind == AffiliationRequest.Kind.AFFILIATE:
            self._drop_unasked(cleaned, self.NEW_ONLY)
            for name in self.REQUIRED_FOR_EXISTING:
                if cleaned.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, self.fields[name].error_messages["required"])
        if kind == AffiliationRequest.Kind.AFFILIATE and not cleaned.get("coalition_name"):
            self.add_error("coalition_name", _("Enter the name of the coalition you would like affiliated."))
        if kind == AffiliationRequest.Kind.FORM_NEW and not cleaned.get("interested_organizations"):
            self.add_error(
                "interested_organizations", _("List the organizations interested so far, even if there are only a few.")
            )
        wants_listing = kind == AffiliationRequest.Kind.AFFILIATE and cleaned.get("consent_to_list")
        if wants_listing and not cleaned.get("public_email") and "public_email" not in self.errors:
            self.add_error(
                "public_email",
                _(
                    "Enter an email address to show in the directory, or untick “List the coalition in the "
                    "public directory”. We never show your own email address."
                ),
            )
        email, community, state = cleaned.get("email"), cleaned.get("community"), cleaned.get("state")
        if email and community and state and services.open_request_exists(email, community, state):
            raise ValidationError(gettext(services.DUPLICATE_REQUEST_MESSAGE), code="duplicate")
        return cleaned


class ListingUpdateForm(AntiAbuseFormMixin, forms.ModelForm):
    """Updates a listed contact sends through their signed link; they go to moderation."""

    state = forms.ChoiceField(label=_("State or territory"), choices=STATE_CHOICES)
    member_sectors = forms.MultipleChoiceField(
        label=_("Partner sectors"), choices=Sector.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    task_force_exists = forms.ChoiceField(
        label=_("Does the coalition work with a law-enforcement human trafficking task force?"),
        choices=AffiliationRequest.TaskForce.choices,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = AffiliationRequest
        fields = [
            "coalition_name",
            "community",
            "state",
            "area_served",
            "year_founded",
            "coalition_website",
            "public_email",
            "member_sectors",
            "task_force_exists",
            "current_activities",
            "contact_name",
            "applicant_note",
        ]
        labels = {
            "coalition_name": _("Name of the coalition"),
            "community": _("City or region"),
            # The model's own names for these three would stay in English.
            "area_served": _("Area served"),
            "year_founded": _("Year founded"),
            "coalition_website": _("Coalition website"),
            "public_email": _("Public contact email"),
            "current_activities": _("Description"),
            "contact_name": _("Your name"),
            "applicant_note": _("Anything else we should know (not shown publicly)"),
        }
        widgets = {
            "current_activities": forms.Textarea(attrs={"rows": 6}),
            "applicant_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, coalition, **kwargs):
        initial = {
            "coalition_name": coalition.name,
            "community": coalition.city,
            "state": coalition.state,
            "area_served": coalition.area_served,
            "year_founded": coalition.year_founded,
            "coalition_website": coalition.website,
            "public_email": coalition.contact_email,
            "member_sectors": coalition.partner_sectors,
            "task_force_exists": (
                AffiliationRequest.TaskForce.YES if coalition.works_with_task_force else AffiliationRequest.TaskForce.NO
            ),
            "current_activities": coalition.description,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.coalition = coalition
        self.fields["coalition_name"].required = True
        self.fields["public_email"].required = True
        _single_line_fields(
            self, ["coalition_name", "community", "area_served", "coalition_website", "public_email", "contact_name"]
        )
        for name in ("current_activities", "applicant_note"):
            self.fields[name].validators.append(reject_control_characters)
        self.fields["year_founded"].validators += [MinValueValidator(1900), MaxValueValidator(2100)]
        use_plain_error_messages(self)

    def clean_member_sectors(self):
        return _once_each(self.cleaned_data["member_sectors"])

    def clean(self):
        cleaned = super().clean()
        if services.open_update_exists(self.coalition):
            raise ValidationError(gettext(services.DUPLICATE_UPDATE_MESSAGE), code="duplicate")
        return cleaned

    def save(self, commit=True):
        request_object = super().save(commit=False)
        request_object.kind = AffiliationRequest.Kind.UPDATE
        request_object.coalition = self.coalition
        # Replies go to the address the listing already has, which the link proved.
        request_object.email = self.coalition.contact_email
        request_object.consent_to_list = True
        request_object.covers_sex_and_labor_trafficking = True
        if commit:
            request_object.save()
        return request_object


class OutdatedReportForm(AntiAbuseFormMixin, forms.Form):
    message = forms.CharField(
        label=_("What is out of date?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example a website that no longer works, or a coalition that no longer meets."),
        validators=[reject_control_characters],
    )
    email = forms.EmailField(
        label=_("Your email address"),
        required=False,
        max_length=254,
        help_text=_("Only if you would like us to be able to reply."),
        validators=[single_line],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_plain_error_messages(self)


class DirectoryFilterForm(forms.Form):
    """The directory's GET filters; invalid values are ignored, never a 500."""

    q = forms.CharField(label=_("Coalition name or city"), required=False, max_length=200)
    state = forms.ChoiceField(
        label=_("State or territory"),
        required=False,
        choices=_states_after(pgettext_lazy("every state and territory", "All")),
    )

    def clean_q(self):
        return clean_query(self.cleaned_data["q"])

    def filters(self):
        """``(query, state_code)`` from whichever values are valid."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("q", ""), data.get("state", "")


class ModerationNoteForm(forms.Form):
    """The admin's intermediate page: a reason, a question, guidance or a note."""

    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 8, "cols": 80}), max_length=5000)

    def __init__(self, *args, label, required, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].label = label
        self.fields["note"].required = required
        self.fields["note"].help_text = help_text


class ApprovalForm(ModerationNoteForm):
    """Approving an affiliation: the note, and optionally the listing it is already in."""

    existing_listing = forms.ModelChoiceField(
        queryset=Coalition.objects.none(),
        required=False,
        label=_("Existing listing to update (optional)"),
        help_text=_(
            "If this coalition is already in the directory, choose its listing: approving then updates it "
            "instead of creating a second one."
        ),
    )

    def __init__(self, *args, request_object, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["existing_listing"].queryset = Coalition.objects.filter(
            state=request_object.state, is_synthetic=False
        ).order_by("name", "pk")
