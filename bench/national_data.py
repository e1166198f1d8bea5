"""A national data set for the load benchmark, made fast with bulk inserts of the real models.

Every English authority (manage.py load_authorities), each with its services page (inserted in
bulk) and its CMS groups, permissions and approval workflow (portal.workspaces, as in
production); then, spread over the chosen authorities:

- published service specifications (Wagtail pages: the page and specification rows are inserted in
  bulk, with tree paths computed the way treebeard computes them);
- decided challenges (accepted, accepted as modified, rejected, procurement started) with their
  references, statutory dates, decision letters (the portal's own template) and audit events;
- procurement exercises with their notices (planned, market engagement, tender open or cancelled),
  each notice's OCDS release built by procurement.ocds at that stage, as the workflow does;
- one audit chain for all of it, linked and hashed as portal.audit would.

No decision letter PDFs are stored (one PDF per decision on S3 would dominate the run); the
register shows the letter's text and links a PDF only when one exists. Expressions of interest
are not made, so no exercise goes past `tender_open`. After the rows, the search index is rebuilt
with manage.py search_index --rebuild.

    python -m bench.national_data   # into the database DATABASE_URL names (migrated)
"""

import io
import random
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from bench.runner import env_int, smoke
from bench.words import PLACES, SENTENCES, SERVICES
from challenges.letters import render_decision_letter
from challenges.models import Challenge, Outcome
from challenges.models import State as ChallengeState
from challenges.workflow import REFERENCE_KIND as CHALLENGE_KIND
from portal import law
from portal.demo import categories, page_tree
from portal.models import (
    Authority,
    AuthorityServicesPage,
    Membership,
    Organisation,
    PeriodVersion,
    ReferenceCounter,
    Role,
    RoleAssignment,
    ServiceDirectoryPage,
    ServiceSpecificationPage,
    User,
)
from portal.models.audit import GENESIS_HASH, AuditEvent, normalise_changes
from portal.workspaces import editors_group_name, ensure_workspace
from procurement import ocds
from procurement.exercise_workflow import threshold_for
from procurement.models import Notice, ProcurementExercise
from procurement.models import State as ExerciseState
from procurement.models.common import KINDS as PROCUREMENT_KINDS

BATCH = 2000
BODY_KINDS = [
    ("voluntary_community_body", "{place} Community Association"),
    ("charitable_trust", "{place} Community Trust"),
    ("parish_council", "{place} Parish Council"),
    ("employee_group", "{authority} {service} Staff Mutual"),
]
REASONS = [
    "The expression of interest does not show how the service would be staffed at weekends.",
    "The financial information does not match the body's published accounts.",
    "The council decided in writing to stop providing the service before the challenge arrived.",
    "A tender notice for the service was published before the challenge was received.",
    "Users also receive an integrated health service; splitting it would harm their well-being.",
]
ACCEPT_REASONS = [
    "The proposal meets every requirement and promises social value for the area.",
    "The body has a strong record of delivering similar services locally.",
    "",
]
MODIFICATION = (
    "The challenge is accepted for the evening sessions only; daytime provision stays with the "
    "council."
)
ANSWERS = {
    "financial_resources": "Annual income of about £{n},000 from grants, contracts and "
    "donations; unrestricted reserves equal to five months' running costs.",
    "capability_evidence": "We have delivered similar services in the area for {years} years, "
    "with qualified staff, safeguarding policies and a quality mark.",
    "service_area": "The whole area the service covers today.",
    "outcomes_wellbeing": "More local people employed and volunteering, and money spent with "
    "local suppliers.",
    "outcomes_user_needs": "Sessions designed with the people who use the service and longer "
    "opening hours.",
}
ENGAGEMENT = "Open meetings on each site, a staff ballot, and union representation on the board."
# Decided states and their share of the register (accepted as modified is an accepted state).
DECISION_MIX = [("accepted", 30), ("modified", 5), ("rejected", 55), ("procurement_started", 10)]
EXERCISE_MIX = [("planned", 25), ("market_engagement", 25), ("tender_open", 35), ("cancelled", 15)]
FIRST_DECISION = date(2013, 1, 1)
PROCUREMENT_FROM = date(2025, 3, 3)  # the Procurement Act 2023 regimes apply from 24 February 2025


