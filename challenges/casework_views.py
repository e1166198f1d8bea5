"""Officers' case work: the queue of their authorities' cases, the case with its statutory clock,
clarifications, modification, the decision, and what follows acceptance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal import audit, permissions, roles
from portal.forms import posted
from portal.models import Role, ServiceSpecificationPage, User
from portal.params import object_id
from portal.workflow import Refused, act, allowed, available, perform

from . import casework_export, decision_check, eligibility, evidence, sign_off, workflow
from .forms import (
    AgreementForm,
    ClarificationForm,
    CloseForm,
    DecisionForm,
    DelegationRuleForm,
    EligibilityForm,
    ExpectedDecisionForm,
    ModificationForm,
    ProcurementStartForm,
    RecommendationForm,
    ReferBackForm,
)
from .models import AWAITING_DECISION, Challenge, DelegationRule, State

PAGE_SIZE = 25


def _staff_only(request):
    if not permissions.is_staff_anywhere(request.user):
        raise PermissionDenied


def _case(request, pk) -> Challenge:
    _staff_only(request)
    return get_object_or_404(
        Challenge.objects.for_officer(request.user).select_related(
            "service", "authority", "organisation", "assessing_officer"
        ),
        pk=pk,
    )


@login_required
def queue(request):
    _staff_only(request)
    cases = Challenge.objects.for_officer(request.user).select_related(
        "service", "authority", "organisation", "assessing_officer"
    )
    services = ServiceSpecificationPage.objects.filter(pk__in=cases.values("service_id")).order_by(
        "title"
    )
    officers = User.objects.filter(pk__in=cases.values("assessing_officer_id")).order_by(
        "last_name", "first_name"
    )
    state = request.GET.get("state", "")
    service = request.GET.get("service", "")
    officer = request.GET.get("officer", "")
    overdue = request.GET.get("overdue") == "yes"
    if state in State.values:
        cases = cases.filter(state=state)
    if object_id(service):
        cases = cases.filter(service_id=object_id(service))
    if officer == "none":
        cases = cases.filter(assessing_officer=None)
    elif object_id(officer):
        cases = cases.filter(assessing_officer_id=object_id(officer))
    if overdue:
        cases = cases.overdue()
    cases = cases.order_by("decision_due", "received_at")
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "challenges/casework/queue.html",
        {
            "page_obj": page,
            "states": [(v, label) for v, label in State.choices if v != State.DRAFT],
            "services": services,
            "officers": officers,
            "selected": {"state": state, "service": service, "officer": officer},
            "overdue": overdue,
            "today": timezone.localdate(),
            "heading": _queue_heading(request.user),
        },
    )


def _queue_heading(user) -> str:
    """What the queue holds for this person: a decision maker decides; an officer assesses."""
    if permissions.is_site_admin(user) or permissions.authority_ids(user, (Role.DECISION_MAKER,)):
        return "Challenges to assess and decide"
    if permissions.authority_ids(user, (Role.OFFICER,)):
        return "Challenges to assess"
    return "Challenges to your authorities"


@login_required
def export(request):
    """The queue and its decisions for a period, as CSV or a spreadsheet (committee reports)."""
    _staff_only(request)
    submitted = any(name.startswith(("start", "end", "format")) for name in request.GET)
    form = casework_export.ExportForm(request.GET if submitted else None)
    if form.is_valid():
        data = form.cleaned_data
        cases = Challenge.objects.for_officer(request.user)
        return casework_export.download(cases, data["start"], data["end"], data["format"])
    return render(request, "challenges/casework/export.html", {"form": form})


@login_required
def case(request, pk):
    challenge = _case(request, pk)
    can = set(available("challenge", challenge, request.user))
    # Whether the person decides for a partner authority (their roles read once, not once a
    # partner): the same answer as permissions.is_decision_maker for any partner.
    partner_ids = challenge.partner_ids
    partner_dm = (
        challenge.state in (State.SUBMITTED, State.UNDER_ASSESSMENT)
        and bool(partner_ids)
        and (
            bool(permissions.authority_ids(request.user, (Role.DECISION_MAKER,)) & set(partner_ids))
            or permissions.is_site_admin(request.user)
        )
    )
    return render(
        request,
        "challenges/casework/case.html",
        {
            "challenge": challenge,
            "can": can,
            "partner_dm": partner_dm,
            # opening an exercise is for the officers of the service's own authority
            "opens_exercises": permissions.is_officer(request.user, challenge.service.authority_id),
            "thread": challenge.messages.select_related("author"),
            "events": audit.events_for(challenge),
            "agreements": challenge.agreements.select_related("authority"),
            "partners": challenge.partners.all(),
            "awaiting_decision": challenge.state in AWAITING_DECISION,
            "agreement_form": AgreementForm(),
            "documents": evidence.for_challenge(challenge),
            "letter_document": evidence.decision_letter(challenge),
            "recommendation": sign_off.recommendation_of(challenge),
            "signature": sign_off.signature(challenge) if challenge.outcome else None,
            "eligibility": eligibility.of(challenge.organisation),
            "eligibility_text": eligibility.described(challenge.organisation),
            "eligibility_form": EligibilityForm(),
            "eligibility_actions": {
                name
                for name in ("check_eligibility", "confirm_eligibility")
                if challenge.state in workflow.ELIGIBILITY_STATES
                and workflow.is_case_officer(challenge, request.user)
            },
        },
    )


@login_required
@require_POST
def start_assessment(request, pk):
    challenge = _case(request, pk)
    try:
        perform("challenge", challenge, "start_assessment", request.user)
    except Refused as refused:
        for problem in refused.problems:
            messages.error(request, problem)
    else:
        messages.success(request, "You are assessing this challenge")
    return redirect("challenges:casework-case", pk=challenge.pk)


def _action(request, pk, name, form_class, template, success, kwargs_from=None):
    challenge = _case(request, pk)
    form = form_class(posted(request))
    if request.method == "POST" and form.is_valid():
        kwargs = kwargs_from(form.cleaned_data) if kwargs_from else dict(form.cleaned_data)
        action = kwargs.pop("_name", name)
        try:
            perform("challenge", challenge, action, request.user, **kwargs)
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, success(challenge) if callable(success) else success)
            return redirect("challenges:casework-case", pk=challenge.pk)
    return render(
        request,
        f"challenges/casework/{template}.html",
        {
            "challenge": challenge,
            "form": form,
            "allowed": allowed("challenge", challenge, name, request.user),
        },
    )


@login_required
def clarify(request, pk):
    return _action(
        request,
        pk,
        "request_clarification",
        ClarificationForm,
        "clarify",
        "Your request for clarification is sent to the body",
    )


@login_required
def decide(request, pk):
    """The decision's questions; nothing is recorded here: valid answers go to the check page."""
    challenge = _case(request, pk)
    key = decision_check.SESSION_KEY.format(pk=challenge.pk)
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            name, kwargs = form.transition()
            # The workflow's own rule on ground 5, asked now so that the confirmation is given
            # on this page (perform() applies it again when the decision is recorded).
            nhs = workflow.nhs_ground_problems(
                challenge.service, kwargs.get("grounds"), kwargs.get("nhs_ground_confirmed")
            )
            if not allowed("challenge", challenge, name, request.user):  # say so now
                form.add_error(
                    None,
                    f"Only a decision maker of {challenge.authority.nice_name} can decide this "
                    "challenge, while it is under assessment",
                )
            elif nhs:
                form.add_error(form.nhs_confirmation_field(), nhs)
            else:
                request.session[key] = form.answers()
                return redirect("challenges:casework-decide-check", pk=challenge.pk)
    else:
        form = DecisionForm(initial=request.session.get(key))  # "Change" keeps the answers
    return render(
        request,
        "challenges/casework/decide.html",
        {
            "challenge": challenge,
            "form": form,
            "recommendation": sign_off.recommendation_of(challenge),
            "allowed": allowed("challenge", challenge, "accept", request.user),
        },
    )


