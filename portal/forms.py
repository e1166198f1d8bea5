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


class GovukFormMixin:
    """Adds GOV.UK classes and error messages to widgets, and marks the fields in error.

    Errors are marked when the form is validated (full_clean), never in __init__, so subclasses
    can finish preparing their fields before anything is validated.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default_required = forms.Field.default_error_messages["required"]
        for name, field in self.fields.items():
            widget = field.widget
            css = next(
                (c for kind, c in WIDGET_CLASSES.items() if type(widget) is kind), "govuk-input"
            )
            if css == "govuk-input" and isinstance(widget, forms.NumberInput):
                css += " govuk-input--width-10"
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()
            if field.error_messages.get("required") == default_required:
                choice = isinstance(
                    widget, forms.Select | forms.RadioSelect | forms.CheckboxSelectMultiple
                )
                verb = "Select" if choice else "Enter"
                field.error_messages["required"] = f"{verb} {self._noun(field, name)}"

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

    @staticmethod
    def _noun(field, name) -> str:
        """GOV.UK error messages say what to do: 'Enter your email address'."""
        label = str(field.label or name.replace("_", " ")).rstrip("?").lower()
        return label if label.startswith(("your ", "the ", "which ", "what ")) else f"your {label}"


class RegistrationForm(GovukFormMixin, forms.Form):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(
        label="Email address", help_text="We will send you a link to confirm it."
    )
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters; not a common password, nor one like your name or "
        "email address.",
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this email address already exists: sign in instead"
            )
        return email

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
    email = forms.EmailField(label="Email address")
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class OrganisationForm(GovukFormMixin, forms.ModelForm):
    body_type = forms.ChoiceField(
        label="What kind of body is it?",
        choices=law.BODY_TYPES,
        widget=forms.RadioSelect,
        help_text="Only these bodies may challenge (Localism Act 2011 s.81(6)).",
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
    )


class PasswordResetRequestForm(GovukFormMixin, forms.Form):
    email = forms.EmailField(label="Email address", help_text="The address you registered with.")


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
    email = forms.EmailField(
        label="Email address of the person who lost their device",
        help_text="They set up a new authenticator app the next time they sign in.",
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError("There is no account with this email address")
        self.user = user
        return email
