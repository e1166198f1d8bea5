"""A Trafford service open for challenge, its staff, and a provider with a complete draft."""

import pytest

from challenges.models import Challenge
from portal.workflow import perform

CONTENTS = {
    "financial_resources": "Turnover £420,000; reserves of four months' running costs.",
    "capability_evidence": "We have run two youth clubs for the council since 2019.",
    "service_area": "Partington, Old Trafford and Sale West.",
    "outcomes_wellbeing": "More young people in training; volunteering by local residents.",
    "outcomes_user_needs": "Evening sessions shaped by a young people's panel.",
}


# Localism Act 2011 s.83(8): what every decision records about the area's well-being.
WELLBEING = "Local jobs and volunteering (social, economic); fewer car journeys (environmental)."


def draft(service, organisation, person, **fields) -> Challenge:
    values = {**CONTENTS, "has_partners": False, **fields}
    return Challenge.objects.create(
        service=service,
        authority=service.authority,
        organisation=organisation,
        created_by=person,
        **values,
    )


def advance(challenge, world, *names, **kwargs):
    """Run transitions in order with the right person for each."""
    people = {
        "submit": world.provider,
        "start_assessment": world.officer,
        "request_clarification": world.officer,
        "answer_clarification": world.provider,
        "withdraw": world.provider,
        "agree_modification": world.provider,
        "decline_modification": world.provider,
    }
    defaults = {
        "request_clarification": {"question": "How many staff would transfer?"},
        "answer_clarification": {"answer": "Twelve, under TUPE."},
        "reject": {
            "grounds": ["body_unsuitable"],
            "reasons": "No safeguarding policy.",
            "wellbeing": "Unsafe provision would not improve the area's well-being.",
        },
        "propose_modification": {
            "terms": "Cover Partington only.",
            "grounds": ["info_inadequate_or_inaccurate"],
            "reasons": "The plan for Sale West is not costed.",
            "wellbeing": WELLBEING,
        },
        "accept": {"wellbeing": WELLBEING},
    }
    for name in names:
        person = people.get(name, world.decider)
        perform("challenge", challenge, name, person, **{**defaults.get(name, {}), **kwargs})
    return challenge


def decide_through_pages(client, challenge, answers: dict):
    """A decision as a decision maker makes it: the questions, then the check page's confirm.
    Returns the confirm's response (or the questions' page when they are refused)."""
    from django.urls import reverse

    response = client.post(reverse("challenges:casework-decide", args=[challenge.pk]), answers)
    if response.status_code != 302:
        return response
    return client.post(reverse("challenges:casework-decide-check", args=[challenge.pk]))


@pytest.fixture
def challenge(world):
    return draft(world.service, world.organisation, world.provider)


# The S3 fixtures of the documents tests, for the tests of a challenge's documents.
from tests.documents.conftest import s3, s3_bucket, s3_client  # noqa: E402, F401
