"""Question pages of the provider journey and the case-work forms (GOV.UK patterns)."""

from django import forms
from django.utils import timezone

from documents.uploads import DocumentField
from portal import law
from portal.date_input import GovukDateField
from portal.forms import GovukFormMixin, required

from .models import Challenge, Outcome, Partner, ProcurementResult


def textarea(rows=8):
    return forms.Textarea(attrs={"rows": rows})


class Section:
    """One task of the task list: a statutory content (law.EOI_CONTENTS slug) and its question."""

    def __init__(self, slug, title, fields, hint="", employee_only=False):
        self.slug, self.title, self.fields, self.hint = slug, title, fields, hint
        self.employee_only = employee_only

    @property
    def statutory_text(self):
        return law.label(law.EOI_CONTENTS, self.slug)


SECTIONS = [
    Section(
        "financial_resources",
        "Your financial resources",
        ["financial_resources"],
        "Your income, reserves, and any funding you have secured or applied for.",
    ),
    Section(
        "capability_evidence",
        "Your capability to run the service",
        ["capability_evidence"],
        "Evidence that by the time of any procurement you will be able to provide, or help to "
        "provide, the service: experience, staff, accreditations, plans.",
    ),
    Section(
        "service_and_area",
        "The service and the area",
        ["service_area"],
        "The geographical area your proposal covers: the whole area of the service, or part of it.",
    ),
    Section(
        "outcomes_wellbeing",
        "Outcomes for the area",
        ["outcomes_wellbeing"],
        "The outcomes you will achieve, and how you would promote or improve the social, "
        "economic or environmental well-being of the area.",
    ),
    Section(
        "outcomes_user_needs",
        "Meeting users' needs",
        ["outcomes_user_needs"],
        "How you would meet the needs of the people who use the service.",
    ),
    Section(
        "employee_engagement",
        "Engaging other employees",
        ["employee_engagement"],
        "How you will engage other employees of the authority who are affected by your proposal.",
        employee_only=True,
    ),
    Section(
        "consortium_members",
        "Consortium members and subcontractors",
        ["has_partners"],
        "Organisations that would work with you as consortium members or subcontractors, which "
        "may include businesses.",
    ),
]
SECTIONS_BY_SLUG = {s.slug: s for s in SECTIONS}

LABELS = {
    "financial_resources": "Tell us about your organisation's financial resources",
    "capability_evidence": "What evidence shows you will be capable of providing the service?",
    "service_area": "Which geographical area does your proposal cover?",
    "outcomes_wellbeing": "What outcomes will you achieve for the area?",
    "outcomes_user_needs": "How will you meet the needs of the service's users?",
    "employee_engagement": "How will you engage other affected employees?",
    "has_partners": "Will you work with consortium members or subcontractors?",
}
# What to say when a section's question is left unanswered.
REQUIRED = {
    "financial_resources": "Enter details of your organisation's financial resources",
    "capability_evidence": "Enter the evidence that you will be capable of providing the service",
    "service_area": "Enter the geographical area your proposal covers",
    "outcomes_wellbeing": "Enter the outcomes you will achieve for the area",
    "outcomes_user_needs": "Enter how you will meet the needs of the service's users",
    "employee_engagement": "Enter how you will engage other affected employees",
    "has_partners": "Select yes if you will work with consortium members or subcontractors",
}
YES_NO = [("yes", "Yes"), ("no", "No")]
# Sections that take documents as evidence, one file each time the page is saved.
EVIDENCE_LABELS = {
    "financial_resources": "Upload a document as evidence, such as your accounts",
    "capability_evidence": "Upload a document as evidence, such as a quality mark",
}


def section_form_class(section: Section):
    if section.slug == "consortium_members":
        return PartnersQuestionForm

    class Meta:
        model = Challenge
        fields = section.fields

    # Declared fields, so that an answer is required on its page (the model allows blank drafts).
    declared = {
        name: forms.CharField(
            label=LABELS[name],
            help_text=section.hint,
            widget=textarea(10),
            error_messages=required(REQUIRED[name]),
        )
        for name in section.fields
    }
    if section.slug in EVIDENCE_LABELS:
        declared["evidence"] = DocumentField(label=EVIDENCE_LABELS[section.slug], required=False)
    return type("SectionForm", (GovukFormMixin, forms.ModelForm), {**declared, "Meta": Meta})


