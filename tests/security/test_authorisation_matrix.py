"""The authorisation matrix (issue 10, item 7; issue 18): every named URL the resolver knows ×
every role × an object of the role's own authority or organisation and one of another, on the
demo's data.

The expected answers are the literal table in authorisation_table.py, written from what the law
and DESIGN.md let each role see; nothing here asks portal/permissions.py. One test item per role
walks every address and collects every mismatch. A URL the resolver knows with no address here or
no row in the table fails `test_every_url_has_a_row`. The workflow transitions are POSTed by every
role to another authority's (or organisation's) objects: each refusal is checked against the
table, with the state unchanged and no audit event.
"""

import dataclasses
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.test import override_settings
from django.urls import reverse

from agreements import workflow as agreement_workflow
from agreements.models import TransferAgreement
from challenges.forms import SECTIONS
from challenges.models import Challenge
from documents import stored as documents
from documents.models import StoredDocument
from offers.models import Offer
from portal.models import AuditEvent, Authority, Membership, Organisation, User
from portal.models.pages import ServiceSpecificationPage
from portal.settings import config
from procurement.models import ExpressionOfInterest, ProcurementExercise
from tests import components
from tests.documents import samples
from tests.security.authorisation_table import (
    DISAGREEMENTS,
    GET,
    POST,
    ROLES,
    answer_code,
    parse,
)
from tests.security.demo_world import DEMO_READERS, ROLE_ACCOUNTS, clients_by_role, demo_data
from tests.security.url_walk import routes

pytestmark = DEMO_READERS  # the suite's shared demo (tests/security/demo_world.py)


@dataclass(frozen=True)
class Address:
    args: object = None  # (world, object) → URL kwargs (dict) or args (list); None: no arguments
    objects: str | None = None  # the world's attribute holding {"own": obj, "other": obj}


pk = lambda w, o: {"pk": o.pk}  # noqa: E731
ref = lambda w, o: {"reference": o.reference}  # noqa: E731
slug = lambda w, o: {"slug": o.slug}  # noqa: E731
FIXED = Address  # an address without an object