@login_required
def decide_check(request, pk):
    """Check the draft letter and the register entry (GET), then confirm (POST): only then is the
    decision recorded, through the workflow, once."""
    challenge = _case(request, pk)
    key = decision_check.SESSION_KEY.format(pk=challenge.pk)
    form = DecisionForm(request.session.get(key))
    if key not in request.session or not form.is_valid():
        messages.error(request, "Answer the questions about the decision first")
        return redirect("challenges:casework-decide", pk=challenge.pk)
    name, kwargs = form.transition()
    if request.method == "POST":
        try:
            perform("challenge", challenge, name, request.user, **kwargs)
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
            challenge = _case(request, pk)
        else:
            del request.session[key]
            messages.success(request, DECIDED_MESSAGES[name])
            return redirect("challenges:casework-case", pk=challenge.pk)
    draft = decision_check.preview(challenge, name, kwargs, request.user)
    return render(
        request,
        "challenges/casework/decide_check.html",
        {
            "challenge": challenge,
            "draft": draft,
            "transition": name,
            "form": form,
            "answers": form.cleaned_data,
            "partners": list(challenge.partner_authorities),
            "agreements": challenge.agreements.select_related("authority"),
            "allowed": allowed("challenge", challenge, name, request.user),
        },
    )


DECIDED_MESSAGES = {
    "accept": "The challenge is accepted; the decision letter is sent",
    "reject": "The challenge is rejected; the decision letter is sent",
    "propose_modification": "The modification is proposed to the body, which must agree to it",
}


