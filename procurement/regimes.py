"""Which procurement regime fits what is bought, by its value and the thresholds in force then
(DOMAIN.md §2). Used by the model's clean() and by the exercise's opening, so it is not part of
the workflow (a model never imports a workflow)."""

from decimal import Decimal

from portal import law


def regime_problems(contract_kind, regime, value, started_on) -> list[str]:
    """Whether the regime fits what is bought and its value, by the thresholds then in force."""
    problems = []
    kinds = dict(law.CONTRACT_KINDS)
    if contract_kind not in kinds:
        return ["Select what is being bought"]
    if regime not in dict(law.PROCUREMENT_REGIMES):
        return ["Select the procurement regime"]
    if value is None or Decimal(value) <= 0:
        return ["Enter the estimated value, including VAT, in pounds"]
    if started_on is None:
        return ["Enter the date the exercise starts"]
    commenced = law.REGIME_COMMENCEMENT[regime]
    if started_on < commenced:
        problems.append(
            f"{law.label(law.PROCUREMENT_REGIMES, regime)} applies to procurements started from "
            f"{commenced:%-d %B %Y}"
        )
    above, below = law.REGIMES_FOR_KIND[contract_kind]
    threshold = threshold_for(contract_kind, started_on)
    expected = below if threshold is not None and Decimal(value) < threshold else above
    if regime != expected:
        where = (
            ""
            if threshold is None
            else (
                f" at an estimated £{Decimal(value):,.0f} against the threshold of "
                f"£{threshold:,.0f} in force on {started_on:%-d %B %Y}"
            )
        )
        problems.append(
            f"{kinds[contract_kind]}{where} are bought under "
            f"{law.label(law.PROCUREMENT_REGIMES, expected)}, not "
            f"{law.label(law.PROCUREMENT_REGIMES, regime)}"
        )
    return problems


def threshold_for(contract_kind, day) -> Decimal | None:
    key = law.THRESHOLD_FOR_KIND.get(contract_kind)
    table = law.thresholds_on(day)
    if key is None or table is None:
        return None
    return Decimal(table[key])


def process_problems(regime, psr_process) -> list[str]:
    """SI 2023/1348 regs 6-11: an exercise under the Provider Selection Regime follows one of its
    five processes; no other regime has them."""
    if regime == "provider_selection":
        if psr_process not in dict(law.PSR_PROCESSES):
            return ["Select the Provider Selection Regime process"]
        return []
    if psr_process:
        return ["Only an exercise under the Provider Selection Regime follows one of its processes"]
    return []


def stage_notice(exercise, stage: str) -> str | None:
    """The notice a stage publishes under the exercise's regime (None where it publishes none):
    the Act's (law.STAGE_NOTICES), or the Provider Selection Regime's by process."""
    if exercise.regime == "provider_selection":
        return law.PSR_STAGE_NOTICES.get(stage, {}).get(exercise.psr_process)
    return law.STAGE_NOTICES.get(stage)
