"""OCDS 1.1 releases and records for procurement exercises (DOMAIN.md §2).

A release is made when a notice is published and stored with it, so it never changes afterwards;
its `date` is the day the notice was published (with the time of publishing when that is
today). The package at /procurement/<reference>.json (and /api/v1/) lists an exercise's
releases in order; the record package adds the compiled release, merged by ocdsmerge (the
library ocdskit uses) with the official release schema kept in data/ocds-1.1/. Fields marked
commercially confidential and people's names are never put in a release.
"""

import datetime
import json
from functools import cache

import ocdsmerge
from django.conf import settings
from django.utils import timezone

from portal import law
from portal.models import provenance
from procurement import cpv

OCDS_VERSION = "1.1"
CATEGORY = {
    "light_touch_services": "services",
    "goods_services": "services",
    "works": "works",
    "health_care_services": "services",
}
METHOD = {
    "competitive": "open",
    "light_touch": "open",
    "provider_selection": "selective",
    "below_threshold": "open",
}


def ocid(exercise) -> str:
    return f"{settings.OCDS_PREFIX}-{exercise.reference}"


def _money(amount) -> dict:
    return {"amount": int(amount), "currency": "GBP"}


LICENSE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
# Find a Tender's document types for each notice's release tag (OCDS documentType codelist).
DOCUMENT_TYPE = {
    "planning": "plannedProcurementNotice",
    "planningUpdate": "plannedProcurementNotice",
    "tender": "tenderNotice",
    "tenderAmendment": "tenderNotice",
    "tenderUpdate": "tenderNotice",
    "tenderCancellation": "cancellationDetails",
    "award": "awardNotice",
    "awardUpdate": "awardNotice",
    "contract": "contractNotice",
    "contractAmendment": "contractNotice",
    "contractTermination": "contractNotice",
}


def _base() -> str:
    return settings.BASE_URL.rstrip("/")


def publisher() -> dict:
    return {
        "name": settings.WAGTAIL_SITE_NAME,
        "scheme": settings.OCDS_PUBLISHER_SCHEME,
        "uid": settings.OCDS_PUBLISHER_UID,
        "uri": _base() + "/",
    }


def publication_policy() -> str:
    return f"{_base()}/data/#publication-policy"


def release_date(published_on: datetime.date) -> str:
    """When the notice was published: its day, at the time of publishing if that is today
    (so same-day notices keep their order), otherwise at the start of that day, UK time."""
    now = timezone.localtime()
    if published_on == now.date():
        moment = now
    else:
        moment = timezone.make_aware(datetime.datetime.combine(published_on, datetime.time()))
    return moment.isoformat(timespec="seconds")


def _authority_party(authority) -> dict:
    """English local authorities by their GB-LAE code (as Find a Tender identifies them), with
    their GSS code where they have one (fire and rescue authorities have none)."""
    party = {
        "id": f"GB-LAE-{authority.code}",
        "name": authority.name,
        "identifier": {"scheme": "GB-LAE", "id": authority.code, "legalName": authority.name},
        "address": {"region": authority.region, "countryName": "United Kingdom"},
        "roles": ["buyer", "procuringEntity"],
    }
    if authority.gss_code:
        party["additionalIdentifiers"] = [{"scheme": "GB-GSS", "id": authority.gss_code}]
    return party


def _organisation_id(organisation) -> str:
    if organisation.charity_number:
        return f"GB-CHC-{organisation.charity_number}"
    if organisation.company_number:
        return f"GB-COH-{organisation.company_number}"
    return f"{settings.OCDS_PREFIX}-org-{organisation.pk}"


def _organisation_party(organisation, roles) -> dict:
    party = {"id": _organisation_id(organisation), "name": organisation.name, "roles": roles}
    if organisation.charity_number:
        party["identifier"] = {"scheme": "GB-CHC", "id": organisation.charity_number}
    elif organisation.company_number:
        party["identifier"] = {"scheme": "GB-COH", "id": organisation.company_number}
    return party


def _ref(party) -> dict:
    return {"id": party["id"], "name": party["name"]}


