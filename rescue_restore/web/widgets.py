"""The form renderer (``FORM_RENDERER``): the commonest widgets' markup written in Python.

Django renders every widget through templates: an ``<input>`` is ``text.html`` including
``input.html`` including ``attrs.html``, and a ``<select>`` adds one template per ``<option>``.
A page of form fields paid for that on every render that the page cache cannot serve: a form
sent back with an error, such as an order refused for stock. On the order form the state list
alone took 1.8 ms, and the fifteen other widgets 1.8 ms more (docs/performance.md, "Orders").

``FormRenderer`` is Django's own renderer, except that for the templates in ``WRITTEN`` it
writes the same markup from the same context in Python, in a tenth of the time. The context
still comes from the widget's ``get_context``, so values, selection, groups and attributes
follow Django's rules; only the last step, from context to text, is ours. Any other template
(radio buttons, file inputs, the admin's widgets) is rendered by Django as before. The
markup is tested byte for byte against Django's templates for every widget written here, and
a test fails if Django's templates change (tests/rescue_restore/test_widgets.py).
"""

from collections.abc import Callable
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe


def _text(value: Any) -> str:
    """As the templates' ``{{ value|stringformat:'s' }}``: the value as text, escaped unless it was safe."""
    written = f"{value}"
    return written if isinstance(value, SafeData) else escape(written)


def _attributes(attrs: dict[str, Any]) -> str:
    """As Django's ``attrs.html``: ``True`` writes the bare name, ``False`` leaves the attribute out."""
    written = []
    for name, value in attrs.items():
        if value is True:
            written.append(f" {conditional_escape(name)}")
        elif value is not False:
            written.append(f' {conditional_escape(name)}="{_text(value)}"')
    return "".join(written)


def input_markup(widget: dict[str, Any]) -> str:
    """``input.html``, which ``text.html``, ``email.html``, ``hidden.html`` and the others include."""
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        f"{value}{_attributes(widget['attrs'])}>"
    )


def textarea_markup(widget: dict[str, Any]) -> str:
    """``textarea.html``: the value on the line after the opening tag, as browsers expect."""
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{conditional_escape(widget["name"])}"{_attributes(widget["attrs"])}>\n{value}</textarea>'


def select_markup(widget: dict[str, Any]) -> str:
    """``select.html`` and ``select_option.html``, blank lines included (each option ends with one)."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attributes(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            value, label = _text(option["value"]), conditional_escape(option["label"])
            parts.append(f'\n  <option value="{value}"{_attributes(option["attrs"])}>{label}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


# Django's widget templates that only include input.html (the test checks each file still does).
INPUT_TEMPLATES = ("text", "email", "url", "tel", "number", "search", "password", "hidden", "date", "checkbox")

WRITTEN: dict[str, Callable[[dict[str, Any]], str]] = {
    **{f"django/forms/widgets/{name}.html": input_markup for name in INPUT_TEMPLATES},
    "django/forms/widgets/textarea.html": textarea_markup,
    "django/forms/widgets/select.html": select_markup,
}


class FormRenderer(DjangoTemplates):
    """Django's default form renderer, writing the widgets in ``WRITTEN`` in Python (see the module's docstring)."""

    def render(self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None) -> str:
        write = WRITTEN.get(template_name)
        if write is None:
            return super().render(template_name, context, request=request)
        return mark_safe(write(context["widget"]))  # every value in it is escaped as the template escapes it