@dataclass
class Sizes:
    services: int = 5_000
    decisions: int = 30_000
    exercises: int = 15_000
    authorities: int | None = None  # None: every authority in the register

    @property
    def rows(self) -> int:
        return self.services + self.decisions + self.exercises

    @classmethod
    def from_environment(cls) -> "Sizes":
        """BENCH_SERVICES, BENCH_DECISIONS and BENCH_EXERCISES, or the defaults."""
        return cls(
            services=env_int("BENCH_SERVICES", cls.services, smoke_size=10),
            decisions=env_int("BENCH_DECISIONS", cls.decisions, smoke_size=10),
            exercises=env_int("BENCH_EXERCISES", cls.exercises, smoke_size=5),
            authorities=3 if smoke() else None,
        )


@dataclass
class Built:
    """What the load test picks from: references and words that exist in the data."""

    decision_refs: list[str] = field(default_factory=list)
    exercise_refs: list[str] = field(default_factory=list)
    service_urls: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


class _Clock:
    def __init__(self, built: Built, log):
        self.built, self.log, self.last = built, log, time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.built.timings[step] = now - self.last
        self.log(f"  {step}: {now - self.last:.1f} s")
        self.last = now


def _aware(day: date, rng: random.Random) -> datetime:
    moment = datetime(day.year, day.month, day.day, rng.randint(8, 17), rng.randint(0, 59))
    return timezone.make_aware(moment)


def _weighted(mix):
    return [name for name, weight in mix for _ in range(weight)]


# --- authorities, people, bodies ---------------------------------------------------------------


def _authorities(sizes: Sizes) -> list[Authority]:
    if Authority.objects.count() < 300:
        call_command("load_authorities", verbosity=0, stdout=io.StringIO())
    # Only relevant authorities are challenged (s.81(2)); most have published their s.84(1)
    # periods, every seventh has not (and its challenges have no due date).
    chosen = (
        Authority.objects.exclude(code__in=law.NOT_RELEVANT_AUTHORITIES)
        .exclude(authority_type__in=law.NOT_RELEVANT_TYPE_REASONS)
        .order_by("code")
    )
    chosen = list(chosen[: sizes.authorities] if sizes.authorities else chosen)
    published = [a.pk for i, a in enumerate(chosen) if i % 7]
    periods = {
        "decision_period": 60,
        "decision_period_unit": "working_days",
        "procurement_min_period": 3,
        "procurement_min_period_unit": "months",
    }
    unpublished = Authority.objects.filter(pk__in=published, timescales_published_on=None)
    newly = list(unpublished.values_list("pk", flat=True))
    # in force from the first synthetic decision, so that each challenge is judged against them
    unpublished.update(**periods, timescales_published_on=FIRST_DECISION)
    # In bulk, as Authority.save() would record them one by one: the version each challenge is
    # judged against (portal.PeriodVersion).
    PeriodVersion.objects.bulk_create(
        PeriodVersion(authority_id=pk, effective_on=FIRST_DECISION, **periods) for pk in newly
    )
    return list(Authority.objects.filter(pk__in=[a.pk for a in chosen]).order_by("code"))


def _staff(authorities) -> dict[int, dict[str, User]]:
    """An officer and a decision maker for each authority (placeholder addresses, no names)."""
    users, roles = [], []
    for a in authorities:
        for role in (Role.OFFICER, Role.DECISION_MAKER):
            email = f"{role.value.replace('_', '-')}.{a.code.lower()}@loadbench.invalid"
            users.append(User(username=email, email=email, email_confirmed=True, password="!"))
    User.objects.bulk_create(users, batch_size=BATCH)
    by_email = {u.email: u for u in User.objects.filter(email__endswith="@loadbench.invalid")}
    staff, memberships = {}, []
    groups = {g.name: g for g in Group.objects.filter(name__endswith=" editors")}
    for a in authorities:
        staff[a.pk] = {}
        for role in (Role.OFFICER, Role.DECISION_MAKER):
            user = by_email[f"{role.value.replace('_', '-')}.{a.code.lower()}@loadbench.invalid"]
            staff[a.pk][role.value] = user
            roles.append(RoleAssignment(user=user, role=role, authority=a))
            group = groups.get(editors_group_name(a))
            if group:  # portal.workspaces.sync_groups puts officers in their editors group
                memberships.append(User.groups.through(user_id=user.pk, group_id=group.pk))
    RoleAssignment.objects.bulk_create(roles, batch_size=BATCH)
    User.groups.through.objects.bulk_create(memberships, batch_size=BATCH)
    return staff


