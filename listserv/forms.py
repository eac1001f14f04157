from django import forms

from listserv.models import Topic, canonical_email
from rescue_restore.antiabuse import AntiAbuseFormMixin
from rescue_restore.plain_errors import use_plain_error_messages
from rescue_restore.validators import single_line


class AddressField(forms.EmailField):
    """An email address on one line. Django accepts internationalised domains, refuses non-ASCII local parts."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)
        self.validators.append(single_line)
        self.widget.attrs["autocomplete"] = "email"

    def clean(self, value):
        # Validate what was typed, store one spelling per mailbox (see ``canonical_email``).
        value = super().clean(value)
        return canonical_email(value) if value else value


class TopicsField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Topic.objects.active(),
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": "Choose at least one topic."},
            **kwargs,
        )

    def _check_values(self, value):
        # Topics are few: compare with their ids as text first, so a number too large for the
        # database is an invalid choice rather than an OverflowError (SQLite) and a 500.
        known = {str(pk) for pk in self.queryset.values_list("pk", flat=True)}
        for item in value:
            if str(item) not in known:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
        return super()._check_values(value)


class SubscribeForm(AntiAbuseFormMixin, forms.Form):
    email = AddressField(label="Email address", help_text="We send a link to this address to confirm it is yours.")
    # The template pack adds "(optional)" to every field that is not required.
    name = forms.CharField(label="Name", max_length=100, required=False, validators=[single_line])
    topics = TopicsField(label="Topics")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        use_plain_error_messages(self)


class ResendForm(AntiAbuseFormMixin, forms.Form):
    email = AddressField(label="Email address")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_plain_error_messages(self)


class TopicsForm(AntiAbuseFormMixin, forms.Form):
    topics = TopicsField(label="Topics", help_text="To stop all email, unsubscribe instead.")


class ChangeAddressForm(AntiAbuseFormMixin, forms.Form):
    new_email = AddressField(label="New email address", help_text="We send a link to the new address to confirm it.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_plain_error_messages(self)


class OneClickUnsubscribeForm(forms.Form):
    """RFC 8058 body ``List-Unsubscribe=One-Click``; mailbox providers post it with no timestamp or honeypot."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["List-Unsubscribe"] = forms.ChoiceField(choices=[("One-Click", "One-Click")])
