"""Whether a body may challenge (Localism Act 2011 s.81(6)), checked against the registers the
portal loads, before its first challenge is assessed:

- a charity (and a CIO) against the Charity Commission for England and Wales's register extract;
- a company (and a community interest company) against Companies House's basic company data;
- a parish or town council against the list loaded with its source (no statutory register exists);
- a group of employees by its employer: an officer of that authority confirms the employment.

Anything the registers cannot settle (a Scottish charity, an unincorporated association, a
company limited by shares) an officer confirms by hand, with a reason. The checks and the
confirmations run as steps of the challenge machine (challenges.workflow), so each is audited.
"""

import re
from dataclasses import dataclass

from django.utils import timezone

from .models import (
    CharityRegisterEntry,
    CompanyRegisterEntry,
    Eligibility,
    ParishCouncil,
)

CHARITY_REGISTER, COMPANY_REGISTER, PARISH_LIST, EMPLOYER, OFFICER = (
    "charity_register",
    "company_register",
    "parish_list",
    "employer",
    "officer",
)
BASES = {
    CHARITY_REGISTER: "Charity Commission register of charities",
    COMPANY_REGISTER: "Companies House basic company data",
    PARISH_LIST: "list of parish and town councils",
    EMPLOYER: "employment confirmed by the employing authority",
    OFFICER: "confirmed by an officer",
}
NOT_CONFIRMED_TEXT = "Eligibility not yet confirmed"

# Companies House categories (BasicCompanyData `CompanyCategory`) of bodies that are not run for
# profit by their form; a company limited by shares may be, so an officer looks at it.
NOT_FOR_PROFIT_CATEGORY = re.compile(
    r"community interest company|guarant|guar\b|registered society|charitable incorporated",
    re.IGNORECASE,
)
ACTIVE_COMPANY = "active"
REGISTERED_CHARITY = "registered"
CHARITY_NUMBER = re.compile(r"^(\d{6,7})(?:-(\d{1,2}))?$")


@dataclass(frozen=True)
class Finding:
    """What the registers say about a body: confirmed or not, on what basis, in words."""

    confirmed: bool
    basis: str
    detail: str


def normalise(name: str) -> str:
    """A council's name for matching: lower case, single spaces, no punctuation, "&" as "and"."""
    name = name.lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", name).split())


def find(organisation) -> Finding:
    """Check the organisation against the register its kind and numbers point to."""
    if organisation.body_type == "employee_group":
        employer = organisation.employer.nice_name if organisation.employer_id else "its employer"
        return Finding(
            False,
            EMPLOYER,
            f"An officer of {employer} must confirm that the group's members are its employees "
            "(Localism Act 2011 s.81(6)(d)).",
        )
    if organisation.body_type == "parish_council":
        return _parish(organisation)
    if organisation.charity_number:
        return _charity(organisation)
    if organisation.company_number:
        return _company(organisation)
    return Finding(
        False,
        OFFICER,
        f"{organisation.name} gave no charity or company number, so no register can confirm it: "
        "an officer must confirm that it is a voluntary or community body or a charitable trust "
        "(Localism Act 2011 s.81(6)).",
    )


def _charity(organisation) -> Finding:
    match = CHARITY_NUMBER.match(organisation.charity_number)
    if not match:
        return Finding(
            False,
            OFFICER,
            f"Charity number {organisation.charity_number} is not on the register of charities "
            "for England and Wales (Scotland and Northern Ireland keep their own): an officer "
            "must confirm it.",
        )
    number, linked = int(match.group(1)), int(match.group(2) or 0)
    row = CharityRegisterEntry.objects.filter(
        registered_charity_number=number, linked_charity_number=linked
    ).first()
    if row is None:
        return Finding(
            False,
            CHARITY_REGISTER,
            f"Charity number {organisation.charity_number} was not found in the register "
            "extract loaded: an officer must confirm it, or load a newer extract.",
        )
    kind = f", {row.charity_type}" if row.charity_type else ""
    said = f"{row.name} ({row.registered_charity_number}{kind}), {row.registration_status}"
    if row.registration_status.strip().lower() != REGISTERED_CHARITY:
        removed = f" on {row.date_of_removal:%-d %B %Y}" if row.date_of_removal else ""
        return Finding(
            False,
            CHARITY_REGISTER,
            f"The register of charities says {said}{removed}: an officer must decide.",
        )
    return Finding(True, CHARITY_REGISTER, f"Register of charities ({row.source}): {said}.")


