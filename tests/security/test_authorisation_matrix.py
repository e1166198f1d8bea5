"""The authorisation matrix (issue 10, item 7): every named URL the resolver knows × every role ×
an object of the role's own authority or organisation and one of another, on the demo's data.

Who may see a page is computed by the permission module (portal/permissions.py, and the
querysets scoped by it) for that user and that object; the page must then answer: allowed →
200, or a 302 that is not to sign-in; refused → a 302 to sign-in for anonymous, 403 or 404 for
anyone else. POST-only addresses answer 405 to a signed-in GET. A URL found by the walk with no
row in MATRIX fails `test_every_url_has_a_row`. The workflow transitions are POSTed by every role
to another authority's objects: each must be refused, with the state unchanged and no audit event.
"""

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.urls import reverse

from challenges.forms import SECTIONS
from challenges.models import Challenge, State
from documents import stored as documents
from documents.models import StoredDocument
from portal import permissions
from portal.models import AuditEvent, Authority, Membership, Organisation, User
from portal.models.pages import ServiceSpecificationPage
from procurement import agreement_workflow, attachments
from procurement.models import ExpressionOfInterest, ProcurementExercise, TransferAgreement
from tests.documents import samples
from tests.security.demo_world import ROLE_ACCOUNTS, clients_by_role, demo_data
from tests.security.url_walk import routes

anyone = lambda user, obj: True  # noqa: E731
signed_in = lambda user, obj: user is not None  # noqa: E731
staff = lambda user, obj: permissions.is_staff_anywhere(user)  # noqa: E731
site_admin = lambda user, obj: permissions.is_site_admin(user)  # noqa: E731
member = lambda user, obj: permissions.is_member(user, obj.organisation_id)  # noqa: E731


def casework(user, challenge):
    """Challenge.objects.for_officer: a case of the user's authorities (not a draft)."""
    return staff(user, None) and permissions.is_officer(user, challenge.authority_id)


def exercise_officer(user, exercise):
    return staff(user, None) and permissions.is_officer(user, exercise.authority_id)


def interest_viewer(user, interest):
    officer = interest.state != "draft" and permissions.is_officer(
        user, interest.exercise.authority_id
    )
    return member(user, interest) or officer


def agreement_viewer(user, agreement):
    """procurement.agreement_views._visible: the lead's or a party's staff, a party's NHS body."""
    authorities = {
        agreement.lead_authority_id,
        *agreement.parties.values_list("authority", flat=True),
    }
    bodies = set(agreement.parties.values_list("nhs_body", flat=True))
    officer = staff(user, None) and any(permissions.is_officer(user, a) for a in authorities if a)
    return officer or bool(bodies & permissions.nhs_body_ids(user))


def organisation_viewer(user, organisation):
    return permissions.is_member(user, organisation) or permissions.is_site_admin(user)


def document_viewer(user, document):
    return permissions.can_view_document(user, document)


@dataclass(frozen=True)
class Row:
    allowed: Callable  # (user or None, object) → bool, from the permission module
    args: Callable | None = None  # (demo, object) → URL kwargs or args; None: no arguments
    objects: str | None = None  # the demo attribute holding {"own": obj, "other": obj}
    post_only: bool = False  # a signed-in GET answers 405
    state_bound: bool = False  # an allowed user may get 404/302 when the object's state forbids
    login: bool = True  # anonymous is sent to sign in when refused


pk = lambda demo, obj: {"pk": obj.pk}  # noqa: E731
ref = lambda demo, obj: {"reference": obj.reference}  # noqa: E731
slug = lambda demo, obj: {"slug": obj.slug}  # noqa: E731

