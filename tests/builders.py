"""Small builders for test data: the page tree, authorities, services, people with roles, and the
one standard `world` (a Trafford service open for challenge, its staff and two providers)."""

from datetime import date, timedelta
from itertools import count
from types import SimpleNamespace

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from portal.models import (
    Authority,
    HomePage,
    Membership,
    Organisation,
    RoleAssignment,
    ServiceCategory,
    ServiceDirectoryPage,
    ServiceSpecificationPage,
    User,
)
from portal.workspaces import ensure_workspace

_numbers = count(1)
PASSWORD = "amber-kettle-orbit-71"


def site_tree() -> tuple[HomePage, ServiceDirectoryPage]:
    home = HomePage.objects.first()
    if home is None:
        # A transactional test flushes the tree that Wagtail's migrations made: make it again.
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        for stale in root.get_children():
            stale.delete()
        home = HomePage(title="Run a local service", slug="home", intro="Challenge a service.")
        root.add_child(instance=home)
        home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
        )
    directory = ServiceDirectoryPage.objects.first()
    if directory is None:
        directory = ServiceDirectoryPage(title="Service directory", slug="services")
        home.add_child(instance=directory)
        directory.save_revision().publish()
    return home, directory


def authority(code: str = "", **fields) -> Authority:
    n = next(_numbers)
    code = code or f"T{n:02d}"[:3]
    defaults = {
        "gss_code": f"E0{n:07d}",
        "name": f"Testshire Council {code}",
        "nice_name": f"Testshire {code}",
        "slug": f"testshire-{code.lower()}",
        "authority_type": "UA",
        "region": "North West",
        "population": 100_000,
        # The authority's own published periods, s.84(3) and s.83(4)(a)-(b) (there is no
        # default in law: a test of an authority that has published none passes
        # decision_period=None and so on).
        "decision_period": 60,
        "decision_period_unit": "working_days",
        "procurement_min_period": 3,
        "procurement_min_period_unit": "months",
        "procurement_max_period": 6,
        "procurement_max_period_unit": "months",
        "timescales_published_on": date(2025, 4, 1),
    }
    defaults.update(fields)
    return Authority.objects.get_or_create(code=code, defaults=defaults)[0]


TRAFFORD = {
    "gss_code": "E08000009",
    "name": "Trafford Metropolitan Borough Council",
    "nice_name": "Trafford",
    "slug": "trafford",
    "authority_type": "MD",
}
MANCHESTER = {
    "gss_code": "E08000003",
    "name": "Manchester City Council",
    "nice_name": "Manchester",
    "slug": "manchester",
    "authority_type": "MD",
}


def trafford() -> Authority:
    return authority("TRF", **TRAFFORD)


def manchester() -> Authority:
    return authority("MAN", **MANCHESTER)


def category(slug: str = "libraries", name: str = "Libraries") -> ServiceCategory:
    return ServiceCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def service(
    owner: Authority, title: str = "Community libraries", **fields
) -> ServiceSpecificationPage:
    site_tree()
    parent = ensure_workspace(owner)
    values = {
        "title": title,
        "category": category(),
        "summary": f"{title} run by {owner.nice_name}.",
        "delivery_model": "in_house",
        "annual_value": 250_000,
    }
    values.update(fields)
    page = ServiceSpecificationPage(**values)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def open_window(owner: Authority, service_page=None, today: date | None = None):
    today = today or date.today()
    return owner.windows.create(
        service=service_page,
        opens_on=today - timedelta(days=5),
        closes_on=today + timedelta(days=20),
    )


def user(email: str = "", **fields) -> User:
    n = next(_numbers)
    email = email or f"person{n}@example.org"
    person = User.objects.create_user(
        username=email, email=email, password=PASSWORD, email_confirmed=True, **fields
    )
    return person


def staff(role: str, owner: Authority, email: str = "") -> User:
    person = user(email)
    RoleAssignment.objects.create(user=person, role=role, authority=owner)
    return person


def provider(
    organisation_name: str = "Riverside Youth Trust",
    body_type="charitable_trust",
    employer: Authority | None = None,
    employee_count: int | None = None,
    eligible: bool = True,
):
    """A body with its admin; a group of employees names its employer and its size
    (s.81(6)(d)). `eligible`: its eligibility already confirmed (challenges.eligibility)."""
    person = user()
    organisation = Organisation.objects.create(
        name=organisation_name,
        body_type=body_type,
        employer=employer,
        employee_count=employee_count,
    )
    Membership.objects.create(
        user=person, organisation=organisation, role=Membership.ADMIN, approved=True
    )
    if eligible:
        confirm_eligibility(organisation)
    return person, organisation


def confirm_eligibility(organisation) -> None:
    """The body's eligibility (s.81(6)) as an officer would have confirmed it, so that its
    challenges can be assessed; tests of the check itself build bodies without it."""
    from challenges.models import Eligibility

    Eligibility.objects.update_or_create(
        organisation=organisation,
        defaults={"status": Eligibility.CONFIRMED, "basis": "officer", "detail": "Test set-up"},
    )


WORLD_USERS = ("provider", "rival", "officer", "decider", "other_decider", "stranger")


def world(owner: Authority | None = None) -> SimpleNamespace:
    """The standard cast: Trafford's "Youth clubs and detached youth work", open for challenge;
    Riverside Youth Trust (the provider) and Northside Community Enterprise (the rival), each
    with its admin; an officer, two decision makers and a person with no role."""
    owner = owner or trafford()
    site_tree()
    service_page = service(owner, "Youth clubs and detached youth work")
    open_window(owner, service_page)
    challenger, challenger_org = provider("Riverside Youth Trust")
    rival, rival_org = provider("Northside Community Enterprise", "voluntary_community_body")
    return SimpleNamespace(
        authority=owner,
        service=service_page,
        provider=challenger,
        organisation=challenger_org,
        rival=rival,
        rival_org=rival_org,
        officer=staff("officer", owner),
        decider=staff("decision_maker", owner),
        other_decider=staff("decision_maker", owner),
        stranger=user(),
    )


def world_keys(built: SimpleNamespace) -> dict[str, int]:
    """What `find_world` needs to find the same world again: each member's primary key."""
    return {name: value.pk for name, value in vars(built).items()}


def find_world(keys: dict[str, int]) -> SimpleNamespace:
    """The world `keys` names, read afresh from the database (so a test's changes to the objects
    never reach the next test)."""
    people = User.objects.in_bulk([keys[name] for name in WORLD_USERS])
    organisations = Organisation.objects.in_bulk([keys["organisation"], keys["rival_org"]])
    return SimpleNamespace(
        authority=Authority.objects.get(pk=keys["authority"]),
        service=ServiceSpecificationPage.objects.get(pk=keys["service"]),
        provider=people[keys["provider"]],
        organisation=organisations[keys["organisation"]],
        rival=people[keys["rival"]],
        rival_org=organisations[keys["rival_org"]],
        officer=people[keys["officer"]],
        decider=people[keys["decider"]],
        other_decider=people[keys["other_decider"]],
        stranger=people[keys["stranger"]],
    )
