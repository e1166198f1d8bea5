"""The offer's forms: making an offer (one page, with an error summary), an addressee's meeting
and answer, a withdrawal, and a body's response standard. They only validate: every write goes
through offers.workflow (portal.workflow.act and perform)."""

from django import forms
from django.db.models import Q

from offers.models import CONFIDENTIAL_CHOICES, ResponseStandard
from portal import law
from portal.forms import required
from portal.models import Authority, NhsBody, Organisation, ServiceSpecificationPage
from procurement.forms import Form, date_field, textarea

# The registered organisations an offer may be made to, besides authorities and NHS bodies.
PARTNER_BODY_TYPES = ("public_body", "nhs_body")

CONTENT_HINTS = {
    "evidence": "Genuine innovation may not have a large evidence base yet: say what there is "
    "(a pilot, comparable sites) and how it would be evaluated here.",
    "costs": "Who pays for what, and for how long.",
    "partners_involved": "Other organisations in the offer, and what each does.",
}


def _content_field(slug, label):
    return forms.CharField(
        label=label,
        widget=textarea(4),
        help_text=CONTENT_HINTS.get(slug, ""),
        error_messages=required(f"Enter {label[0].lower()}{label[1:]}"),
    )


class OfferForm(Form):
    context_keys = ("organisations",)

    organisation = forms.ModelChoiceField(
        label="Which organisation is making the offer?",
        queryset=Organisation.objects.none(),
        error_messages=required("Select the organisation making the offer"),
    )
    offeror_type = forms.ChoiceField(
        label="What kind of organisation is it?",
        choices=law.OFFEROR_TYPE_CHOICES,
        widget=forms.RadioSelect,
        error_messages=required("Select the kind of organisation making the offer"),
    )
    sector = forms.ChoiceField(
        label="For a consortium: the sector of its lead member",
        choices=[("", "Not a consortium"), *law.OFFER_SECTORS],
        required=False,
    )
    title = forms.CharField(
        label="Title of the offer",
        max_length=200,
        error_messages=required("Enter a title for the offer"),
    )
    summary = forms.CharField(
        label="Summary for the public",
        widget=textarea(3),
        help_text="Shown on the public page. Keep anything commercially confidential out of it.",
        error_messages=required("Enter a summary of the offer for the public"),
    )
    service = forms.ModelChoiceField(
        label="A published service it is about",
        queryset=ServiceSpecificationPage.objects.none(),
        required=False,
    )
    area_of_need = forms.CharField(
        label="Or the area of need, in your own words",
        max_length=200,
        required=False,
        help_text="For example: edge-of-care support for teenagers.",
    )
    authority = forms.ModelChoiceField(
        label="The authority the offer is made to",
        queryset=Authority.objects.all(),
        error_messages=required("Select the authority the offer is made to"),
    )
    other_authorities = forms.ModelMultipleChoiceField(
        label="Other authorities it is made to jointly",
        queryset=Authority.objects.all(),
        required=False,
        help_text="Neighbouring councils for a shared service, for example.",
    )
    nhs_bodies = forms.ModelMultipleChoiceField(
        label="NHS bodies it is made to",
        queryset=NhsBody.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    partners = forms.ModelMultipleChoiceField(
        label="Other partners it is made to",
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Public partners registered here, such as a police force.",
    )
    problem = _content_field("problem", dict(law.OFFER_CONTENTS)["problem"])
    proposed_change = _content_field("proposed_change", dict(law.OFFER_CONTENTS)["proposed_change"])
    evidence = _content_field("evidence", dict(law.OFFER_CONTENTS)["evidence"])
    evidence_kinds = forms.MultipleChoiceField(
        label="What kind of evidence is it?",
        choices=law.OFFER_EVIDENCE_KINDS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    outcomes = _content_field("outcomes", dict(law.OFFER_CONTENTS)["outcomes"])
    costs = _content_field("costs", dict(law.OFFER_CONTENTS)["costs"])
    safeguarding = _content_field("safeguarding", dict(law.OFFER_CONTENTS)["safeguarding"])
    data_protection = _content_field("data_protection", dict(law.OFFER_CONTENTS)["data_protection"])
    partners_involved = _content_field(
        "partners_involved", dict(law.OFFER_CONTENTS)["partners_involved"]
    )
    confidential_fields = forms.MultipleChoiceField(
        label="Which parts are commercially confidential?",
        choices=CONFIDENTIAL_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="They are never shown on the public page or in search; the bodies you make "
        f"the offer to see them ({law.OFFER_CONFIDENTIALITY_SOURCE}).",
    )
    confidential_reasons = forms.CharField(
        label="Why would publishing them harm your commercial interests?",
        widget=textarea(3),
        required=False,
    )
    understands_not_statutory = forms.BooleanField(
        label="I understand that this offer is not a statutory challenge under the Localism Act "
        "2011 s.81 and gives no statutory right",
        error_messages=required(
            "Confirm that you understand this offer is not a statutory challenge"
        ),
    )

    def setup_fields(self, organisations):
        self.fields["organisation"].queryset = organisations
        self.fields["service"].queryset = ServiceSpecificationPage.objects.live().order_by("title")
        # Public partners registered here (a police force), and any that published a standard.
        self.fields["partners"].queryset = Organisation.objects.filter(
            Q(body_type__in=PARTNER_BODY_TYPES)
            | Q(
                pk__in=ResponseStandard.objects.exclude(organisation=None).values("organisation_id")
            )
        )

    def clean(self):
        data = super().clean()
        if data.get("offeror_type") == "consortium" and not data.get("sector"):
            self.add_error("sector", "Select the sector of the consortium's lead member")
        if not data.get("service") and not (data.get("area_of_need") or "").strip():
            self.add_error(
                "area_of_need", "Choose a published service or describe the area of need"
            )
        if data.get("confidential_fields") and not (data.get("confidential_reasons") or "").strip():
            self.add_error(
                "confidential_reasons",
                "Give the reasons the parts you marked are commercially confidential",
            )
        return data

    def submission(self) -> dict:
        """The keyword arguments of offers.workflow.submit."""
        data = dict(self.cleaned_data)
        authorities = [data.pop("authority")] + [
            a for a in data.pop("other_authorities") if a != self.cleaned_data["authority"]
        ]
        addressees = [{"authority": a} for a in authorities]
        addressees += [{"nhs_body": n} for n in data.pop("nhs_bodies")]
        addressees += [{"organisation": o} for o in data.pop("partners")]
        return {"organisation": data.pop("organisation"), "addressees": addressees, **data}


class MeetingForm(Form):
    held_on = date_field("Date of the meeting", "Enter the date of the meeting")
    attendees = forms.CharField(
        label="Who took part (roles, not names)",
        max_length=300,
        error_messages=required("Enter who took part, by role"),
    )
    summary = forms.CharField(label="What was discussed", widget=textarea(4), required=False)


class AnswerForm(Form):
    outcome = forms.ChoiceField(
        label="Your answer",
        choices=law.OFFER_OUTCOMES,
        widget=forms.RadioSelect,
        error_messages=required("Select the answer"),
    )
    route = forms.ChoiceField(
        label="If taken forward: into what?",
        choices=[("", "Choose"), *law.OFFER_ROUTES],
        required=False,
    )
    next_step = forms.CharField(
        label="What follows, as a reference or an address",
        max_length=300,
        required=False,
    )
    criteria = forms.MultipleChoiceField(
        label="If not taken forward: the published criteria it does not meet",
        choices=law.OFFER_CRITERIA,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    referred_to = forms.CharField(
        label="If referred: the body it is referred to", max_length=200, required=False
    )
    reasons = forms.CharField(
        label="Your reasons (published)",
        widget=textarea(6),
        error_messages=required("Enter the reasons for the answer"),
    )
    fair_competition_steps = forms.CharField(
        label="For market engagement or a procurement: the steps taken so that the offeror gains "
        "no unfair advantage",
        widget=textarea(4),
        required=False,
        help_text=law.OFFER_FAIR_COMPETITION_SOURCE,
    )
    supplier_summary = forms.CharField(
        label="For market engagement or a procurement: the summary published to all suppliers",
        widget=textarea(4),
        required=False,
        help_text="A preliminary market engagement notice (UK2) where the Act applies (s.17).",
    )
    answering_role = forms.CharField(
        label="The role that answers (when no standard names one)", max_length=200, required=False
    )

    def clean(self):
        """The machine's conditions (offers.workflow.reasoned_answer, fair_competition), shown
        beside their fields."""
        data = super().clean()
        outcome, route = data.get("outcome"), data.get("route")
        if outcome == "taken_forward" and not route:
            self.add_error("route", "Select what the offer is taken forward into")
        if outcome == "not_taken_forward" and not data.get("criteria"):
            self.add_error("criteria", "Select the published criteria the offer does not meet")
        if outcome == "referred" and not (data.get("referred_to") or "").strip():
            self.add_error("referred_to", "Enter the body the offer is referred to")
        if outcome == "taken_forward" and route in law.OFFER_FAIR_COMPETITION_ROUTES:
            if not (data.get("fair_competition_steps") or "").strip():
                self.add_error(
                    "fair_competition_steps",
                    "Record the steps taken so that the offeror gains no unfair advantage",
                )
            if not (data.get("supplier_summary") or "").strip():
                self.add_error("supplier_summary", "Enter the summary published to all suppliers")
        return data


class WithdrawForm(Form):
    reason = forms.CharField(
        label="Why are you withdrawing the offer?",
        widget=textarea(3),
        error_messages=required("Enter the reason"),
    )


class StandardForm(Form):
    """A new version of a body's response standard (the old ones stay, with their dates)."""

    context_keys = ("bodies",)

    body = forms.ChoiceField(label="For", error_messages=required("Select the body"))
    acknowledge_days = forms.IntegerField(
        label="Working days to acknowledge an offer",
        min_value=1,
        max_value=60,
        error_messages=required("Enter the working days to acknowledge an offer"),
    )
    answer_days = forms.IntegerField(
        label="Working days to give a reasoned answer",
        min_value=1,
        max_value=250,
        error_messages=required("Enter the working days to give a reasoned answer"),
    )
    answering_role = forms.CharField(
        label="The role that answers (a job title, not a name)",
        max_length=200,
        error_messages=required("Enter the role that answers"),
    )
    takes_effect_on = date_field("Takes effect on", "Enter the date it takes effect")

    def setup_fields(self, bodies):
        self.bodies = bodies
        self.fields["body"].choices = [(key, name) for key, (name, _) in bodies.items()]

    def clean(self):
        data = super().clean()
        ack, answer = data.get("acknowledge_days"), data.get("answer_days")
        if ack and answer and answer < ack:
            self.add_error("answer_days", "The answer cannot be due before the acknowledgement")
        return data

    def make(self, user) -> ResponseStandard:
        data = self.cleaned_data
        _, body = self.bodies[data["body"]]
        return ResponseStandard.objects.create(
            **body,
            acknowledge_days=data["acknowledge_days"],
            answer_days=data["answer_days"],
            answering_role=data["answering_role"].strip(),
            takes_effect_on=data["takes_effect_on"],
            published_by=user,
        )