# URL name → row. Token links, sign-in and the public pages answer everybody alike.
MATRIX = {
    "healthz": Row(anyone, login=False),
    "readyz": Row(anyone, login=False),
    "cookies": Row(anyone, login=False),
    "privacy": Row(anyone, login=False),
    "accessibility": Row(anyone, login=False),
    "contact": Row(anyone, login=False),
    "feedback": Row(anyone, login=False),
    "service-status": Row(anyone, login=False),
    "open-data": Row(anyone, login=False),
    "account": Row(signed_in),
    "register": Row(anyone, login=False),
    "confirm-email": Row(
        anyone, lambda d, o: {"token": "not-a-token"}, state_bound=True, login=False
    ),
    "sign-in": Row(anyone, login=False),
    "sign-out": Row(signed_in, post_only=True),
    "password-reset": Row(anyone, login=False),
    "password-reset-confirm": Row(
        anyone, lambda d, o: {"uidb64": "MQ", "token": "x-y"}, state_bound=True, login=False
    ),
    "two-factor": Row(signed_in, state_bound=True),
    "two-factor-set-up": Row(signed_in, state_bound=True),
    "account-security": Row(site_admin),
    "account-security-unlock": Row(site_admin, post_only=True),
    "organisation-new": Row(signed_in),
    "organisation-join": Row(signed_in),
    "organisation": Row(organisation_viewer, slug, "organisations"),
    "organisation-documents": Row(
        lambda u, o: permissions.can_manage_organisation_documents(u, o), slug, "organisations"
    ),
    "organisation-document-delete": Row(
        lambda u, o: permissions.can_manage_organisation_documents(u, o.owner),
        lambda d, o: {"slug": o.owner.slug, "pk": o.pk},
        "organisation_documents",
        post_only=True,
    ),
    "membership-decide": Row(
        lambda u, o: permissions.is_organisation_admin(u, o.organisation),
        pk,
        "memberships",
        post_only=True,
    ),
    "notification-preferences": Row(signed_in),
    "follow-case": Row(
        signed_in,
        lambda d, o: {"content_type_id": d.challenge_type, "pk": o.pk},
        "cases",
        post_only=True,
    ),
    "tasks": Row(signed_in),
    "notifications": Row(signed_in),
    "notifications-read": Row(signed_in, post_only=True),
    "wagtaildocs_serve": Row(
        anyone, lambda d, o: [1, "missing.pdf"], state_bound=True, login=False
    ),
    "wagtaildocs_authenticate_with_password": Row(
        anyone, lambda d, o: {"restriction_id": 1}, state_bound=True, login=False
    ),
    "feeds-windows": Row(anyone, login=False),
    "document-download": Row(document_viewer, pk, "documents"),
    "search:search": Row(anyone, login=False),
    "search:suggest": Row(anyone, login=False),
    "search:feed": Row(anyone, login=False),
    "challenges:mine": Row(signed_in),
    "challenges:new": Row(signed_in, state_bound=True),
    "challenges:case": Row(member, pk, "drafts"),
    # the confirmation page after submitting: a draft (no reference yet) goes back to its case
    "challenges:submitted": Row(member, pk, "drafts", state_bound=True),
    "challenges:section": Row(
        member, lambda d, o: {"pk": o.pk, "slug": SECTIONS[0].slug}, "drafts", state_bound=True
    ),
    "challenges:partners": Row(member, pk, "drafts", state_bound=True),
    "challenges:partner-remove": Row(
        member, lambda d, o: {"pk": o.pk, "partner_pk": 1}, "drafts", post_only=True
    ),
    "challenges:document-remove": Row(
        member,
        lambda d, o: {"pk": o.pk, "document_pk": "00000000-0000-0000-0000-000000000000"},
        "drafts",
        post_only=True,
    ),
    "challenges:check": Row(member, pk, "drafts", state_bound=True),
    "challenges:withdraw": Row(member, pk, "drafts", state_bound=True),
    "challenges:answer": Row(member, pk, "drafts", state_bound=True),
    "challenges:modification": Row(member, pk, "drafts", state_bound=True),
    "challenges:casework": Row(staff),
    "challenges:casework-case": Row(casework, pk, "cases"),
    **{
        f"challenges:casework-{step}": Row(casework, pk, "cases", state_bound=True)
        for step in ("clarify", "decide", "decide-check", "modify", "procurement", "close")
    },
    **{
        f"challenges:casework-{step}": Row(casework, pk, "cases", post_only=True)
        for step in ("assess", "agreement")
    },
    "decisions:list": Row(anyone, login=False),
    "decisions:feed": Row(anyone, login=False),
    "decisions:detail": Row(anyone, ref, "decisions", login=False),
    "procurement:exercises": Row(staff),
    "procurement:exercise-new": Row(staff, state_bound=True),
    "procurement:exercise": Row(exercise_officer, ref, "exercises"),
    "procurement:exercise-action": Row(
        exercise_officer,
        lambda d, o: {"reference": o.reference, "name": "close_tender"},
        "exercises",
        state_bound=True,
    ),
    "procurement:assess": Row(
        lambda u, o: staff(u, o) and interest_viewer(u, o) and not member(u, o),
        pk,
        "submitted_interests",
        state_bound=True,
    ),
    "procurement:interests": Row(signed_in),
    "procurement:interest": Row(interest_viewer, pk, "interests"),
    # the confirmation page: a member sees it; staff who may see the interest go back to it
    "procurement:interest-submitted": Row(interest_viewer, pk, "interests", state_bound=True),
    "procurement:interest-withdraw": Row(member, pk, "interests", state_bound=True),
    "procurement:interest-start": Row(signed_in, ref, "exercises", post_only=True),
    "procurement:agreements": Row(lambda u, o: staff(u, o) or bool(permissions.nhs_body_ids(u))),
    "procurement:agreement-new": Row(staff, state_bound=True),
    "procurement:agreement": Row(agreement_viewer, ref, "agreements"),
    **{
        f"procurement:agreement-{page}": Row(agreement_viewer, ref, "agreements", state_bound=True)
        for page in ("terms", "party", "contribution", "staff", "approve")
    },
    "procurement:agreement-signed-copy": Row(
        lambda u, o: agreement_viewer(u, o) and attachments.may_upload_signed_copy(o, u),
        ref,
        "agreements",
        state_bound=True,
    ),
    "procurement:agreement-action": Row(
        agreement_viewer,
        lambda d, o: {"reference": o.reference, "name": "seek_approval"},
        "agreements",
        state_bound=True,
    ),
    "procurement-public:list": Row(anyone, login=False),
    "procurement-public:feed": Row(anyone, login=False),
    "procurement-public:ocds": Row(anyone, ref, "published_exercises", login=False),
    "procurement-public:exercise": Row(anyone, ref, "published_exercises", login=False),
    "agreements:list": Row(anyone, login=False),
    "agreements:detail": Row(anyone, ref, "published_agreements", login=False),
    # The open data API and bulk files (opendata/): public, read-only, no sign-in.
    "api-docs": Row(anyone, login=False),
    "api-v1:api-root": Row(anyone, login=False),
    "api-v1:openapi-json": Row(anyone, login=False),
    **{
        f"api-v1:list_{name}": Row(anyone, login=False)
        for name in ("authorities", "services", "decisions", "procurement", "agreements")
    },
    "api-v1:get_authorities": Row(
        anyone, lambda d, o: {"code": o.authority.code}, "services", login=False
    ),
    "api-v1:get_services": Row(anyone, lambda d, o: {"id": o.pk}, "services", login=False),
    "api-v1:get_decisions": Row(anyone, ref, "decisions", login=False),
    "api-v1:get_procurement": Row(anyone, ref, "published_exercises", login=False),
    "api-v1:release_package": Row(anyone, ref, "published_exercises", login=False),
    "api-v1:record_package": Row(anyone, ref, "published_exercises", login=False),
    "api-v1:get_agreements": Row(anyone, ref, "published_agreements", login=False),
    "api-v1:statistics_england": Row(anyone, login=False),
    "api-v1:statistics_authority": Row(
        anyone, lambda d, o: {"slug": o.authority.slug}, "services", login=False
    ),
    "bulk-data": Row(anyone, login=False),
    # The performance dashboard (dashboard/): public figures.
    "dashboard:england": Row(anyone, login=False),
    "dashboard:how-we-count": Row(anyone, login=False),
    "dashboard:league-csv": Row(anyone, login=False),
    "dashboard:england-csv": Row(anyone, lambda d, o: {"chart": "received-by-year"}, login=False),
    "dashboard:authority": Row(
        anyone, lambda d, o: {"slug": o.authority.slug}, "services", login=False
    ),
    "dashboard:authority-csv": Row(
        anyone,
        lambda d, o: {"slug": o.authority.slug, "chart": "received-by-year"},
        "services",
        login=False,
    ),
    "open-data-file": Row(  # 404 until the daily job has built the files
        anyone, lambda d, o: {"name": "services.csv.gz"}, state_bound=True, login=False
    ),
    "alerts:search": Row(anyone, login=False),
    "alerts:window": Row(anyone, lambda d, o: {"page_id": o.pk}, "services", login=False),
    "alerts:confirm": Row(anyone, lambda d, o: {"token": "x"}, state_bound=True, login=False),
    "alerts:unsubscribe": Row(anyone, lambda d, o: {"token": "x"}, state_bound=True, login=False),
    "wagtailcore_authenticate_with_password": Row(
        anyone,
        lambda d, o: {"page_view_restriction_id": 1, "page_id": 1},
        state_bound=True,
        login=False,
    ),
    "wagtailcore_login": Row(anyone, login=False),
    "wagtail_serve": Row(anyone, lambda d, o: [o.url.strip("/") + "/"], "services", login=False),
}