class PartnersQuestionForm(GovukFormMixin, forms.ModelForm):
    has_partners = forms.TypedChoiceField(
        label=LABELS["has_partners"],
        choices=YES_NO,
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        help_text=SECTIONS_BY_SLUG["consortium_members"].hint,
        error_messages=required(REQUIRED["has_partners"]),
    )

    class Meta:
        model = Challenge
        fields = ["has_partners"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.has_partners is not None and not self.is_bound:
            self.initial["has_partners"] = "yes" if self.instance.has_partners else "no"


class PartnerForm(GovukFormMixin, forms.ModelForm):
    evidence = DocumentField(
        label="Upload a document about this organisation, such as its accounts",
        required=False,
    )
    role = forms.ChoiceField(
        label="Will it be a consortium member or a subcontractor?",
        choices=Partner.ROLES,
        widget=forms.RadioSelect,
        error_messages=required("Select whether it will be a consortium member or a subcontractor"),
    )
    partner_type = forms.ChoiceField(
        label="What kind of organisation is it?",
        choices=law.PARTNER_TYPES,
        widget=forms.RadioSelect,
        error_messages=required("Select the kind of organisation it is"),
    )

    class Meta:
        model = Partner
        fields = ["name", "role", "partner_type", "financial_resources", "capability", "evidence"]
        labels = {
            "name": "Organisation name",
            "financial_resources": "Its financial resources",
            "capability": "Its capability to provide or help provide the service",
        }
        widgets = {"financial_resources": textarea(5), "capability": textarea(5)}
        error_messages = {
            "name": required("Enter the name of the organisation"),
            "financial_resources": required(
                "Enter details of the organisation's financial resources"
            ),
            "capability": required(
                "Enter how the organisation could provide or help to provide the service"
            ),
        }


def start_form_class(organisations, service=None):
    """The first question; the choices are the user's organisations (known only per request).
    With the service, the choice is checked against the workflow's own rules on who may challenge
    whom (s.81(2), s.81(6)(d)), so a group of employees hears at once that it cannot challenge
    another authority."""

    class StartForm(GovukFormMixin, forms.Form):
        organisation = forms.ModelChoiceField(
            queryset=organisations,
            label="Which organisation is making the challenge?",
            widget=forms.RadioSelect,
            empty_label=None,
            error_messages=required("Select the organisation that is making the challenge"),
        )

        def clean_organisation(self):
            from .workflow import employee_group_problems, relevant_authority_problems

            organisation = self.cleaned_data["organisation"]
            if service is not None:
                problems = relevant_authority_problems(service.authority) + employee_group_problems(
                    organisation, service.authority
                )
                if problems:
                    raise forms.ValidationError(problems)
            return organisation

    return StartForm


class WithdrawForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(label="Why are you withdrawing?", required=False, widget=textarea(4))


class AnswerForm(GovukFormMixin, forms.Form):
    answer = forms.CharField(
        label="Your answer", widget=textarea(8), error_messages=required("Enter your answer")
    )
    attachment = DocumentField(label="Attach a document", required=False)


class ModificationReplyForm(GovukFormMixin, forms.Form):
    reply = forms.ChoiceField(
        label="Do you agree to the modification?",
        choices=[("agree", "Yes, we agree to the modification"), ("decline", "No, we decline it")],
        widget=forms.RadioSelect,
        help_text="If you decline, the challenge will be rejected on the grounds given.",
        error_messages=required("Select whether you agree to the modification"),
    )


class ClarificationForm(GovukFormMixin, forms.Form):
    question = forms.CharField(
        label="What do you need the body to clarify?",
        widget=textarea(6),
        error_messages=required("Enter what you need the body to clarify"),
    )
    reply_by = GovukDateField(
        label="Reply by",
        help_text="The date you ask the body to answer by. For example, 27 3 2027",
        error_messages=required("Enter the date you ask the body to reply by"),
    )

    def clean_reply_by(self):
        reply_by = self.cleaned_data["reply_by"]
        if reply_by <= timezone.localdate():
            raise forms.ValidationError("The date to reply by must be in the future")
        return reply_by


def grounds_field(
    label="Statutory grounds for rejection",
    required=True,
    message="Select at least one statutory ground for rejection",
):
    return forms.MultipleChoiceField(
        label=label,
        choices=law.REJECTION_GROUNDS,
        widget=forms.CheckboxSelectMultiple,
        required=required,
        help_text="SI 2012/1647 Schedule, in its words: select every ground that applies.",
        error_messages={"required": message},
    )


WELLBEING_MISSING = (
    "Enter how you considered whether accepting the challenge would promote or improve the "
    "social, economic or environmental well-being of the area"
)


def needed_for(field, choice: str):
    """A field that is optional to Django but required when `choice` is made (a GOV.UK
    conditional reveal): its label says no "(optional)" and its hint says when it is needed."""
    field.required_when = choice
    return field


class DecisionForm(GovukFormMixin, forms.Form):
    """The decision (s.83(1), s.84(1)-(2)): accept, propose a modification, or reject. Each choice
    reveals its own questions (GOV.UK conditional radios; without JavaScript they are all
    shown); the answers to a choice not made are ignored, not held against the one made."""

    ACCEPT, MODIFY, REJECT = "accept", "modify", "reject"
    # The fields revealed by each choice, in the order they are shown.
    REVEALS = {
        ACCEPT: ["wellbeing"],
        MODIFY: [
            "terms",
            "modification_grounds",
            "modification_reasons",
            "modification_wellbeing",
        ],
        REJECT: ["grounds", "reasons", "rejection_wellbeing"],
    }
    WELLBEING_LABEL = (
        "How did you consider whether accepting the challenge would promote or improve the "
        "social, economic or environmental well-being of the area?"
    )
    WELLBEING_HINT = (
        f"{law.cite_act('wellbeing_in_decision')} requires this consideration in every decision, "
        "a rejection too. It appears in the decision letter: do not name individuals."
    )

    decision = forms.ChoiceField(
        label="What is your decision?",
        choices=[
            (ACCEPT, "Accept the challenge"),
            (MODIFY, "Propose a modification"),
            (REJECT, "Reject the challenge"),
        ],
        widget=forms.RadioSelect,
        error_messages=required("Select your decision"),
    )
    wellbeing = needed_for(
        forms.CharField(
            label=WELLBEING_LABEL, help_text=WELLBEING_HINT, widget=textarea(5), required=False
        ),
        ACCEPT,
    )
    terms = needed_for(
        forms.CharField(
            label="The modification you propose",
            widget=textarea(5),
            required=False,
            help_text="s.84(2)(b): the body must agree to it; if it declines, the challenge is "
            "rejected on the grounds below.",
        ),
        MODIFY,
    )
    modification_grounds = needed_for(
        grounds_field("The grounds on which you would otherwise reject it", required=False), MODIFY
    )
    modification_reasons = needed_for(
        forms.CharField(
            label="Reasons for the modification",
            widget=textarea(6),
            required=False,
            help_text="Do not name individuals.",
        ),
        MODIFY,
    )
    modification_wellbeing = needed_for(
        forms.CharField(
            label=WELLBEING_LABEL, help_text=WELLBEING_HINT, widget=textarea(5), required=False
        ),
        MODIFY,
    )
    grounds = needed_for(grounds_field("Statutory grounds for rejection", required=False), REJECT)
    reasons = needed_for(
        forms.CharField(
            label="Reasons for rejecting the challenge",
            widget=textarea(8),
            required=False,
            help_text="Needed to reject the challenge. They appear in the decision letter and the "
            "public register: do not name individuals.",
        ),
        REJECT,
    )
    rejection_wellbeing = needed_for(
        forms.CharField(
            label=WELLBEING_LABEL, help_text=WELLBEING_HINT, widget=textarea(5), required=False
        ),
        REJECT,
    )
    NHS_GROUND_CONFIRMATION = (
        "I confirm that ground 5 applies although the service's record says its users do not "
        "also receive an integrated NHS service"
    )
    nhs_ground_confirmed = needed_for(
        forms.BooleanField(label=NHS_GROUND_CONFIRMATION, required=False), REJECT
    )
    modification_nhs_ground_confirmed = needed_for(
        forms.BooleanField(label=NHS_GROUND_CONFIRMATION, required=False), MODIFY
    )
    # The sign-off of an officer's recommendation (challenges.sign_off): shown only then.
    SIGN_OFF_FIELDS = ("departure_reasons", "meeting_date", "minute_reference")
    departure_reasons = forms.CharField(
        label="If you decide differently from the officer's recommendation, why?",
        widget=textarea(5),
        required=False,
        help_text="Needed only when your decision differs from the recommendation. It appears "
        "in the decision letter.",
    )
    meeting_date = GovukDateField(
        label="Date of the committee meeting that decided",
        required=False,
        help_text="For a committee's decision only. For example, 3 3 2027.",
    )
    minute_reference = forms.CharField(
        label="Minute reference of the committee's decision",
        max_length=60,
        required=False,
        help_text="For a committee's decision only, for example Minute 42.",
    )

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == self.ACCEPT:
            # Grounds ticked under another choice (hidden once Accept is chosen) are not part of
            # an acceptance: answers() and transition() keep only the chosen choice's fields.
            if not (data.get("wellbeing") or "").strip():
                self.add_error("wellbeing", WELLBEING_MISSING)
        elif decision == self.REJECT:
            if not data.get("grounds"):
                self.add_error("grounds", "Select at least one statutory ground for rejection")
            if not (data.get("reasons") or "").strip():
                self.add_error("reasons", "Enter the reasons for rejecting the challenge")
            if not (data.get("rejection_wellbeing") or "").strip():
                self.add_error("rejection_wellbeing", WELLBEING_MISSING)
        elif decision == self.MODIFY:
            if not (data.get("terms") or "").strip():
                self.add_error("terms", "Enter the modification you propose")
            if not data.get("modification_grounds"):
                self.add_error(
                    "modification_grounds",
                    "Select at least one ground on which you would otherwise reject it",
                )
            if not (data.get("modification_reasons") or "").strip():
                self.add_error("modification_reasons", "Enter the reasons for the modification")
            if not (data.get("modification_wellbeing") or "").strip():
                self.add_error("modification_wellbeing", WELLBEING_MISSING)
        return data

    def transition(self) -> tuple[str, dict]:
        """The workflow transition the decision calls for, and its arguments."""
        name, kwargs = self._decision()
        data = self.cleaned_data
        for field in self.SIGN_OFF_FIELDS:
            value = data.get(field)
            if isinstance(value, str):
                value = value.strip()
            if value:
                kwargs[field] = value
        return name, kwargs

    def _decision(self) -> tuple[str, dict]:
        data = self.cleaned_data
        confirmed = bool(data.get(self.nhs_confirmation_field()))
        if data["decision"] == self.REJECT:
            return "reject", {
                "grounds": data["grounds"],
                "reasons": data["reasons"].strip(),
                "wellbeing": data["rejection_wellbeing"].strip(),
                "nhs_ground_confirmed": confirmed,
            }
        if data["decision"] == self.MODIFY:
            return "propose_modification", {
                "terms": data["terms"].strip(),
                "grounds": data["modification_grounds"],
                "reasons": data["modification_reasons"].strip(),
                "wellbeing": data["modification_wellbeing"].strip(),
                "nhs_ground_confirmed": confirmed,
            }
        return "accept", {"wellbeing": data["wellbeing"].strip()}

    def answers(self) -> dict:
        """The answers of the chosen decision only, to keep in the session until confirmed."""
        data = self.cleaned_data
        sign_off = {}
        if (data.get("departure_reasons") or "").strip():
            sign_off["departure_reasons"] = data["departure_reasons"]
        if (data.get("minute_reference") or "").strip():
            sign_off["minute_reference"] = data["minute_reference"]
        if data.get("meeting_date"):
            day = data["meeting_date"]
            sign_off.update(
                meeting_date_0=str(day.day),
                meeting_date_1=str(day.month),
                meeting_date_2=str(day.year),
            )
        return {
            "decision": data["decision"],
            **{name: data[name] for name in self.REVEALS[data["decision"]]},
            "nhs_ground_confirmed": bool(data.get(self.nhs_confirmation_field())),
            **sign_off,
        }

    def nhs_confirmation_field(self) -> str:
        """The ground 5 confirmation of the chosen decision (each choice shows its own)."""
        if self.cleaned_data.get("decision") == self.MODIFY:
            return "modification_nhs_ground_confirmed"
        return "nhs_ground_confirmed"


class ModificationForm(GovukFormMixin, forms.Form):
    terms = forms.CharField(
        label="The modification you propose",
        widget=textarea(6),
        help_text="s.84(2)(b): a modification needs the body's agreement.",
        error_messages=required("Enter the modification you propose"),
    )
    grounds = grounds_field(
        "The grounds on which you would otherwise reject it",
        message="Select at least one ground on which you would otherwise reject it",
    )
    reasons = forms.CharField(
        label="Reasons for the modification",
        widget=textarea(6),
        error_messages=required("Enter the reasons for the modification"),
    )
    wellbeing = forms.CharField(
        label=DecisionForm.WELLBEING_LABEL,
        help_text=DecisionForm.WELLBEING_HINT,
        widget=textarea(5),
        error_messages=required(WELLBEING_MISSING),
    )
    nhs_ground_confirmed = forms.BooleanField(
        label=DecisionForm.base_fields["nhs_ground_confirmed"].label, required=False
    )


class AgreementForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="Which decision does your authority agree to?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages=required("Select the decision your authority agrees to"),
    )


