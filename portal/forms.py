"""GOV.UK Frontend form rendering: the form kit every app's forms use."""

from django import forms
from django.forms.renderers import TemplatesSetting


def posted(request):
    """The submitted data, or None for a GET: an empty POST is still a submission to validate
    (`request.POST or None` would treat it as no submission and show no errors)."""
    return request.POST if request.method == "POST" else None


def posted_files(request):
    """The uploaded files of a POST (possibly none), or None for a GET."""
    return request.FILES if request.method == "POST" else None


class GovukFormRenderer(TemplatesSetting):
    """Renders every Django form with the GOV.UK form-group, label, hint and error patterns."""

    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"


WIDGET_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.RadioSelect: "govuk-radios__input",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
}


def required(message: str) -> dict:
    """A field's hand-written GOV.UK message for an empty answer: `error_messages=required(...)`.
    Messages are written per field, never built from labels (a label is a question or a phrase
    and rarely reads as a sentence after "Enter")."""
    return {"required": message}


# GOV.UK's wording for what a person can get wrong by typing, where a field has no message of
# its own (https://design-system.service.gov.uk/components/text-input/#error-messages).
GOVUK_MESSAGES = {
    (forms.IntegerField, "invalid"): "Enter a whole number, like 12",
    (forms.DecimalField, "invalid"): "Enter a number, like 12.5",
    (forms.FloatField, "invalid"): "Enter a number, like 12.5",
    (forms.EmailField, "invalid"): "Enter an email address in the correct format, like "
    "name@example.com",
    (forms.DateField, "invalid"): "Enter a real date",
    (forms.Field, "min_value"): "Enter a number of %(limit_value)s or more",
    (forms.Field, "max_value"): "Enter a number of %(limit_value)s or less",
    (forms.CharField, "max_length"): "Enter %(limit_value)d characters or fewer (you entered "
    "%(show_value)d)",
}


def _django_default(field, key: str) -> str:
    for cls in type(field).__mro__:
        message = getattr(cls, "default_error_messages", {}).get(key)
        if message:
            return str(message)
    return ""


def replace_django_messages(field) -> None:
    """Give the field GOV.UK's wording wherever it would show one of Django's own messages
    (a field's error_messages replace its validators' messages by code: Field.run_validators)."""
    for (kind, key), message in GOVUK_MESSAGES.items():
        if not isinstance(field, kind):
            continue
        current = field.error_messages.get(key)
        if current is None or str(current) == _django_default(field, key):
            field.error_messages = {**field.error_messages, key: message}


class GovukFormMixin:
    """Adds GOV.UK classes to widgets, and marks the fields in error.

    Errors are marked when the form is validated (full_clean), never in __init__, so subclasses
    can finish preparing their fields before anything is validated. Each required field carries
    its own message (tests/portal/test_form_messages.py checks every form).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            replace_django_messages(field)
            widget = field.widget
            css = next(
                (c for kind, c in WIDGET_CLASSES.items() if type(widget) is kind), "govuk-input"
            )
            if css == "govuk-input" and isinstance(widget, forms.NumberInput):
                css += " govuk-input--width-10"
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            css = widget.attrs.get("class", "govuk-input").split()[0]
            if f"{css}--error" not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}--error".strip()
            widget.attrs["aria-invalid"] = "true"


def email_field(
    label="Email address",
    help_text="",
    message="Enter your email address",
    autocomplete="email",
    **kwargs,
):
    return forms.EmailField(
        label=label,
        help_text=help_text,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": autocomplete, "spellcheck": "false"}),
        error_messages={
            **required(message),
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        **kwargs,
    )