@login_required
def modify(request, pk):
    return _action(
        request,
        pk,
        "propose_modification",
        ModificationForm,
        "modify",
        "The modification is proposed to the body, which must agree to it",
    )


@login_required
def procurement(request, pk):
    return _action(
        request,
        pk,
        "start_procurement",
        ProcurementStartForm,
        "procurement",
        "The start of the procurement exercise is recorded",
    )


@login_required
def expected_decision(request, pk):
    """s.84(6)-(7): tell the body when to expect the decision (an action: the state stays)."""
    challenge = _case(request, pk)
    form = ExpectedDecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            act(
                "challenge",
                challenge,
                "notify_expected_decision",
                request.user,
                period=form.cleaned_data["period"],
            )
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, "The body is told when to expect the decision")
            return redirect("challenges:casework-case", pk=challenge.pk)
    return render(
        request,
        "challenges/casework/expected_decision.html",
        {
            "challenge": challenge,
            "form": form,
            "allowed": challenge.expected_decision_notice_pending,
        },
    )


@login_required
def close(request, pk):
    return _action(
        request, pk, "close", CloseForm, "close", "The outcome is recorded and the case is closed"
    )


@login_required
@require_POST
def agreement(request, pk):
    challenge = _case(request, pk)
    form = AgreementForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Select the decision your authority agrees to")
    else:
        try:
            recorded = workflow.record_agreement(
                challenge, request.user, form.cleaned_data["outcome"]
            )
        except Refused as refused:
            for problem in refused.problems:
                messages.error(request, problem)
        else:
            messages.success(request, f"{recorded.authority.nice_name}'s agreement is recorded")
    return redirect("challenges:casework-case", pk=challenge.pk)


@login_required
def recommend(request, pk):
    """The officer's assessment and recommendation, for a named decision maker or a committee."""
    challenge = _case(request, pk)
    makers = sign_off.eligible_decision_makers(challenge.authority)
    form = RecommendationForm(posted(request), decision_makers=makers)
    if request.method == "POST" and form.is_valid():
        try:
            perform("challenge", challenge, "recommend", request.user, **form.transition_kwargs())
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, "Your recommendation is sent for decision")
            return redirect("challenges:casework-case", pk=challenge.pk)
    return render(
        request,
        "challenges/casework/recommend.html",
        {
            "challenge": challenge,
            "form": form,
            "rules": DelegationRule.objects.filter(authority=challenge.authority),
            "allowed": allowed("challenge", challenge, "recommend", request.user),
        },
    )