class ProcurementStartForm(GovukFormMixin, forms.Form):
    started_on = GovukDateField(
        label="Date the procurement exercise started",
        help_text="For example, 27 3 2027.",
        error_messages=required("Enter the date the procurement exercise started"),
    )
    procurement_reference = forms.CharField(
        label="Reference of the procurement exercise",
        max_length=60,
        help_text="For example, the Find a Tender notice number.",
        error_messages=required("Enter the reference of the procurement exercise"),
    )

    def clean_started_on(self):
        started = self.cleaned_data["started_on"]
        if started > timezone.localdate():
            raise forms.ValidationError(
                "The date the procurement exercise started must be today or in the past"
            )
        return started


class CloseForm(GovukFormMixin, forms.Form):
    result = forms.ChoiceField(
        label="What was the outcome of the procurement exercise?",
        choices=ProcurementResult.choices,
        widget=forms.RadioSelect,
        error_messages=required("Select the outcome of the procurement exercise"),
    )


class ExpectedDecisionForm(GovukFormMixin, forms.Form):
    """Localism Act 2011 s.84(6)-(7): the period within which the authority expects to notify
    its decision, told to the body in writing within 30 days."""

    period = forms.CharField(
        label="When can the body expect the decision?",
        max_length=300,
        help_text="For example: within 12 weeks of receipt, by 30 June 2027. It is sent to the "
        "body in writing and shown on the case.",
        error_messages=required("Enter when the body can expect the decision"),
    )


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(required=False)
    service = forms.ChoiceField(required=False)
    officer = forms.ChoiceField(required=False)
    overdue = forms.BooleanField(required=False)