# URL name → how to build its address (and from which of the world's pairs of objects).
ADDRESSES = {
    **{
        name: FIXED()
        for name in (
            "healthz",
            "readyz",
            "cookies",
            "privacy",
            "accessibility",
            "contact",
            "feedback",
            "service-status",
            "open-data",
            "account",
            "register",
            "sign-in",
            "sign-out",
            "password-change",
            "password-reset",
            "two-factor",
            "two-factor-set-up",
            "account-security",
            "account-security-unlock",
            "organisation-new",
            "organisation-join",
            "notification-preferences",
            "tasks",
            "notifications",
            "notifications-read",
            "feeds-windows",
            "search:search",
            "search:suggest",
            "search:feed",
            "challenges:mine",
            "challenges:new",
            "challenges:casework",
            "challenges:casework-export",
            "challenges:delegation",
            "decisions:list",
            "decisions:feed",
            "procurement:exercises",
            "procurement:exercise-new",
            "procurement:interests",
            "agreements:manage-list",
            "agreements:manage-new",
            "procurement-public:list",
            "procurement-public:feed",
            "agreements:list",
            "api-docs",
            "api-v1:api-root",
            "api-v1:openapi-json",
            "api-v1:list_authorities",
            "api-v1:list_services",
            "api-v1:list_decisions",
            "api-v1:list_procurement",
            "api-v1:list_agreements",
            "api-v1:statistics_england",
            "bulk-data",
            "dashboard:england",
            "dashboard:how-we-count",
            "dashboard:league-csv",
            "dashboard:engagement",
            "dashboard:import",
            "offers:new",
            "offers:mine",
            "offers:manage-list",
            "offers:standards",
            "offers:list",
            "api-v1:list_offers",
            "alerts:search",
            "wagtailcore_login",
        )
    },  # fmt: skip
    "confirm-email": Address(lambda w, o: {"token": "not-a-token"}),
    "password-reset-confirm": Address(lambda w, o: {"uidb64": "MQ", "token": "x-y"}),
    "organisation": Address(slug, "organisations"),
    "organisation-documents": Address(slug, "organisations"),
    "organisation-document-delete": Address(
        lambda w, o: {"slug": o.owner.slug, "pk": o.pk}, "organisation_documents"
    ),
    "membership-decide": Address(pk, "memberships"),
    "follow-case": Address(lambda w, o: {"content_type_id": w.challenge_type, "pk": o.pk}, "cases"),
    "wagtaildocs_serve": Address(lambda w, o: [1, "missing.pdf"]),
    "wagtaildocs_authenticate_with_password": Address(lambda w, o: {"restriction_id": 1}),
    "document-download": Address(pk, "documents"),
    "challenges:case": Address(pk, "challenges"),
    "challenges:submitted": Address(pk, "challenges"),
    "challenges:section": Address(
        lambda w, o: {"pk": o.pk, "slug": SECTIONS[0].slug}, "challenges"
    ),
    "challenges:partners": Address(pk, "challenges"),
    "challenges:partner-remove": Address(lambda w, o: {"pk": o.pk, "partner_pk": 1}, "challenges"),
    "challenges:document-remove": Address(
        lambda w, o: {"pk": o.pk, "document_pk": "00000000-0000-0000-0000-000000000000"},
        "challenges",
    ),
    **{
        f"challenges:{page}": Address(pk, "challenges")
        for page in ("check", "withdraw", "answer", "modification")
    },
    **{
        f"challenges:casework-{step}": Address(pk, "cases")
        for step in (
            "case",
            "clarify",
            "decide",
            "decide-check",
            "modify",
            "procurement",
            "close",
            "assess",
            "agreement",
            "recommend",
            "refer-back",
            "eligibility",
            "eligibility-check",
            "expected-decision",
        )
    },  # fmt: skip
    "challenges:delegation-remove": Address(lambda w, o: {"pk": 1}),
    "decisions:detail": Address(ref, "decisions"),
    "procurement:exercise": Address(ref, "exercises"),
    "procurement:exercise-action": Address(
        lambda w, o: {"reference": o.reference, "name": "close_tender"}, "exercises"
    ),
    "procurement:assess": Address(pk, "submitted_interests"),
    "procurement:interest": Address(pk, "interests"),
    "procurement:interest-submitted": Address(pk, "interests"),
    "procurement:interest-withdraw": Address(pk, "interests"),
    "procurement:interest-start": Address(ref, "exercises"),
    "agreements:manage": Address(ref, "agreements"),
    **{
        f"agreements:manage-{page}": Address(ref, "agreements")
        for page in ("terms", "party", "contribution", "staff", "approve", "signed-copy")
    },
    "agreements:manage-action": Address(
        lambda w, o: {"reference": o.reference, "name": "seek_approval"}, "agreements"
    ),
    "procurement-public:ocds": Address(ref, "exercises"),
    "procurement-public:exercise": Address(ref, "exercises"),
    "agreements:detail": Address(ref, "agreements"),
    "api-v1:get_authorities": Address(lambda w, o: {"code": o.authority.code}, "services"),
    "api-v1:get_services": Address(lambda w, o: {"id": o.pk}, "services"),
    "api-v1:get_decisions": Address(ref, "decisions"),
    **{
        f"api-v1:{name}": Address(ref, "exercises")
        for name in ("get_procurement", "release_package", "record_package")
    },
    "api-v1:get_agreements": Address(ref, "agreements"),
    "api-v1:get_offers": Address(ref, "offers"),
    **{
        f"offers:{page}": Address(ref, "offers")
        for page in ("yours", "withdraw", "manage", "detail")
    },
    **{
        f"offers:{page}": Address(
            lambda w, o: {"reference": o.offer.reference, "addressee": o.pk}, "offer_addressees"
        )
        for page in ("meeting", "answer")
    },
    "offers:step": Address(
        lambda w, o: {"reference": o.offer.reference, "addressee": o.pk, "step": "assess"},
        "offer_addressees",
    ),
    "api-v1:statistics_authority": Address(lambda w, o: {"slug": o.authority.slug}, "services"),
    "dashboard:england-csv": Address(lambda w, o: {"chart": "received-by-year"}),
    "dashboard:authority": Address(lambda w, o: {"slug": o.authority.slug}, "services"),
    "dashboard:authority-csv": Address(
        lambda w, o: {"slug": o.authority.slug, "chart": "received-by-year"}, "services"
    ),
    "open-data-file": Address(lambda w, o: {"name": "services.csv.gz"}),
    "alerts:window": Address(lambda w, o: {"page_id": o.pk}, "services"),
    "alerts:confirm": Address(lambda w, o: {"token": "x"}),
    "alerts:unsubscribe": Address(lambda w, o: {"token": "x"}),
    "wagtailcore_authenticate_with_password": Address(
        lambda w, o: {"page_view_restriction_id": 1, "page_id": 1}
    ),
    "wagtail_serve": Address(lambda w, o: [o.url.strip("/") + "/"], "services"),
}