def _pair(queryset, own_filter, other_filter):
    own = queryset.filter(**own_filter).order_by("pk").first()
    other = queryset.exclude(**own_filter).filter(**other_filter).order_by("pk").first()
    assert own is not None and other is not None, queryset.model
    return {"own": own, "other": other}


def _demo():
    """The demo's objects by kind: "own" belongs to Trafford (the officers' authority) or to the
    provider's organisations, "other" to Manchester or an organisation the provider is not in."""
    from django.contrib.contenttypes.models import ContentType

    provider_orgs = Organisation.objects.filter(memberships__user__email=ROLE_ACCOUNTS["provider"])
    mine = {"organisation__in": provider_orgs}
    trf, man = {"authority__code": "TRF"}, {"authority__code": "MAN"}
    casework_states = Challenge.objects.exclude(state=State.DRAFT)
    published = ProcurementExercise.objects.published()
    shown = TransferAgreement.objects.published()
    for organisation in Organisation.objects.all():  # the demo uploads none: one each
        documents.store_bytes(
            samples.PDF,
            "constitution.pdf",
            owner=organisation,
            folder=f"organisation-{organisation.pk}",
            kind="organisation",
            title="Constitution",
        )
    org_docs = StoredDocument.objects.filter(owner_type__model="organisation")
    if not TransferAgreement.objects.exclude(lead_authority__code="TRF").exists():
        agreement_workflow.propose(  # the demo's agreements are all Trafford's
            User.objects.get(email="officer.manchester@demo.invalid"),
            lead_authority=Authority.objects.get(code="MAN"),
            title="Manchester pooled budget",
            agreement_type="pooled_fund",
        )
    challenge_documents = _pair(
        StoredDocument.objects.filter(owner_type__model="challenge"),
        {"owner_id__in": Challenge.objects.filter(**mine).values("pk")},
        {},
    )
    return SimpleNamespace(
        challenge_type=ContentType.objects.get_for_model(Challenge).pk,
        organisations=_pair(Organisation.objects.all(), {"pk__in": provider_orgs}, {}),
        organisation_documents=_pair(org_docs, {"owner_id__in": provider_orgs.values("pk")}, {}),
        memberships=_pair(Membership.objects.all(), mine, {}),
        drafts=_pair(Challenge.objects.all(), mine, {}),
        cases=_pair(casework_states.exclude(authority__code="MAN"), trf, {})
        | {"other": casework_states.filter(**man).order_by("pk").first()},
        documents=challenge_documents,
        decisions={"own": Challenge.objects.published().order_by("pk").first()}
        | {"other": Challenge.objects.published().order_by("-pk").first()},
        exercises=_pair(ProcurementExercise.objects.all(), trf, {}),
        submitted_interests=_pair(
            ExpressionOfInterest.objects.exclude(state="draft"),
            {"exercise__authority__code": "TRF"},
            {},
        ),
        interests=_pair(ExpressionOfInterest.objects.all(), mine, {}),
        agreements=_pair(TransferAgreement.objects.all(), {"lead_authority__code": "TRF"}, {}),
        published_exercises={"own": published.first(), "other": published.last()},
        published_agreements={"own": shown.first(), "other": shown.last()},
        services=_pair(ServiceSpecificationPage.objects.live(), {"authority__code": "TRF"}, {}),
    )


