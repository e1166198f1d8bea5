"""The forms people fill in to join the portal: register, sign in, organisations, passwords and
the second factor."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import SetPasswordForm

from portal import law
from portal.forms import GovukFormMixin, email_field, required
from portal.models import Authority, Organisation, User
from portal.models.authorities import relevant_authority_q


class RegistrationForm(GovukFormMixin, forms.Form):
    """Says nothing about whether the address already has an account: the view sends its
    owner an email instead (accounts.views.register)."""

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
        choices=law.ORGANISATION_TYPES,
        widget=forms.RadioSelect,
        help_text="Only the first four may make a statutory challenge (Localism Act 2011 "
        "s.81(6)); any organisation, a private company included, may make an innovation offer.",
        error_messages=required("Select the kind of body your organisation is"),
    )
    # Asked only of a group of employees (revealed under that choice, GOV.UK conditional radios):
    # required then, so their labels say no "(optional)" (required_when).
    employer = forms.ModelChoiceField(
        Authority.objects.filter(relevant_authority_q()).order_by("name"),
        required=False,
        empty_label="Select the authority",
        label="Which authority employs the group?",
        help_text="A group of employees can challenge only the authority that employs its "
        "members (Localism Act 2011 s.81(6)(d)); only authorities that can be challenged are "
        "listed.",
    )
    employer.required_when = "employee_group"
    employee_count = forms.IntegerField(
        required=False,
        min_value=1,
        label="How many employees of that authority are in the group?",
        help_text="Two or more (Localism Act 2011 s.81(6)(d)).",
        error_messages={
            "invalid": "Enter the number of employees as a whole number, like 12",
            "min_value": "A group of employees must have two or more members to challenge its "
            "authority",
        },
    )
    employee_count.required_when = "employee_group"

    class Meta:
        model = Organisation
        fields = [
            "name",
            "body_type",
            "employer",
            "employee_count",
            "charity_number",
            "company_number",
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
