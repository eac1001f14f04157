"""The catalog filters and the order form."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any, cast

from django import forms
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from localflavor.us.forms import USZipCodeField

from materials import stock
from materials.addresses import MILITARY_CITIES, MILITARY_STATES, STATE_CHOICES, zip_matches_state
from materials.models import Audience, Edition, Kind, Language, OrganizationType
from materials.models.orders import SUBMISSION_TOKEN
from rescue_restore.site_search.search import clean_query
from rescue_restore.text.validators import reject_control_characters, single_line
from rescue_restore.web.antiabuse import AntiAbuseFormMixin


class CatalogFilterForm(forms.Form):
    """GET filters. Unknown values are dropped, never an error page."""

    q = forms.CharField(label=_("Search materials"), required=False, max_length=200)
    audience = forms.ChoiceField(label=_("Audience"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("Any type")), *Kind.choices])
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any language")), *Language.choices]
    )

    def __init__(self, data: Mapping[str, Any], audiences: Iterable[Audience]) -> None:
        # Only the first value of each parameter counts; NUL and control characters are dropped.
        data = {name: clean_query(data.get(name, "")) for name in self.base_fields}
        super().__init__(data)
        cast(forms.ChoiceField, self.fields["audience"]).choices = [
            ("", _("Any audience")),
            *((a.slug, a.name) for a in audiences),
        ]

    def filters(self) -> dict[str, str]:
        """The valid filters as a dict (invalid ones are left out)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


# The order page's form; the quantity boxes in the list above it belong to it through ``form=``.
ORDER_FORM_ID = "order-form"
_MULTIPLE = object()


class QuantityInput(forms.TextInput):
    """A quantity box. ``qty=1&qty=500`` is ambiguous, so it is refused rather than guessed."""

    input_type = "text"

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if hasattr(data, "getlist") and len(data.getlist(name)) > 1:
            return _MULTIPLE
        return super().value_from_datadict(data, files, name)

    def format_value(self, value: Any) -> str | None:
        return None if value is _MULTIPLE else super().format_value(value)


class QuantityField(forms.IntegerField):
    widget = QuantityInput
    default_error_messages = {"invalid": _("Enter a whole number of copies, like 25.")}

    def to_python(self, value: Any) -> int | None:
        if value is _MULTIPLE:
            raise forms.ValidationError(gettext("Enter one quantity for this item."), code="multiple")
        return super().to_python(value)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, str]:
        # Numeric keyboard on phones, without the number input's spinner pitfalls.
        return {"inputmode": "numeric", "pattern": "[0-9]*", "class": "usa-input--small", "autocomplete": "off"}


def quantity_field_name(edition: Edition) -> str:
    return f"qty_{edition.pk}"


def _page_date(value: date) -> str:
    """A date as the pages write it: "March 2, 2026", "2 de marzo de 2026" (templates/includes/page_dates.html)."""
    return formats.date_format(value, pgettext("date format of page dates", "F j, Y"))


def _quantity_help(edition: Edition) -> str:
    """The hint under an item's box: its code, and the most one order may ask for or when it is back."""
    if not edition.in_stock:
        if edition.restock_expected:
            return gettext("Item %(code)s. Out of stock; expected back around %(date)s.") % {
                "code": edition.item_code,
                "date": _page_date(edition.restock_expected),
            }
        return gettext("Item %(code)s. Out of stock.") % {"code": edition.item_code}
    return ngettext(
        "Item %(code)s. Up to %(limit)s copy per order.",
        "Item %(code)s. Up to %(limit)s copies per order.",
        edition.per_order_limit,
    ) % {"code": edition.item_code, "limit": edition.per_order_limit}


