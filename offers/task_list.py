"""Offer tasks on /tasks/: for the people who answer for an addressee (an authority's officers,
an NHS body's partners, a partner organisation's members), offers to acknowledge and offers to
answer, with the dates of their standard; for the offeror, its offers waiting for answers."""

from django.db.models import Q
from django.urls import reverse

from messaging import task_list as tasks
from offers.models import OPEN_STATES, Offer, OfferAddressee
from portal.models import Role

ADDRESSEE, OFFEROR = "Offers made to you", "Your offers"


def _mine(context) -> Q:
    """Addressee rows the person answers for."""
    q = Q(authority_id__in=context.authority_ids(Role.OFFICER, Role.DECISION_MAKER))
    q |= Q(nhs_body_id__in=context.nhs_body_ids)
    q |= Q(organisation_id__in=context.organisation_ids)
    return q


def _open_rows(context):
    return OfferAddressee.objects.filter(_mine(context), offer__state__in=OPEN_STATES)


def to_acknowledge(context):
    return _open_rows(context).filter(acknowledged_at=None)


def to_answer(context):
    return _open_rows(context).exclude(acknowledged_at=None).filter(answered_at=None)


def offeror_waiting(context):
    return Offer.objects.filter(organisation_id__in=context.organisation_ids, state__in=OPEN_STATES)


def count(context: tasks.TaskContext) -> int:
    """to_acknowledge and to_answer together, in one COUNT: the two sets do not overlap, and
    together they are the open rows not yet acknowledged or not yet answered."""
    return _open_rows(context).filter(Q(acknowledged_at=None) | Q(answered_at=None)).count()


def _row_task(row: OfferAddressee, due, timing) -> tasks.Task:
    detail = f"For {row.name}"
    if due:
        detail += f", due {due:%-d %B %Y}"
    else:
        detail += ", no standard published"
    late = timing == "overdue"
    return tasks.Task(
        f"{row.offer.reference}: {row.offer.title}",
        reverse("offers:manage", args=[row.offer.reference]),
        detail=detail,
        tag="Overdue" if late else "",
        tag_colour="red" if late else "",
    )


def _section(title, rows, due_field, timing, empty) -> tasks.Section:
    total, listed = tasks.listed(
        rows.select_related("offer", "authority", "nhs_body", "organisation").order_by(
            due_field, "offer__reference"
        )
    )
    return tasks.Section(
        ADDRESSEE,
        title,
        total,
        [_row_task(r, getattr(r, due_field), getattr(r, timing)()) for r in listed],
        more_url=reverse("offers:manage-list"),
        empty=empty,
    )


def sections(context: tasks.TaskContext) -> list:
    found: list = []
    # Shown to those with offers only: most officers and providers never receive or make one.
    if OfferAddressee.objects.filter(_mine(context)).exists():
        found += [
            _section(
                "Offers to acknowledge",
                to_acknowledge(context),
                "acknowledge_by",
                "acknowledgement_timing",
                "No offer is waiting for your acknowledgement",
            ),
            _section(
                "Offers to answer",
                to_answer(context),
                "answer_by",
                "answer_timing",
                "No offer is waiting for your answer",
            ),
            tasks.Links(ADDRESSEE, [("Offers made to you", reverse("offers:manage-list"))]),
        ]
    if (
        context.organisation_ids
        and Offer.objects.filter(organisation_id__in=context.organisation_ids).exists()
    ):
        total, listed = tasks.listed(offeror_waiting(context).order_by("-received_on"))
        section = tasks.Section(
            OFFEROR,
            "Your offers waiting for answers",
            total,
            [
                tasks.Task(
                    f"{o.reference}: {o.title}",
                    reverse("offers:yours", args=[o.reference]),
                    tag=o.get_state_display(),
                    tag_colour="blue",
                )
                for o in listed
            ],
            more_url=reverse("offers:mine"),
            empty="None of your organisation's offers is waiting for an answer",
        )
        section.open = False  # the addressees act, not the offeror
        found.append(section)
    return found


def register() -> None:
    tasks.register(sections, count)
