"""/tasks/ (issue 11 item 3): each role's tasks for its own authority, organisation or NHS body
only, the header count, and every task link opening as that person."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from challenges.models import Challenge
from portal.models import Authority, Role, RoleAssignment
from portal.workflow import perform
from portal.working_days import add_working_days
from procurement import interest_workflow
from tests import builders
from tests.challenges.conftest import advance, draft
from tests.procurement.agreements_helpers import nhs_body, nhs_partner, proposed, to_approval
from tests.procurement.conftest import open_plain, to_tender

TODAY = timezone.localdate


def set_due(challenge, day):
    Challenge.objects.filter(pk=challenge.pk).update(decision_due=day)


@pytest.fixture
def scene(trafford, manchester):
    builders.site_tree()
    service = builders.service(trafford, "Youth clubs and detached youth work")
    theirs = builders.service(manchester, "Community libraries")
    builders.open_window(trafford, service)
    builders.open_window(manchester, theirs)
    manchester.windows.all().delete()  # Manchester has no window ahead: its admin is told
    manchester.timescales_published_on = TODAY()
    manchester.save()
    provider, organisation = builders.provider()
    world = SimpleNamespace(
        authority=trafford,
        service=service,
        provider=provider,
        organisation=organisation,
        officer=builders.staff(Role.OFFICER, trafford),
        decider=builders.staff(Role.DECISION_MAKER, trafford),
        admin=builders.staff(Role.AUTHORITY_ADMIN, trafford),
        their_officer=builders.staff(Role.OFFICER, manchester),
        their_decider=builders.staff(Role.DECISION_MAKER, manchester),
        their_admin=builders.staff(Role.AUTHORITY_ADMIN, manchester),
    )
    new = advance(draft(service, organisation, provider), world, "submit")
    replied = advance(
        draft(service, organisation, provider),
        world,
        "submit",
        "request_clarification",
        "answer_clarification",
    )
    asked = advance(
        draft(service, organisation, provider), world, "submit", "request_clarification"
    )
    modified = advance(
        draft(service, organisation, provider),
        world,
        "submit",
        "start_assessment",
        "propose_modification",
    )
    decided = advance(
        draft(service, organisation, provider), world, "submit", "start_assessment", "reject"
    )
    set_due(new, TODAY() - timedelta(days=3))
    set_due(asked, TODAY() - timedelta(days=3))
    set_due(replied, add_working_days(TODAY(), 2))
    set_due(modified, TODAY() + timedelta(days=60))
    set_due(decided, TODAY() + timedelta(days=60))
    # Manchester's case, which no one of Trafford may see.
    builders.open_window(manchester, theirs)
    other_person, other_org = builders.provider(
        "Northside Community Enterprise", "voluntary_community_body"
    )
    their_case = draft(theirs, other_org, other_person)
    perform("challenge", their_case, "submit", other_person)
    manchester.windows.all().delete()

    # A page an officer of Trafford submitted for its admin's approval.
    page = builders.service(trafford, "Parks and open spaces")
    revision = page.save_revision(user=world.officer)
    page.get_workflow().start(page, world.officer)
    assert revision

    # An agreement waiting for the ICB's and Trafford's approval; one the ICB is not party to.
    world.icb = nhs_body()
    world.icb_partner = nhs_partner(world.icb)
    world.trust = nhs_body("Manchester University NHS Foundation Trust", "R0A", "foundation_trust")
    world.trust_partner = nhs_partner(world.trust)
    agreement = to_approval(world, proposed(world))
    other = proposed(world, agreement_type="integrated_provision")
    other.parties.filter(nhs_body=world.icb).delete()

    # The provider's draft interest in an open exercise.
    exercise = to_tender(world, open_plain(world))
    interest = interest_workflow.start(provider, exercise, organisation)
    return SimpleNamespace(
        world=world,
        new=new,
        replied=replied,
        asked=asked,
        modified=modified,
        decided=decided,
        their_case=their_case,
        page=page,
        agreement=agreement,
        other_agreement=other,
        interest=interest,
    )


def tasks_page(client, person) -> str:
    client.force_login(person)
    response = client.get("/tasks/")
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, title: str) -> str:
    """The HTML of one section of the page: from its heading to the next heading."""
    start = html.index(f">{title} <strong")
    end = min(i for i in (html.find("<h2", start), html.find("<h3", start)) if i != -1)
    return html[start:end]


def header_count(html: str) -> int:
    return int(
        re.search(r'id="header-tasks">Your tasks <strong class="portal-count">(\d+)', html)[1]
    )


def main(html: str) -> str:
    return html.split('<main class="govuk-main-wrapper" id="main-content">')[1].split("</main>")[0]


def test_officer_sees_their_authoritys_cases_only(client, scene):
    html = tasks_page(client, scene.world.officer)
    to_assess = section(html, "Challenges to assess")
    assert scene.new.reference in to_assess and scene.replied.reference in to_assess
    assert scene.modified.reference not in to_assess
    assert scene.replied.reference in section(html, "Clarification replies received")
    assert scene.asked.reference not in section(html, "Clarification replies received")
    overdue = section(html, "Overdue decisions")
    assert scene.new.reference in overdue and scene.asked.reference in overdue
    assert scene.replied.reference not in overdue
    assert scene.replied.reference in section(html, "Decisions due within 5 working days")
    assert scene.their_case.reference not in html
    assert "Decision maker" not in main(html) and "Authority admin" not in main(html)
    # Distinct cases waiting: new, replied (to assess) and asked (overdue).
    assert header_count(html) == 3
    for link in ("/casework/", "/procurement/manage/", "/agreements/manage/"):
        assert f'href="{link}"' in main(html)


def test_decision_maker_sees_decisions_and_approvals(client, scene):
    html = tasks_page(client, scene.world.decider)
    awaiting = section(html, "Challenges awaiting your decision")
    assert scene.replied.reference in awaiting and scene.new.reference not in awaiting
    due = section(html, "Decisions overdue or due within 5 working days")
    for case in (scene.new, scene.replied, scene.asked):
        assert case.reference in due
    approvals = section(html, "Agreements awaiting your authority&#x27;s approval")
    assert scene.agreement.reference in approvals
    assert f"/agreements/manage/{scene.agreement.reference}/approve/" in approvals
    assert scene.their_case.reference not in html
    assert header_count(html) == 4  # three cases and one approval

    other = tasks_page(client, scene.world.their_decider)
    assert scene.replied.reference not in other and scene.agreement.reference not in other
    assert header_count(other) == 0


def test_authority_admin_sees_moderation_windows_and_timescales(client, scene):
    # Trafford has not published its s.84(1) periods (Localism Act 2011 s.84(1)).
    Authority.objects.filter(pk=scene.world.authority.pk).update(
        decision_period=None, decision_period_unit="", timescales_published_on=None
    )
    html = tasks_page(client, scene.world.admin)
    moderation = section(html, "Pages awaiting your approval")
    assert "Parks and open spaces" in moderation
    assert f"/admin/pages/{scene.page.pk}/edit/" in moderation
    publishing = section(html, "Timescales and windows to publish")
    assert "Publish Trafford&#x27;s timescales" in publishing
    assert "challenge window" not in publishing  # Trafford has one open
    assert "Youth clubs" in section(html, "Challenge windows opening or closing soon")
    assert scene.new.reference not in html  # an admin only is not an officer
    assert header_count(html) == 2

    theirs = tasks_page(client, scene.world.their_admin)
    assert "Parks and open spaces" not in theirs
    publishing = section(theirs, "Timescales and windows to publish")
    assert "Publish a challenge window for Manchester" in publishing
    assert "Publish Manchester&#x27;s timescales" not in publishing  # published
    assert header_count(theirs) == 1


def test_nhs_partner_sees_their_bodys_agreements_only(client, scene):
    html = tasks_page(client, scene.world.icb_partner)
    approvals = section(html, "Agreements awaiting your approval")
    assert scene.agreement.reference in approvals
    assert f"/agreements/manage/{scene.agreement.reference}/approve/" in approvals
    assert scene.other_agreement.reference not in html
    assert header_count(html) == 1
    assert 'href="/agreements/manage/"' in main(html)
    assert scene.new.reference not in html and "/casework/" not in main(html)

    trust = tasks_page(client, scene.world.trust_partner)
    assert scene.agreement.reference not in trust  # the trust is not party to it
    assert header_count(trust) == 0


def test_provider_sees_requests_proposals_decisions_and_interests(client, scene):
    html = tasks_page(client, scene.world.provider)
    asked = section(html, "Clarification requests to answer")
    assert scene.asked.reference in asked and f"/challenges/{scene.asked.pk}/answer/" in asked
    proposals = section(html, "Modification proposals to reply to")
    assert f"/challenges/{scene.modified.pk}/modification/" in proposals
    assert scene.decided.reference in section(html, "Decisions received")
    interests = section(html, "Your expressions of interest in procurement exercises")
    assert f"/procurement/interests/{scene.interest.pk}/" in interests and "Draft" in interests
    assert header_count(html) == 3  # a request, a proposal and a draft interest
    assert "/casework/" not in main(html)

    stranger = builders.user()
    html = tasks_page(client, stranger)
    assert header_count(html) == 0 and "You have no tasks" in html


def test_every_task_link_opens_for_its_person(client, scene):
    w = scene.world
    for person in (w.officer, w.decider, w.admin, w.their_admin, w.icb_partner, w.provider):
        html = main(tasks_page(client, person))
        links = set(re.findall(r'href="(/[^"]*)"', html))
        assert links, person
        for link in sorted(links):
            response = client.get(link)
            assert response.status_code == 200, (person, link, response.status_code)


def test_the_header_links_to_tasks_and_staff_lists(client, scene):
    w = scene.world
    html = tasks_page(client, w.officer)
    assert 'href="/tasks/" id="header-tasks"' in html
    for link in ("/casework/", "/procurement/manage/", "/agreements/manage/"):
        assert f'href="{link}"' in html.split("</header>")[0]
    nhs = tasks_page(client, w.icb_partner).split("</header>")[0]
    assert 'href="/agreements/manage/"' in nhs and 'href="/casework/"' not in nhs
    provider = tasks_page(client, w.provider).split("</header>")[0]
    assert "/agreements/manage/" not in provider and "/procurement/manage/" not in provider
    client.logout()
    public = client.get("/decisions/").content.decode()
    assert "header-tasks" not in public


def test_nhs_partners_account_page_leads_to_their_approvals(client, scene):
    client.force_login(scene.world.icb_partner)
    html = client.get("/account/").content.decode()
    assert scene.agreement.reference in html
    assert f"/agreements/manage/{scene.agreement.reference}/approve/" in html
    assert 'href="/tasks/"' in main(html) and 'href="/agreements/manage/"' in main(html)


def test_the_page_makes_no_more_queries_with_more_cases(client, scene):
    w = scene.world
    client.force_login(w.officer)
    client.get("/tasks/")
    with CaptureQueriesContext(connection) as few:
        client.get("/tasks/")
    for _ in range(6):
        advance(draft(w.service, w.organisation, w.provider), w, "submit")
    with CaptureQueriesContext(connection) as many:
        html = client.get("/tasks/").content.decode()
    assert header_count(html) == 9
    assert len(many) == len(few)


def test_an_assignment_removed_removes_its_tasks(client, scene):
    RoleAssignment.objects.filter(user=scene.world.officer).delete()
    html = tasks_page(client, scene.world.officer)
    assert scene.new.reference not in html and header_count(html) == 0


DEMO_ACCOUNTS = {
    "officer.trafford@demo.invalid": ["Challenges to assess"],
    "decider.trafford@demo.invalid": ["Challenges awaiting your decision"],
    "admin.trafford@demo.invalid": ["Pages awaiting your approval"],
    "nhs.partner@demo.invalid": ["Agreements awaiting your approval"],
    "provider@demo.invalid": ["Clarification requests to answer", "Decisions received"],
    "parish@demo.invalid": ["Decisions received"],
}


def test_every_demo_account_starts_from_tasks(seeded_demo, client):
    """The demo's people, on the demo's cases: each /tasks/ link opens for its person."""
    from portal.models import User

    for email, titles in DEMO_ACCOUNTS.items():
        html = tasks_page(client, User.objects.get(email=email))
        for title in titles:
            assert f">{title} <strong" in html, (email, title)
        links = set(re.findall(r'href="(/[^"]*)"', main(html)))
        assert len(links) > 1, email
        for link in sorted(links):
            assert client.get(link).status_code == 200, (email, link)


def test_the_header_counts_open_tasks_and_unread_notifications_apart(client, scene):
    """Issue 19: the badge beside "Your tasks" counted unread notifications as tasks (a provider
    saw "84 open" with none to do); notifications have a count of their own."""
    from django.contrib.contenttypes.models import ContentType

    from messaging.models import EventRecord, Notification

    person = scene.world.trust_partner  # no task: the trust is party to no agreement
    for n in range(3):
        event = EventRecord.objects.create(
            kind="agreement.sign",
            subject_type=ContentType.objects.get_for_model(scene.agreement),
            subject_id=scene.agreement.pk,
            key=f"header-count-{n}",
        )
        Notification.objects.create(user=person, event=event, role="nhs_partners")
    html = tasks_page(client, person)
    assert header_count(html) == 0
    assert re.search(
        r'id="header-notifications">Notifications <strong class="portal-count">3'
        r'<span class="govuk-visually-hidden"> unread</span>',
        html,
    )
    Notification.objects.filter(user=person).update(read_at=timezone.now())
    html = tasks_page(client, person)
    assert 'id="header-notifications">Notifications <strong class="portal-count">0' in html