def tender_status(exercise) -> str:
    from procurement.models import State

    if exercise.state == State.CANCELLED:
        return "cancelled"
    if exercise.state in (State.PLANNED, State.MARKET_ENGAGEMENT):
        return "planning"
    if exercise.state == State.TENDER_OPEN:
        return "active"
    if exercise.state in (State.EVALUATION, State.AWARD_PROPOSED, State.STANDSTILL):
        return "active"
    return "complete"


# Releases that carry the award (the contract award notice, the Provider Selection Regime's
# notice of intention to award, and every notice after them).
AWARD_TAGS = {"award", "contract", "contractAmendment", "contractTermination"}


def build_release(exercise, *, code: str, number: int, published_on) -> dict:
    """The release for the notice `code` (or the planning record when blank) at this moment."""
    from procurement.models import InterestState, State

    tag = law.OCDS_TAG_FOR_NOTICE[code]
    buyer = _authority_party(exercise.authority)
    parties = [buyer]
    release = {
        "ocid": ocid(exercise),
        "id": f"{ocid(exercise)}-{number:03d}-{code or 'planning'}",
        "date": release_date(published_on),
        "tag": [tag],
        "initiationType": "tender",
        "language": "en",
        "buyer": _ref(buyer),
        "planning": {
            "rationale": (
                f"Follows the acceptance of a Community Right to Challenge expression of interest "
                f"({exercise.challenge.reference}), Localism Act 2011 s.83"
                if exercise.challenge_id
                else "Procurement of a service published by the authority"
            ),
        },
    }
    tender = {
        "id": exercise.reference,
        "title": exercise.title,
        # OCDS has no field for it: a synthetic (or imported) exercise says so in words first
        "description": provenance.summary_prefix(exercise) + exercise.description,
        "status": tender_status(exercise),
        "procuringEntity": _ref(buyer),
        "procurementMethod": METHOD[exercise.regime],
        "procurementMethodDetails": exercise.regime_label,
        "mainProcurementCategory": CATEGORY[exercise.contract_kind],
    }
    if exercise.cpv_code:
        tender["items"] = [
            {
                "id": "1",
                "description": exercise.service.title,
                "classification": {
                    "scheme": "CPV",
                    "id": exercise.cpv_code.split("-")[0],
                    "description": cpv.label(exercise.cpv_code),
                },
            }
        ]
    tender["documents"] = _documents(exercise, code=code, number=number, published_on=published_on)
    if not exercise.is_confidential("estimated_value"):
        tender["value"] = _money(exercise.estimated_value)
        release["planning"]["budget"] = {"amount": _money(exercise.estimated_value)}
    if exercise.tender_deadline:
        opened = (
            exercise.notices.filter(code__in=("UK4", "PSR-CN"))
            .values_list("published_on", flat=True)
            .first()
        )
        tender["tenderPeriod"] = {
            "startDate": (opened or published_on).isoformat() + "T00:00:00Z",
            "endDate": exercise.tender_deadline.isoformat(timespec="seconds"),
        }
    if exercise.state not in (State.PLANNED, State.MARKET_ENGAGEMENT, State.TENDER_OPEN):
        tenderers = [
            _organisation_party(i.organisation, ["tenderer"])
            for i in exercise.interests.exclude(
                state__in=[InterestState.DRAFT, InterestState.WITHDRAWN]
            ).select_related("organisation")
        ]
        tender["numberOfTenderers"] = len(tenderers)
        tender["tenderers"] = [_ref(p) for p in tenderers]
        parties.extend(tenderers)
    if exercise.cancellation_reason:
        tender["statusDetails"] = "Cancelled: procurement termination notice published"
    release["tender"] = tender

    if exercise.supplier_id and tag in AWARD_TAGS:
        supplier = _organisation_party(exercise.supplier, ["tenderer", "supplier"])
        parties = [p for p in parties if p["id"] != supplier["id"]] + [supplier]
        award = {
            "id": f"{exercise.reference}-award-1",
            "title": f"Award of {exercise.title}",
            "status": "active" if exercise.awarded_on else "pending",
            "date": (exercise.awarded_on or published_on).isoformat() + "T00:00:00Z",
            "suppliers": [_ref(supplier)],
        }
        if not exercise.is_confidential("award_value"):
            award["value"] = _money(exercise.award_value)
        if exercise.contract_starts_on:
            award["contractPeriod"] = {
                "startDate": exercise.contract_starts_on.isoformat() + "T00:00:00Z",
                "endDate": exercise.contract_ends_on.isoformat() + "T23:59:59Z",
            }
        release["awards"] = [award]
        if exercise.contract_signed_on:
            contract = {
                "id": f"{exercise.reference}-contract-1",
                "awardID": award["id"],
                "title": exercise.title,
                "status": "terminated" if code == "UK11" else "active",
                "dateSigned": exercise.contract_signed_on.isoformat() + "T00:00:00Z",
                "period": award.get("contractPeriod", {}),
            }
            if "value" in award:
                contract["value"] = award["value"]
            release["contracts"] = [contract]
    if exercise.challenge_id:
        release["relatedProcesses"] = [
            {
                "id": "1",
                "relationship": ["planning"],
                "title": "Community Right to Challenge decision",
                "scheme": "x-challenge-reference",
                "identifier": exercise.challenge.reference,
                "uri": f"{_base()}/decisions/{exercise.challenge.reference}/",
            }
        ]
    release["planning"]["rationale"] = (
        provenance.summary_prefix(exercise) + release["planning"]["rationale"]
    )
    release["parties"] = parties
    return release