def _company(organisation) -> Finding:
    row = CompanyRegisterEntry.objects.filter(company_number=organisation.company_number).first()
    if row is None:
        return Finding(
            False,
            COMPANY_REGISTER,
            f"Company number {organisation.company_number} was not found in the Companies House "
            "data loaded: an officer must confirm it, or load newer data.",
        )
    said = f"{row.name} ({row.company_number}), {row.category}, {row.status}"
    if row.status.strip().lower() != ACTIVE_COMPANY:
        return Finding(
            False, COMPANY_REGISTER, f"Companies House says {said}: an officer must decide."
        )
    if not NOT_FOR_PROFIT_CATEGORY.search(row.category):
        return Finding(
            False,
            COMPANY_REGISTER,
            f"Companies House says {said}. A company of this kind may be run for profit: an "
            "officer must confirm that it is a voluntary or community body (Localism Act 2011 "
            "s.81(6)).",
        )
    return Finding(True, COMPANY_REGISTER, f"Companies House ({row.source}): {said}.")


def _parish(organisation) -> Finding:
    row = ParishCouncil.objects.filter(normalised_name=normalise(organisation.name)).first()
    if row is None:
        return Finding(
            False,
            PARISH_LIST,
            f"{organisation.name} is not on the list of parish and town councils loaded: an "
            "officer must confirm it.",
        )
    where = f", {row.principal_authority}" if row.principal_authority else ""
    synthetic = " (a synthetic demonstration record)" if row.synthetic else ""
    return Finding(
        True, PARISH_LIST, f"List of parish and town councils ({row.source}): {row.name}{where}"
        f"{synthetic}."
    )  # fmt: skip


def of(organisation) -> Eligibility:
    """The organisation's eligibility record (unsaved and not confirmed when never checked)."""
    try:
        return organisation.eligibility
    except Eligibility.DoesNotExist:
        return Eligibility(organisation=organisation)


def is_confirmed(organisation) -> bool:
    """Read from the database (a confirmation made since the organisation was loaded counts)."""
    return Eligibility.objects.filter(
        organisation_id=organisation.pk, status=Eligibility.CONFIRMED
    ).exists()


def record_check(organisation) -> dict:
    """Check the registers and keep what they say (a confirmation by hand is never undone by
    a register that cannot confirm). Runs inside a challenge machine step; returns the audit
    changes."""
    current = of(organisation)
    if current.is_confirmed and current.basis in (EMPLOYER, OFFICER):
        return {"eligibility": current.status, "eligibility_basis": current.basis}
    finding = find(organisation)
    current.status = Eligibility.CONFIRMED if finding.confirmed else Eligibility.NOT_CONFIRMED
    current.basis = finding.basis
    current.detail = finding.detail
    current.confirmed_by = None
    current.checked_at = timezone.now()
    current.save()
    organisation.eligibility = current
    return {"eligibility": current.status, "eligibility_basis": current.basis}


def confirm(organisation, user, reason: str, basis: str) -> dict:
    """An officer's confirmation by hand, with the reason (runs inside a machine step)."""
    current = of(organisation)
    current.status = Eligibility.CONFIRMED
    current.basis = basis
    current.detail = reason
    current.confirmed_by = user
    current.checked_at = timezone.now()
    current.save()
    organisation.eligibility = current
    return {"eligibility": current.status, "eligibility_basis": basis}


def described(organisation) -> str:
    """The status in words, for the officer and the body's members."""
    current = of(organisation)
    if current.pk is None:
        return f"{NOT_CONFIRMED_TEXT}: the registers are checked when a challenge is submitted."
    if current.is_confirmed:
        by = f" by {current.confirmed_by.get_full_name()}" if current.confirmed_by_id else ""
        when = f" on {timezone.localdate(current.checked_at):%-d %B %Y}"
        return f"Eligibility confirmed ({BASES[current.basis]}{by}{when}): {current.detail}"
    return f"{NOT_CONFIRMED_TEXT}. {current.detail}"
