"""Validators shared by public forms."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85]")
# Control characters other than tab, newline and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def single_line(value):
    """Refuse line breaks (they would let a value break out of an email header)."""
    if _LINE_BREAKS.search(value or ""):
        raise ValidationError(_("Enter this on one line, without line breaks."), code="line_break")
    reject_control_characters(value)


def reject_control_characters(value):
    if _CONTROL.search(value or ""):
        raise ValidationError(_("Remove the invisible control characters from this text."), code="control_character")