class RecommendationForm(GovukFormMixin, forms.Form):
    """The officer's assessment and recommendation (challenges.sign_off): a report, each statutory
    ground considered, the well-being consideration (s.83(8)), the outcome recommended, and who
    decides: a named decision maker or a committee."""

    APPLIES = [("yes", "Applies"), ("no", "Does not apply")]

    report = forms.CharField(
        label="Assessment report",
        widget=textarea(10),
        help_text="Your assessment of the expression of interest, for the decision maker.",
        error_messages=required("Enter your assessment report"),
    )
    wellbeing = forms.CharField(
        label=DecisionForm.WELLBEING_LABEL,
        help_text="Localism Act 2011 s.83(8) requires this consideration for every decision.",
        widget=textarea(5),
        error_messages=required(WELLBEING_MISSING),
    )
    outcome = forms.ChoiceField(
        label="What do you recommend?",
        choices=[
            (Outcome.ACCEPTED, "Accept the challenge"),
            (Outcome.MODIFIED, "Accept it with a modification, if the body agrees"),
            (Outcome.REJECTED, "Reject the challenge"),
        ],
        widget=forms.RadioSelect,
        error_messages=required("Select the outcome you recommend"),
    )
    modification_terms = forms.CharField(
        label="The modification you recommend",
        widget=textarea(4),
        required=False,
        help_text="Only when you recommend a modification.",
    )
    route = forms.ChoiceField(
        label="Who will decide?",
        choices=[
            ("delegated", "A named decision maker, under delegated authority"),
            ("committee", "A committee"),
        ],
        widget=forms.RadioSelect,
        error_messages=required("Select a named decision maker or a committee"),
    )
    decision_maker = forms.ModelChoiceField(
        label="Decision maker",
        queryset=None,
        required=False,
        empty_label=None,
        help_text="For a decision under delegated authority.",
    )
    committee = forms.CharField(
        label="Committee", max_length=160, required=False, help_text="For example, Executive."
    )

    def __init__(self, *args, decision_makers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_maker"].queryset = decision_makers
        self.fields["decision_maker"].label_from_instance = lambda u: u.get_full_name()
        for n, (slug, label) in enumerate(law.REJECTION_GROUNDS, start=1):
            self.fields[f"ground_{slug}"] = forms.ChoiceField(
                label=f"Ground {n}: {label}",
                choices=self.APPLIES,
                widget=forms.RadioSelect,
                error_messages=required(f"Select whether ground {n} applies or not"),
            )
            self.fields[f"ground_{slug}_reasons"] = forms.CharField(
                label=f"Your reasons on ground {n}",
                widget=textarea(3),
                required=False,
                help_text="Needed where the ground applies.",
            )

    def ground_fields(self):
        """(choice, reasons) bound fields for each ground, in the Schedule's order."""
        return [
            (self[f"ground_{slug}"], self[f"ground_{slug}_reasons"])
            for slug, _ in law.REJECTION_GROUNDS
        ]

    def transition_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "report": data["report"],
            "wellbeing": data["wellbeing"],
            "outcome": data["outcome"],
            "modification_terms": data.get("modification_terms", ""),
            "route": data["route"],
            "decision_maker": data.get("decision_maker"),
            "committee": data.get("committee", ""),
            "grounds_considered": {
                slug: {
                    "applies": data[f"ground_{slug}"] == "yes",
                    "reasons": (data.get(f"ground_{slug}_reasons") or "").strip(),
                }
                for slug, _ in law.REJECTION_GROUNDS
            },
        }


class ReferBackForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why are you referring the recommendation back?",
        widget=textarea(4),
        error_messages=required("Enter why you are referring the recommendation back"),
    )


class EligibilityForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why are you satisfied that the body may challenge?",
        widget=textarea(4),
        help_text="Localism Act 2011 s.81(6). For a group of employees: that its members are "
        "your authority's employees. Kept in the audit trail.",
        error_messages=required("Enter why you are satisfied that the body may challenge"),
    )


class DelegationRuleForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        from .models import DelegationRule

        model = DelegationRule
        fields = [
            "authority",
            "decided_by",
            "title",
            "may_accept",
            "may_modify",
            "may_reject",
            "reference",
        ]
        widgets = {"decided_by": forms.RadioSelect}

    def __init__(self, *args, authorities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        self.fields["authority"].empty_label = None
        self.fields["authority"].error_messages["required"] = "Select the council this line is for"
        self.fields["decided_by"].error_messages["required"] = (
            "Select whether a named post or a committee decides under this line"
        )
        self.fields["title"].error_messages["required"] = (
            "Enter the post or the committee, for example Director of Children's Services"
        )
        self.fields["reference"].error_messages["required"] = (
            "Enter where the power comes from, for example the constitution's paragraph"
        )

    def clean(self):
        data = super().clean()
        if not (data.get("may_accept") or data.get("may_modify") or data.get("may_reject")):
            raise forms.ValidationError("Select at least one outcome this line lets them decide")
        return data