# The workflow transitions, POSTed to the "other" object: (URL name, the world's pair, args).
TRANSITIONS = {
    **{
        f"challenges:casework-{step}": ("cases", pk)
        for step in (
            "assess", "clarify", "decide", "modify", "agreement", "procurement", "close",
            "recommend", "refer-back", "eligibility", "eligibility-check", "expected-decision",
        )
    },  # fmt: skip
    "challenges:withdraw": ("challenges", pk),
    "challenges:check": ("challenges", pk),
    **{
        f"procurement:exercise-action/{name}": (
            "exercises", lambda w, o, n=name: {"reference": o.reference, "name": n}
        )
        for name in ("begin_market_engagement", "open_tender", "close_tender")
    },
    "procurement:assess": ("submitted_interests", pk),
    "procurement:interest-withdraw": ("interests", pk),
    **{
        f"agreements:manage-{page}": ("agreements", ref)
        for page in ("terms", "party", "contribution", "staff", "approve")
    },
    **{
        f"agreements:manage-action/{name}": (
            "agreements", lambda w, o, n=name: {"reference": o.reference, "name": n}
        )
        for name in ("start_consultation", "seek_approval")
    },
}  # fmt: skip


def _one(queryset, **lookups):
    found = queryset.filter(**lookups).order_by("pk").first()
    assert found is not None, (queryset.model.__name__, lookups)
    return found