def _bodies(authorities, rng) -> dict[int, list[tuple[Organisation, User]]]:
    """Three bodies that may challenge in each authority's area, each with an approved admin."""
    orgs, plan = [], []
    for a in authorities:
        for i, (kind, pattern) in enumerate(rng.sample(BODY_KINDS, 3)):
            place = rng.choice(PLACES).title()
            service = rng.choice(rng.choice(list(SERVICES.values())))
            name = pattern.format(
                place=f"{a.nice_name} {place}", authority=a.nice_name, service=service
            )
            org = Organisation(
                name=name,
                slug=f"{slugify(name)[:190]}-{a.code.lower()}-{i}",
                body_type=kind,
                charity_number=str(1_000_000 + a.pk * 10 + i) if kind == "charitable_trust" else "",
                employer=a if kind == "employee_group" else None,
                employee_count=rng.randint(2, 40) if kind == "employee_group" else None,
            )
            orgs.append(org)
            plan.append((a.pk, org))
    Organisation.objects.bulk_create(orgs, batch_size=BATCH)
    users = [
        User(
            username=f"body-{org.pk}@loadbench.invalid",
            email=f"body-{org.pk}@loadbench.invalid",
            email_confirmed=True,
            password="!",
        )
        for org in orgs
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    Membership.objects.bulk_create(
        [
            Membership(user=u, organisation=o, role=Membership.ADMIN, approved=True)
            for u, o in zip(users, orgs, strict=True)
        ],
        batch_size=BATCH,
    )
    bodies: dict[int, list] = {}
    for (authority_pk, org), user in zip(plan, users, strict=True):
        bodies.setdefault(authority_pk, []).append((org, user))
    return bodies


# --- service specifications (Wagtail pages) ----------------------------------------------------


def insert_pages(children: list[tuple[Page, Page]], published: list[datetime]) -> None:
    """Insert live pages of a specific type in bulk: (parent, specific page) pairs, each new page
    numbered after its parent's children (treebeard's paths), then the parents' counts."""
    locale = Locale.get_default()
    content_types: dict[type, ContentType] = {}
    bases = []
    for (parent, page), when in zip(children, published, strict=True):
        parent.numchild += 1
        model = type(page)
        content_types.setdefault(model, ContentType.objects.get_for_model(model))
        bases.append(
            Page(
                title=page.title,
                draft_title=page.title,
                slug=page.slug,
                content_type=content_types[model],
                live=True,
                has_unpublished_changes=False,
                url_path=f"{parent.url_path}{page.slug}/",
                first_published_at=when,
                last_published_at=when,
                locale=locale,
                translation_key=uuid.uuid4(),
                path=Page._get_path(parent.path, parent.depth + 1, parent.numchild),
                depth=parent.depth + 1,
                numchild=0,
            )
        )
    Page.objects.bulk_create(bases, batch_size=BATCH)
    by_model: dict[type, list] = {}
    for base, (_parent, page) in zip(bases, children, strict=True):
        page.page_ptr_id = page.pk = base.pk
        page.path, page.depth, page.url_path = base.path, base.depth, base.url_path
        page.live, page.locale, page.content_type = True, locale, base.content_type
        by_model.setdefault(type(page), []).append(page)
    for model, pages in by_model.items():
        fields = model._meta.local_concrete_fields
        for start in range(0, len(pages), BATCH):
            model.objects._insert(pages[start : start + BATCH], fields=fields)
    for parent in {id(p): p for p, _ in children}.values():
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild)


