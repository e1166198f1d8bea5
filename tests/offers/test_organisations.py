"""Any organisation may register (a private company, a social enterprise, a police force) and make
an innovation offer; only the relevant bodies of Localism Act 2011 s.81(6) may submit a statutory
challenge."""

import pytest
from django.test import Client

from portal.models import Organisation
from portal.workflow import Refused, perform
from tests import builders
from tests.challenges.conftest import draft

pytestmark = pytest.mark.django_db


def test_a_private_company_registers(world):
    client = Client()
    client.force_login(builders.user())
    form = client.get("/account/organisations/new/").content.decode()
    assert "Private company" in form and "Other public body, such as a police force" in form
    page = client.post(
        "/account/organisations/new/",
        {"name": "Northbridge Family Support Ltd", "body_type": "private_company"},
    )
    assert page.status_code == 302
    assert Organisation.objects.get(name="Northbridge Family Support Ltd").body_type_label == (
        "Private company"
    )


def test_a_private_company_cannot_challenge(world):
    person, firm = builders.provider("Northbridge Family Support Ltd", "private_company")
    challenge = draft(world.service, firm, person)
    with pytest.raises(Refused) as refused:
        perform("challenge", challenge, "submit", person)
    assert (
        "Northbridge Family Support Ltd is registered as private company: only a voluntary or "
        "community body, a charitable trust, a parish council or two or more of the authority's "
        "employees can challenge (Localism Act 2011 s.81(6)). It can make an innovation offer "
        "instead."
    ) in refused.value.problems
