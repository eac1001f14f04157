import re

from django import forms
from django.conf import settings
from django.db import connection
from django.utils.translation import get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from listserv.models import Topic, canonical_email
from rescue_restore.i18n.languages import current_language
from rescue_restore.text.plain_errors import use_plain_error_messages
from rescue_restore.text.validators import single_line
from rescue_restore.web.antiabuse import AntiAbuseFormMixin


class AddressField(forms.EmailField):
    """An email address on one line. Django accepts internationalised domains, refuses non-ASCII local parts."""

    default_error_messages = {
        # Django's own words in English; our Spanish says "Escriba" (Latin-American usage) where Django's says
        # "Introduzca". The context keeps this entry from changing every other form's message.
        "invalid": pgettext_lazy("email updates address field", "Enter a valid email address."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)
        self.validators.append(single_line)
        self.widget.attrs["autocomplete"] = "email"

    def clean(self, value):
        # Validate what was typed, store one spelling per mailbox (see ``canonical_email``).
        value = super().clean(value)
        return canonical_email(value) if value else value


TOPIC_ID = re.compile(r"[0-9]{1,19}")  # 19 digits hold any 64-bit id, and int() never sees a huge string


class TopicsField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Topic.objects.active(),
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _("Choose at least one topic.")},
            **kwargs,
        )

    def _check_values(self, value):
        # Only an id the database can hold goes into the query: a number too large would be an
        # OverflowError (SQLite) and a 500, and text Django's "not a valid value". Each is simply
        # not a topic. Checked here in Python, so a sign-up reads the topics once (Django's query).
        _smallest, largest = connection.ops.integer_field_range(Topic._meta.pk.get_internal_type())
        for item in value:
            if not (TOPIC_ID.fullmatch(str(item)) and int(item) <= largest):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
        return super()._check_values(value)


def language_choices():
    """Every site language, named in the language of the page ("Spanish" here, "Español" on /es/)."""
    return [(code, get_language_info(code)["name_translated"]) for code, _name in settings.LANGUAGES]


class LanguageField(forms.ChoiceField):
    """The language of the subscriber's emails, bulletins included. The page's language is chosen already.

    Not required: a form posted without it (a page cached before the field
    existed, a script) means the language of the page it was posted on.
    """

    def __init__(self, **kwargs):
        super().__init__(
            choices=language_choices,
            widget=forms.RadioSelect,
            required=False,
            label=_("Language of your email updates"),
            help_text=_("A bulletin not yet written in the language you choose comes in English."),
            error_messages={"invalid_choice": _("Choose one of the languages listed.")},
            **kwargs,
        )
        # Always answered (a radio button is checked from the start), so not labelled "(optional)".
        self.conditionally_required = True

    def clean(self, value):
        return super().clean(value) or current_language()


class SubscribeForm(AntiAbuseFormMixin, forms.Form):
    email = AddressField(
        label=_("Email address"), help_text=_("We send a link to this address to confirm it is yours.")
    )
    # The template pack adds "(optional)" to every field that is not required.
    name = forms.CharField(label=_("Name"), max_length=100, required=False, validators=[single_line])
    topics = TopicsField(label=_("Topics"))
    language = LanguageField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["language"].initial = current_language()
        use_plain_error_messages(self)


class ResendForm(AntiAbuseFormMixin, forms.Form):
    email = AddressField(label=_("Email address"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_plain_error_messages(self)


class TopicsForm(AntiAbuseFormMixin, forms.Form):
    topics = TopicsField(label=_("Topics"), help_text=_("To stop all email, unsubscribe instead."))


class LanguageForm(AntiAbuseFormMixin, forms.Form):
    """The preferences page's language choice. Used with ``prefix="language"``: it shares the page with
    the topics form, and unprefixed both would render the same field ids."""

    language = LanguageField()


class ChangeAddressForm(AntiAbuseFormMixin, forms.Form):
    new_email = AddressField(
        label=_("New email address"), help_text=_("We send a link to the new address to confirm it.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_plain_error_messages(self)


class OneClickUnsubscribeForm(forms.Form):
    """RFC 8058 body ``List-Unsubscribe=One-Click``; mailbox providers post it with no timestamp or honeypot."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["List-Unsubscribe"] = forms.ChoiceField(choices=[("One-Click", "One-Click")])