def _workspaces(authorities, rng, today) -> None:
    """Each authority's services page in bulk; then portal.workspaces adds its editor and
    publisher groups, page permissions and approval workflow (it finds the page there)."""
    directory = ServiceDirectoryPage.objects.get()
    have = set(AuthorityServicesPage.objects.values_list("authority_id", flat=True))
    missing = [a for a in authorities if a.pk not in have]
    insert_pages(
        [
            (
                directory,
                AuthorityServicesPage(
                    title=f"{a.nice_name} services",
                    slug=a.slug,
                    authority=a,
                    intro=f"Services run by {a.name} that may be challenged.",
                ),
            )
            for a in missing
        ],
        [_aware(today - timedelta(days=rng.randint(400, 4000)), rng) for _ in missing],
    )
    for a in authorities:
        ensure_workspace(a)


def _service_pages(authorities, count, rng, today) -> dict[int, list[ServiceSpecificationPage]]:
    """Live specification pages under each authority's services page, inserted in bulk."""
    cats = categories()
    parents = {
        p.authority_id: p for p in AuthorityServicesPage.objects.filter(authority__in=authorities)
    }
    per = [
        count // len(authorities) + (1 if i < count % len(authorities) else 0)
        for i in range(len(authorities))
    ]
    children, published, specs = [], [], []
    for a, n in zip(authorities, per, strict=True):
        parent = parents[a.pk]
        for i in range(n):
            category = rng.choice(list(SERVICES))
            title = f"{rng.choice(SERVICES[category])}: {rng.choice(PLACES)}"
            spec = ServiceSpecificationPage(
                title=title,
                slug=f"{slugify(title)}-{parent.numchild + i + 1}",
                authority=a,
                category=cats[category],
                summary=f"{title} for {a.nice_name}. {rng.choice(SENTENCES)}",
                body=[
                    ("heading", "What the service does"),
                    ("paragraph", f"<p>{' '.join(rng.sample(SENTENCES, 3))}</p>"),
                ],
                annual_value=Decimal(rng.randrange(50_000, 20_000_000, 1_000)),
                delivery_model=rng.choice(ServiceSpecificationPage.DELIVERY_MODELS)[0],
                service_users=f"Residents of {a.nice_name}, {rng.choice(PLACES)}",
                outcomes="<ul><li>Better outcomes for the people who use the service</li></ul>",
                contact_team=f"{a.nice_name} commissioning team",
            )
            children.append((parent, spec))
            specs.append(spec)
            published.append(_aware(today - timedelta(days=rng.randint(30, 4000)), rng))
    insert_pages(children, published)
    # A few joint services (s.81 work across boundaries): a neighbour in the same region.
    by_region: dict[str, list[Authority]] = {}
    for a in authorities:
        by_region.setdefault(a.region, []).append(a)
    through = ServiceSpecificationPage.partner_authorities.through
    joint = []
    by_authority: dict[int, list] = {}
    for spec in specs:
        by_authority.setdefault(spec.authority_id, []).append(spec)
        neighbours = [n for n in by_region[spec.authority.region] if n.pk != spec.authority_id]
        if neighbours and rng.random() < 0.03:
            joint.append(
                through(servicespecificationpage_id=spec.pk, authority_id=rng.choice(neighbours).pk)
            )
    through.objects.bulk_create(joint, batch_size=BATCH)
    # No challenge windows: with none published, a challenge may come at any time (s.82), so
    # every generated submission date is valid.
    return by_authority


# --- decided challenges ------------------------------------------------------------------------


class _Events:
    """Audit events collected from every generator, chained and inserted at the end."""

    def __init__(self):
        self.rows: list[AuditEvent] = []

    def add(
        self,
        obj,
        kind,
        transition,
        from_state,
        to_state,
        actor,
        role,
        at,
        reference,
        changes,
        reason="",
    ):
        self.rows.append(
            AuditEvent(
                object_kind=kind,
                object_id=str(obj.pk),
                reference=reference,
                transition=transition,
                from_state=from_state,
                to_state=to_state,
                actor=actor,
                actor_role=role,
                at=at,
                reason=reason,
                changes=normalise_changes(changes),
            )
        )

    def insert(self) -> int:
        """Events in time order continue the chain from its head, as portal.audit.record does."""
        last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
        seq, prev = last if last else (0, GENESIS_HASH)
        self.rows.sort(key=lambda e: e.at)
        for event in self.rows:
            seq += 1
            event.seq, event.prev_hash = seq, prev
            event.hash = prev = event.computed_hash()
        AuditEvent.objects.bulk_create(self.rows, batch_size=BATCH)
        return len(self.rows)


