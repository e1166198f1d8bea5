"""The preferences page (/account/notifications/), the notifications list (/tasks/notifications/)
and following a case: each person sees and changes only their own."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from messaging import notifications
from messaging.models import Notification, NotificationPreference, Watch
from tests import builders
from tests.challenges.conftest import draft

from .conftest import clean_slate, make_challenge, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge(cast):
    subject = make_challenge(cast)
    clean_slate()
    return subject


def signed_in(client, person):
    client.force_login(person)
    return client


def test_the_pages_need_signing_in(client):
    for name in ("notification-preferences", "notifications"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/account/sign-in/" in response["Location"]
    assert client.post(reverse("notifications-read")).status_code == 302


def test_a_body_member_sees_statutory_notices_as_always_and_chooses_the_rest(client, cast):
    page = signed_in(client, cast.provider).get(reverse("notification-preferences"))
    html = page.content.decode()
    always = html[html.index("Always emailed") : html.index("Your choices")]
    assert "A challenge was received" in always and "The challenge was accepted" in always
    assert 'name="challenge__start_assessment"' in html  # not statutory: a choice
    assert 'name="challenge__submit"' not in html  # statutory to the body
    assert 'name="agreement__seek_approval"' not in html  # not their business
    assert 'class="govuk-radios"' in html


def test_an_officer_chooses_daily_or_off_and_it_is_saved(client, cast):
    client = signed_in(client, cast.officer)
    html = client.get(reverse("notification-preferences")).content.decode()
    assert 'name="challenge__submit"' in html  # an arrival is not statutory to officers
    fields = {
        name: "instant"
        for name in [
            line.split('name="')[1].split('"')[0]
            for line in html.splitlines()
            if 'type="radio"' in line
        ]
    }
    fields["challenge__submit"] = "daily"
    fields["challenge__withdraw"] = "off"
    response = client.post(reverse("notification-preferences"), fields)
    assert response.status_code == 302
    saved = dict(
        NotificationPreference.objects.filter(user=cast.officer).values_list("kind", "frequency")
    )
    assert saved["challenge.submit"] == "daily" and saved["challenge.withdraw"] == "off"
    assert not NotificationPreference.objects.exclude(user=cast.officer).exists()
    html = client.get(reverse("notification-preferences")).content.decode()
    assert (
        'value="daily" class="govuk-radios__input" name="challenge__submit"'
        in html.replace(" checked", "")
        or 'name="challenge__submit" value="daily"' in html
    )


def test_a_bad_choice_is_refused_with_an_error_summary(client, cast):
    response = signed_in(client, cast.officer).post(
        reverse("notification-preferences"), {"challenge__submit": "hourly"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "govuk-error-summary" in html
    assert not NotificationPreference.objects.exists()


def test_each_person_sees_and_marks_only_their_own(
    client, cast, challenge, django_capture_on_commit_callbacks
):
    publish(django_capture_on_commit_callbacks, "challenge.withdraw", challenge)
    mine = Notification.objects.get(user=cast.officer)
    theirs = Notification.objects.get(user=cast.provider)
    assert notifications.unread_count(cast.officer) == 1

    client = signed_in(client, cast.officer)
    html = client.get(reverse("notifications")).content.decode()
    assert "The challenge was withdrawn: " + challenge.reference in html
    assert f'name="id" value="{mine.pk}"' in html and f'value="{theirs.pk}"' not in html
    assert reverse("challenges:casework-case", args=[challenge.pk]) in html

    assert client.post(reverse("notifications-read"), {"id": theirs.pk}).status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    assert client.post(reverse("notifications-read"), {"id": "x"}).status_code == 404
    assert client.post(reverse("notifications-read"), {"id": mine.pk}).status_code == 302
    assert notifications.unread_count(cast.officer) == 0
    assert notifications.unread_count(cast.provider) == 1
    assert list(notifications.recent(cast.provider)) == [theirs]

    stranger = signed_in(client, cast.stranger).get(reverse("notifications")).content.decode()
    assert challenge.reference not in stranger and "You have no notifications" in stranger


def test_mark_all_as_read(client, cast, challenge, django_capture_on_commit_callbacks):
    publish(django_capture_on_commit_callbacks, "challenge.withdraw", challenge)
    publish(django_capture_on_commit_callbacks, "challenge.overdue", challenge)
    client = signed_in(client, cast.provider)
    assert notifications.unread_count(cast.provider) == 2
    client.post(reverse("notifications-read"))
    assert notifications.unread_count(cast.provider) == 0
    assert notifications.unread_count(cast.officer) == 2


def test_following_a_published_case_tells_the_follower(
    client, cast, challenge, django_capture_on_commit_callbacks
):
    person = builders.user()
    client = signed_in(client, person)
    page = client.get(reverse("decisions:detail", args=[challenge.reference]))
    assert "Follow this case" in page.content.decode()
    kind = ContentType.objects.get_for_model(challenge)
    url = reverse("follow-case", args=[kind.pk, challenge.pk])
    response = client.post(url, {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert Watch.objects.filter(user=person, subject_id=challenge.pk).exists()
    page = client.get(reverse("decisions:detail", args=[challenge.reference]))
    assert "Stop following this case" in page.content.decode()

    publish(django_capture_on_commit_callbacks, "challenge.start_procurement", challenge)
    note = Notification.objects.get(user=person)
    assert note.role == "watchers"
    assert note.url == reverse("decisions:detail", args=[challenge.reference])

    client.post(url, {"stop": "1"})
    assert not Watch.objects.filter(user=person).exists()


def test_nobody_follows_a_case_they_cannot_see(client, cast):
    draft_case = draft(cast.service, cast.organisation, cast.provider)
    kind = ContentType.objects.get_for_model(draft_case)
    client = signed_in(client, cast.stranger)
    assert client.post(reverse("follow-case", args=[kind.pk, draft_case.pk])).status_code == 404
    assert client.post(reverse("follow-case", args=[kind.pk, 999999])).status_code == 404
    assert client.post(reverse("follow-case", args=[99999, 1])).status_code == 404
    assert not Watch.objects.exists()