SIGN_IN = "/account/sign-in/"


def _verdict(row: Row, user, allowed: bool, response) -> str:
    """ "" when the answer fits the expectation, else what was wrong."""
    status, location = response.status_code, response.get("Location", "")
    to_sign_in = status == 302 and location.startswith(SIGN_IN)
    if status >= 500:
        return f"{status}"
    if allowed:
        if row.post_only:
            return "" if status == 405 else f"{status} where 405 (POST only)"
        if to_sign_in and user is not None or status == 403:
            return f"{status} {location} where allowed"
        if status == 404 and not row.state_bound:
            return "404 where allowed"
        return ""
    if user is None and row.login:
        return "" if to_sign_in else f"{status} {location} where sent to sign in"
    if row.post_only:
        return "" if status in (403, 404, 405) else f"{status} where refused"
    return "" if status in (403, 404) else f"{status} {location} where refused"


def _check_gets(demo, clients) -> dict[tuple[str, str], list[str]]:
    problems = {}
    for name, row in MATRIX.items():
        sides = getattr(demo, row.objects) if row.objects else {"own": None}
        for side, obj in sides.items():
            if obj is None:
                continue
            args = row.args(demo, obj) if row.args else {}
            address = reverse(
                name, **({"kwargs": args} if isinstance(args, dict) else {"args": args})
            )
            for role, (user, client) in clients.items():
                allowed = bool(row.allowed(user, obj))
                verdict = _verdict(row, user, allowed, client.get(address))
                if verdict:
                    problems.setdefault((role, name), []).append(f"{side} {address}: {verdict}")
    return problems


