"""Forms of the staff pages: notes and reasons, shipping details, stock movements, report period."""

import datetime
import re
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.validators import RegexValidator

from materials.models import Order, StockMovement
from rescue_restore.text.validators import reject_control_characters, single_line

CARRIERS = ["USPS", "UPS", "FedEx", "DHL"]
tracking_number_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9 -]{5,39}$", "Enter the tracking number as printed: 6 to 40 letters, digits and hyphens."
)


class NoteForm(forms.Form):
    """A note for the history (and, for a reason, the requester's email)."""

    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}), max_length=2000, validators=[reject_control_characters]
    )

    def __init__(self, *args: Any, label: str, required: bool, help_text: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].label = label
        self.fields["note"].required = required
        self.fields["note"].help_text = help_text


def carrier_field() -> forms.ChoiceField:
    return forms.ChoiceField(choices=[(name, name) for name in CARRIERS], initial="USPS")


def tracking_field(label: str = "Tracking number") -> forms.CharField:
    return forms.CharField(label=label, max_length=40, validators=[single_line, tracking_number_validator])


class ShipForm(forms.Form):
    carrier = carrier_field()
    tracking_number = tracking_field()


class BulkShipForm(forms.Form):
    """One carrier for the batch and a tracking number per approved order."""

    carrier = carrier_field()

    def __init__(self, *args: Any, orders: Iterable[Order], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.orders = list(orders)
        for order in self.orders:
            self.fields[f"tracking_{order.pk}"] = tracking_field(f"Tracking number for {order.reference}")

    def tracking_numbers(self) -> list[tuple[Order, str]]:
        """``[(order, tracking number)]`` once valid."""
        return [(order, self.cleaned_data[f"tracking_{order.pk}"]) for order in self.orders]

    def tracking_fields(self) -> list[tuple[Order, forms.BoundField]]:
        return [(order, self[f"tracking_{order.pk}"]) for order in self.orders]


class StockMovementForm(forms.Form):
    change = forms.IntegerField(
        label="Copies",
        min_value=-1_000_000,
        max_value=1_000_000,
        help_text="Copies added; a negative number removes copies (damaged, or a shelf count found fewer).",
    )
    reason = forms.ChoiceField(choices=StockMovement.Reason.choices)
    note = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        validators=[reject_control_characters],
        help_text="E.g. the printer's delivery note number.",
    )

    def clean(self):
        cleaned = super().clean()
        change, reason = cleaned.get("change"), cleaned.get("reason")
        if change == 0:
            self.add_error("change", "Enter a number of copies other than zero.")
        elif change is not None and change > 0 and reason == StockMovement.Reason.DAMAGED:
            self.add_error("change", "Damaged or lost copies are removed: enter a negative number.")
        return cleaned


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MAX_REPORT_MONTHS = 36


def parse_month(value):
    match = _MONTH.match(value or "")
    if not match:
        raise forms.ValidationError("Enter a month as YYYY-MM, for example 2026-01.", code="invalid")
    year, month = int(match[1]), int(match[2])
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise forms.ValidationError("Enter a real month between 2000-01 and 2100-12.", code="invalid")
    return datetime.date(year, month, 1)


class MonthField(forms.Field):
    """A month as ``YYYY-MM`` (what ``<input type="month">`` sends), cleaned to its first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM", "maxlength": 7})

    def to_python(self, value):
        value = (value or "").strip()
        if "\x00" in value:
            raise forms.ValidationError("Null characters are not allowed.", code="null_characters_not_allowed")
        return parse_month(value) if value else None


class ReportPeriodForm(forms.Form):
    start = MonthField(label="From (month)")
    end = MonthField(label="To (month, included)")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The last month cannot be before the first.")
            elif (end.year - start.year) * 12 + end.month - start.month + 1 > MAX_REPORT_MONTHS:
                self.add_error("end", f"Choose at most {MAX_REPORT_MONTHS} months.")
        return cleaned