def _documents(exercise, *, code, number, published_on) -> list[dict]:
    """The public pages a data user reads: the service's specification and this notice (the
    exercise's public page). Ids are stable, so a record's compiled release gathers every
    notice's document."""
    documents = []
    service_url = exercise.service.get_url()
    if service_url:
        documents.append(
            {
                "id": "specification",
                "documentType": "technicalSpecifications",
                "title": f"Service specification: {exercise.service.title}",
                "url": _base() + service_url if service_url.startswith("/") else service_url,
                "format": "text/html",
                "language": "en",
            }
        )
    tag = law.OCDS_TAG_FOR_NOTICE[code]
    documents.append(
        {
            "id": f"notice-{number:03d}",
            "documentType": DOCUMENT_TYPE.get(tag, "tenderNotice"),
            "title": law.label(law.FIND_A_TENDER_NOTICES, code) if code else "Procurement planned",
            "url": f"{_base()}/procurement/{exercise.reference}/",
            "datePublished": release_date(published_on),
            "format": "text/html",
            "language": "en",
        }
    )
    return documents


def _package_meta(uri: str, published) -> dict:
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": published.isoformat(timespec="seconds"),
        "publisher": publisher(),
        "license": LICENSE,
        "publicationPolicy": publication_policy(),
    }


def _releases(exercise) -> tuple[list[dict], datetime.datetime]:
    notices = list(exercise.notices.order_by("published_on", "pk"))
    published = max((n.created_at for n in notices), default=timezone.now())
    return [n.release for n in notices], published


def release_package(exercise, uri: str = "") -> dict:
    releases, published = _releases(exercise)
    uri = uri or f"{_base()}/procurement/{exercise.reference}.json"
    return {**_package_meta(uri, published), "releases": releases}


@cache
def _merger() -> ocdsmerge.Merger:
    schema = json.loads((settings.DATA_DIR / "ocds-1.1" / "release-schema.json").read_text())
    return ocdsmerge.Merger(schema=schema)


def record(exercise) -> dict:
    """The exercise's record: every release, and the compiled release merged from them."""
    releases, _ = _releases(exercise)
    return {
        "ocid": ocid(exercise),
        "releases": releases,
        "compiledRelease": _merger().create_compiled_release(releases),
    }


def record_package_of(records: list[dict], *, uri: str, published=None) -> dict:
    """A record package of these records; `packages` names each exercise's release package."""
    prefix = f"{settings.OCDS_PREFIX}-"
    return {
        **_package_meta(uri, published or timezone.now()),
        "packages": [
            f"{_base()}/procurement/{r['ocid'].removeprefix(prefix)}.json" for r in records
        ],
        "records": records,
    }


def record_package(exercise, uri: str = "") -> dict:
    _, published = _releases(exercise)
    uri = uri or f"{_base()}/api/v1/procurement/{exercise.reference}/record"
    return record_package_of([record(exercise)], uri=uri, published=published)


def bulk_uri() -> str:
    return f"{_base()}/data/ocds-records.json.gz"
