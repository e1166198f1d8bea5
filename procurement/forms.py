"""Forms for officers, providers and NHS partners (GOV.UK patterns through GovukFormMixin)."""

from datetime import datetime

from django import forms
from django.utils import timezone

from documents.uploads import DocumentField
from portal import law
from portal.date_input import GovukDateField
from portal.forms import GovukFormMixin, required
from procurement import cpv


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
        error_messages={
            "required": message,
            "invalid": "Enter a whole number of pounds, like 12500",
            "min_value": "Enter an amount of £0 or more",
        },
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
    submission = forms.ChoiceField(
        label="Who may tender?",
        choices=law.TENDER_SUBMISSIONS,
        widget=forms.RadioSelect,
        required=False,
        initial="any_supplier",
        help_text="Tenders only from pre-selected suppliers: at least 10 days, none where the "
        "tendering period is agreed with them; an award through a dynamic market: 10 days "
        "(Procurement Act 2023 s.54(4)).",
    )
    participation_deadline = date_field(
        "For a competitive flexible procedure: the date requests to participate are due",
        help_text="At least 25 days after the tender notice, or 10 in a state of urgency; a "
        "planned procurement notice does not shorten it (s.54(3)). For example, 27 3 2027.",
        required=False,
    )
    electronic = yes_no("Can tenders be sent electronically?")
    documents_provided = yes_no(
        "Is every associated tender document provided with the notice?",
        help_text="For a competitive flexible procedure: with the invitation to tender.",
    )
    planned_notice_on = date_field(
        "Date of the planned procurement notice (UK3), if one was published",
        help_text="Published at least 40 days and not more than 12 months before the tender "
        "notice (s.15(3)), it shortens the minimum to 10 days (s.54(4)). For example, 27 3 2027.",
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
            "submission": data.get("submission") or "any_supplier",
            "participation_deadline": data.get("participation_deadline"),
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