class OrderForm(AntiAbuseFormMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=100)
    organization = forms.CharField(label=_("Organization name"), max_length=150, required=False)
    organization_type = forms.ChoiceField(
        label=_("Type of organization"), choices=OrganizationType.choices, widget=forms.RadioSelect
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We send the order reference and a status link here."),
        error_messages={"invalid": pgettext_lazy("order form", "Enter a valid email address.")},
    )
    phone = forms.CharField(
        label=_("Phone number"), max_length=30, help_text=_("For the delivery company, e.g. 202-555-0123.")
    )
    address_line1 = forms.CharField(label=_("Street address"), max_length=100)
    address_line2 = forms.CharField(label=_("Street address line 2"), max_length=100, required=False)
    city = forms.CharField(
        label=_("City, town, or military post office"),
        max_length=60,
        help_text=_("For military mail enter APO, FPO or DPO."),
    )
    state = forms.ChoiceField(label=_("State, territory, or military region"), choices=STATE_CHOICES)
    # localflavor's message has no Spanish, and Django's say "Introduzca" (Spain): these are the glossary's register.
    zip_code = USZipCodeField(
        label=_("ZIP code"),
        help_text=_("5 digits, or ZIP+4 like 20201-0001."),
        error_messages={"invalid": pgettext_lazy("order form", "Enter a zip code in the format XXXXX or XXXXX-XXXX.")},
    )
    intended_use = forms.CharField(
        label=_("How will you use these materials?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: a training for emergency room staff. Up to 1,000 characters."),
    )
    needed_by = forms.DateField(
        label=_("Date needed by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Orders usually ship within 10 working days."),
        error_messages={"invalid": pgettext_lazy("order form", "Enter a valid date.")},
    )
    submission_token = forms.CharField(widget=forms.HiddenInput, required=False)

    SINGLE_LINE_FIELDS = ["name", "organization", "email", "phone", "address_line1", "address_line2", "city"]
    DETAIL_FIELDSETS = [
        (_("About you"), ["name", "organization", "organization_type", "email", "phone"]),
        (_("Shipping address"), ["address_line1", "address_line2", "city", "state", "zip_code"]),
        (_("About your order"), ["intended_use", "needed_by"]),
    ]

    def __init__(
        self,
        *args: Any,
        editions: Iterable[Edition],
        initial_quantities: Mapping[int, int | None] | None = None,
        withdrawn: Iterable[int] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Editions listed only because they stopped being orderable after they were chosen.
        self.withdrawn = set(withdrawn)
        # Only the chosen items are fields, in the order they were chosen.
        self.editions = list(editions)
        initial_quantities = initial_quantities or {}
        quantity_fields = {}
        for edition in self.editions:
            name = quantity_field_name(edition)
            field = QuantityField(
                label=gettext("%(title)s, %(language)s")
                % {"title": edition.material.title, "language": edition.get_language_display()},
                required=False,
                min_value=0,
                max_value=edition.per_order_limit,
                help_text=_quantity_help(edition),
            )
            field.error_messages["max_value"] = stock.limit_message(edition)
            field.error_messages["min_value"] = gettext("Enter 0 or more copies.")
            # The boxes sit in the list above the form; this ties them to it.
            field.widget.attrs["form"] = ORDER_FORM_ID
            if edition.pk in self.withdrawn:
                field.help_text = gettext("Item %(code)s. No longer available in print.") % {"code": edition.item_code}
            elif not edition.in_stock:
                posted = self.data.get(self.add_prefix(name), "") if self.is_bound else ""
                if posted in ("", "0"):
                    field.widget.attrs["disabled"] = True
            elif initial_quantities.get(edition.pk) is not None:
                field.initial = initial_quantities[edition.pk]
            quantity_fields[name] = field
        # Quantities first, then the details, then the anti-abuse fields.
        self.fields = {**quantity_fields, **self.fields}
        for name in self.SINGLE_LINE_FIELDS:
            self.fields[name].validators.append(single_line)
        self.fields["intended_use"].validators.append(reject_control_characters)
        cast(forms.ChoiceField, self.fields["organization_type"]).choices = OrganizationType.choices
        for name, autocomplete in {
            "name": "name",
            "organization": "organization",
            "email": "email",
            "phone": "tel",
            "address_line1": "address-line1",
            "address_line2": "address-line2",
            "city": "address-level2",
            "state": "address-level1",
            "zip_code": "postal-code",
        }.items():
            self.fields[name].widget.attrs["autocomplete"] = autocomplete
        if not self.is_bound:
            self.initial["submission_token"] = secrets.token_urlsafe(24)

    # --- what the template shows -------------------------------------------------

    def quantity_rows(self) -> list[tuple[Edition, forms.BoundField]]:
        return [(edition, self[quantity_field_name(edition)]) for edition in self.editions]

    def detail_fieldsets(self) -> list[tuple[str | Promise, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.DETAIL_FIELDSETS]

    def trailing_fields(self) -> list[forms.BoundField]:
        return [self["submission_token"], self["website"], self["form_started"]]

    # --- validation ------------------------------------------------------------

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"]
        digits = re.sub(r"\D", "", re.split(r"(?i)\s*(?:ext|x)\.?\s*\d+$", phone)[0])
        if len(digits) == 11 and digits.startswith("1"):
            digits = digits[1:]
        if len(digits) != 10:
            raise forms.ValidationError(gettext("Enter a U.S. phone number with its area code, like 202-555-0123."))
        return phone.strip()

    def clean_needed_by(self) -> date | None:
        needed_by: date | None = self.cleaned_data["needed_by"]
        if needed_by and needed_by < timezone.localdate():
            raise forms.ValidationError(gettext("The date needed by cannot be in the past."))
        return needed_by

    def clean_city(self) -> str:
        city: str = self.cleaned_data["city"]
        return " ".join(city.split())

    def clean_submission_token(self) -> str:
        token: str = self.cleaned_data["submission_token"]
        if not SUBMISSION_TOKEN.match(token):
            raise forms.ValidationError(gettext("This form has expired. Reload the page and try again."), code="token")
        return token

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data  # Form.clean returns cleaned_data itself
        self._check_address(cleaned)
        quantities = self.quantities()
        if not quantities and not any(quantity_field_name(e) in self.errors for e in self.editions):
            raise forms.ValidationError(
                gettext("Choose at least one item: enter how many copies you need."), code="empty"
            )
        for edition in self.editions:
            short = stock.shortfall(edition, quantities.get(edition.pk, 0), orderable=edition.pk not in self.withdrawn)
            if short is not None:
                self.add_error(quantity_field_name(edition), stock.field_message(short, edition))
        return cleaned

    def _check_address(self, cleaned: Mapping[str, Any]) -> None:
        state, zip_code, city = cleaned.get("state"), cleaned.get("zip_code"), cleaned.get("city")
        if state and zip_code and not zip_matches_state(zip_code, state):
            self.add_error(
                "zip_code",
                gettext("This ZIP code is not in %(state)s. Check both.") % {"state": dict(self._flat_states())[state]},
            )
        if state in MILITARY_STATES and city and city.upper() not in MILITARY_CITIES:
            self.add_error("city", gettext("For military mail (AA, AE, AP) enter APO, FPO or DPO as the city."))
        if city and city.upper() in MILITARY_CITIES and state and state not in MILITARY_STATES:
            self.add_error("state", gettext("APO, FPO and DPO addresses use AA, AE or AP as the state."))

    @staticmethod
    def _flat_states() -> Iterator[tuple[str, str]]:
        for _group, options in STATE_CHOICES[1:]:
            if isinstance(options, list):  # every entry after the blank one is a group
                yield from options

    def quantities(self) -> dict[int, int]:
        """{edition_id: copies} for the items with a valid quantity above zero."""
        result = {}
        for edition in self.editions:
            value = self.cleaned_data.get(quantity_field_name(edition)) if hasattr(self, "cleaned_data") else None
            if value:
                result[edition.pk] = value
        return result

    def typed_quantities(self) -> dict[int, int]:
        """{edition_id: copies} for every orderable item whose box holds a valid number (0 included)."""
        result = {}
        for edition in self.editions:
            name = quantity_field_name(edition)
            if edition.pk in self.withdrawn or name in self.errors or not hasattr(self, "cleaned_data"):
                continue
            value = self.cleaned_data.get(name)
            if value is not None:
                result[edition.pk] = value
        return result

    def details(self) -> dict[str, Any]:
        """The order's contact and shipping fields, ready for the model."""
        names = [name for _legend, names in self.DETAIL_FIELDSETS for name in names]
        details = {name: self.cleaned_data[name] for name in names}
        details["city"] = details["city"].upper() if details["city"].upper() in MILITARY_CITIES else details["city"]
        return details


class OrderListChangeForm(forms.Form):
    """An "Add to my order" or "Remove" button: which item, and the page to come back to."""

    action = forms.ChoiceField(choices=[("add", "Add"), ("remove", "Remove")])
    item = forms.RegexField(regex=r"^[A-Z0-9][A-Z0-9-]{0,39}$", max_length=40)
    next = forms.CharField(required=False)

    def clean_next(self) -> str:
        # A bad return address is not the visitor's mistake: fall back to the order page, never an error.
        value = self.cleaned_data["next"]
        return value if len(value) <= 500 and value.isprintable() else ""
