"""The forms of an agreement's stages: propose, terms, parties, contributions, staff, approval,
consultation, signing, coming into force, review and termination."""

from django import forms
from django.db import models

from agreements.models import TERMS, TransferAgreement
from documents.uploads import DocumentField
from portal import law
from portal.forms import GovukFormMixin, required
from portal.models import Authority, NhsBody
from procurement.forms import Form, PrepareMixin, date_field, pounds, textarea


class ProposeAgreementForm(Form):
    context_keys = ("authorities",)

    title = forms.CharField(
        label="Title of the agreement",
        max_length=200,
        error_messages=required("Enter the title of the agreement"),
    )
    agreement_type = forms.ChoiceField(
        label="What type of arrangement is it?",
        choices=law.AGREEMENT_TYPES,
        widget=forms.RadioSelect,
        help_text="NHS Act 2006 s.75 and SI 2000/617.",
        error_messages=required("Select the type of arrangement"),
    )
    lead_authority = forms.ModelChoiceField(
        label="Lead authority", queryset=None, error_messages=required("Select the lead authority")
    )

    def setup_fields(self, authorities):
        self.fields["lead_authority"].queryset = authorities


def _terms_field(field, **kwargs):
    """The model's own label and help; long text in a GOV.UK textarea."""
    if isinstance(field, models.TextField):
        kwargs.setdefault("widget", textarea())
    return field.formfield(**kwargs)


