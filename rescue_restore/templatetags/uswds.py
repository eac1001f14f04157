"""Template helpers for the USWDS crispy-forms template pack (templates/uswds/)."""

from django import forms, template
from django.forms.utils import flatatt
from django.utils.html import format_html

register = template.Library()

_WIDGET_CLASSES = [
    (forms.CheckboxInput, "usa-checkbox__input"),
    (forms.Select, "usa-select"),  # SelectMultiple too
    (forms.Textarea, "usa-textarea"),
    (forms.ClearableFileInput, "usa-file-input"),
    (forms.widgets.Input, "usa-input"),
]


def widget_kind(field):
    widget = field.field.widget
    if getattr(widget, "is_honeypot", False):
        return "honeypot"
    # CheckboxSelectMultiple subclasses RadioSelect, so it must be tested first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radio"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"


register.filter("widget_kind", widget_kind)


def describedby(field):
    """Space-separated ids of the hint and error message that describe a field."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


register.filter("describedby", describedby)


@register.simple_tag
def uswds_widget(field):
    """Render a field's widget with USWDS classes and ARIA attributes."""
    widget = field.field.widget
    attrs = {}
    for widget_class, css_class in _WIDGET_CLASSES:
        if isinstance(widget, widget_class):
            existing = widget.attrs.get("class", "")
            attrs["class"] = f"{css_class} {existing}".strip()
            break
    if field.errors:
        attrs["aria-invalid"] = "true"
        if "class" in attrs and attrs["class"].startswith(("usa-input", "usa-select", "usa-textarea")):
            base = attrs["class"].split()[0]
            attrs["class"] += f" {base}--error"
    ids = describedby(field)
    if ids:
        attrs["aria-describedby"] = ids
    if field.field.required and not isinstance(widget, forms.CheckboxInput):
        attrs["required"] = True
    return field.as_widget(attrs=attrs)


@register.simple_tag
def choice_input(field, choice):
    """One radio button or checkbox of a multiple-choice field, with USWDS classes."""
    kind = "checkbox" if isinstance(field.field.widget, forms.CheckboxSelectMultiple) else "radio"
    data = choice.data
    attrs = {
        "class": f"usa-{kind}__input",
        "type": kind,
        "name": data["name"],
        "value": data["value"],
        "id": choice.id_for_label,
        "checked": bool(data.get("selected")),
    }
    if describedby(field):
        attrs["aria-describedby"] = describedby(field)
    return format_html("<input{}>", flatatt(attrs))