def _decisions(count, services, bodies, staff, rng, today, events: _Events) -> list[Challenge]:
    states = _weighted(DECISION_MIX)
    grounds = [slug for slug, _ in law.REJECTION_GROUNDS]
    counters: dict[tuple[int, int], int] = {}
    authority_ids = list(services)
    partners = {
        row["pk"]: row["partner_authorities"]
        for row in ServiceSpecificationPage.objects.filter(
            partner_authorities__isnull=False
        ).values("pk", "partner_authorities")
    }
    challenges, plans = [], []
    span = (today - timedelta(days=200) - FIRST_DECISION).days
    for n in range(count):
        authority_pk = rng.choice(authority_ids)
        service = rng.choice(services[authority_pk])
        authority = service.authority
        org, member = rng.choice(bodies[authority_pk])
        officer, decider = staff[authority_pk]["officer"], staff[authority_pk]["decision_maker"]
        kind = rng.choice(states)
        if kind == "procurement_started":  # decided long enough ago for the minimum period
            received_on = today - timedelta(days=rng.randint(700, 1200))
        else:
            received_on = FIRST_DECISION + timedelta(days=rng.randint(0, span))
        received_at = _aware(received_on, rng)
        year = received_on.year
        counters[(authority_pk, year)] = counters.get((authority_pk, year), 0) + 1
        reference = f"{authority.code}-{CHALLENGE_KIND}-{year}-{counters[(authority_pk, year)]:04d}"
        challenge = Challenge(
            reference=reference,
            service=service,
            authority=authority,
            organisation=org,
            created_by=member,
            has_partners=False,
            employee_engagement=ENGAGEMENT if org.body_type == "employee_group" else "",
            received_at=received_at,
            assessing_officer=officer,
            **{k: v.format(n=120 + n % 900, years=2 + n % 15) for k, v in ANSWERS.items()},
        )
        challenge.decision_due = challenge.compute_decision_due()
        # An authority that has published no maximum period has no due date (s.84(1)(b)).
        latest = (challenge.decision_due - received_on).days if challenge.decision_due else 120
        decide_on = received_on + timedelta(days=rng.randint(10, max(11, latest)))
        decided_at = _aware(decide_on, rng)
        assessing_at = received_at + timedelta(days=rng.randint(1, 2))
        challenge.decided_at, challenge.decided_by = decided_at, decider
        if kind == "rejected":
            challenge.outcome = Outcome.REJECTED
            challenge.grounds = rng.sample(grounds, rng.choice([1, 1, 2]))
            challenge.decision_reasons = rng.choice(REASONS)
            final = ChallengeState.REJECTED
        elif kind == "modified":
            challenge.outcome = Outcome.MODIFIED
            challenge.grounds = ["info_inadequate_or_inaccurate"]
            challenge.decision_reasons = "The proposal for daytime sessions is not costed."
            challenge.modification_terms = MODIFICATION
            challenge.modification_proposed_at = decided_at - timedelta(days=7)
            challenge.body_agreed_at = decided_at
            final = ChallengeState.ACCEPTED
        else:
            challenge.outcome = Outcome.ACCEPTED
            challenge.decision_reasons = rng.choice(ACCEPT_REASONS)
            final = ChallengeState.ACCEPTED
        challenge.__dict__["state"] = final  # FSMField(protected=True): no setattr
        plans.append((challenge, kind, member, officer, decider, assessing_at))
        challenges.append(challenge)
    # The letter names joint partners: read them from the rows above, not once per challenge.
    partner_names = {a.pk: a for a in Authority.objects.all()}
    for challenge in challenges:
        ids = [partners[challenge.service_id]] if challenge.service_id in partners else []
        challenge.__dict__["_partners"] = [partner_names[i] for i in ids]
        challenge.decision_letter = _letter(challenge)
    Challenge.objects.bulk_create(challenges, batch_size=BATCH)
    # auto_now_add and auto_now set the insert's time: give each row its case's times instead.
    Challenge.objects.filter(pk__in=[c.pk for c in challenges]).update(
        created_at=F("received_at") - timedelta(days=2), updated_at=F("decided_at")
    )
    ReferenceCounter.objects.bulk_create(
        [
            ReferenceCounter(authority_id=a, kind=CHALLENGE_KIND, year=y, last=last)
            for (a, y), last in counters.items()
        ],
        batch_size=BATCH,
    )
    kind_label = "challenges.challenge"
    for challenge, kind, member, officer, decider, assessing_at in plans:
        ref = challenge.reference
        events.add(
            challenge, kind_label, "submit", "draft", "submitted", member, "body_member",
            challenge.received_at, ref,
            {
                "state": "submitted",
                "reference": ref,
                "received_at": challenge.received_at.isoformat(),
                "decision_due": (
                    challenge.decision_due.isoformat() if challenge.decision_due else None
                ),
            },
        )  # fmt: skip
        events.add(
            challenge, kind_label, "start_assessment", "submitted", "under_assessment", officer,
            "officer", assessing_at, ref, {"state": "under_assessment"},
        )  # fmt: skip
        decision = {"outcome": challenge.outcome, "grounds": list(challenge.grounds)}
        if kind == "modified":
            events.add(
                challenge, kind_label, "propose_modification", "under_assessment",
                "modification_proposed", decider, "decision_maker",
                challenge.modification_proposed_at, ref,
                {"state": "modification_proposed", "outcome": "", "grounds": decision["grounds"]},
                challenge.decision_reasons,
            )  # fmt: skip
            events.add(
                challenge, kind_label, "agree_modification", "modification_proposed", "accepted",
                member, "body_member", challenge.decided_at, ref, {"state": "accepted", **decision},
            )  # fmt: skip
        else:
            name = "reject" if kind == "rejected" else "accept"
            to_state = "rejected" if kind == "rejected" else "accepted"
            events.add(
                challenge, kind_label, name, "under_assessment", to_state, decider,
                "decision_maker", challenge.decided_at, ref, {"state": to_state, **decision},
                challenge.decision_reasons,
            )  # fmt: skip
    return [c for c, kind, *_ in plans if kind == "procurement_started"]


