"""Plain-language error messages for public forms, in place of Django's generic ones.

"Ensure this value is greater than or equal to 0." tells a visitor neither which
field is wrong nor what to type; "Number of member organizations must be 0 or
more." does. Each public form calls ``use_plain_error_messages(self)`` at the end
of its ``__init__``. The messages are whole sentences with the field's label in a
placeholder, so they can be translated later.
"""

from django import forms
from django.core import validators
from django.utils.translation import gettext_lazy as _


def _replacement(validator, label):
    if isinstance(validator, validators.MinValueValidator):
        message = _("%(label)s must be %(limit_value)s or more.")
    elif isinstance(validator, validators.MaxValueValidator):
        message = _("%(label)s must be %(limit_value)s or less.")
    elif isinstance(validator, validators.MaxLengthValidator):
        message = _("%(label)s must be at most %(limit_value)s characters (it has %(show_value)s).")
    elif isinstance(validator, validators.MinLengthValidator):
        message = _("%(label)s must be at least %(limit_value)s characters (it has %(show_value)s).")
    else:
        return validator
    # The label now; the validator fills in its own placeholders when it fails.
    message = str(message).replace("%(label)s", str(label).replace("%", "%%"))
    # A new validator: a model field's validators are shared by every form built from it.
    return type(validator)(validator.limit_value, message=message)


def use_plain_error_messages(form):
    for name, field in form.fields.items():
        label = field.label or name.replace("_", " ").capitalize()
        field.validators = [_replacement(validator, label) for validator in field.validators]
        if isinstance(field, forms.IntegerField):
            field.error_messages["invalid"] = _("%(label)s must be a whole number, like 12.") % {"label": label}
