"""The queryset form of "can be challenged" (s.81(2), SI 2012/1647 reg 3) agrees with the
authority's own answer, and the directory's "open for challenges now" filter and tag keep out
the services of authorities that cannot be challenged (the walk found the City of London's)."""

import pytest

from portal.models import Authority
from portal.models.authorities import relevant_authority_q
from tests import builders

pytestmark = pytest.mark.django_db


def test_the_query_agrees_with_each_authority():
    builders.authority("TRF", authority_type="MD")
    builders.authority("KEN", authority_type="CTY")
    builders.authority("LND", authority_type="CC")  # the City of London Corporation
    builders.authority("IOS", authority_type="UA")  # the Council of the Isles of Scilly
    builders.authority("GMF", authority_type="FRA", fire_basis="reg3a", gss_code=None)
    builders.authority("LFC", authority_type="FRA", fire_basis="reg3b", gss_code=None)
    builders.authority("EPF", authority_type="FRA", fire_basis="reg3e", gss_code=None)
    builders.authority("XFR", authority_type="FRA", fire_basis="", gss_code=None)
    by_query = set(Authority.objects.filter(relevant_authority_q()).values_list("code", flat=True))
    by_model = {a.code for a in Authority.objects.all() if a.is_relevant_authority}
    assert by_query == by_model == {"TRF", "KEN", "GMF", "LFC", "EPF"}


def test_the_directory_shows_no_city_of_london_service_as_open(client):
    _, directory = builders.site_tree()
    city = builders.authority("LND", nice_name="City of London", authority_type="CC")
    builders.service(city, "City libraries")
    builders.service(builders.authority("TRF", nice_name="Trafford"), "Trafford libraries")
    page = client.get(f"{directory.url}?open=yes").content.decode()
    assert "Trafford libraries" in page and "City libraries" not in page
    everything = client.get(directory.url).content.decode()
    city_row = everything.split("City libraries")[1].split("</li>")[0]
    assert "Cannot be challenged" in city_row and "Open for challenges" not in city_row
