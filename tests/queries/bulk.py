"""Fast builders for many rows: the query-count tests need a thousand of each thing a page lists.

They insert with bulk_create (a few statements per thousand rows), so they skip the workflows'
checks and side effects: use them only for rows that pages read, never to test a workflow.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from agreements.models import (
    AgreementParty,
    AgreementVersion,
    Contribution,
    StaffArrangement,
    TransferAgreement,
)
from challenges.models import Challenge, Message, Outcome, State
from portal.models import (
    Authority,
    ChallengeWindow,
    Membership,
    NhsBody,
    Organisation,
    ServiceSpecificationPage,
    User,
)
from procurement.models import ExpressionOfInterest, Notice, ProcurementExercise
from procurement.models import State as ExerciseState
from tests.challenges.conftest import CONTENTS

YEAR = 2019  # references of another year than those the workflows hand out now


def add_child_pages(parent: Page, pages: list[Page]) -> list[Page]:
    """Add live pages under `parent` in a few statements (Page.add_child takes dozens each).

    Writes the treebeard path, depth and url_path as add_child would, the wagtailcore_page rows
    with one bulk_create, then the specific model's own rows.
    """
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    for n, page in enumerate(pages, start=step + 1):
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, n)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = now
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    bases = Page.objects.bulk_create(
        [Page(**{f.attname: getattr(p, f.attname) for f in base_fields}) for p in pages]
    )
    for page, base in zip(pages, bases, strict=True):
        page.pk = page.page_ptr_id = base.pk
    # bulk_create refuses multi-table children; QuerySet._insert is what it runs per table.
    model._base_manager._insert(pages, fields=model._meta.local_concrete_fields)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    return pages


def services(parent: Page, authority: Authority, category, start: int, stop: int):
    return add_child_pages(
        parent,
        [
            ServiceSpecificationPage(
                title=f"Service {n:04d}",
                slug=f"service-{n:04d}",
                authority=authority,
                category=category,
                summary=f"Service number {n} run by {authority.nice_name}.",
                delivery_model="in_house",
                annual_value=100_000 + n,
            )
            for n in range(start, stop)
        ],
    )


def windows(authority, service, start: int, stop: int):
    first = date(2000, 1, 1)
    return ChallengeWindow.objects.bulk_create(
        ChallengeWindow(
            authority=authority,
            service=service,
            opens_on=first + timedelta(days=7 * n),
            closes_on=first + timedelta(days=7 * n + 3),
        )
        for n in range(start, stop)
    )


def users(prefix: str, start: int, stop: int) -> list[User]:
    return User.objects.bulk_create(
        User(
            username=f"{prefix}{n}@example.org",
            email=f"{prefix}{n}@example.org",
            first_name="Person",
            last_name=f"{prefix.title()} {n:04d}",
            password="!",  # unusable: these people never sign in
            email_confirmed=True,
        )
        for n in range(start, stop)
    )


def members(organisation, people, approved_every=2):
    """Memberships of `people`: every `approved_every`-th approved, the others waiting."""
    return Membership.objects.bulk_create(
        Membership(user=p, organisation=organisation, approved=n % approved_every == 0)
        for n, p in enumerate(people)
    )


def organisations_of(person, start: int, stop: int):
    """Organisations the person belongs to, as admin of half and a member of the rest."""
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Community body {n:04d}",
            slug=f"community-body-{n:04d}",
            body_type="voluntary_community_body",
        )
        for n in range(start, stop)
    )
    Membership.objects.bulk_create(
        Membership(
            user=person,
            organisation=o,
            approved=True,
            role=Membership.ADMIN if n % 2 else Membership.MEMBER,
        )
        for n, o in enumerate(organisations)
    )
    return organisations


def challenges(world, start: int, stop: int) -> list[Challenge]:
    """Challenges of the world's organisation in turn: accepted, rejected (with grounds),
    accepted with a modification, and under assessment past its due date."""
    now = timezone.now()
    rows = []
    for n in range(start, stop):
        kind = n % 4
        decided = kind != 3
        outcome = [Outcome.ACCEPTED, Outcome.REJECTED, Outcome.MODIFIED, ""][kind]
        rows.append(
            Challenge(
                reference=f"{world.authority.code}-CH-{YEAR}-{n:04d}",
                state=State.REJECTED
                if outcome == Outcome.REJECTED
                else (State.ACCEPTED if decided else State.UNDER_ASSESSMENT),
                service=world.main_service,
                authority=world.authority,
                organisation=world.organisation,
                created_by=world.provider,
                received_at=now - timedelta(days=90),
                decision_due=timezone.localdate() - timedelta(days=1 + n % 30),
                assessing_officer=world.officer,
                outcome=outcome,
                grounds=["body_unsuitable"] if outcome == Outcome.REJECTED else [],
                decision_reasons="Reasons given in the letter." if decided else "",
                decided_at=now - timedelta(days=n % 400) if decided else None,
                decided_by=world.decider if decided else None,
                **CONTENTS,
            )
        )
    return Challenge.objects.bulk_create(rows)


def messages(challenge, world, start: int, stop: int):
    return Message.objects.bulk_create(
        Message(
            challenge=challenge,
            author=world.officer if n % 2 == 0 else world.provider,
            from_authority=n % 2 == 0,
            text=f"Message {n}: how many staff would transfer?",
        )
        for n in range(start, stop)
    )


def exercises(world, start: int, stop: int) -> list[ProcurementExercise]:
    """Published exercises (each with its planning notice), open for tenders."""
    rows = ProcurementExercise.objects.bulk_create(
        ProcurementExercise(
            reference=f"{world.authority.code}-PR-{YEAR}-{n:04d}",
            state=ExerciseState.TENDER_OPEN,
            authority=world.authority,
            service=world.services[n % len(world.services)],
            title=f"Contract {n}",
            description="Running the service for five years.",
            contract_kind="light_touch_services",
            regime="light_touch",
            estimated_value=Decimal(900_000 + n),
            started_on=date(2025, 1, 1) + timedelta(days=n % 300),
            created_by=world.officer,
            tender_deadline=timezone.now() + timedelta(days=30),
        )
        for n in range(start, stop)
    )
    notices(rows, date(2025, 1, 1))
    return rows


def interests(exercise, organisations, person, start: int):
    """Submitted expressions of interest in one exercise, one from each organisation."""
    return ExpressionOfInterest.objects.bulk_create(
        ExpressionOfInterest(
            reference=f"{exercise.authority.code}-EI-{YEAR}-{n:04d}",
            state="submitted",
            exercise=exercise,
            organisation=o,
            created_by=person,
            proposal="Four clubs, five nights.",
            price=Decimal(800_000 + n),
            submitted_at=timezone.now(),
        )
        for n, o in enumerate(organisations, start=start)
    )


def notices(for_exercises, first_day: date, code: str = ""):
    return Notice.objects.bulk_create(
        Notice(
            exercise=e,
            code=code,
            transition="open_exercise",
            published_on=first_day + timedelta(days=n % 300),
            tag="planning",
            release={"ocid": f"ocds-test-{e.reference}", "id": f"{e.reference}-{n}"},
        )
        for n, e in enumerate(for_exercises)
    )


def agreements(world, start: int, stop: int) -> list[TransferAgreement]:
    """Agreements in force between the world's authority and its NHS body, each with a
    contribution from both, a staff arrangement and its signed version."""
    rows = TransferAgreement.objects.bulk_create(
        TransferAgreement(
            reference=f"{world.authority.code}-TA-{YEAR}-{n:04d}",
            state="in_force",
            lead_authority=world.authority,
            title=f"Pooled budget {n}",
            agreement_type="pooled_fund",
            created_by=world.officer,
            aims_outcomes="People stay well at home for longer.",
            signed_on=date(2025, 1, 1) + timedelta(days=n % 300),
            in_force_from=date(2025, 2, 1) + timedelta(days=n % 300),
        )
        for n in range(start, stop)
    )
    lead = AgreementParty.objects.bulk_create(
        AgreementParty(agreement=a, authority=world.authority, is_host=True) for a in rows
    )
    nhs = AgreementParty.objects.bulk_create(
        AgreementParty(agreement=a, nhs_body=world.nhs_body) for a in rows
    )
    Contribution.objects.bulk_create(
        Contribution(agreement=a, party=p, financial_year=YEAR, amount=Decimal(1_000_000))
        for a, pair in zip(rows, zip(lead, nhs, strict=True), strict=True)
        for p in pair
    )
    StaffArrangement.objects.bulk_create(
        StaffArrangement(
            agreement=a,
            from_party=f,
            to_party=t,
            arrangement="secondment",
            staff_group="Social workers",
            headcount=4,
        )
        for a, f, t in zip(rows, lead, nhs, strict=True)
    )
    versions([(a, 1) for a in rows])
    return rows


def versions(numbered):
    """Versions of (agreement, number) pairs."""
    return AgreementVersion.objects.bulk_create(
        AgreementVersion(agreement=a, number=n, kind="signed", made_on=date(2025, 1, 1), terms={})
        for a, n in numbered
    )


def authorities(start: int, stop: int) -> list[Authority]:
    """Authorities with made-up codes (three characters: A00 to Z99)."""
    return Authority.objects.bulk_create(
        Authority(
            code=f"{chr(65 + n // 100)}{n % 100:02d}",
            gss_code=f"E09{n:06d}",
            name=f"Partner Council {n:04d}",
            nice_name=f"Partner {n:04d}",
            slug=f"partner-{n:04d}",
            authority_type="UA",
            region="North West",
        )
        for n in range(start, stop)
    )


def partners_of(service, partner_authorities):
    """Make the service a joint one, delivered with these authorities too."""
    through = ServiceSpecificationPage.partner_authorities.through
    return through.objects.bulk_create(
        through(servicespecificationpage_id=service.pk, authority_id=a.pk)
        for a in partner_authorities
    )


def nhs_bodies(start: int, stop: int) -> list[NhsBody]:
    return NhsBody.objects.bulk_create(
        NhsBody(name=f"NHS trust {n:04d}", ods_code=f"T{n:04d}", kind="nhs_trust")
        for n in range(start, stop)
    )