class TermsForm(GovukFormMixin, PrepareMixin, forms.ModelForm):
    """The agreement's terms (models.TERMS), its first review date and what stays unpublished.
    Only validates: the terms are saved by the workflow (update_terms), never by save()."""

    council_functions = forms.MultipleChoiceField(
        label="Council health-related functions covered",
        choices=law.AGREEMENT_COUNCIL_FUNCTIONS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    nhs_functions = forms.MultipleChoiceField(
        label="NHS functions covered",
        choices=law.AGREEMENT_NHS_FUNCTIONS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Surgery, radiotherapy, termination of pregnancy, endoscopy, Class 4 laser "
        "treatment and other invasive treatment, and emergency ambulance services cannot be "
        "covered (SI 2000/617 reg 5(a)(i)).",
    )
    review_date = date_field("Date of the first review", required=False)
    starts_on = date_field("Date the agreement starts", required=False)
    ends_on = date_field("Date the agreement ends", required=False)
    confidential_fields = forms.MultipleChoiceField(
        label="Commercially confidential: leave out of the published agreement",
        choices=TransferAgreement.CONFIDENTIAL_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = TransferAgreement
        fields = (*TERMS, "review_date", "confidential_fields")
        widgets = {"governance_board": textarea(4), "exit_plan": textarea(4)}
        formfield_callback = _terms_field


class PartyForm(Form):
    authority = forms.ModelChoiceField(
        label="An authority", queryset=Authority.objects.all(), required=False
    )
    nhs_body = forms.ModelChoiceField(
        label="Or an NHS body", queryset=NhsBody.objects.all(), required=False
    )
    is_host = forms.BooleanField(label="This partner hosts the pooled fund", required=False)

    def clean(self):
        data = super().clean()
        if bool(data.get("authority")) == bool(data.get("nhs_body")):
            raise forms.ValidationError("Select either an authority or an NHS body")
        return data


class ContributionForm(Form):
    context_keys = ("agreement",)

    party = forms.ModelChoiceField(
        label="Partner", queryset=None, error_messages=required("Select the partner")
    )
    financial_year = forms.IntegerField(
        label="Financial year (the year it starts)",
        min_value=2000,
        max_value=2100,
        help_text="For example, 2026 for 2026/27.",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
        error_messages=required("Enter the financial year the contribution is for"),
    )
    amount = pounds("Contribution in pounds", "Enter the contribution in pounds")

    def setup_fields(self, agreement):
        self.fields["party"].queryset = agreement.parties.select_related("authority", "nhs_body")
        self.fields["party"].label_from_instance = lambda p: p.name


class StaffForm(Form):
    context_keys = ("agreement",)

    from_party = forms.ModelChoiceField(
        label="From",
        queryset=None,
        error_messages=required("Select the party the staff come from"),
    )
    to_party = forms.ModelChoiceField(
        label="To", queryset=None, error_messages=required("Select the party the staff go to")
    )
    arrangement = forms.ChoiceField(
        label="Arrangement",
        choices=law.STAFF_ARRANGEMENTS,
        widget=forms.RadioSelect,
        error_messages=required("Select the arrangement for the staff"),
    )
    staff_group = forms.CharField(
        label="Group of staff",
        max_length=200,
        help_text="For example: social workers. Never names.",
        error_messages=required("Enter the group of staff"),
    )
    headcount = forms.IntegerField(
        label="Number of people",
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
        error_messages=required("Enter the number of people"),
    )

    def setup_fields(self, agreement):
        parties = agreement.parties.select_related("authority", "nhs_body")
        for name in ("from_party", "to_party"):
            self.fields[name].queryset = parties
            self.fields[name].label_from_instance = lambda p: p.name


class ApprovalForm(Form):
    context_keys = ("parties",)

    party = forms.ModelChoiceField(
        label="Approving for",
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages=required("Select the body you are approving for"),
    )
    approval_reference = forms.CharField(
        label="The decision that approved it",
        max_length=200,
        help_text="For example: Board minute 26/041, 14 May 2026.",
        error_messages=required("Enter the decision that approved it"),
    )

    def setup_fields(self, parties):
        field = self.fields["party"]
        field.queryset = parties
        field.label_from_instance = lambda p: p.name
        self.only_party = parties.first() if len(parties) == 1 else None
        if self.only_party is not None:  # nothing to choose: said in words, not a lone radio
            field.widget = forms.HiddenInput()
            field.initial = self.only_party.pk


class ReasonForm(Form):
    reason = forms.CharField(
        label="Reason", widget=textarea(4), error_messages=required("Enter the reason")
    )


class ConsultationForm(Form):
    consultation_summary = forms.CharField(
        label="Who was consulted, and what they said",
        widget=textarea(8),
        help_text="The partners consult jointly those who appear to be affected.",
        error_messages=required("Enter who was consulted and what they said"),
    )
    consulted_jointly = forms.BooleanField(
        label="The partners consulted jointly the people who appear to them to be affected",
        required=False,
        help_text="Required before the agreement is signed (SI 2000/617 reg 4).",
    )


class SignedCopyForm(Form):
    signed_copy = DocumentField(
        label="The signed copy of the agreement (PDF)",
        error_messages=required("Select the signed copy of the agreement"),
    )
    confidential = forms.BooleanField(
        label="The signed copy is commercially confidential: do not publish it",
        required=False,
        help_text="Without this mark the signed copy is public once the agreement is published.",
    )

    def clean_signed_copy(self):
        upload = self.cleaned_data.get("signed_copy")
        if upload and upload.file_type.mime != "application/pdf":
            raise forms.ValidationError("The signed copy must be a PDF")
        return upload


class SignForm(SignedCopyForm):
    signed_on = date_field(
        "Date the agreement was signed", "Enter the date the agreement was signed"
    )
    field_order = ["signed_on", "signed_copy", "confidential"]

    def setup_fields(self, **context):
        self.fields["signed_copy"].required = False
        self.fields["signed_copy"].label = "The signed copy of the agreement (PDF)"


class InForceForm(Form):
    in_force_from = date_field(
        "Date the agreement comes into force", "Enter the date the agreement comes into force"
    )


class ReviewForm(Form):
    outcome = forms.ChoiceField(
        label="Outcome of the review",
        choices=law.REVIEW_OUTCOMES,
        widget=forms.RadioSelect,
        error_messages=required("Select the outcome of the review"),
    )
    reviewed_on = date_field("Date of the review", "Enter the date of the review")
    summary = forms.CharField(
        label="What the variation or renewal changes", widget=textarea(4), required=False
    )
    ends_on = date_field("If renewed: the new end date", required=False)


class TerminateForm(ReasonForm):
    ended_on = date_field("Date the agreement ends", "Enter the date the agreement ends")


AGREEMENT_FORMS = {
    "start_consultation": None,
    "start_negotiation": ConsultationForm,
    "seek_approval": None,
    "return_to_negotiation": ReasonForm,
    "sign": SignForm,
    "bring_into_force": InForceForm,
    "start_review": None,
    "complete_review": ReviewForm,
    "terminate": TerminateForm,
    "abandon": ReasonForm,
}