@login_required
def refer_back(request, pk):
    return _action(
        request,
        pk,
        "refer_back",
        ReferBackForm,
        "refer_back",
        "The recommendation is referred back to the officer",
    )


@login_required
def eligibility_confirm(request, pk):
    """An officer confirms by hand that the body may challenge (an employee group's employer)."""
    challenge = _case(request, pk)
    form = EligibilityForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            act("challenge", challenge, "confirm_eligibility", request.user, **form.cleaned_data)
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, f"{challenge.organisation.name}'s eligibility is confirmed")
            return redirect("challenges:casework-case", pk=challenge.pk)
    return render(
        request,
        "challenges/casework/eligibility.html",
        {
            "challenge": challenge,
            "form": form,
            "eligibility_text": eligibility.described(challenge.organisation),
            "allowed": challenge.state in workflow.ELIGIBILITY_STATES
            and workflow.is_case_officer(challenge, request.user),
        },
    )


@login_required
@require_POST
def eligibility_check(request, pk):
    challenge = _case(request, pk)
    try:
        found = act("challenge", challenge, "check_eligibility", request.user)
    except Refused as refused:
        for problem in refused.problems:
            messages.error(request, problem)
    else:
        if found.is_confirmed:
            messages.success(request, "The registers confirm that the body may challenge")
        else:
            messages.success(request, "The registers do not confirm the body: see why below")
    return redirect("challenges:casework-case", pk=challenge.pk)


def _administered(request):
    """The authorities whose scheme of delegation the person keeps (admins; site admins: all)."""
    if permissions.is_site_admin(request.user):
        from portal.models import Authority

        return Authority.objects.order_by("nice_name")
    authorities = permissions.authorities(request.user, (roles.AUTHORITY_ADMIN,))
    if not authorities.exists():
        raise PermissionDenied
    return authorities.order_by("nice_name")


@login_required
def delegation(request):
    """The scheme of delegation of the authorities the person administers."""
    authorities = _administered(request)
    form = DelegationRuleForm(posted(request), authorities=authorities)
    if request.method == "POST" and form.is_valid():
        rule = form.save()
        _audit_rule(request, rule, "delegation_rule_added")
        messages.success(request, f"The scheme of {rule.authority.nice_name} now includes {rule}")
        return redirect("challenges:delegation")
    # A site admin sees the schemes recorded (every authority would be a long page of blanks).
    if permissions.is_site_admin(request.user):
        authorities = authorities.filter(delegation_rules__isnull=False).distinct()
    by_authority = {a.pk: (a, []) for a in authorities}
    for rule in DelegationRule.objects.filter(authority__in=authorities):
        by_authority[rule.authority_id][1].append(rule)
    return render(
        request,
        "challenges/casework/delegation.html",
        {"form": form, "schemes": list(by_authority.values())},
    )


@login_required
@require_POST
def delegation_remove(request, pk):
    rule = get_object_or_404(DelegationRule, pk=pk, authority__in=_administered(request))
    _audit_rule(request, rule, "delegation_rule_removed")
    messages.success(request, f"{rule} is removed from the scheme of delegation")
    rule.delete()
    return redirect("challenges:delegation")


def _audit_rule(request, rule, name: str) -> None:
    role = roles.SITE_ADMIN if permissions.is_site_admin(request.user) else roles.AUTHORITY_ADMIN
    audit.record(
        rule,
        transition=name,
        from_state="",
        to_state="",
        actor=request.user,
        role=role,
        changes={
            "authority": rule.authority.code,
            "decided_by": rule.decided_by,
            "title": rule.title,
            "outcomes": rule.outcomes_label,
            "reference": rule.reference,
        },
    )
