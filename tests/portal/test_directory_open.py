"""The service directory says what can be challenged now, and an excluded service cannot be
started."""

from datetime import date, timedelta

import pytest

from challenges.models import Challenge
from tests import builders

OPEN_TAG = "Open for challenges"


@pytest.fixture
def services(trafford, manchester):
    today = date.today()
    open_one = builders.service(trafford, "Youth clubs")
    builders.open_window(trafford, open_one)
    closed = builders.service(trafford, "Day centres")
    trafford.windows.create(
        service=closed, opens_on=today - timedelta(days=60), closes_on=today - timedelta(days=30)
    )
    excluded = builders.service(
        trafford,
        "Care for a named person",
        excluded=True,
        excluded_reason="named_person_complex_needs",
    )
    builders.open_window(trafford, excluded)
    any_time = builders.service(manchester, "Community libraries")  # no window: any time (s.82)
    return {"open": open_one, "closed": closed, "excluded": excluded, "any_time": any_time}


def listed(html: str) -> dict[str, str]:
    """Each listed service's title and the line under it (authority, category, tags)."""
    rows = {}
    for item in html.split("<li>")[1:]:
        if "govuk-heading-s" not in item:
            continue
        title = item.split('class="govuk-link"', 1)[1].split(">", 1)[1].split("<", 1)[0]
        rows[title] = item.split("govuk-body-s", 1)[1].split("</p>", 1)[0]
    return rows


@pytest.mark.django_db
def test_the_directory_tags_services_open_now_and_filters_them(client, services):
    everything = listed(client.get("/services/").content.decode())
    assert set(everything) == {
        "Youth clubs",
        "Day centres",
        "Care for a named person",
        "Community libraries",
    }
    closes = (date.today() + timedelta(days=20)).strftime("%-d %B %Y")
    assert f"{OPEN_TAG} until {closes}" in everything["Youth clubs"]
    assert OPEN_TAG in everything["Community libraries"]
    assert OPEN_TAG not in everything["Day centres"]
    assert OPEN_TAG not in everything["Care for a named person"]
    assert "Excluded from challenge" in everything["Care for a named person"]

    page = client.get("/services/?open=yes").content.decode()
    assert set(listed(page)) == {"Youth clubs", "Community libraries"}
    assert "2 services" in page
    assert 'id="open" name="open" type="checkbox" value="yes" checked' in page
    trafford_open = listed(client.get("/services/?open=yes&authority=trafford").content.decode())
    assert set(trafford_open) == {"Youth clubs"}


@pytest.mark.django_db
def test_an_excluded_service_shows_no_open_window_and_no_start(client, services):
    html = client.get(services["excluded"].url).content.decode()
    assert "This service cannot be challenged" in html
    assert "govuk-tag--green" not in html
    assert "Challenge this service" not in html and "/challenges/new/" not in html
    assert "Challenge this service" in client.get(services["open"].url).content.decode()


@pytest.mark.django_db
def test_starting_a_challenge_to_an_excluded_service_is_refused(client, services):
    person, organisation = builders.provider()
    client.force_login(person)
    url = f"/challenges/new/?service={services['excluded'].pk}"
    page = client.get(url)
    assert page.status_code == 403
    html = page.content.decode()
    assert "Care for a named person cannot be challenged" in html
    assert "Start your challenge" not in html
    refused = client.post(url, {"organisation": organisation.pk})
    assert refused.status_code == 403
    assert not Challenge.objects.exists()

    allowed = client.post(
        f"/challenges/new/?service={services['open'].pk}", {"organisation": organisation.pk}
    )
    assert allowed.status_code == 302 and Challenge.objects.count() == 1
