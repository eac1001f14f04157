"""The Python-written <select> (rescue_restore/web/widgets.py) writes exactly what Django's templates write."""

import pytest
from django import forms
from django.utils import translation
from django.utils.safestring import mark_safe

from materials.addresses import STATE_CHOICES
from rescue_restore.web.widgets import Select

HOSTILE = '"><script>alert(1)</script>&amp;'


def both(choices, value, attrs=None, **widget_attrs):
    django_markup = forms.Select(attrs=widget_attrs, choices=choices).render("state", value, attrs=attrs)
    ours = Select(attrs=widget_attrs, choices=choices).render("state", value, attrs=attrs)
    return str(django_markup), str(ours)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("value", [None, "", "NY", "AE", "PR", HOSTILE])
def test_the_state_list_is_written_as_django_writes_it(language, value):
    with translation.override(language):
        django_markup, ours = both(
            STATE_CHOICES,
            value,
            attrs={"id": "id_state", "class": "usa-select", "required": True, "aria-describedby": "id_state-hint"},
        )
    assert ours == django_markup
    assert ours.count("<option") == 63


def test_attributes_and_labels_are_escaped_as_django_escapes_them():
    choices = [
        ("", "- Select -"),
        (HOSTILE, HOSTILE),
        ("safe", mark_safe("<b>kept</b>")),  # a label already safe is not escaped again
        ("Group <1>", [(1, "One & two"), (2, "Two")]),
    ]
    django_markup, ours = both(
        choices, HOSTILE, attrs={"id": "x", "data-x": HOSTILE, "disabled": False, "autofocus": True}, title='a "b"'
    )
    assert ours == django_markup
    assert "<script>" not in ours
    assert "<b>kept</b>" in ours


def test_the_order_form_uses_it():
    from materials.forms import OrderForm

    form = OrderForm(editions=[])
    assert isinstance(form.fields["state"].widget, Select)
