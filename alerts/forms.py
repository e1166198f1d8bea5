from django import forms

from portal.forms import GovukFormMixin

from .models import Subscription


class AlertForm(GovukFormMixin, forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We use it only to send these alerts. Every alert has a link to stop them.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.INSTANT,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how often you want the emails"},
    )


class WindowAlertForm(AlertForm):
    SCOPES = [("service", "This service"), ("authority", "Any service of the authority")]
    scope = forms.ChoiceField(
        label="Which services",
        choices=SCOPES,
        initial="service",
        widget=forms.RadioSelect,
        error_messages={"required": "Select which services the alert is for"},
    )

    def __init__(self, *args, authority_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if authority_name:
            self.fields["scope"].choices = [
                ("service", "This service"),
                ("authority", f"Any {authority_name} service"),
            ]
        self.order_fields(["scope", "email", "frequency"])