def _world() -> SimpleNamespace:
    """The demo's objects in pairs, named by what the demo says of them, never by asking the
    permission module. "own" belongs to Trafford (the officers' authority) or to the provider's
    organisations (Riverside Youth Trust, Greenway), "other" to Manchester (the other authority's
    staff) or to Millbrook Parish Council (the other provider's)."""
    riverside = Organisation.objects.get(name="Riverside Youth Trust")
    millbrook = Organisation.objects.get(name="Millbrook Parish Council")
    for organisation in (riverside, millbrook):  # the demo uploads none: one each
        documents.store_bytes(
            samples.PDF,
            "constitution.pdf",
            owner=organisation,
            folder=f"organisation-{organisation.pk}",
            kind="organisation",
            title="Constitution",
        )
    manchester_agreement = agreement_workflow.propose(  # the demo's agreements are Trafford's
        User.objects.get(email="officer.manchester@demo.invalid"),
        lead_authority=Authority.objects.get(code="MAN"),
        title="Manchester pooled budget",
        agreement_type="pooled_fund",
    )
    challenges = Challenge.objects.all()
    # Riverside's case under assessment at Trafford; Millbrook's modification at Manchester
    assessing = _one(challenges, authority__code="TRF", organisation=riverside,
                     state="under_assessment")  # fmt: skip
    modifying = _one(challenges, authority__code="MAN", organisation=millbrook,
                     state="modification_proposed")  # fmt: skip
    evidence = StoredDocument.objects.filter(
        owner_type__model="challenge", kind="financial_evidence"
    )
    org_documents = StoredDocument.objects.filter(owner_type__model="organisation")
    exercises = ProcurementExercise.objects.all()
    interests = ExpressionOfInterest.objects.all()
    services = ServiceSpecificationPage.objects.live()
    trafford_offer = _one(Offer.objects.filter(addressees__nhs_body__isnull=False).distinct(),
                          addressees__authority__code="TRF")  # fmt: skip
    manchester_offer = next(
        offer
        for offer in Offer.objects.filter(addressees__authority__code="MAN").order_by("pk")
        if offer.addressees.count() == 1
    )
    return SimpleNamespace(
        challenge_type=ContentType.objects.get_for_model(Challenge).pk,
        organisations={"own": riverside, "other": millbrook},
        organisation_documents={
            "own": _one(org_documents, owner_id=riverside.pk),
            "other": _one(org_documents, owner_id=millbrook.pk),
        },
        memberships={
            "own": _one(Membership.objects, organisation=riverside),
            "other": _one(Membership.objects, organisation=millbrook),
        },
        # the provider's draft; Millbrook's challenge with a modification proposed
        challenges={
            "own": _one(challenges, organisation=riverside, state="draft"),
            "other": modifying,
        },
        cases={
            "own": assessing,
            "other": _one(challenges, authority__code="MAN", state="clarification_requested"),
        },
        documents={
            "own": _one(evidence, owner_id=assessing.pk),
            "other": _one(evidence, owner_id=modifying.pk),
        },
        decisions={  # decided: on the public register
            "own": _one(challenges, authority__code="TRF", state="accepted"),
            "other": _one(challenges, authority__code="MAN", state="rejected"),
        },
        # Trafford's in market engagement, Manchester's planned: both with a published notice
        exercises={
            "own": _one(exercises, authority__code="TRF", state="market_engagement"),
            "other": _one(exercises, authority__code="MAN", state="planned"),
        },
        submitted_interests={
            "own": _one(interests, exercise__authority__code="TRF", state="shortlisted"),
            "other": _one(interests, exercise__authority__code="MAN", state="submitted"),
        },
        # Riverside's interest in a Trafford exercise; Millbrook's in Bristol's
        interests={
            "own": _one(
                interests,
                organisation=riverside,
                exercise__authority__code="TRF",
                state="shortlisted",
            ),
            "other": _one(interests, organisation=millbrook, state="shortlisted"),
        },  # fmt: skip
        # Trafford's in force (the ICB of the NHS partner is a party); Manchester's proposed
        agreements={
            "own": _one(TransferAgreement.objects, lead_authority__code="TRF", state="in_force"),
            "other": manchester_agreement,
        },
        services={
            "own": _one(services, authority__code="TRF"),
            "other": _one(services, authority__code="MAN"),
        },
        # the demo's private firm's offer to Trafford, the ICB and the police; an offer made to
        # Manchester alone (neither made by a body of the matrix's providers)
        offers={"own": trafford_offer, "other": manchester_offer},
        offer_addressees={
            "own": trafford_offer.addressees.get(authority__code="TRF"),
            "other": manchester_offer.addressees.get(authority__code="MAN"),
        },
    )


def _address(name: str, args, world, obj) -> str:
    name = name.split("/")[0]
    made = args(world, obj) if args else {}
    return reverse(name, **({"kwargs": made} if isinstance(made, dict) else {"args": made}))


def _gets(world, role: str, client) -> list[str]:
    """What this role's GETs answered where the table says otherwise."""
    column = ROLES.index(role)
    wrong = []
    for (name, side), codes in parse(GET).items():
        if (role, name, side) in DISAGREEMENTS:
            continue  # test_known_disagreements
        address = ADDRESSES[name]
        obj = getattr(world, address.objects)[side] if address.objects else None
        url = _address(name, address.args, world, obj)
        got = answer_code(client.get(url))
        if got != codes[column]:
            wrong.append(f"GET {name} {side} {url}: {got} where {codes[column]}")
    return wrong


