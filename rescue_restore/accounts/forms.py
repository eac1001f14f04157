from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A six-digit code from an authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput())

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        if "\x00" in code:
            raise forms.ValidationError(_("Enter the code your app shows, or one of your recovery codes."))
        return code


class RemoveFactorForm(forms.Form):
    kind = forms.ChoiceField(choices=[("passkey", "passkey"), ("app", "app"), ("recovery", "recovery")])
    pk = forms.IntegerField(min_value=1, max_value=2**63 - 1)
