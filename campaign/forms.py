from django import forms
from django.utils.translation import gettext_lazy as _

from campaign.models import ContactMessage
from rescue_restore.text.plain_errors import use_plain_error_messages
from rescue_restore.text.validators import reject_control_characters, single_line
from rescue_restore.web.antiabuse import AntiAbuseFormMixin


class ContactForm(AntiAbuseFormMixin, forms.ModelForm):
    class Meta:
        model = ContactMessage
        fields = ["name", "email", "organization", "topic", "message"]
        labels = {
            "name": _("Your name"),
            "email": _("Your email address"),
            "organization": _("Organization"),
            "topic": _("Topic"),
            "message": _("Message"),
        }
        help_texts = {
            "email": _("We only use it to answer you."),
            "message": _(
                "Up to 5,000 characters. Please do not include anyone's personal details. "
                "If someone is in danger, call 911; for help, call the hotline."
            ),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("- Select -")), *ContactMessage.Topic.choices]
        for name in ("name", "email", "organization"):
            self.fields[name].validators.append(single_line)
        self.fields["message"].validators.append(reject_control_characters)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["organization"].widget.attrs["autocomplete"] = "organization"
        use_plain_error_messages(self)
