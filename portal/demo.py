"""Builds the demo: the page tree, real authorities' services and windows, guidance, accounts.

Idempotent: a second run finds what is there and adds only what is missing.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from portal import demo_content as content
from portal.models import (
    Authority,
    GuidancePage,
    HomePage,
    Membership,
    NhsBody,
    Organisation,
    RoleAssignment,
    ServiceCategory,
    ServiceDirectoryPage,
    ServiceSpecificationPage,
    User,
)
from portal.workspaces import ensure_workspace


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def page_tree() -> tuple[HomePage, ServiceDirectoryPage]:
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's migrations make a root and a locale; a flushed database has neither.
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        # Wagtail's migrations leave a "Welcome" page (and a site pointing at it): replace it.
        for stale in root.get_children():
            stale.delete()
        home = HomePage(
            title="Run a local service",
            slug="home",
            intro="Community groups, charities, parish councils and council employees can "
            "challenge their council to let them run a local service. Find a service, see its "
            "specification and windows, and make your challenge online.",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "Portal",
            },
        )
    directory = ServiceDirectoryPage.objects.first()
    if directory is None:
        directory = _publish(
            home,
            ServiceDirectoryPage(
                title="Service directory",
                slug="services",
                intro="Services that councils run and publish for challenge, with their "
                "specifications and the windows in which challenges may be made.",
            ),
        )
    return home, directory


def categories() -> dict[str, ServiceCategory]:
    return {
        slug: ServiceCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in content.CATEGORIES
    }


def windows_for(authority: Authority, service, plan: str, today: date) -> None:
    if plan == "any" or authority.windows.filter(service=service).exists():
        return
    if plan == "open":
        opens, closes = today - timedelta(days=26), today + timedelta(days=35)
    else:
        opens, closes = date(today.year, 3, 1), date(today.year, 4, 30)
        if closes >= today:
            opens, closes = opens.replace(year=today.year - 1), closes.replace(year=today.year - 1)
    authority.windows.create(service=service, opens_on=opens, closes_on=closes)


def services(today: date) -> int:
    cats = categories()
    made = 0

    fire = [s for s in content.fire_services() if Authority.objects.filter(code=s[0]).exists()]
    for code, title, category, summary, value, delivery, plan, extras in (
        *content.SERVICES,
        *content.JOINT_SERVICES,
        *fire,
    ):
        authority = Authority.objects.get(code=code)
        periods = content.DECISION_PERIODS.get(code)
        if periods and authority.timescales_published_on is None:
            (
                authority.decision_period,
                authority.decision_period_unit,
                authority.procurement_min_period,
                authority.procurement_min_period_unit,
                authority.procurement_max_period,
                authority.procurement_max_period_unit,
            ) = periods
            authority.timescales_published_on = date(2025, 4, 1)
            authority.save()
        parent = ensure_workspace(authority)
        page = ServiceSpecificationPage.objects.filter(authority=authority, title=title).first()
        if page is None:
            page = ServiceSpecificationPage(
                title=title,
                category=cats[category],
                summary=summary,
                annual_value=value,
                delivery_model=delivery,
                contract_end_date=date.fromisoformat(extras["contract_end"])
                if "contract_end" in extras
                else None,
                service_users=extras.get("users", ""),
                outcomes="<ul><li>Better outcomes for the people who use the service</li>"
                "<li>Value for money and social value for the area</li></ul>",
                excluded=bool(extras.get("excluded")),
                excluded_reason=extras.get("excluded", ""),
                nhs_integrated=extras.get("nhs_integrated", False),
                contact_team=f"{authority.nice_name} commissioning team",
                contact_email=f"commissioning@{authority.slug}.demo.invalid",
                body=[
                    ("heading", "What the service does"),
                    ("paragraph", f"<p>{summary}</p>"),
                    ("heading", "Performance"),
                    (
                        "paragraph",
                        "<p>The service is monitored quarterly against its outcomes framework; "
                        "the latest report is available from the commissioning team.</p>",
                    ),
                ],
            )
            parent.add_child(instance=page)
            partners = Authority.objects.filter(code__in=extras.get("partners", []))
            for partner in partners:
                ensure_workspace(partner)
            page.partner_authorities.set(partners)
            page.save_revision().publish()
            made += 1
        windows_for(authority, page, plan, today)
    return made


def guidance(home: HomePage) -> None:
    for title, summary, body in content.GUIDANCE:
        if not GuidancePage.objects.filter(title=title).exists():
            _publish(home, GuidancePage(title=title, summary=summary, body=body))


def accounts() -> list[tuple[str, str]]:
    """Create the demo accounts, NHS bodies and organisations; return (email, description)."""
    for name, ods, kind in content.NHS_BODIES:
        NhsBody.objects.get_or_create(ods_code=ods, defaults={"name": name, "kind": kind})
    listing = []
    for email, first, last, roles in content.ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"username": email, "first_name": first, "last_name": last},
        )
        if created:
            user.set_password(content.DEMO_PASSWORD)
            user.email_confirmed = True
            user.save()
        described = []
        for role, scope in roles:
            if role == "site_admin":
                user.is_superuser = user.is_staff = True
                user.save(update_fields=["is_superuser", "is_staff"])
                described.append("site admin")
                continue
            fields = {"user": user, "role": role}
            if role == "nhs_partner":
                fields["nhs_body"] = NhsBody.objects.get(ods_code=scope)
                described.append(f"NHS partner, {fields['nhs_body']}")
            else:
                fields["authority"] = Authority.objects.get(code=scope)
                described.append(f"{role.replace('_', ' ')}, {fields['authority']}")
            RoleAssignment.objects.get_or_create(**fields)
        listing.append((email, described))
    for name, body_type, charity, company, employer, members, admin_email in content.ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "body_type": body_type,
                "charity_number": charity,
                "company_number": company,
                "employer": Authority.objects.filter(code=employer).first() if employer else None,
                "employee_count": members,
            },
        )
        Membership.objects.get_or_create(
            user=User.objects.get(email=admin_email),
            organisation=organisation,
            defaults={"role": Membership.ADMIN, "approved": True},
        )
    for email, described in listing:
        if not described:
            orgs = Organisation.objects.filter(memberships__user__email=email)
            described.append("provider, member of " + ", ".join(o.name for o in orgs))
    return [(email, "; ".join(described)) for email, described in listing]


@transaction.atomic
def seed(today: date | None = None) -> dict:
    today = today or date.today()
    home, _ = page_tree()
    made = services(today)
    guidance(home)
    return {"services_added": made, "accounts": accounts()}
