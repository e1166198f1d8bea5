"""GOV.UK Frontend form rendering, and the forms people fill in to join the portal."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import SetPasswordForm
from django.forms.renderers import TemplatesSetting

from portal import law
from portal.models import Authority, Organisation, User


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


class GovukFormMixin:
    """Adds GOV.UK classes to widgets, and marks the fields in error.

    Errors are marked when the form is validated (full_clean), never in __init__, so subclasses
    can finish preparing their fields before anything is validated. Each required field carries
    its own message (tests/portal/test_form_messages.py checks every form).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
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


class RegistrationForm(GovukFormMixin, forms.Form):
    """Says nothing about whether the address already has an account: the view sends its
    owner an email instead (portal.views.register)."""

    first_name = forms.CharField(
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "spellcheck": "false"}),
        error_messages=required("Enter your first name"),
    )
    last_name = forms.CharField(
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name", "spellcheck": "false"}),
        error_messages=required("Enter your last name"),
    )
    email = email_field(help_text="We will send you a link to confirm it.")
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters; not a common password, nor one like your name or "
        "email address.",
        error_messages=required("Enter a password"),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        if data.get("password"):
            candidate = User(
                email=data.get("email", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(data["password"], candidate)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data

    def save(self) -> User:
        data = self.cleaned_data
        return User.objects.create_user(
            username=data["email"],
            email=data["email"],
            password=data["password"],
            first_name=data["first_name"],
            last_name=data["last_name"],
        )


class SignInForm(GovukFormMixin, forms.Form):
    email = email_field()
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages=required("Enter your password"),
    )


class OrganisationForm(GovukFormMixin, forms.ModelForm):
    body_type = forms.ChoiceField(
        label="What kind of body is it?",
        choices=law.BODY_TYPES,
        widget=forms.RadioSelect,
        help_text="Only these bodies may challenge (Localism Act 2011 s.81(6)).",
        error_messages=required("Select the kind of body your organisation is"),
    )
    employer = forms.ModelChoiceField(
        Authority.objects.all(),
        required=False,
        label="Employing authority (for a group of employees)",
        help_text="A group of employees can challenge only the authority that employs its "
        "members (Localism Act 2011 s.81(6)(d)).",
    )
    employee_count = forms.IntegerField(
        required=False,
        min_value=1,
        label="How many employees of that authority are in the group?",
        help_text="Two or more (Localism Act 2011 s.81(6)(d)).",
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "body_type",
            "charity_number",
            "company_number",
            "employer",
            "employee_count",
        ]
        labels = {"name": "Organisation name"}
        error_messages = {"name": required("Enter the name of the organisation")}
        widgets = {"name": forms.TextInput(attrs={"autocomplete": "organization"})}
        help_texts = {
            "charity_number": "Optional. For example 1234567, SC012345 or NIC100001.",
            "company_number": "Optional. For example 01234567 or SC123456.",
        }

    def clean_charity_number(self):
        return self.cleaned_data["charity_number"].strip().upper()

    def clean_company_number(self):
        return self.cleaned_data["company_number"].strip().upper()

    def clean(self):
        data = super().clean()
        if data.get("body_type") == "employee_group":
            employer = data.get("employer")
            if not employer:
                self.add_error("employer", "Choose the authority that employs the group")
            elif not employer.is_relevant_authority:
                self.add_error(
                    "employer",
                    f"Choose an authority that can be challenged: {employer.nice_name} cannot "
                    "be, so its employees cannot form a group that challenges it",
                )
            count = data.get("employee_count")
            if count is None and "employee_count" not in self.errors:
                self.add_error(
                    "employee_count", "Enter how many employees of the authority are in the group"
                )
            elif count is not None and count < law.EMPLOYEE_GROUP_MIN_MEMBERS:
                self.add_error(
                    "employee_count",
                    "A group of employees must have two or more members to challenge its authority",
                )
        else:
            # Only a group of employees has an employer here (it is whom it may challenge).
            data["employer"], data["employee_count"] = None, None
        return data


class JoinOrganisationForm(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        Organisation.objects.all(),
        label="Which organisation do you want to join?",
        help_text="An admin of the organisation will approve your request.",
        error_messages=required("Select the organisation you want to join"),
    )


class PasswordResetRequestForm(GovukFormMixin, forms.Form):
    email = email_field(help_text="The address you registered with.")


class NewPasswordForm(GovukFormMixin, SetPasswordForm):
    """Django's SetPasswordForm (the validators of AUTH_PASSWORD_VALIDATORS) in GOV.UK dress."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = (
            "At least 12 characters; not a common password, nor one like your name or email "
            "address."
        )
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Confirm your new password"


class CodeForm(GovukFormMixin, forms.Form):
    code = forms.CharField(
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "class": "govuk-input--width-10",
            }
        ),
    )

    def __init__(self, *args, label="Code", help_text="", numeric=False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label, field.help_text = label, help_text
        field.error_messages["required"] = "Enter the code"
        if numeric:
            field.widget.attrs["inputmode"] = "numeric"

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


class ResetSecondFactorForm(GovukFormMixin, forms.Form):
    email = email_field(
        label="Email address of the person who lost their device",
        help_text="They set up a new authenticator app the next time they sign in.",
        message="Enter the email address of the person who lost their device",
        autocomplete="off",  # someone else's address, never the admin's own
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError("There is no account with this email address")
        self.user = user
        return email