def _letter(challenge: Challenge) -> str:
    # render_decision_letter reads challenge.partner_authorities; give it the preloaded list.
    original = type(challenge).partner_authorities
    try:
        type(challenge).partner_authorities = property(lambda c: c.__dict__["_partners"])
        return render_decision_letter(challenge)
    finally:
        type(challenge).partner_authorities = original


# --- procurement exercises and their notices ---------------------------------------------------


def _exercises(
    count, services, staff, rng, today, events: _Events, challenges
) -> list[ProcurementExercise]:
    """Exercises with the notices of each stage; accepted challenges lead to the first ones."""
    mix = _weighted(EXERCISE_MIX)
    counters: dict[tuple[int, int], int] = {}
    authority_ids = list(services)
    exercises, plans = [], []
    pending = list(challenges)
    for _ in range(count):
        challenge = pending.pop() if pending else None
        if challenge is not None:
            service = challenge.service
            earliest = challenge.earliest_procurement_start()
            started_on = max(earliest or PROCUREMENT_FROM, PROCUREMENT_FROM) + timedelta(
                days=rng.randint(0, 60)
            )
            target = rng.choice(["planned", "market_engagement", "tender_open"])
        else:
            service = rng.choice(services[rng.choice(authority_ids)])
            target = rng.choice(mix)
            # at least 100 days ago, so that its notices (90 days at most) are all in the past
            started_on = PROCUREMENT_FROM + timedelta(
                days=rng.randint(0, (today - PROCUREMENT_FROM).days - 100)
            )
        authority = service.authority
        kind = rng.choice(
            [
                "light_touch_services",
                "light_touch_services",
                "goods_services",
                "health_care_services",
            ]
        )
        value = Decimal(rng.randrange(100_000, 25_000_000, 5_000))
        threshold = threshold_for(kind, started_on)
        above, below = law.REGIMES_FOR_KIND[kind]
        regime = below if threshold is not None and value < threshold else above
        key = (authority.pk, started_on.year)
        counters[key] = counters.get(key, 0) + 1
        reference = f"{authority.code}-{PROCUREMENT_KINDS['exercise']}-{key[1]}-{counters[key]:04d}"
        exercise = ProcurementExercise(
            reference=reference,
            authority=authority,
            service=service,
            challenge=challenge,
            title=f"{service.title}: contract from {started_on.year + 1}",
            description=service.summary,
            contract_kind=kind,
            regime=regime,
            estimated_value=value,
            threshold_value=threshold,
            started_on=started_on,
            created_by=staff[authority.pk]["officer"],
            # The Provider Selection Regime's Competitive Process (SI 2023/1348 reg 11): its own
            # contract notice, no preliminary market engagement notice, no UK12 on cancelling.
            psr_process="competitive" if regime == "provider_selection" else "",
        )
        psr = regime == "provider_selection"
        # Stages: (transition, notice code, to state, published on)
        day = started_on
        stages = [("open", "", ExerciseState.PLANNED, day)]
        steps = {
            "planned": 0,
            "market_engagement": 1,
            "tender_open": 2,
            "cancelled": rng.randint(0, 2),
        }[target]
        if steps >= 1 and not psr:
            day = day + timedelta(days=rng.randint(5, 30))
            stages.append(("begin_market_engagement", "UK2", ExerciseState.MARKET_ENGAGEMENT, day))
        if steps >= 2:
            day = day + timedelta(days=rng.randint(5, 30))
            stages.append(
                ("open_tender", "PSR-CN" if psr else "UK4", ExerciseState.TENDER_OPEN, day)
            )
            # At least the 25 days of Procurement Act 2023 s.54(4) (open procedure, electronic
            # tenders, every document with the notice); none for light touch.
            exercise.tender_deadline = _aware(
                max(day + timedelta(days=25), today) + timedelta(days=rng.randint(1, 30)), rng
            )
            if not psr and regime in law.TENDERING_PERIOD_REGIMES:
                row = "light_touch" if regime == "light_touch" else "electronic_with_documents"
                exercise.tender_procedure = "open"
                exercise.tenders_electronic = exercise.documents_with_notice = True
                exercise.tender_period_row = row
                exercise.tender_period_days = 0 if row == "light_touch" else 25
        final_state = stages[-1][2]
        if target == "cancelled":
            day = day + timedelta(days=rng.randint(5, 30))
            if not psr:
                stages.append(("cancel", "UK12", ExerciseState.CANCELLED, day))
            final_state = ExerciseState.CANCELLED
            exercise.cancelled_on = day
            exercise.cancellation_reason = "The council has decided to keep the service in house."
        assert day <= today, "every notice is in the past"
        exercise.__dict__["state"] = final_state
        exercises.append(exercise)
        plans.append((exercise, stages))
    ProcurementExercise.objects.bulk_create(exercises, batch_size=BATCH)
    ReferenceCounter.objects.bulk_create(
        [
            ReferenceCounter(authority_id=a, kind=PROCUREMENT_KINDS["exercise"], year=y, last=last)
            for (a, y), last in counters.items()
        ],
        batch_size=BATCH,
    )
    # Notices stage by stage: each release is built by procurement.ocds with the exercise as it
    # stood when that notice was published (an earlier tender notice is then in the database).
    final_states = {e.pk: e.state for e in exercises}
    depth = max(len(stages) for _, stages in plans)
    for number in range(1, depth + 1):
        notices = []
        for exercise, stages in plans:
            if len(stages) < number:
                continue
            transition, code, state, published_on = stages[number - 1]
            exercise.__dict__["state"] = state
            deadline = exercise.tender_deadline
            if state in (ExerciseState.PLANNED, ExerciseState.MARKET_ENGAGEMENT):
                exercise.tender_deadline = None  # set by the open_tender transition
            release = ocds.build_release(
                exercise, code=code, number=number, published_on=published_on
            )
            exercise.tender_deadline = deadline
            notices.append(
                Notice(
                    exercise=exercise,
                    code=code,
                    transition=transition,
                    published_on=published_on,
                    tag=law.OCDS_TAG_FOR_NOTICE[code],
                    release=release,
                )
            )
        Notice.objects.bulk_create(notices, batch_size=BATCH)
    kind_label = "procurement.procurementexercise"
    for exercise, stages in plans:
        exercise.__dict__["state"] = final_states[exercise.pk]
        officer = staff[exercise.authority_id]["officer"]
        decider = staff[exercise.authority_id]["decision_maker"]
        previous = ""
        for number, (transition, code, state, published_on) in enumerate(stages, start=1):
            release_id = f"{ocds.ocid(exercise)}-{number:03d}-{code or 'planning'}"
            changes = {"state": state, "release": release_id}
            if code:
                changes["notice"] = code
            actor, role = (
                (decider, "decision_maker") if transition == "cancel" else (officer, "officer")
            )
            events.add(
                exercise, kind_label, transition, previous, state, actor, role,
                _aware(published_on, rng), exercise.reference, changes,
                exercise.cancellation_reason if transition == "cancel" else "",
            )  # fmt: skip
            previous = state
    _start_procurement(
        challenges, {e.challenge_id: e for e in exercises if e.challenge_id}, staff, events, rng
    )
    return exercises


