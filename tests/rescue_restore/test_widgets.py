"""The form renderer (rescue_restore/web/widgets.py) writes exactly what Django's widget templates write."""

import datetime
from pathlib import Path

import django
import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils import translation
from django.utils.safestring import mark_safe

from materials.addresses import STATE_CHOICES
from rescue_restore.web.widgets import INPUT_TEMPLATES, WRITTEN, FormRenderer

HOSTILE = '"><script>alert(1)</script>&amp;'
DJANGOS = DjangoTemplates()
OURS = FormRenderer()
ATTRS = {"id": "id_x", "class": "usa-input", "required": True, "aria-describedby": "id_x-hint id_x-error"}


def both(widget, value, attrs=None):
    django_markup = widget.render("field", value, attrs=attrs, renderer=DJANGOS)
    ours = widget.render("field", value, attrs=attrs, renderer=OURS)
    return str(django_markup), str(ours)


def test_the_site_renders_its_forms_with_it():
    assert isinstance(get_default_renderer(), FormRenderer)


def test_the_input_templates_still_only_include_input_html():
    """If a Django release changes one of these templates, the Python copy must change with it."""
    widgets = Path(django.__file__).parent / "forms" / "templates" / "django" / "forms" / "widgets"
    for name in INPUT_TEMPLATES:
        assert (widgets / f"{name}.html").read_text() == '{% include "django/forms/widgets/input.html" %}\n', name


def test_no_app_overrides_a_template_written_in_python():
    django_forms = Path(django.__file__).parent / "forms" / "templates"
    for template_name in WRITTEN:
        origin = Path(OURS.get_template(template_name).template.origin.name)
        assert origin.is_relative_to(django_forms), f"{template_name} is overridden by {origin}"


@pytest.mark.parametrize(
    "widget",
    [
        forms.TextInput(),
        forms.EmailInput(attrs={"autocomplete": "email"}),
        forms.URLInput(),
        forms.NumberInput(attrs={"min": 0, "max": 100, "form": "order-form"}),
        forms.PasswordInput(render_value=True),
        forms.HiddenInput(),
        forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        forms.CheckboxInput(),
        forms.Textarea(attrs={"rows": 4}),
    ],
    ids=lambda widget: type(widget).__name__,
)
@pytest.mark.parametrize(
    "value",
    [None, "", "Ana Reyes", 0, 12, HOSTILE, mark_safe("<b>safe</b>"), "line one\nline two", datetime.date(2026, 12, 6)],
    ids=["none", "empty", "text", "zero", "number", "hostile", "safe", "lines", "date"],
)
def test_inputs_and_text_areas_are_written_as_django_writes_them(widget, value):
    django_markup, ours = both(widget, value, attrs=ATTRS)
    assert ours == django_markup


def test_attribute_names_values_and_flags_follow_attrs_html():
    widget = forms.TextInput(attrs={"data-x": HOSTILE, "disabled": False, "autofocus": True, "maxlength": 100})
    django_markup, ours = both(widget, HOSTILE, attrs={"title": 'a "b"', "data-safe": mark_safe("<kept>")})
    assert ours == django_markup
    assert "<script>" not in ours
    assert "disabled" not in ours
    assert " autofocus" in ours


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("value", [None, "", "NY", "AE", "PR", HOSTILE])
def test_the_state_list_is_written_as_django_writes_it(language, value):
    with translation.override(language):
        django_markup, ours = both(forms.Select(choices=STATE_CHOICES), value, attrs={**ATTRS, "class": "usa-select"})
    assert ours == django_markup
    assert ours.count("<option") == 63


def test_select_labels_and_groups_are_escaped_as_django_escapes_them():
    choices = [
        ("", "- Select -"),
        (HOSTILE, HOSTILE),
        ("safe", mark_safe("<b>kept</b>")),  # a label already safe is not escaped again
        ("Group <1>", [(1, "One & two"), (2, "Two")]),
    ]
    for widget in (forms.Select(choices=choices, attrs={"title": 'a "b"'}), forms.SelectMultiple(choices=choices)):
        django_markup, ours = both(widget, [HOSTILE, "2"], attrs={"id": "x", "disabled": False, "autofocus": True})
        assert ours == django_markup
        assert "<script>" not in ours
        assert "<b>kept</b>" in ours


def test_a_model_choice_select_is_written_as_django_writes_it(db):
    from materials.models import Material
    from tests.factories.materials import MaterialFactory

    MaterialFactory.create_batch(3)
    field = forms.ModelChoiceField(queryset=Material.objects.order_by("pk"))
    chosen = Material.objects.first()
    django_markup, ours = both(field.widget, chosen.pk, attrs={"id": "id_material"})
    assert ours == django_markup
    assert f'value="{chosen.pk}" selected' in ours


def test_other_widgets_are_left_to_djangos_templates():
    widget = forms.RadioSelect(choices=[("a", "A"), ("b", "B")])
    django_markup, ours = both(widget, "a", attrs={"id": "id_r"})
    assert ours == django_markup
    assert "django/forms/widgets/radio.html" not in WRITTEN


def test_a_whole_order_form_with_errors_renders_as_with_djangos_renderer(db):
    """Every field of the order form, bound with hostile input, through the site's own field template."""
    from django.template.loader import render_to_string

    from materials.forms import OrderForm
    from tests.factories.materials import EditionFactory

    edition = EditionFactory()
    data = {"name": HOSTILE, "email": "not an address", "state": HOSTILE, "intended_use": HOSTILE, "needed_by": "x"}
    data[f"qty_{edition.pk}"] = HOSTILE
    pages = []
    for renderer in (DJANGOS, OURS):
        form = OrderForm(data, editions=[edition], renderer=renderer)
        assert not form.is_valid()
        fields = [row[1] for row in form.quantity_rows()]
        fields += [field for _legend, group in form.detail_fieldsets() for field in group]
        markup = "".join(render_to_string("uswds/field.html", {"field": field}) for field in fields)
        pages.append(markup)
    assert pages[0] == pages[1]
    assert "<script>" not in pages[1]


def test_the_widgets_written_in_python_load_no_template(monkeypatch):
    monkeypatch.setattr(FormRenderer, "get_template", lambda self, name: pytest.fail(f"{name} was loaded"))
    for widget in (forms.TextInput(), forms.HiddenInput(), forms.Textarea(), forms.Select(choices=STATE_CHOICES)):
        assert widget.render("x", "NY", renderer=OURS).startswith(("<input", "<textarea", "<select"))
