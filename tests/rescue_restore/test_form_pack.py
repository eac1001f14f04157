"""The crispy-forms USWDS template pack renders every kind of field accessibly."""

from html.parser import HTMLParser

from django import forms
from django.template import Context, Template

from rescue_restore.web.antiabuse import AntiAbuseFormMixin


class EveryKindForm(AntiAbuseFormMixin, forms.Form):
    name = forms.CharField(help_text="As it should appear on the label.")
    state = forms.ChoiceField(choices=[("", "- Select -"), ("IL", "Illinois")])
    notes = forms.CharField(widget=forms.Textarea, required=False)
    sectors = forms.MultipleChoiceField(
        choices=[("health", "Health care"), ("faith", "Faith-based")], widget=forms.CheckboxSelectMultiple
    )
    kind = forms.ChoiceField(choices=[("a", "Affiliate"), ("n", "New")], widget=forms.RadioSelect)
    consent = forms.BooleanField(label="I agree")


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            self.found.append(dict(attrs))


def input_attributes(html):
    parser = _Inputs()
    parser.feed(html)
    return parser.found


def render(form):
    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


def test_each_widget_gets_its_uswds_class():
    html = render(EveryKindForm())
    assert 'class="usa-input"' in html
    assert 'class="usa-select"' in html
    assert 'class="usa-textarea"' in html
    inputs = input_attributes(html)
    checkboxes = [a for a in inputs if a.get("type") == "checkbox"]
    radios = [a for a in inputs if a.get("type") == "radio"]
    assert len(checkboxes) == 3  # two sectors and the consent box
    assert all(a["class"] == "usa-checkbox__input" for a in checkboxes)
    assert len(radios) == 2
    assert all(a["class"] == "usa-radio__input" for a in radios)
    assert '<legend class="usa-legend">' in html
    assert '<span class="usa-hint">(optional)</span>' in html  # notes is optional


def test_hint_is_tied_to_its_field():
    html = render(EveryKindForm())
    assert 'id="id_name-hint"' in html
    assert 'aria-describedby="id_name-hint"' in html


def test_errors_are_summarised_first_and_tied_to_fields():
    form = EveryKindForm(data={"name": "", "sectors": ["nope"]})
    assert not form.is_valid()
    html = render(form)
    assert html.index("There is a problem with this form") < html.index('id="id_name"')
    assert 'href="#id_name"' in html
    assert 'id="id_name-error"' in html
    assert 'aria-describedby="id_name-hint id_name-error"' in html
    assert 'aria-invalid="true"' in html
    assert "usa-input--error" in html
    assert "usa-form-group--error" in html


def test_honeypot_is_hidden_from_people_and_assistive_technology():
    html = render(EveryKindForm())
    assert '<div class="rr-honeypot" aria-hidden="true">' in html
    assert 'tabindex="-1"' in html
    assert 'type="hidden" name="form_started"' in html


def test_error_summary_links_reach_an_element_on_the_page():
    form = EveryKindForm(data={})
    assert not form.is_valid()
    html = render(form)
    ids = {attrs.get("id") for attrs in input_attributes(html)} | {"id_state", "id_notes"}
    for field in ("name", "sectors", "kind", "consent", "state"):
        target = next(part.split('"')[0] for part in html.split('href="#')[1:] if part.startswith(f"id_{field}"))
        assert target in ids, target


def test_field_errors_do_not_each_interrupt_screen_readers():
    html = render(EveryKindForm(data={}))
    assert html.count('role="alert"') == 1  # the summary only