# The workflow transitions, POSTed to another authority's (or organisation's) object.
TRANSITIONS = [
    *[(f"challenges:casework-{step}", "cases", pk, casework)
      for step in ("assess", "clarify", "decide", "modify", "agreement", "procurement", "close")],
    ("challenges:withdraw", "drafts", pk, member),
    ("challenges:check", "drafts", pk, member),
    *[("procurement:exercise-action", "exercises",
       lambda d, o, n=n: {"reference": o.reference, "name": n}, exercise_officer)
      for n in ("begin_market_engagement", "open_tender", "close_tender")],
    ("procurement:assess", "submitted_interests", pk, lambda u, o: exercise_officer(u, o.exercise)),
    ("procurement:interest-withdraw", "interests", pk, member),
    *[(f"procurement:agreement-{page}", "agreements", ref, agreement_viewer)
      for page in ("terms", "party", "contribution", "staff", "approve")],
    *[("procurement:agreement-action", "agreements",
       lambda d, o, n=n: {"reference": o.reference, "name": n}, agreement_viewer)
      for n in ("start_consultation", "seek_approval")],
]  # fmt: skip


def _check_transitions(demo, clients) -> dict[tuple[str, str], list[str]]:
    problems = {}
    for name, kind, args, allowed in TRANSITIONS:
        obj = getattr(demo, kind)["other"]
        address = reverse(name, kwargs=args(demo, obj))
        for role, (user, client) in clients.items():
            if allowed(user, obj):
                continue  # Manchester's own staff, the site admin: allowed, not this test
            events = AuditEvent.objects.count()
            response = client.post(address, {"reason": "x", "decision": "accept", "confirm": "yes"})
            before = demo.states.get(kind)
            wrong = []
            if response.status_code not in (302, 403, 404, 405) or (
                response.status_code == 302
                and not (user is None and response["Location"].startswith(SIGN_IN))
            ):
                wrong.append(f"{response.status_code} {response.get('Location', '')}")
            after = type(obj).objects.filter(pk=obj.pk).values_list("state", flat=True).first()
            if before is not None and after != before:
                wrong.append(f"state {before} → {after}")
            if AuditEvent.objects.count() != events:
                wrong.append("an audit event was written")
            if wrong:
                problems.setdefault((role, name), []).append(f"{address}: {'; '.join(wrong)}")
    return problems


@pytest.fixture(scope="module")
def results(django_db_setup, django_db_blocker):
    """((role, URL name) → problems) for GETs and for cross-boundary POSTs, run once."""
    with demo_data(django_db_blocker):
        demo = _demo()
        demo.states = {
            kind: objects["other"].state
            for kind, objects in vars(demo).items()
            if isinstance(objects, dict) and hasattr(objects.get("other"), "state")
        }
        clients = clients_by_role()
        yield {"get": _check_gets(demo, clients), "post": _check_transitions(demo, clients)}


def test_every_url_has_a_row():
    walked = {route.name for route in routes()}
    assert sorted(walked - set(MATRIX)) == [], "URLs with no row in the authorisation matrix"
    assert sorted(set(MATRIX) - walked) == [], "rows for URLs that no longer exist"


@pytest.mark.django_db  # so that pytest-django creates the test database
@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("role", list(ROLE_ACCOUNTS))
def test_get(results, role, name):
    assert results["get"].get((role, name), []) == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted({t[0] for t in TRANSITIONS}))
@pytest.mark.parametrize("role", list(ROLE_ACCOUNTS))
def test_transition_posted_across_the_boundary_is_refused(results, role, name):
    assert results["post"].get((role, name), []) == []
