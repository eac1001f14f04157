"""Form widgets whose markup is written in Python where Django's templates cost too much.

``Select``: Django renders a ``<select>`` through one template per ``<option>``. The order form's
state list has 63 options in groups, and that one widget took 1.8 ms of every order page and of
every refused order (docs/performance.md, "Orders"). This one writes the same markup as Django's
``select.html`` and ``select_option.html`` from the same context (``get_context``, so selection,
groups and attributes follow Django's rules), in about a tenth of the time. The markup is tested
against Django's own rendering (tests/rescue_restore/test_widgets.py).
"""

from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe


def _attributes(attrs: dict[str, Any]) -> str:
    """As Django's ``attrs.html``: ``True`` writes the bare name, ``False`` leaves the attribute out.

    Values are escaped as the template's ``stringformat`` leaves them (a string, so always escaped);
    labels below are escaped unless already safe, as ``{{ }}`` does.
    """
    written = []
    for name, value in attrs.items():
        if value is True:
            written.append(f" {name}")
        elif value is not False:
            written.append(f' {name}="{escape(value)}"')
    return "".join(written)


def select_markup(widget: dict[str, Any]) -> SafeString:
    """The ``<select>`` for a ``Select`` widget's context (``context["widget"]``), as Django's templates write it.

    Byte for byte, blank lines included (``select_option.html`` ends with a newline).
    """
    parts = [f'<select name="{escape(widget["name"])}"{_attributes(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            value, label = escape(option["value"]), conditional_escape(option["label"])
            parts.append(f'\n  <option value="{value}"{_attributes(option["attrs"])}>{label}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # every value above is escaped


class Select(forms.Select):
    """``forms.Select`` with its markup written in Python (see the module's docstring)."""

    def _render(self, template_name: str, context: dict[str, Any], renderer: BaseRenderer | None = None) -> SafeString:
        return select_markup(context["widget"])