def _posts(world, role: str, client) -> list[str]:
    """What this role's POSTs to the other side's objects did where they should be refused."""
    column = ROLES.index(role)
    wrong = []
    for (name, _side), codes in parse(POST).items():
        expected = codes[column]
        if expected == "ok":
            continue  # the other side's own staff or members: allowed, not this test
        kind, args = TRANSITIONS[name]
        obj = getattr(world, kind)["other"]
        url = _address(name, args, world, obj)
        events = AuditEvent.objects.count()
        before = type(obj).objects.filter(pk=obj.pk).values_list("state", flat=True).get()
        response = client.post(url, {"reason": "x", "decision": "accept", "confirm": "yes"})
        after = type(obj).objects.filter(pk=obj.pk).values_list("state", flat=True).get()
        problems = []
        if (got := answer_code(response)) != expected:
            problems.append(f"{got} where {expected}")
        if after != before:
            problems.append(f"state {before} → {after}")
        if AuditEvent.objects.count() != events:
            problems.append("an audit event was written")
        if problems:
            wrong.append(f"POST {name} {url}: {'; '.join(problems)}")
    return wrong


@pytest.fixture(scope="module")
def s3_storage(s3_bucket):
    """The files on the S3 server for the whole module (the table's downloads are redirects to
    the file in S3, as in production; other tests keep their files in a folder)."""
    components.require("s3")
    cfg = dataclasses.replace(config.read(), s3_bucket=s3_bucket)
    with override_settings(STORAGES=config.storages(cfg, django_settings.MEDIA_ROOT)):
        yield


@pytest.fixture(scope="module")
def demo_cast(django_db_setup, django_db_blocker, s3_storage):
    """(world, role → (user, client)) on the demo's data, seeded once for the module. Not named
    `world`: that name asks for the suite's shared world (tests/shared_data.py), which must be
    closed before the demo is seeded here."""
    with demo_data(django_db_blocker):
        yield _world(), clients_by_role()


def test_every_url_has_a_row():
    walked = {route.name for route in routes()}
    assert sorted(walked - set(ADDRESSES)) == [], "URLs with no address in the matrix"
    assert sorted(set(ADDRESSES) - walked) == [], "addresses for URLs that no longer exist"
    table = parse(GET)
    for name, address in ADDRESSES.items():
        sides = {"own", "other"} if address.objects else {"-"}
        assert {s for n, s in table if n == name} == sides, f"{name}: rows in the table"
    assert {name for name, _ in table} == set(ADDRESSES), "rows for unknown addresses"
    assert {name for name, _ in parse(POST)} == set(TRANSITIONS)
    assert list(ROLE_ACCOUNTS) == ROLES


@pytest.mark.django_db  # each role's walk (and its refused POSTs) rolled back after it
@pytest.mark.parametrize("role", ROLES)
def test_role_gets_what_the_table_says(demo_cast, role):
    objects, clients = demo_cast
    _, client = clients[role]
    wrong = _gets(objects, role, client) + _posts(objects, role, client)
    assert wrong == [], f"{len(wrong)} answers differ from the table:\n" + "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, name, side",
    [pytest.param(*key, marks=pytest.mark.xfail(strict=True, reason=reason))
     for key, reason in DISAGREEMENTS.items()],
)  # fmt: skip
def test_known_disagreements(demo_cast, role, name, side):
    """Where the portal answers otherwise than the table (the law's answer): reported, and
    expected to fail until mended (strict: a mended one fails here until its entry goes)."""
    objects, clients = demo_cast
    address = ADDRESSES[name]
    obj = getattr(objects, address.objects)[side] if address.objects else None
    response = clients[role][1].get(_address(name, address.args, objects, obj))
    assert answer_code(response) == parse(GET)[name, side][ROLES.index(role)]