def _start_procurement(challenges, exercise_for, staff, events: _Events, rng) -> None:
    """The accepted challenges that exercises follow: procurement_started, as open_exercise does."""
    for challenge in challenges:
        exercise = exercise_for[challenge.pk]
        challenge.__dict__["state"] = ChallengeState.PROCUREMENT_STARTED
        challenge.procurement_started_on = exercise.started_on
        challenge.procurement_reference = exercise.reference
        events.add(
            challenge, "challenges.challenge", "start_procurement", "accepted",
            "procurement_started", staff[challenge.authority_id]["officer"], "officer",
            _aware(exercise.started_on, rng), challenge.reference,
            {
                "state": "procurement_started",
                "procurement_reference": exercise.reference,
                "started_on": exercise.started_on.isoformat(),
            },
        )  # fmt: skip
    Challenge.objects.bulk_update(
        challenges, ["state", "procurement_started_on", "procurement_reference"], batch_size=BATCH
    )


# --- the whole set -----------------------------------------------------------------------------


def search_words() -> list[str]:
    """Search words that occur in the data: service names and places."""
    words = {
        w for titles in SERVICES.values() for t in titles for w in t.lower().split() if len(w) > 3
    }
    words |= {p for p in PLACES if " " not in p}
    return sorted(words)


