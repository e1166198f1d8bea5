"""GOV.UK patterns on the provider's pages: the task list, check your answers with Change links
that come back, the confirmation panel, and overdue cases flagged on the provider's list."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from challenges.models import Challenge, State

from .conftest import advance, draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, world):
    client.force_login(world.provider)
    return client


def test_a_task_that_cannot_start_yet_is_not_a_link(signed_in, world):
    challenge = draft(world.service, world.organisation, world.provider, capability_evidence="")
    check_url = reverse("challenges:check", args=[challenge.pk])
    html = signed_in.get(reverse("challenges:case", args=[challenge.pk])).content.decode()
    assert "Cannot start yet" in html and f'href="{check_url}"' not in html
    Challenge.objects.filter(pk=challenge.pk).update(capability_evidence="Ran 4 clubs since 2019")
    html = signed_in.get(reverse("challenges:case", args=[challenge.pk])).content.decode()
    assert "Cannot start yet" not in html and f'href="{check_url}"' in html


def test_change_on_check_your_answers_comes_back_to_it(signed_in, world):
    challenge = draft(world.service, world.organisation, world.provider)
    check_url = reverse("challenges:check", args=[challenge.pk])
    section = reverse("challenges:section", args=[challenge.pk, "service_and_area"])
    assert f'href="{section}?return=check"' in signed_in.get(check_url).content.decode()

    page = signed_in.get(f"{section}?return=check").content.decode()
    assert f'href="{check_url}" class="govuk-back-link">Back to check your answers' in page
    response = signed_in.post(f"{section}?return=check", {"service_area": "Partington only"})
    assert response["Location"] == check_url
    # Without it (or with anything else: never an address to go to) the task list is next.
    for query in ("", "?return=https://evil.example/", "?return=//evil.example"):
        response = signed_in.post(f"{section}{query}", {"service_area": "Partington only"})
        assert response["Location"] == reverse("challenges:case", args=[challenge.pk])

    # Through the partners page too: "Continue" goes back to check your answers.
    consortium = reverse("challenges:section", args=[challenge.pk, "consortium_members"])
    response = signed_in.post(f"{consortium}?return=check", {"has_partners": "yes"})
    partners = reverse("challenges:partners", args=[challenge.pk])
    assert response["Location"] == f"{partners}?return=check"
    page = signed_in.get(response["Location"]).content.decode()
    assert f'href="{check_url}" class="govuk-back-link">Back to check your answers' in page
    partner = {
        "name": "Acme Catering Ltd",
        "role": "subcontractor",
        "partner_type": "commercial",
        "financial_resources": "Turnover £2m",
        "capability": "Runs 30 cafés",
    }
    response = signed_in.post(f"{partners}?return=check", partner)
    assert response["Location"] == f"{partners}?return=check"
    page = signed_in.get(response["Location"]).content.decode()
    assert f'href="{check_url}">Continue</a>' in page


def test_a_submitted_challenge_gets_the_confirmation_panel(signed_in, world):
    challenge = draft(world.service, world.organisation, world.provider)
    response = signed_in.post(reverse("challenges:check", args=[challenge.pk]))
    challenge.refresh_from_db()
    assert challenge.state == State.SUBMITTED
    confirmation = reverse("challenges:submitted", args=[challenge.pk])
    assert response["Location"] == confirmation
    html = signed_in.get(confirmation).content.decode()
    panel = re.search(
        r'<div class="govuk-panel govuk-panel--confirmation">(.*?)</div>\s*</div>', html, re.S
    )
    assert panel and "Challenge submitted" in panel.group(1)
    assert challenge.reference in panel.group(1)
    assert f"{challenge.decision_due:%-d %B %Y}" in html
    assert "What happens next" in html


def test_the_confirmation_is_only_for_the_body_and_only_once_submitted(client, world):
    from tests import builders

    challenge = draft(world.service, world.organisation, world.provider)
    confirmation = reverse("challenges:submitted", args=[challenge.pk])
    client.force_login(world.provider)
    assert client.get(confirmation)["Location"] == reverse("challenges:case", args=[challenge.pk])
    advance(challenge, world, "submit")
    client.force_login(builders.provider("Greenway Community Transport")[0])
    assert client.get(confirmation).status_code == 404


def test_providers_see_their_overdue_cases_flagged(signed_in, world):
    late = advance(draft(world.service, world.organisation, world.provider), world, "submit")
    on_time = advance(draft(world.service, world.organisation, world.provider), world, "submit")
    Challenge.objects.filter(pk=late.pk).update(
        decision_due=timezone.localdate() - timedelta(days=1)
    )
    html = signed_in.get(reverse("challenges:mine")).content.decode()
    rows = {
        ref: row
        for row in html.split('<tr class="govuk-table__row">')[1:]
        for ref in (late.reference, on_time.reference)
        if ref in row
    }
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in rows[late.reference]
    assert "Overdue" not in rows[on_time.reference]
