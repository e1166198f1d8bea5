"""OCDS 1.1 releases for procurement exercises (DOMAIN.md §2).

A release is made when a notice is published and stored with it, so it never changes afterwards;
the package at /procurement/<reference>.json lists an exercise's releases in order. Fields marked
commercially confidential and people's names are never put in a release.
"""

from django.conf import settings
from django.utils import timezone

from portal import law

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


def _authority_party(authority) -> dict:
    return {
        "id": f"GB-GSS-{authority.gss_code}",
        "name": authority.name,
        "identifier": {"scheme": "GB-GSS", "id": authority.gss_code, "legalName": authority.name},
        "address": {"region": authority.region, "countryName": "United Kingdom"},
        "roles": ["buyer", "procuringEntity"],
    }


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
    from .models import State

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
    from .models import InterestState, State

    tag = law.OCDS_TAG_FOR_NOTICE[code]
    buyer = _authority_party(exercise.authority)
    parties = [buyer]
    release = {
        "ocid": ocid(exercise),
        "id": f"{ocid(exercise)}-{number:03d}-{code or 'planning'}",
        "date": timezone.now().isoformat(timespec="seconds"),
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
        "description": exercise.description,
        "status": tender_status(exercise),
        "procuringEntity": _ref(buyer),
        "procurementMethod": METHOD[exercise.regime],
        "procurementMethodDetails": exercise.regime_label,
        "mainProcurementCategory": CATEGORY[exercise.contract_kind],
    }
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
                "uri": settings.BASE_URL.rstrip("/")
                + f"/decisions/{exercise.challenge.reference}/",
            }
        ]
    release["parties"] = parties
    return release


def release_package(exercise, request=None) -> dict:
    notices = list(exercise.notices.order_by("published_on", "pk"))
    base = settings.BASE_URL.rstrip("/")
    published = max((n.created_at for n in notices), default=timezone.now())
    return {
        "uri": f"{base}/procurement/{exercise.reference}.json",
        "version": OCDS_VERSION,
        "publishedDate": published.isoformat(timespec="seconds"),
        "publisher": {"name": settings.WAGTAIL_SITE_NAME},
        "license": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "publicationPolicy": f"{base}/procurement/",
        "releases": [n.release for n in notices],
    }
