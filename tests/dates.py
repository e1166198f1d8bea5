"""Typing a date into the GOV.UK date input, as a form post or in the browser."""


def date_input(name: str, day) -> dict:
    """The POST data of a date input `name` (portal.date_input.GovukDateField) for `day`."""
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def fill_date(page, legend: str, day) -> None:
    """Fill the day, month and year boxes of the date input whose legend is `legend`."""
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))
