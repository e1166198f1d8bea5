"""The key pages of the portal for each kind of user, rendered from the demo's content (the
same content `make demo` shows): for checks that look at every page (valid HTML, unique titles,
meta descriptions).

`render_key_pages()` renders every page of the suite's shared demo (tests/shared_data.py) with the
Django test client as each person, and rolls back what the requests wrote; its callers are
readers of the demo (`DEMO_READERS`)."""

from dataclasses import dataclass

from django.test import Client
from django.urls import reverse

from tests.shared_data import shared_demo

DEMO_PEOPLE = {
    "provider": "provider@demo.invalid",
    "officer": "officer.trafford@demo.invalid",
    "decision maker": "decider.trafford@demo.invalid",
    "authority admin": "admin.trafford@demo.invalid",
    "NHS partner": "nhs.partner@demo.invalid",
    "site admin": "siteadmin@demo.invalid",
}


@dataclass
class Page:
    role: str  # "public" or a key of DEMO_PEOPLE
    name: str  # what the page is, for messages ("a decision in the register")
    url: str
    status: int
    html: str


def _urls() -> dict[str, list[tuple[str, str]]]:
    """(name, url) of the pages each role looks at, found in the demo's content."""
    from agreements.models import TransferAgreement
    from challenges.models import Challenge, State
    from offers.models import Offer
    from portal.models import ServiceSpecificationPage
    from procurement.models import ExpressionOfInterest, ProcurementExercise

    def case(state, **filters):
        return Challenge.objects.filter(state=state, **filters).order_by("pk").first()

    trafford = {"authority__code": "TRF"}
    provider_org = {"organisation__memberships__user__email": DEMO_PEOPLE["provider"]}
    service = ServiceSpecificationPage.objects.live().public().filter(excluded=False).first()
    decided = Challenge.objects.published().order_by("pk").first()
    exercise = ProcurementExercise.objects.published().order_by("pk").first()
    agreement = TransferAgreement.objects.published().order_by("pk").first()
    awaiting_approval = TransferAgreement.objects.filter(state="approval").first()
    managed_exercise = ProcurementExercise.objects.filter(authority__code="TRF").first()
    offer = Offer.objects.filter(state="answered").order_by("pk").first()
    offer_to_trafford = Offer.objects.filter(
        state="under_assessment", addressees__authority__code="TRF"
    ).first()
    trafford_part = offer_to_trafford.addressees.get(authority__code="TRF")
    draft = case(State.DRAFT, **provider_org)
    submitted = Challenge.objects.filter(**provider_org).exclude(state=State.DRAFT).first()
    assessing = case(State.UNDER_ASSESSMENT, **trafford)
    accepted = case(State.ACCEPTED, **trafford)
    interest = ExpressionOfInterest.objects.filter(
        organisation__memberships__user__email=DEMO_PEOPLE["provider"]
    ).first()

    public = [
        ("home page", "/"),
        ("service directory", "/services/"),
        ("a service specification", service.url),
        ("register of decisions", reverse("decisions:list")),
        ("a decision in the register", reverse("decisions:detail", args=[decided.reference])),
        ("procurement notices", reverse("procurement-public:list")),
        (
            "a procurement exercise",
            reverse("procurement-public:exercise", args=[exercise.reference]),
        ),
        ("published agreements", reverse("agreements:list")),
        ("a published agreement", reverse("agreements:detail", args=[agreement.reference])),
        ("innovation offers", reverse("offers:list")),
        ("an innovation offer", reverse("offers:detail", args=[offer.reference])),
        ("search", reverse("search:search") + "?q=youth+club"),
        ("sign in", reverse("sign-in")),
        ("create an account", reverse("register")),
    ]
    provider = [
        ("tasks", reverse("tasks")),
        ("your challenges", reverse("challenges:mine")),
        ("start a challenge", reverse("challenges:new") + f"?service={service.pk}"),
        ("a draft's task list", reverse("challenges:case", args=[draft.pk])),
        (
            "a question of a draft",
            reverse("challenges:section", args=[draft.pk, "financial_resources"]),
        ),
        ("check your answers", reverse("challenges:check", args=[draft.pk])),
        ("a submitted challenge", reverse("challenges:case", args=[submitted.pk])),
        ("withdraw a challenge", reverse("challenges:withdraw", args=[submitted.pk])),
        ("your expressions of interest", reverse("procurement:interests")),
        ("an expression of interest", reverse("procurement:interest", args=[interest.pk])),
        ("your account", reverse("account")),
        ("make an innovation offer", reverse("offers:new")),
        ("your offers", reverse("offers:mine")),
    ]
    officer = [
        ("tasks", reverse("tasks")),
        ("work queue", reverse("challenges:casework")),
        ("a case", reverse("challenges:casework-case", args=[assessing.pk])),
        ("ask for clarification", reverse("challenges:casework-clarify", args=[assessing.pk])),
        (
            "record the start of procurement",
            reverse("challenges:casework-procurement", args=[accepted.pk]),
        ),
        ("procurement exercises", reverse("procurement:exercises")),
        (
            "a procurement exercise",
            reverse("procurement:exercise", args=[managed_exercise.reference]),
        ),
        ("agreements", reverse("agreements:manage-list")),
        ("offers made to you", reverse("offers:manage-list")),
        (
            "an offer made to you",
            reverse("offers:manage", args=[offer_to_trafford.reference]),
        ),
        (
            "answer an offer",
            reverse("offers:answer", args=[offer_to_trafford.reference, trafford_part.pk]),
        ),
    ]
    decider = [
        ("tasks", reverse("tasks")),
        ("make the decision", reverse("challenges:casework-decide", args=[assessing.pk])),
        ("propose a modification", reverse("challenges:casework-modify", args=[assessing.pk])),
    ]
    nhs = [
        ("tasks", reverse("tasks")),
        ("agreements", reverse("agreements:manage-list")),
        (
            "an agreement awaiting approval",
            reverse("agreements:manage", args=[awaiting_approval.reference]),
        ),
        (
            "approve an agreement",
            reverse("agreements:manage-approve", args=[awaiting_approval.reference]),
        ),
    ]
    return {
        "public": public,
        "provider": provider,
        "officer": officer,
        "decision maker": decider,
        "authority admin": [
            ("tasks", reverse("tasks")),
            ("response standard for offers", reverse("offers:standards")),
        ],
        "NHS partner": nhs,
        "site admin": [("tasks", reverse("tasks"))],
    }


def render_key_pages() -> list[Page]:
    from portal.models import User

    pages: list[Page] = []
    with shared_demo():
        for role, urls in _urls().items():
            client = Client()
            if role != "public":
                client.force_login(User.objects.get(email=DEMO_PEOPLE[role]))
            for name, url in urls:
                response = client.get(url)
                pages.append(Page(role, name, url, response.status_code, response.content.decode()))
    return pages