def build(sizes: Sizes, *, seed: int = 2011, rebuild_index: bool = True, log=print) -> Built:
    """Make the data set in the current (migrated) database and rebuild the search index."""
    rng = random.Random(seed)
    today = timezone.localdate()
    built = Built()
    clock = _Clock(built, log)
    authorities = _authorities(sizes)
    page_tree()
    clock.lap(f"{Authority.objects.count()} authorities")
    _workspaces(authorities, rng, today)
    clock.lap(f"{len(authorities)} services pages, groups and workflows (portal.workspaces)")
    events = _Events()
    with transaction.atomic():
        staff = _staff(authorities)
        bodies = _bodies(authorities, rng)
        clock.lap(f"{len(authorities) * 2} staff, {len(authorities) * 3} bodies")
        services = _service_pages(authorities, sizes.services, rng, today)
        clock.lap(f"{sizes.services:,} service specification pages")
        following = _decisions(sizes.decisions, services, bodies, staff, rng, today, events)
        clock.lap(f"{sizes.decisions:,} decided challenges (letters rendered)")
        exercises = _exercises(sizes.exercises, services, staff, rng, today, events, following)
        clock.lap(f"{sizes.exercises:,} procurement exercises with notices")
        built.counts["audit events"] = events.insert()
        clock.lap(f"{built.counts['audit events']:,} audit events chained")
    if rebuild_index:
        call_command("search_index", "--rebuild", verbosity=0, stdout=io.StringIO())
        clock.lap("search index rebuilt")
    built.decision_refs = list(
        Challenge.objects.published().order_by("pk").values_list("reference", flat=True)
    )
    built.exercise_refs = [e.reference for e in exercises]
    root = Site.objects.get(is_default_site=True).root_page.url_path
    built.service_urls = [
        "/" + s.url_path.removeprefix(root) for per in services.values() for s in per
    ]
    built.words = search_words()
    built.counts.update(
        services=sum(len(v) for v in services.values()),
        decisions=len(built.decision_refs),
        exercises=len(built.exercise_refs),
        notices=Notice.objects.filter(exercise__in=exercises).count(),
    )
    return built


def main() -> None:
    built = build(Sizes.from_environment())
    print(built.counts)


if __name__ == "__main__":
    import django

    django.setup()
    main()
