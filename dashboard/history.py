"""A synthetic history worth measuring (`manage.py seed_history`): years of challenges to every
authority in England, each made through the real transitions (portal.workflow.perform), so the
audit chain, the events and the register are what the portal itself would have written.

The clock is moved back for each step (time-machine): a challenge submitted on 3 March 2022 is
received, audited and numbered on 3 March 2022, and the steps of all challenges run in date
order, so the audit chain's times rise with its sequence numbers.

Behaviour varies by authority (a seeded random profile each): prompt and slow deciders,
authorities that never publish their s.84 periods, some with windows and some without, frequent
and absent challengers; bodies of every type, a few that challenge often and many once, employee
groups of the authority's own staff only, consortia and joint (cross-boundary) services.
Every record made is synthetic; a SyntheticHistory row makes every dashboard page say so.
"""

import heapq
import math
import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import time_machine
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from challenges import eligibility
from challenges.models import Challenge, Partner
from messaging.events import deliver as deliver_event
from messaging.models import EventRecord, OutboxMessage
from messaging.outbox.delivery import deliver as deliver_emails
from portal import demo_content, law
from portal.models import (
    Authority,
    ChallengeWindow,
    Membership,
    Organisation,
    Role,
    RoleAssignment,
    ServiceCategory,
    ServiceSpecificationPage,
    User,
    provenance,
)
from portal.workflow import Refused, act, perform
from portal.workspaces import each_ensured_once, ensure_workspace
from procurement.regimes import threshold_for

from .models import SyntheticHistory

DOMAIN = "history.invalid"  # every synthetic account's address ends with it
ANSWERS = {
    "financial_resources": "Annual income of about £{income},000 from grants, contracts and "
    "trading; reserves equal to four months' running costs; accounts filed on time.",
    "capability_evidence": "Runs similar services in the area with qualified staff, "
    "safeguarding policies and a quality mark.",
    "service_area": "The whole area the service covers today.",
    "outcomes_wellbeing": "Local jobs and volunteering, money spent with local suppliers and "
    "services closer to where people live.",
    "outcomes_user_needs": "Designed with the people who use the service, with longer hours.",
}
ENGAGEMENT = "Open meetings on each site and a ballot of every affected employee."
# s.83(8): how the authority considered the area's well-being (recorded with every decision).
WELLBEING = (
    "The proposal keeps the service local, adds volunteering and spends with local suppliers: "
    "it would improve the area's social and economic well-being."
)
GROUNDS_WEIGHTED = [
    ("info_inadequate_or_inaccurate", 30),
    ("body_unsuitable", 20),
    ("already_in_procurement", 12),
    ("third_party_negotiations", 10),
    ("non_compliant", 8),
    ("service_being_stopped", 6),
    ("nhs_integration_critical", 5),
    ("employee_mutual_published", 3),
    ("unlawful_or_breach_of_duty", 3),
    ("frivolous_or_vexatious", 3),
]
# The reasons a synthetic rejection gives for each ground it cites (s.83(9)): written reasons of
# its own, never a placeholder.
REASONS = {
    "info_inadequate_or_inaccurate": "The financial information does not match the body's "
    "published accounts, and the staffing plan gives no numbers.",
    "body_unsuitable": "The body has no experience of running a regulated service and named no "
    "one to manage it.",
    "already_in_procurement": "A tender notice for the service was published before the "
    "challenge was received.",
    "third_party_negotiations": "The council is in written negotiations with another provider "
    "for the service.",
    "non_compliant": "The expression of interest leaves out how the body would meet the "
    "service's outcomes.",
    "service_being_stopped": "The council has decided to stop providing the service at the end "
    "of the year.",
    "nhs_integration_critical": "The service is run together with NHS care; splitting it would "
    "harm the people who use it.",
    "employee_mutual_published": "The council has already published its decision to transfer "
    "the service to a mutual of its own staff.",
    "unlawful_or_breach_of_duty": "Accepting it would put the council in breach of its duty to "
    "keep the service open to everyone in the area.",
    "frivolous_or_vexatious": "It repeats, word for word, an expression of interest rejected "
    "earlier in the year.",
}


def reasons_for(grounds: list[str]) -> str:
    return " ".join(REASONS[g] for g in grounds)


