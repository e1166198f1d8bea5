"""The open data collections: what the API at /api/v1/ and the bulk files at /data/ publish.

Each collection starts from the queryset its public page uses (so the API never shows more than
the public pages), names the column that says when a row last changed (the `?since=` change
feed, the cursor's order and Last-Modified), turns a row into a dict of public fields, and
declares its schema and filters. Adding a read-only collection is one `Collection(...)` in
COLLECTIONS: the API's list and detail operations, the OpenAPI document, the CSV and JSON
Lines files and the /data/ page all follow from it.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from ninja import Schema
from pydantic import Field

from agreements.publication import agreement_public_fields, published_agreements
from challenges.models import Challenge
from challenges.register_views import filter_decisions
from offers.publication import offer_public_fields, public_offers
from portal.models import Authority, ServiceSpecificationPage, provenance
from procurement import ocds
from procurement.publication import exercise_public_fields, published_exercises


def absolute(url: str | None) -> str:
    if not url:
        return ""
    return settings.BASE_URL.rstrip("/") + url if url.startswith("/") else url


def pounds(value) -> int | None:
    return None if value is None else int(value)


def _by_authority(value: str) -> Q:
    """An authority named by its slug or its three-letter code."""
    return Q(slug=value) | Q(code=value.upper())


# --- schemas (the OpenAPI document's components) --------------------------------------------


class AuthorityOut(Schema):
    code: str = Field(description="Three-letter code (GB-LAE register)")
    gss_code: str | None = Field(description="GSS code (ONS); none for a fire and rescue authority")
    name: str
    short_name: str
    slug: str
    type: str
    type_label: str
    region: str
    population: int | None
    decision_period: int | None = Field(description="s.84 maximum period to decide")
    decision_period_unit: str
    procurement_min_period: int | None = Field(description="s.84 minimum period to procurement")
    procurement_min_period_unit: str
    timescales_published_on: datetime.date | None
    url: str = Field(description="The authority's published services")
    updated_at: datetime.datetime


class ServiceOut(Schema):
    id: int
    title: str
    url: str
    authority_code: str
    authority: str
    partner_authority_codes: list[str]
    category: str
    category_slug: str
    summary: str
    annual_value: int | None = Field(description="Pounds a year")
    delivery_model: str
    delivery_model_label: str
    contract_end_date: datetime.date | None
    service_users: str
    excluded: bool = Field(description="Excluded from challenge (SI 2012/1313 Schedule 2)")
    excluded_reason: str
    nhs_integrated: bool
    first_published_at: datetime.datetime | None
    updated_at: datetime.datetime | None = Field(description="When it was last published")


class ProvenanceOut(Schema):
    """Where a record came from (portal.models.provenance), on every row of every file."""

    provenance: str = Field(
        description="portal (recorded in the portal), imported (from the authority's own "
        "register) or synthetic (a made-up demonstration record)"
    )
    provenance_label: str
    synthetic: bool = Field(description="A synthetic demonstration record: not real")
    source_file: str = Field(description="Imported: the file's name (else empty)")
    source_sha256: str = Field(description="Imported: the file's SHA-256 (else empty)")
    source_row: int | None = Field(description="Imported: the row of the file (else null)")


def provenance_row(obj) -> dict:
    fields = provenance.public_fields(obj)
    return {
        "provenance": fields["provenance"],
        "provenance_label": fields["provenance_label"],
        "synthetic": fields["synthetic"],
        "source_file": fields.get("source_file", ""),
        "source_sha256": fields.get("source_sha256", ""),
        "source_row": fields.get("source_row"),
    }


class DecisionOut(ProvenanceOut):
    reference: str
    url: str
    state: str
    authority_code: str
    authority: str
    partner_authority_codes: list[str]
    service_id: int
    service: str
    body: str = Field(description="The body that challenged (an organisation, never a person)")
    body_type: str
    received_on: datetime.date | None
    decision_due: datetime.date | None
    decided_at: datetime.datetime | None
    outcome: str
    outcome_label: str
    grounds: list[str] = Field(description="Slugs of the statutory grounds for rejection")
    grounds_labels: list[str]
    reasons: str
    modification_agreed: str
    procurement_started_on: datetime.date | None
    procurement_result: str
    updated_at: datetime.datetime


class NoticeOut(Schema):
    code: str = Field(description="Find a Tender notice code (blank: the planning record)")
    label: str
    published_on: datetime.date
    tag: str = Field(description="OCDS release tag")


class ExerciseOut(ProvenanceOut):
    reference: str
    ocid: str
    title: str
    summary: str
    url: str
    release_package: str
    record_package: str
    authority_code: str
    authority: str
    service: str
    category: str
    state: str
    state_label: str
    regime: str
    contract_kind: str
    cpv_code: str
    cpv_label: str
    started_on: datetime.date
    challenge_reference: str
    notices: list[NoticeOut]
    tender_deadline: datetime.datetime | None
    standstill_ends_on: datetime.date | None
    supplier: str
    awarded_on: datetime.date | None
    challenger_won: bool | None
    cancellation_reason: str
    contract_starts_on: datetime.date | None
    contract_ends_on: datetime.date | None
    estimated_value: int | None = Field(description="Pounds incl. VAT; null if confidential")
    award_value: int | None = Field(description="Pounds incl. VAT; null if confidential")
    updated_at: datetime.datetime


class PartyOut(Schema):
    name: str
    nhs: bool
    host: bool
    approved_on: datetime.datetime | None


class PartyAmountOut(Schema):
    party: str
    amount: int


class ContributionYearOut(Schema):
    year: str
    by_party: list[PartyAmountOut]
    total: int


class StaffOut(Schema):
    from_party: str
    to_party: str
    arrangement: str
    group: str
    headcount: int | None


class VersionOut(Schema):
    number: int
    kind: str
    made_on: datetime.date
    summary: str
    changed: list[str]
    approved_by: list[str]


class ContentOut(Schema):
    slug: str
    label: str
    text: str


class AgreementOut(ProvenanceOut):
    reference: str
    title: str
    summary: str
    url: str
    authority_code: str
    authority: str
    agreement_type: str
    type_label: str
    state: str
    state_label: str
    signed_on: datetime.date | None
    in_force_from: datetime.date | None
    review_date: datetime.date | None
    ended_on: datetime.date | None
    parties: list[PartyOut]
    functions: list[str]
    contents: list[ContentOut]
    pool_manager_role: str
    governance_board: str
    contributions: list[ContributionYearOut]
    contributions_total: int
    staff: list[StaffOut]
    versions: list[VersionOut]
    exit_plan: str | None = Field(description="null if commercially confidential")
    updated_at: datetime.datetime


# --- rows -----------------------------------------------------------------------------------


def authority_row(a: Authority) -> dict:
    return {
        "code": a.code,
        "gss_code": a.gss_code,
        "name": a.name,
        "short_name": a.nice_name,
        "slug": a.slug,
        "type": a.authority_type,
        "type_label": a.get_authority_type_display(),
        "region": a.region,
        "population": a.population,
        "decision_period": a.decision_period,
        "decision_period_unit": a.decision_period_unit or "",
        "procurement_min_period": a.procurement_min_period,
        "procurement_min_period_unit": a.procurement_min_period_unit or "",
        "timescales_published_on": a.timescales_published_on,
        "url": absolute(f"/services/?authority={a.slug}"),
        "updated_at": a.updated_at,
    }


def _partner_codes(obj) -> list[str]:
    return sorted(p.code for p in obj.partner_authorities.all())


def published_services() -> QuerySet:
    """What /services/ lists: live pages open to the public."""
    return (
        ServiceSpecificationPage.objects.live()
        .public()
        .select_related("authority", "category")
        .prefetch_related(Prefetch("partner_authorities", Authority.objects.only("code")))
    )


def service_row(s: ServiceSpecificationPage) -> dict:
    return {
        "id": s.pk,
        "title": s.title,
        "url": absolute(s.get_url()),
        "authority_code": s.authority.code,
        "authority": s.authority.nice_name,
        "partner_authority_codes": _partner_codes(s),
        "category": s.category.name,
        "category_slug": s.category.slug,
        "summary": s.summary,
        "annual_value": pounds(s.annual_value),
        "delivery_model": s.delivery_model,
        "delivery_model_label": s.get_delivery_model_display(),
        "contract_end_date": s.contract_end_date,
        "service_users": s.service_users,
        "excluded": s.excluded,
        "excluded_reason": s.excluded_reason,
        "nhs_integrated": s.nhs_integrated,
        "first_published_at": s.first_published_at,
        "updated_at": s.last_published_at,
    }


def published_decisions() -> QuerySet:
    """The register of decisions (/decisions/): decided challenges only."""
    return (
        Challenge.objects.published()
        .select_related("authority", "service", "organisation", "source_import")
        .prefetch_related(Prefetch("service__partner_authorities", Authority.objects.only("code")))
    )


def decision_row(c: Challenge) -> dict:
    return {
        "reference": c.reference,
        "url": absolute(f"/decisions/{c.reference}/"),
        "state": c.state,
        "authority_code": c.authority.code,
        "authority": c.authority.nice_name,
        "partner_authority_codes": _partner_codes(c.service),
        "service_id": c.service_id,
        "service": c.service.title,
        "body": c.organisation.name,
        "body_type": c.organisation.body_type,
        "received_on": c.received_at.date() if c.received_at else None,
        "decision_due": c.decision_due,
        "decided_at": c.decided_at,
        "outcome": c.outcome,
        "outcome_label": c.get_outcome_display(),
        "grounds": list(c.grounds),
        "grounds_labels": [label for _, label in c.grounds_labelled],
        "reasons": c.decision_reasons,
        "modification_agreed": c.modification_terms if c.outcome == "modified" else "",
        "procurement_started_on": c.procurement_started_on,
        "procurement_result": c.procurement_result,
        "updated_at": c.updated_at,
        **provenance_row(c),
    }


def exercise_row(e) -> dict:
    f = exercise_public_fields(e)
    base = settings.BASE_URL.rstrip("/")
    return {
        "reference": f["reference"],
        "ocid": ocds.ocid(e),
        "title": f["title"],
        "summary": f["summary"],
        "url": absolute(f["url"]),
        "release_package": f"{base}/api/v1/procurement/{e.reference}/releases",
        "record_package": f"{base}/api/v1/procurement/{e.reference}/record",
        "authority_code": f["authority_code"],
        "authority": f["authority"],
        "service": f["service"],
        "category": f["category"],
        "state": f["state"],
        "state_label": f["state_label"],
        "regime": f["regime"],
        "contract_kind": f["contract_kind"],
        "cpv_code": f["cpv_code"],
        "cpv_label": f["cpv_label"],
        "started_on": f["started_on"],
        "challenge_reference": f["challenge_reference"],
        "notices": f["notices"],
        "tender_deadline": f["tender_deadline"],
        "standstill_ends_on": f["standstill_ends_on"],
        "supplier": f["supplier"],
        "awarded_on": f["awarded_on"],
        "challenger_won": f["challenger_won"],
        "cancellation_reason": f["cancellation_reason"],
        "contract_starts_on": f["contract_starts_on"],
        "contract_ends_on": f["contract_ends_on"],
        "estimated_value": pounds(f.get("estimated_value")),
        "award_value": pounds(f.get("award_value")),
        "updated_at": e.updated_at,
        **provenance_row(e),
    }


def agreement_row(a) -> dict:
    f = agreement_public_fields(a)
    return {
        **{
            k: f[k]
            for k in (
                "reference",
                "title",
                "summary",
                "authority_code",
                "authority",
                "agreement_type",
                "type_label",
                "state",
                "state_label",
                "signed_on",
                "in_force_from",
                "review_date",
                "ended_on",
                "functions",
                "contents",
                "pool_manager_role",
                "governance_board",
            )
        },  # fmt: skip
        "url": absolute(f["url"]),
        "parties": f["parties"],
        "contributions": [
            {
                "year": c["year"],
                "by_party": [{"party": n, "amount": int(v)} for n, v in c["by_party"]],
                "total": int(c["total"]),
            }
            for c in f["contributions"]
        ],
        "contributions_total": int(f["contributions_total"] or 0),
        "staff": [
            {
                "from_party": s["from"],
                "to_party": s["to"],
                "arrangement": s["arrangement"],
                "group": s["group"],
                "headcount": s["headcount"],
            }
            for s in f["staff"]
        ],
        "versions": f["versions"],
        "exit_plan": f.get("exit_plan"),
        "updated_at": a.updated_at,
        **provenance_row(a),
    }


# --- filters --------------------------------------------------------------------------------


class AuthorityFilters(Schema):
    region: str | None = Field(None, description="Region, e.g. North West")
    type: str | None = Field(None, description="Authority type code, e.g. MD, UA, NMD")


def filter_authorities(qs, f: AuthorityFilters):
    if f.region:
        qs = qs.filter(region=f.region)
    if f.type:
        qs = qs.filter(authority_type=f.type.upper())
    return qs


class ServiceFilters(Schema):
    authority: str | None = Field(None, description="Slug or code: lead or partner authority")
    category: str | None = Field(None, description="Category slug")


def filter_services(qs, f: ServiceFilters):
    if f.authority:
        authorities = Authority.objects.filter(_by_authority(f.authority)).values("pk")
        partner_of = ServiceSpecificationPage.partner_authorities.through.objects.filter(
            authority__in=authorities
        ).values("servicespecificationpage_id")
        qs = qs.filter(Q(authority__in=authorities) | Q(pk__in=partner_of))
    if f.category:
        qs = qs.filter(category__slug=f.category)
    return qs


class DecisionFilters(Schema):
    authority: str | None = Field(None, description="Slug or code: lead or partner authority")
    outcome: str | None = Field(None, description="accepted, modified, rejected or withdrawn")
    ground: str | None = Field(None, description="A ground for rejection (slug)")
    year: int | None = Field(None, ge=1, le=9999, description="Year of the decision")


def filter_decisions_api(qs, f: DecisionFilters):
    slug = ""
    if f.authority:
        found = Authority.objects.filter(_by_authority(f.authority)).values_list("slug", flat=True)
        slug = found.first() or f.authority
    return filter_decisions(
        qs,
        authority=slug,
        outcome=f.outcome or "",
        ground=f.ground or "",
        year=str(f.year) if f.year else "",
    )


class ExerciseFilters(Schema):
    authority: str | None = Field(None, description="Slug or code of the authority")
    state: str | None = Field(None, description="State, e.g. tender_open, awarded")


def filter_exercises(qs, f: ExerciseFilters):
    if f.authority:
        qs = qs.filter(authority__in=Authority.objects.filter(_by_authority(f.authority)))
    if f.state:
        qs = qs.filter(state=f.state)
    return qs


class AgreementFilters(Schema):
    authority: str | None = Field(None, description="Slug or code of a party authority")
    type: str | None = Field(None, description="Agreement type, e.g. pooled_fund")
    state: str | None = Field(None, description="State, e.g. in_force")


def filter_agreements(qs, f: AgreementFilters):
    if f.authority:
        authorities = Authority.objects.filter(_by_authority(f.authority))
        qs = qs.filter(
            Q(lead_authority__in=authorities) | Q(parties__authority__in=authorities)
        ).distinct()
    if f.type:
        qs = qs.filter(agreement_type=f.type)
    if f.state:
        qs = qs.filter(state=f.state)
    return qs


# --- innovation offers (not statutory; offers/) -----------------------------------------------


class OfferAddresseeOut(Schema):
    name: str
    kind: str = Field(description="authority, nhs_body or organisation")
    authority_slug: str
    contact_role: str
    standard_acknowledge_days: int | None = Field(description="Working days, or null: none")
    standard_answer_days: int | None
    standard_answering_role: str
    acknowledge_by: datetime.date | None
    answer_by: datetime.date | None
    acknowledged_on: datetime.date | None
    answered_on: datetime.date | None
    acknowledgement_timing: str = Field(description="on time, late, overdue, due, no standard")
    answer_timing: str
    outcome: str = Field(description="taken_forward, not_taken_forward, referred or empty")
    route: str
    next_step: str
    criteria: list[str]
    reasons: str
    referred_to: str
    fair_competition_steps: str
    supplier_summary: str


class OfferOut(Schema):
    reference: str
    title: str
    summary: str
    url: str
    not_statutory: str
    synthetic: bool = Field(description="A synthetic demonstration record")
    state: str
    state_label: str
    offeror: str
    offeror_type: str
    sector: str
    subject: str
    received_on: datetime.date
    contents: list[ContentOut] = Field(description="Confidential parts have empty text")
    addressees: list[OfferAddresseeOut]
    updated_at: datetime.datetime


def offer_row(o) -> dict:
    f = offer_public_fields(o)
    return {
        **{
            k: f[k]
            for k in (
                "reference",
                "title",
                "summary",
                "not_statutory",
                "synthetic",
                "state",
                "state_label",
                "offeror",
                "offeror_type",
                "sector",
                "subject",
                "received_on",
            )
        },
        "url": absolute(f["url"]),
        "contents": [
            {"slug": slug, "label": label, "text": text}
            for (label, text), slug in zip(f["contents"], o.content_slugs(), strict=True)
        ],
        "addressees": [
            {
                **{
                    k: a[k]
                    for k in (
                        "name",
                        "kind",
                        "authority_slug",
                        "contact_role",
                        "acknowledge_by",
                        "answer_by",
                        "acknowledged_on",
                        "answered_on",
                        "acknowledgement_timing",
                        "answer_timing",
                        "outcome",
                        "route",
                        "next_step",
                        "criteria",
                        "reasons",
                        "referred_to",
                        "fair_competition_steps",
                        "supplier_summary",
                    )
                },
                "standard_acknowledge_days": (a["standard"] or {}).get("acknowledge_days"),
                "standard_answer_days": (a["standard"] or {}).get("answer_days"),
                "standard_answering_role": (a["standard"] or {}).get("answering_role", ""),
            }
            for a in f["addressees"]
        ],
        "updated_at": o.updated_at,
    }


class OfferFilters(Schema):
    authority: str | None = Field(None, description="Slug or code of an addressee authority")
    sector: str | None = Field(None, description="private, voluntary_community, public or nhs")
    state: str | None = Field(None, description="State, e.g. answered")


def filter_offers(qs, f: OfferFilters):
    if f.authority:
        authorities = Authority.objects.filter(_by_authority(f.authority))
        qs = qs.filter(addressees__authority__in=authorities).distinct()
    if f.sector:
        qs = qs.filter(sector=f.sector)
    if f.state:
        qs = qs.filter(state=f.state)
    return qs


@dataclass(frozen=True)
class Collection:
    name: str  # the address (/api/v1/<name>) and the bulk files' name
    title: str
    description: str
    queryset: Callable[[], QuerySet]  # the public queryset, as its public page uses it
    row: Callable[[object], dict]  # one row's public fields
    schema: type[Schema]
    filters: type[Schema]
    apply_filters: Callable[[QuerySet, Schema], QuerySet]
    lookup: str  # the field a single row is found by (/api/v1/<name>/<value>)
    modified: str = "updated_at"  # when a row last changed
    csv_exclude: tuple[str, ...] = field(default=())


COLLECTIONS = [
    Collection(
        "authorities",
        "Authorities",
        "Every English authority that can be challenged, with its published s.84 periods.",
        Authority.objects.all,
        authority_row,
        AuthorityOut,
        AuthorityFilters,
        filter_authorities,
        lookup="code",
    ),
    Collection(
        "services",
        "Services",
        "Published service specifications: what may be challenged.",
        published_services,
        service_row,
        ServiceOut,
        ServiceFilters,
        filter_services,
        lookup="pk",
        modified="last_published_at",
    ),
    Collection(
        "decisions",
        "Decisions",
        "The register of decisions on expressions of interest (s.84(9)).",
        published_decisions,
        decision_row,
        DecisionOut,
        DecisionFilters,
        filter_decisions_api,
        lookup="reference",
    ),
    Collection(
        "procurement",
        "Procurement exercises",
        "Procurement exercises with a published notice, with their OCDS packages.",
        published_exercises,
        exercise_row,
        ExerciseOut,
        ExerciseFilters,
        filter_exercises,
        lookup="reference",
    ),
    Collection(
        "agreements",
        "Agreements",
        "Signed section 75 partnership and transfer agreements (public fields only).",
        published_agreements,
        agreement_row,
        AgreementOut,
        AgreementFilters,
        filter_agreements,
        lookup="reference",
    ),
    Collection(
        "offers",
        "Innovation offers",
        "Innovation offers (not statutory challenges) and each addressee's answer and timing; "
        "never the parts the offeror marked commercially confidential.",
        public_offers,
        offer_row,
        OfferOut,
        OfferFilters,
        filter_offers,
        lookup="reference",
    ),
]
BY_NAME = {c.name: c for c in COLLECTIONS}
