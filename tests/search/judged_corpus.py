"""A fixed corpus for the judged query set: the demo's services, decisions, procurement
exercises and section 75 agreements (portal.demo_content, challenges.demo, procurement.demo),
as the kinds' own record builders shape them, with the authorities' real names and regions.

Each record has a short key (what the judgments in test_judged.py name):
  svc:<code>:<title>    a service specification
  dec:<case>            a published challenge decision (challenges.demo.CASES' keys, or
                        acc:<code>:<title> for the challenges procurement.demo accepts)
  pn:<code>:<title>     a procurement exercise's notices
  ta:pooled, ta:integrated   the two transfer agreements
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings

from agreements.search_kinds import AGREEMENT_KIND
from challenges import demo as challenge_demo
from challenges.models import Outcome, State
from challenges.search_kinds import decision_record
from portal import law
from portal.demo_content import JOINT_SERVICES, SERVICES
from procurement import demo as procurement_demo
from search.registry import SearchRecord

DAY = date(2026, 6, 1)
NOTICE_LABELS = dict(law.FIND_A_TENDER_NOTICES)
STAGE_NOTICES = [  # the stages an exercise passes, in order, and the notice each publishes
    ("market_engagement", "UK2"),
    ("tender_open", "UK4"),
    ("standstill", "UK6"),
    ("in_delivery", "UK7"),
]


def authorities() -> dict[str, SimpleNamespace]:
    path = Path(settings.DATA_DIR) / "uk-local-authorities" / "uk_local_authorities_current.csv"
    with path.open(encoding="utf-8") as f:
        return {
            row["local-authority-code"]: SimpleNamespace(
                code=row["local-authority-code"],
                slug=row["nice-name"].lower().replace(" ", "-"),
                nice_name=row["nice-name"],
                region=row["region"],
            )
            for row in csv.DictReader(f)
        }


class Corpus:
    def __init__(self):
        self.authorities = authorities()
        self.records: dict[str, SearchRecord] = {}
        self.services: dict[tuple[str, str], tuple] = {}
        self.counters: dict[str, int] = {}
        self._services()
        self._decisions()
        self._exercises()
        self._agreements()

    def reference(self, code: str, kind: str) -> str:
        key = f"{code}-{kind}"
        self.counters[key] = self.counters.get(key, 0) + 1
        return f"{code}-{kind}-2026-{self.counters[key]:04d}"

    def add(self, key: str, record: SearchRecord) -> None:
        record.object_id = len(self.records) + 1
        self.records[key] = record

    def _services(self):
        for n, row in enumerate([*SERVICES, *JOINT_SERVICES]):
            code, title, category, summary, _value, _model, _plan, extra = row
            owners = [self.authorities[code]] + [
                self.authorities[p] for p in extra.get("partners", [])
            ]
            self.services[(code, title)] = (summary, category, owners)
            self.add(
                f"svc:{code}:{title}",
                SearchRecord(
                    kind="service",
                    object_id=0,
                    title=title,
                    url=f"/services/{n}/",
                    summary=summary,
                    body=extra.get("users", ""),
                    date=DAY - timedelta(days=n),
                    authority=[a.slug for a in owners],
                    authority_names=[a.nice_name for a in owners],
                    region=list(dict.fromkeys(a.region for a in owners)),
                    category=[category],
                ),
            )

    def _decision(self, key, code, title, organisation, outcome, state, extra, days_ago=30):
        summary, category, owners = self.services[(code, title)]
        challenge = SimpleNamespace(
            pk=0,
            reference=self.reference(code, "CH"),
            service=SimpleNamespace(
                title=title, category_id=1, category=SimpleNamespace(slug=category)
            ),
            authority=owners[0],
            partner_authorities=owners[1:],
            organisation=SimpleNamespace(name=organisation),
            outcome=outcome,
            state=state,
            procurement_result=extra.get("result", ""),
            grounds=extra.get("grounds", []),
            grounds_labelled=[(g, law.label(law.REJECTION_GROUNDS, g)) for g in extra["grounds"]]
            if "grounds" in extra
            else [],
            decision_reasons=extra.get(
                "reasons", "The proposal meets every requirement and promises social value."
            ),
            modification_terms=extra.get("terms", ""),
            decided_on=DAY - timedelta(days=days_ago),
        )
        self.add(key, decision_record(challenge, SearchRecord))

    def _decisions(self):
        states = {
            "rejected": (Outcome.REJECTED, State.REJECTED),
            "accepted": (Outcome.ACCEPTED, State.ACCEPTED),
            "modification_agreed": (Outcome.MODIFIED, State.ACCEPTED),
            "procurement_started": (Outcome.ACCEPTED, State.PROCUREMENT_STARTED),
            "closed": (Outcome.ACCEPTED, State.CLOSED),
        }
        for key, code, title, organisation, target, extra in challenge_demo.CASES:
            if target not in states:  # not decided, or withdrawn: never on the register
                continue
            if target == "modification_agreed":
                extra = {
                    **extra,
                    "grounds": ["info_inadequate_or_inaccurate"],
                    "reasons": "The proposal for daytime sessions is not costed.",
                    "terms": "The challenge is accepted for the evening sessions only; daytime "
                    "provision stays with the council's schools team.",
                }
            if target == "closed":
                extra = {**extra, "result": "challenger_won"}
            outcome, state = states[target]
            self._decision(f"dec:{key}", code, title, organisation, outcome, state, extra)
        for code, title, challenger, *_rest in procurement_demo.EXERCISES:
            if challenger:
                self._decision(
                    f"acc:{code}:{title}",
                    code,
                    title,
                    challenger,
                    Outcome.ACCEPTED,
                    State.PROCUREMENT_STARTED,
                    {},
                    days_ago=200,
                )

    def _exercises(self):
        order = procurement_demo.ORDER
        for (
            code,
            title,
            _challenger,
            _kind,
            _regime,
            _value,
            target,
            winner,
        ) in procurement_demo.EXERCISES:
            summary, category, owners = self.services[(code, title)]
            reached = order.index("evaluation") if target == "cancelled" else order.index(target)
            codes = [c for stage, c in STAGE_NOTICES if order.index(stage) <= reached]
            if target == "cancelled":
                codes.append("UK12")
            reference = self.reference(code, "PR")
            exercise_title = f"{title}: contract from 2027"
            supplier = winner if order.index("standstill") <= reached else ""
            searchable = " ".join(
                p
                for p in [reference, exercise_title, summary, owners[0].nice_name, title, supplier]
                if p
            )
            self.add(
                f"pn:{code}:{title}",
                SearchRecord(
                    kind="procurement_notice",
                    object_id=0,
                    title=f"{reference}: {exercise_title}",
                    url=f"/procurement/{reference}/",
                    summary=summary,
                    body=" ".join([searchable, *(f"{c} {NOTICE_LABELS[c]}." for c in codes)]),
                    date=DAY - timedelta(days=10),
                    authority=[owners[0].slug],
                    authority_names=[owners[0].nice_name],
                    region=[owners[0].region],
                    category=[category],
                    outcome=["cancelled" if target == "cancelled" else target],
                ),
            )

    def _agreements(self):
        trafford = self.authorities["TRF"]
        icb = "NHS Greater Manchester Integrated Care Board"
        trust = "Manchester University NHS Foundation Trust"
        for key, title, kind, aims, parties, functions in [
            (
                "ta:pooled",
                "Trafford Better Care Fund pooled budget",
                "pooled_fund",
                "People in Trafford stay well and independent at home for longer, with fewer "
                "emergency admissions and quicker discharge from hospital.",
                [trafford.nice_name, icb],
                ["Adult social care", "Community health services", "Intermediate care"],
            ),
            (
                "ta:integrated",
                "Children's social care delivered by the NHS trust",
                "integrated_provision",
                "Children and families get help from one team that brings social work and "
                "community health together.",
                [trafford.nice_name, trust, icb],
                ["Children's social care", "Children's community health services"],
            ),
        ]:
            reference = self.reference("TRF", "TA")
            searchable = " ".join([reference, title, aims, trafford.nice_name, *parties])
            self.add(
                key,
                SearchRecord(
                    kind="transfer_agreement",
                    object_id=0,
                    title=f"{reference}: {title}",
                    url=f"/agreements/{reference}/",
                    summary=aims,
                    body=f"{searchable} {' '.join(functions)} {AGREEMENT_KIND}",
                    date=DAY - timedelta(days=60),
                    authority=[trafford.slug],
                    authority_names=[trafford.nice_name],
                    region=[trafford.region],
                    category=[kind],
                    outcome=["in_force" if key == "ta:pooled" else "approval"],
                ),
            )

    def key_of(self, hit) -> str:
        by_id = {(r.kind, str(r.object_id)): k for k, r in self.records.items()}
        return by_id[(hit.kind, str(hit.object_id))]

    def reference_of(self, key: str) -> str:
        return self.records[key].title.split(":", 1)[0]