SERVICES = [
    ("Community libraries", "libraries", 1_200_000),
    ("Youth clubs and detached youth work", "youth-services", 650_000),
    ("Community transport for older and disabled people", "community-transport", 420_000),
    ("Parks maintenance and friends-of-parks support", "parks", 900_000),
    ("Adult day opportunities", "adult-social-care", 1_500_000),
    ("Leisure centres", "leisure", 2_300_000),
]
BODY_KINDS = [
    ("voluntary_community_body", "{place} Community Action", 5),
    ("voluntary_community_body", "Friends of {place} Libraries", 3),
    ("charitable_trust", "{place} Community Trust", 4),
    ("charitable_trust", "{place} Youth and Leisure Trust", 2),
    ("parish_council", "{place} Parish Council", 3),
]


@dataclass
class Profile:
    """How one authority behaves in the synthetic history."""

    publishes: bool  # has specified and published its s.84 periods
    decision_period: tuple[int, str]
    procurement_min_period: tuple[int, str]
    speed: float  # the share of its decision period it typically takes (above 1 is late)
    rate: float  # challenges a year at scale 1
    windows: bool  # specifies windows (s.82), or accepts challenges at any time
    services: int


def profile(rng: random.Random) -> Profile:
    kind = rng.random()
    rate = 0.0 if kind < 0.3 else (0.6 if kind < 0.75 else (2.0 if kind < 0.93 else 6.0))
    return Profile(
        publishes=rng.random() < 0.8,
        decision_period=rng.choice(
            [(30, "working_days"), (60, "working_days"), (90, "calendar_days"), (6, "months")]
        ),
        procurement_min_period=rng.choice(
            [(30, "working_days"), (45, "calendar_days"), (3, "months")]
        ),
        speed=rng.uniform(0.3, 0.9) if rng.random() < 0.6 else rng.uniform(0.8, 1.8),
        rate=rate,
        windows=rng.random() < 0.5,
        services=rng.choice([1, 1, 2, 3]),
    )


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method; fine for the small means used here."""
    if mean <= 0:
        return 0
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class World:
    """The people, bodies, services and windows the history needs (made at `start`)."""

    def __init__(self, rng: random.Random, years: int, scale: float, today: date):
        self.rng, self.years, self.scale, self.today = rng, years, scale, today
        self.start = date(today.year - years, today.month, 1)
        self.categories = {
            slug: ServiceCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]
            for slug, name in demo_content.CATEGORIES
        }
        self.staff: dict[int, dict[str, User]] = {}
        self.employee_groups: dict[int, Organisation] = {}
        self.services: dict[int, list[ServiceSpecificationPage]] = {}

    def user(self, email: str, first: str, last: str) -> User:
        person, created = User.objects.get_or_create(
            email=email,
            defaults={"username": email, "first_name": first, "last_name": last},
        )
        if created:
            person.set_unusable_password()  # synthetic people never sign in
            person.email_confirmed = True
            person.save()
        return person

    def staff_of(self, authority: Authority) -> dict[str, User]:
        if authority.pk not in self.staff:
            code = authority.code.lower()
            people = {}
            for role, label in ((Role.OFFICER, "officer"), (Role.DECISION_MAKER, "decider")):
                person = self.user(f"{label}.{code}@{DOMAIN}", label.title(), authority.code)
                RoleAssignment.objects.get_or_create(user=person, role=role, authority=authority)
                people[role] = person
            self.staff[authority.pk] = people
        return self.staff[authority.pk]

    def body(self, name: str, body_type: str, employer=None) -> Organisation:
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                name=name,
                body_type=body_type,
                employer=employer,
                # s.81(6)(d): a group of two or more of the employer's own employees
                employee_count=self.rng.randint(2, 40) if employer else None,
            )
            slug = organisation.slug
            member = self.user(f"member.{slug[:40]}@{DOMAIN}", "Member", "Synthetic")
            Membership.objects.create(
                user=member, organisation=organisation, role=Membership.ADMIN, approved=True
            )
        return organisation

    def bodies(self, authorities: list[Authority]) -> list[tuple[Organisation, float]]:
        """A pool of bodies with Zipf-like weights: a few challenge often, most once or never."""
        count = max(12, int(len(authorities) * 0.6 * self.scale))
        places = self.rng.sample(authorities, min(count, len(authorities)))
        pool = []
        for rank, place in enumerate(places, 1):
            body_type, pattern, _w = self.rng.choices(BODY_KINDS, [k[2] for k in BODY_KINDS])[0]
            organisation = self.body(pattern.format(place=place.nice_name), body_type)
            pool.append((organisation, 1 / rank))
        return pool

    def employee_group(self, authority: Authority) -> Organisation:
        if authority.pk not in self.employee_groups:
            self.employee_groups[authority.pk] = self.body(
                f"{authority.nice_name} Staff Mutual", "employee_group", employer=authority
            )
        return self.employee_groups[authority.pk]

    def publish_periods(self, authority: Authority, p: Profile) -> None:
        if authority.timescales_published_on is not None:
            return  # the demo's own published periods stay
        if Challenge.objects.filter(authority=authority).exists():
            return  # an authority of the demo's own cases keeps what the demo gave it
        if p.publishes:
            (authority.decision_period, authority.decision_period_unit) = p.decision_period
            (authority.procurement_min_period, authority.procurement_min_period_unit) = (
                p.procurement_min_period
            )
            authority.timescales_published_on = self.start - timedelta(days=30)
        else:
            # Never published: where the periods may be missing, they are (never a default).
            for name in ("decision_period", "procurement_min_period"):
                if Authority._meta.get_field(name).null:
                    setattr(authority, name, None)
        authority.save()

    def windows(self, authority: Authority) -> None:
        """Two windows a year (all services) through the history: March-April, September."""
        if authority.windows.filter(service__isnull=True).exists():
            return
        rows = []
        for year in range(self.start.year, self.today.year + 1):
            rows.append(
                ChallengeWindow(
                    authority=authority,
                    opens_on=date(year, 3, 1),
                    closes_on=date(year, 4, 30),
                    notes="Synthetic history",
                )
            )
            rows.append(
                ChallengeWindow(
                    authority=authority,
                    opens_on=date(year, 9, 1),
                    closes_on=date(year, 9, 30),
                    notes="Synthetic history",
                )
            )
        ChallengeWindow.objects.bulk_create(rows)

    def services_of(self, authority: Authority, p: Profile, partners) -> list:
        if authority.pk in self.services:
            return self.services[authority.pk]
        existing = list(ServiceSpecificationPage.objects.live().filter(authority=authority))
        made = []
        if len(existing) < p.services:
            parent = ensure_workspace(authority)
            for title, category, value in self.rng.sample(SERVICES, p.services - len(existing)):
                page = ServiceSpecificationPage(
                    title=title,
                    category=self.categories[category],
                    summary=f"{title} across {authority.nice_name}.",
                    annual_value=value,
                    delivery_model="in_house",
                    outcomes="<ul><li>Better outcomes for the people who use it</li></ul>",
                    contact_team=f"{authority.nice_name} commissioning team",
                    body=[("paragraph", f"<p>{title} run by {authority.nice_name}.</p>")],
                )
                parent.add_child(instance=page)
                partner = partners.get(authority.pk) if not made else None
                if partner is not None:
                    ensure_workspace(partner)
                    page.partner_authorities.set([partner])
                page.save_revision().publish()
                made.append(page)
        self.services[authority.pk] = existing + made
        return self.services[authority.pk]


def _decision_day(challenge: Challenge, p: Profile, rng: random.Random) -> date:
    start = challenge.clock_start()
    due = challenge.decision_due or (start + timedelta(days=84))
    span = max((due - start).days, 10)
    return start + timedelta(days=max(3, int(span * p.speed * rng.uniform(0.8, 1.2))))


def life(world: World, authority, p: Profile, service, body, received_on: date, rng):
    """One challenge's story, as a generator: it yields the moment of its next step; resumed at
    that moment (the clock moved there), it takes the step through the workflow."""
    staff = world.staff_of(authority)
    officer, decider = staff[Role.OFFICER], staff[Role.DECISION_MAKER]
    member = body.memberships.filter(approved=True).first().user
    partners = list(service.partner_authorities.all())
    today = world.today

    def go(name, user, **kwargs):
        perform("challenge", challenge, name, user, **kwargs)

    yield _at(received_on - timedelta(days=rng.randint(2, 20)), 9)
    income = rng.randint(80, 900)
    consortium = rng.random() < 0.2
    challenge = Challenge.objects.create(
        service=service,
        authority=authority,
        organisation=body,
        created_by=member,
        has_partners=consortium,
        employee_engagement=ENGAGEMENT if body.body_type == "employee_group" else "",
        **{k: v.format(income=income) for k, v in ANSWERS.items()},
    )
    if consortium:
        Partner.objects.create(
            challenge=challenge,
            name=rng.choice(
                [
                    "Northern Care Services Ltd",
                    "Greenfield Leisure CIC",
                    "Unity Housing Association",
                    "Brightpath Training Ltd",
                ]
            ),
            role=rng.choice([Partner.CONSORTIUM_MEMBER, Partner.SUBCONTRACTOR]),
            partner_type="commercial",
            financial_resources="Turnover £2m; a parent company guarantee.",
            capability="Runs similar services for three other councils.",
        )
    yield _at(received_on, 11)
    go("submit", member)
    fate = rng.random()
    if fate < 0.08:
        yield _at(received_on + timedelta(days=rng.randint(5, 40)), 15)
        go("withdraw", member, reason="The body decided to work with the council on a grant.")
        return
    yield _at(received_on + timedelta(days=rng.randint(1, 6)), 10)
    if not eligibility.is_confirmed(body):
        # s.81(6): the synthetic body has no register entry; its eligibility is confirmed by hand.
        act(
            "challenge",
            challenge,
            "confirm_eligibility",
            officer,
            reason="Synthetic history: the body is taken to be a relevant body.",
        )
    go("start_assessment", officer)
    decision_on = _decision_day(challenge, p, rng)
    if rng.random() < 0.3:
        asked = received_on + timedelta(days=rng.randint(7, 15))
        if asked < decision_on - timedelta(days=4):
            yield _at(asked, 12)
            go("request_clarification", officer, question="How would you fund staff pensions?")
            yield _at(asked + timedelta(days=rng.randint(2, 8)), 16)
            go(
                "answer_clarification",
                member,
                answer="Admitted body status is agreed in principle with the pension fund.",
            )
    if decision_on >= today:
        return  # still being assessed today
    outcome = rng.random()
    slugs, weights = [g for g, _ in GROUNDS_WEIGHTED], [w for _, w in GROUNDS_WEIGHTED]
    grounds = sorted(set(rng.choices(slugs, weights, k=rng.randint(1, 2))))
    if not challenge.service.nhs_integrated:  # ground 5 fits only a service with NHS care
        grounds = [g for g in grounds if g != law.NHS_INTEGRATION_GROUND] or [slugs[0]]
    yield _at(decision_on, 14)
    for partner in partners:
        agreed = "accepted" if outcome < 0.4 else ("modified" if outcome < 0.55 else "rejected")
        act(
            "challenge",
            challenge,
            "record_agreement",
            world.staff_of(partner)[Role.DECISION_MAKER],
            outcome=agreed,
            authority=partner,
        )
    if outcome < 0.4:
        go("accept", decider, reasons="The proposal meets every requirement.", wellbeing=WELLBEING)
    elif outcome < 0.55:
        go(
            "propose_modification",
            decider,
            terms="Accepted for part of the service only.",
            grounds=grounds[:1],
            reasons="Only part of the proposal is costed. " + reasons_for(grounds[:1]),
            wellbeing=WELLBEING,
        )
        answer_on = decision_on + timedelta(days=rng.randint(3, 15))
        if answer_on >= today:
            return
        yield _at(answer_on, 11)
        if rng.random() < 0.8:
            go("agree_modification", member)
        else:
            go("decline_modification", member)
            return
    else:
        go(
            "reject",
            decider,
            grounds=grounds,
            reasons=reasons_for(grounds),
            wellbeing=WELLBEING,  # s.83(8): every decision considers it
        )
        return
    if rng.random() < 0.15:
        return  # accepted, procurement not started (yet)
    challenge.refresh_from_db()
    earliest = challenge.earliest_procurement_start()
    if earliest is None:
        return  # s.84: no procurement before the authority publishes its minimum period
    started_on = earliest + timedelta(days=rng.randint(0, 90))
    kind = "light_touch_services"
    if started_on >= today or started_on < law.REGIME_COMMENCEMENT["light_touch"]:
        return  # the portal runs exercises under the Procurement Act 2023 only
    yield _at(started_on, 10)
    # The procurement is an exercise of its own (procurement.exercise_workflow), the one source
    # of every procurement figure; it starts the challenge's procurement as the portal does.
    value = service.annual_value * 3
    above, below = law.REGIMES_FOR_KIND[kind]
    threshold = threshold_for(kind, started_on)
    act(  # the exercise machine's "open" action (procurement.exercise_workflow)
        "exercise",
        None,
        "open",
        officer,
        service=service,
        challenge=challenge,
        title=f"{service.title}: contract following a challenge",
        description=service.summary,
        contract_kind=kind,
        regime=below if threshold is not None and value < threshold else above,
        estimated_value=value,
        started_on=started_on,
        confidential_fields=(),
        psr_process="",
        cpv_code="",
    )


def _received_days(world: World, p: Profile, rng: random.Random) -> list[date]:
    """The days challenges reach one authority: Poisson a year, in a window if it has any."""
    days = []
    span = (world.today - world.start).days
    count = _poisson(rng, p.rate * world.scale * span / 365)
    for _ in range(count):
        day = world.start + timedelta(days=rng.randint(25, span - 1))
        if p.windows:  # move it into the nearest earlier window
            if day.month < 3 or (day.month == 3 and day.year == world.start.year):
                day = date(day.year, 3, rng.randint(1, 28))
            elif 5 <= day.month <= 8:
                day = date(day.year, 4, rng.randint(1, 30))
            elif day.month >= 10:
                day = date(day.year, 9, rng.randint(1, 30))
            if day < world.start + timedelta(days=25) or day >= world.today:
                continue
        days.append(day)
    return sorted(days)


def build(
    years: int = 5, scale: float = 1.0, seed: int = 2011, today: date | None = None, stdout=None
) -> dict:
    """Make the history; returns what was made."""
    # Every record it makes is made up; each authority's workspace is ensured once.
    with provenance.recording(provenance.SYNTHETIC), each_ensured_once():
        return _build(years, scale, seed, today, stdout)


def _build(years: int, scale: float, seed: int, today: date | None, stdout) -> dict:
    rng = random.Random(seed)  # noqa: S311  (made-up data, repeatable from its seed)
    today = today or timezone.localdate()
    world = World(rng, years, scale, today)
    authorities = list(Authority.objects.order_by("code"))
    profiles = {a.pk: profile(rng) for a in authorities}
    by_region: dict[str, list[Authority]] = {}
    for a in authorities:
        by_region.setdefault(a.region, []).append(a)
    # One in ten challenged authorities runs its first service jointly with a neighbour.
    partners = {}
    for a in authorities:
        neighbours = [n for n in by_region[a.region] if n.pk != a.pk]
        if neighbours and profiles[a.pk].rate > 0 and rng.random() < 0.1:
            partners[a.pk] = rng.choice(neighbours)
    plans = []
    with time_machine.travel(_at(world.start, 8), tick=False):
        pool = world.bodies(authorities)
        for a in authorities:
            p = profiles[a.pk]
            world.publish_periods(a, p)
            days = _received_days(world, p, rng)
            if not days:
                continue  # nobody challenged it: no services or windows are made for it
            if p.windows:
                world.windows(a)
            p.services = min(p.services, 1 + len(days) // 4)  # creating pages is the slow part
            services = [s for s in world.services_of(a, p, partners) if not s.excluded]
            for day in days:
                if rng.random() < 0.12:
                    body = world.employee_group(a)  # only ever its own employer
                else:
                    body = rng.choices([b for b, _ in pool], [w for _, w in pool])[0]
                open_then = [s for s in services if s.accepting_challenges(day)]
                if open_then:  # a demo service with windows of its own may be closed that day
                    plans.append((a, p, rng.choice(open_then), body, day))
    stories = []
    # Each story's first part makes its staff (their roles are audit events since issue 23):
    # at the history's start, so the chain's times still rise with its sequence.
    with time_machine.travel(_at(world.start, 8), tick=False):
        for n, (a, p, service, body, day) in enumerate(plans):
            story = life(world, a, p, service, body, day, random.Random(seed * 1_000_003 + n))  # noqa: S311
            stories.append((next(story), n, story))
    heapq.heapify(stories)
    steps, refused, reasons = 0, 0, Counter()
    emails_before = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    events_before = EventRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        time_machine.travel(_at(world.start, 8), tick=False) as clock,
    ):
        while stories:
            moment, n, story = heapq.heappop(stories)
            clock.move_to(moment)
            steps += 1
            try:
                with transaction.atomic():
                    # None when the story ends: its last step commits (StopIteration raised
                    # inside the block would roll it back)
                    upcoming = next(story, None)
            except Refused as refusal:
                refused += 1  # the story ends where the workflow refused (reported)
                reasons[refusal.problems[0][:90]] += 1
                continue
            if upcoming is not None:
                heapq.heappush(stories, (upcoming, n, story))
    # Deliver the history's events now and its emails into memory (nobody is told years
    # later); events and emails from before it, such as the demo's own, are left to the worker.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        made_events = EventRecord.objects.filter(pk__gt=events_before, delivered_at=None)
        for pk in made_events.order_by("pk").values_list("pk", flat=True):
            deliver_event(pk)
        made_emails = OutboxMessage.objects.filter(pk__gt=emails_before)
        deliver_emails(ids=list(made_emails.values_list("pk", flat=True)))
    made = len(plans)
    SyntheticHistory.objects.create(years=years, scale=scale, challenges=made)
    if stdout:
        stdout.write(
            f"Synthetic history: {made} challenges to {len(authorities)} authorities "
            f"over {years} years, {steps} steps through the workflow ({refused} refused)."
        )
        for reason, n in reasons.most_common(5):
            stdout.write(f"  refused {n} times: {reason}")
    return {"challenges": made, "steps": steps, "refused": refused, "authorities": len(authorities)}
