"""Forms for officers, providers and NHS partners (GOV.UK patterns through GovukFormMixin)."""

from datetime import datetime

from django import forms
from django.utils import timezone

from documents.uploads import DocumentField
from portal import law
from portal.date_input import GovukDateField
from portal.forms import GovukFormMixin, required
from portal.models import Authority, NhsBody

from . import cpv


class PrepareMixin:
    """Prepares the fields that depend on the case (querysets, labels) before anything is
    validated: `context_keys` name the keyword arguments setup_fields() receives."""

    context_keys: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        context = {key: kwargs.pop(key) for key in self.context_keys}
        super().__init__(*args, **kwargs)
        self.setup_fields(**context)

    def setup_fields(self, **context):
        pass


class Form(GovukFormMixin, PrepareMixin, forms.Form):
    """The base of every form here."""


def date_field(label, message="", help_text="For example, 27 3 2027", required=True):
    """The GOV.UK date input (day, month, year); a required one says what to enter (`message`)
    when left empty."""
    return GovukDateField(
        label=label,
        help_text=help_text,
        required=required,
        error_messages={"required": message} if message else {},
    )


def textarea(rows=6):
    return forms.Textarea(attrs={"rows": rows})


def pounds(label, message, required=True, help_text=""):
    return forms.IntegerField(
        label=label,
        min_value=0,
        required=required,
        help_text=help_text,
        error_messages={"required": message, "invalid": "Enter a whole number of pounds"},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )


class OpenExerciseForm(Form):
    title = forms.CharField(
        label="Title of the exercise",
        max_length=200,
        error_messages=required("Enter the title of the exercise"),
    )
    description = forms.CharField(
        label="What is being bought",
        widget=textarea(),
        error_messages=required("Enter what is being bought"),
    )
    cpv_code = forms.ChoiceField(
        label="CPV code of what is being bought",
        choices=[("", "Select a CPV code"), *cpv.CHOICES],
        help_text="The Common Procurement Vocabulary code that Find a Tender and open data use.",
        error_messages=required("Select the CPV code of what is being bought"),
    )
    contract_kind = forms.ChoiceField(
        label="What kind of contract is it?",
        choices=law.CONTRACT_KINDS,
        widget=forms.RadioSelect,
        error_messages=required("Select the kind of contract"),
    )
    regime = forms.ChoiceField(
        label="Which procurement regime applies?",
        choices=law.PROCUREMENT_REGIMES,
        widget=forms.RadioSelect,
        help_text="Checked against the thresholds in force on the start date.",
        error_messages=required("Select the procurement regime that applies"),
    )
    psr_process = forms.ChoiceField(
        label="If the Provider Selection Regime applies: which of its processes?",
        choices=law.PSR_PROCESSES,
        widget=forms.RadioSelect,
        required=False,
        help_text="SI 2023/1348 regs 6 to 11. Leave empty under the Procurement Act 2023.",
    )
    estimated_value = pounds(
        "Estimated value including VAT, in pounds", "Enter the estimated value in pounds"
    )
    started_on = date_field("Date the exercise starts", "Enter the date the exercise starts")
    confidential_fields = forms.MultipleChoiceField(
        label="Commercially confidential: leave out of notices and open data",
        choices=[
            ("estimated_value", "Estimated value"),
            ("award_value", "Value of the award"),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class NoticeForm(Form):
    published_on = date_field(
        "Date the notice was published on Find a Tender", "Enter the date the notice was published"
    )


YES_NO = [("yes", "Yes"), ("no", "No")]


def yes_no(label, help_text=""):
    return forms.ChoiceField(
        label=label, choices=YES_NO, widget=forms.RadioSelect, required=False, help_text=help_text
    )


class TenderForm(NoticeForm):
    """The tender notice (UK4, or the Competitive Process's contract notice) and the
    circumstances that decide the row of Procurement Act 2023 s.54(4) applied to its deadline
    (checked by exercise_workflow.minimum_tendering_period)."""

    deadline_date = date_field(
        "The date of the deadline for tenders", "Enter the date of the deadline for tenders"
    )
    deadline_time = forms.TimeField(
        label="The time of the deadline",
        input_formats=["%H:%M"],
        initial="12:00",
        help_text="24-hour clock, for example 12:00.",
        widget=forms.TimeInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={
            **required("Enter the time of the deadline"),
            "invalid": "Enter the time of the deadline on the 24-hour clock, like 12:00",
        },
    )
    procedure = forms.ChoiceField(
        label="Which competitive tendering procedure? (Procurement Act 2023 s.20)",
        choices=law.TENDERING_PROCEDURES,
        widget=forms.RadioSelect,
        required=False,
        help_text="Not asked under the Provider Selection Regime or below threshold.",
    )
    electronic = yes_no("Can tenders be sent electronically?")
    documents_provided = yes_no(
        "Is every associated tender document provided with the notice?",
        help_text="For a competitive flexible procedure: with the invitation to tender.",
    )
    planned_notice_on = date_field(
        "Date of the planned procurement notice (UK3), if one was published",
        help_text="Published 40 days to one year before the tender notice, it shortens the "
        "minimum to 10 days (s.54(5)). For example, 27 3 2027.",
        required=False,
    )
    urgency = forms.BooleanField(
        label="A state of urgency makes the normal minimum period impractical",
        required=False,
        help_text="The minimum is then 10 days (s.54(4)); explain why below.",
    )
    urgency_reason = forms.CharField(
        label="The state of urgency (if any)", widget=textarea(3), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("deadline_date") and data.get("deadline_time"):
            data["tender_deadline"] = timezone.make_aware(
                datetime.combine(data["deadline_date"], data["deadline_time"])
            )
        return data

    def transition_kwargs(self):
        data = self.cleaned_data

        def boolean(name):
            return {"yes": True, "no": False}.get(data.get(name))

        urgency = bool(data.get("urgency"))
        return {
            "published_on": data["published_on"],
            "tender_deadline": data["tender_deadline"],
            "procedure": data.get("procedure") or "",
            "electronic": boolean("electronic"),
            "documents_provided": boolean("documents_provided"),
            "planned_notice_on": data.get("planned_notice_on"),
            "urgency": urgency,
            "urgency_reason": (data.get("urgency_reason") or "").strip() if urgency else "",
        }


class ProposeAwardForm(Form):
    context_keys = ("exercise",)

    interest = forms.ModelChoiceField(
        label="Which supplier should be awarded the contract?",
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages=required("Select the supplier to award the contract to"),
    )
    award_value = pounds(
        "Value of the award including VAT, in pounds", "Enter the value of the award in pounds"
    )

    def setup_fields(self, exercise):
        self.fields["interest"].queryset = exercise.interests.filter(
            state="shortlisted"
        ).select_related("organisation")
        self.fields["interest"].label_from_instance = lambda i: (
            f"{i.organisation.name} (score {i.score}, price £{i.price:,.0f})"
        )


class ConfirmAwardForm(NoticeForm):
    standstill_days = forms.IntegerField(
        label="Length of the standstill, in working days",
        min_value=0,
        initial=law.STANDSTILL_MIN_WORKING_DAYS,
        help_text="At least 8 working days beginning with the day the contract award notice is "
        "published (Procurement Act 2023 s.51), 0 or at least 8 where the regime makes it "
        "optional. Weekends and the bank holidays of every part of the United Kingdom do not "
        "count. Under the Provider Selection Regime: 8 working days after the day the notice of "
        "intention to award is published (SI 2023/1348 reg 12), none for Direct Award "
        "Processes A and B.",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages=required("Enter the length of the standstill in working days"),
    )


class AwardForm(Form):
    awarded_on = date_field(
        "Date the contract was entered into", "Enter the date the contract was entered into"
    )


class DeliveryForm(NoticeForm):
    signed_on = date_field("Date the contract was signed", "Enter the date the contract was signed")
    starts_on = date_field("Date the contract starts", "Enter the date the contract starts")
    ends_on = date_field("Date the contract ends", "Enter the date the contract ends")


class CloseExerciseForm(Form):
    closed_on = date_field("Date the contract ended", "Enter the date the contract ended")


class ReasonNoticeForm(NoticeForm):
    reason = forms.CharField(
        label="Reason",
        widget=textarea(),
        help_text="Published with the notice: do not name individuals.",
        error_messages=required("Enter the reason"),
    )


class AssessForm(Form):
    decision = forms.ChoiceField(
        label="Shortlist this supplier?",
        choices=[("shortlist", "Shortlist"), ("reject", "Do not shortlist")],
        widget=forms.RadioSelect,
        error_messages=required("Select whether to shortlist this supplier"),
    )
    score = forms.IntegerField(
        label="Score out of 100",
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages=required("Enter a score from 0 to 100"),
    )
    assessment_summary = forms.CharField(
        label="Assessment summary",
        widget=textarea(8),
        help_text="Sent to the supplier at award (Procurement Act 2023 s.50): how its tender "
        "was assessed against each criterion.",
        error_messages=required("Enter the assessment summary"),
    )


class InterestForm(Form):
    proposal = forms.CharField(
        label="How would you deliver the contract?",
        widget=textarea(10),
        error_messages=required("Enter how you would deliver the contract"),
    )
    price = pounds("Your price including VAT, in pounds", "Enter your price in pounds")
    document = DocumentField(
        label="Attach a document, such as your bid or a capability statement",
        required=False,
    )


class WithdrawForm(Form):
    reason = forms.CharField(label="Why are you withdrawing?", required=False, widget=textarea(4))


# --- agreements ---------------------------------------------------------------------------------


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


class TermsForm(Form):
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
        "treatment and other invasive treatment, emergency ambulance services and primary-care "
        "contractor functions cannot be covered (SI 2000/617 reg 5).",
    )
    improvement_expected = forms.CharField(
        label="How the arrangements are likely to improve the way the functions are exercised",
        widget=textarea(),
        required=False,
        help_text="Required before the agreement is signed (SI 2000/617 reg 4).",
    )
    aims_outcomes = forms.CharField(
        label="The agreed aims and outcomes", widget=textarea(), required=False
    )
    contributions_terms = forms.CharField(
        label="Each partner's contributions and how they may vary",
        widget=textarea(),
        required=False,
    )
    functions_description = forms.CharField(
        label="The NHS and health-related functions covered", widget=textarea(), required=False
    )
    client_groups_services = forms.CharField(
        label="Who is served and which kinds of service", widget=textarea(), required=False
    )
    resources = forms.CharField(
        label="Staff, goods, services and accommodation each partner provides",
        widget=textarea(),
        required=False,
    )
    term_review_variation_termination = forms.CharField(
        label="Duration, review, variation and termination", widget=textarea(), required=False
    )
    monitoring = forms.CharField(
        label="Monitoring arrangements, or the management of the pooled fund",
        widget=textarea(),
        required=False,
    )
    pool_manager_role = forms.CharField(
        label="Pool manager (job title, not a name)", max_length=200, required=False
    )
    governance_board = forms.CharField(label="Governance board", widget=textarea(4), required=False)
    exit_plan = forms.CharField(label="Exit plan", widget=textarea(4), required=False)
    review_date = date_field("Date of the first review", required=False)
    starts_on = date_field("Date the agreement starts", required=False)
    ends_on = date_field("Date the agreement ends", required=False)
    confidential_fields = forms.MultipleChoiceField(
        label="Commercially confidential: leave out of the published agreement",
        choices=[
            ("resources", "Resources each partner provides"),
            ("exit_plan", "Exit plan"),
            ("contributions_terms", "How contributions may vary"),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


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
        self.fields["party"].queryset = parties
        self.fields["party"].label_from_instance = lambda p: p.name


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


EXERCISE_FORMS = {
    "begin_market_engagement": NoticeForm,
    "open_tender": TenderForm,
    "close_tender": None,
    "propose_award": ProposeAwardForm,
    "return_to_evaluation": None,
    "confirm_award": ConfirmAwardForm,
    "award": AwardForm,
    "start_delivery": DeliveryForm,
    "close": CloseExerciseForm,
    "terminate_contract": ReasonNoticeForm,
    "cancel": ReasonNoticeForm,
}
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
