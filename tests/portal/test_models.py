from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from portal.models import ChallengeWindow, Organisation, RoleAssignment
from tests import builders


@pytest.mark.django_db
class TestWindows:
    def test_a_service_with_no_windows_accepts_challenges_at_any_time(self, trafford):
        page = builders.service(trafford)
        assert page.accepting_challenges()

    def test_windows_for_all_services_and_for_one(self, trafford):
        libraries = builders.service(trafford, "Libraries")
        parks = builders.service(trafford, "Parks")
        today = date(2026, 11, 26)
        ChallengeWindow.objects.create(
            authority=trafford, opens_on=date(2026, 3, 1), closes_on=date(2026, 4, 30)
        )
        ChallengeWindow.objects.create(
            authority=trafford,
            service=parks,
            opens_on=date(2026, 11, 1),
            closes_on=date(2026, 12, 31),
        )
        assert not libraries.accepting_challenges(today)
        assert libraries.accepting_challenges(date(2026, 4, 30))
        assert parks.accepting_challenges(today)
        assert parks.open_window(today).service_id == parks.pk

    def test_an_excluded_service_never_accepts_challenges(self, trafford):
        page = builders.service(
            trafford,
            "Care for a named person",
            excluded=True,
            excluded_reason="named_person_complex_needs",
        )
        assert not page.accepting_challenges()

    def test_excluded_needs_its_reason(self, trafford):
        with pytest.raises(ValidationError, match="reason"):
            builders.service(trafford, "No reason", excluded=True)

    def test_a_window_must_close_after_it_opens(self, trafford):
        window = ChallengeWindow(
            authority=trafford, opens_on=date(2026, 5, 1), closes_on=date(2026, 4, 1)
        )
        with pytest.raises(ValidationError):
            window.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            window.save()

    def test_a_window_for_another_authoritys_service_is_refused(self, trafford, manchester):
        page = builders.service(manchester)
        window = ChallengeWindow(
            authority=trafford,
            service=page,
            opens_on=date.today(),
            closes_on=date.today() + timedelta(days=3),
        )
        with pytest.raises(ValidationError, match="same authority"):
            window.full_clean()

    def test_the_service_takes_its_authority_from_its_parent(self, trafford):
        page = builders.service(trafford)
        assert page.authority == trafford
        assert page.url.startswith(f"/services/{trafford.slug}/")


@pytest.mark.django_db
class TestOrganisations:
    @pytest.mark.parametrize("number", ["1234567", "1234567-1", "SC012345", "NIC100001"])
    def test_valid_charity_numbers(self, number):
        Organisation(
            name="A", slug="a", body_type="charitable_trust", charity_number=number
        ).full_clean()

    @pytest.mark.parametrize("number", ["12", "ABCDEFG", "1234567-123"])
    def test_invalid_charity_numbers(self, number):
        with pytest.raises(ValidationError, match="charity number"):
            Organisation(
                name="A", slug="a", body_type="charitable_trust", charity_number=number
            ).full_clean()

    @pytest.mark.parametrize(
        ("number", "ok"), [("01234567", True), ("SC123456", True), ("1234", False)]
    )
    def test_company_numbers(self, number, ok):
        organisation = Organisation(
            name="A", slug="a", body_type="voluntary_community_body", company_number=number
        )
        if ok:
            organisation.full_clean()
        else:
            with pytest.raises(ValidationError, match="company number"):
                organisation.full_clean()

    def test_slugs_are_unique(self):
        first = Organisation.objects.create(name="Riverside Trust", body_type="charitable_trust")
        second = Organisation.objects.create(name="Riverside Trust", body_type="charitable_trust")
        assert first.slug != second.slug


@pytest.mark.django_db
class TestRoles:
    def test_authority_roles_need_an_authority(self):
        person = builders.user()
        with pytest.raises(IntegrityError), transaction.atomic():
            RoleAssignment.objects.create(user=person, role="officer")

    def test_a_role_is_held_once(self, trafford):
        person = builders.staff("officer", trafford)
        with pytest.raises(IntegrityError), transaction.atomic():
            RoleAssignment.objects.create(user=person, role="officer", authority=trafford)

    def test_roles_put_people_in_their_authoritys_cms_groups(self, trafford):
        builders.site_tree()
        officer = builders.staff("officer", trafford)
        admin = builders.staff("authority_admin", trafford)
        assert set(officer.groups.values_list("name", flat=True)) == {"TRF editors"}
        assert set(admin.groups.values_list("name", flat=True)) == {"TRF editors", "TRF publishers"}
        officer.roles.all().delete()
        assert not officer.groups.exists()
