"""The offers' pages: status codes and permissions per role, the confidential parts absent from
every public page, form errors shown in the GOV.UK error summary, and no stack traces."""

import pytest
from django.test import Client

from offers import workflow as ow
from offers.models import Offer, ResponseStandard
from tests import builders
from tests.dates import date_input

from .helpers import CONTENTS, make_offer

pytestmark = pytest.mark.django_db

NOT_STATUTORY = "is not a challenge under the Community Right to Challenge"
SECRET = "SECRET-DAILY-RATE"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def rows(offer):
    return {r.body_kind: r for r in offer.addressees.all()}


@pytest.fixture
def offer(cast):
    return make_offer(cast)


def test_the_public_page_shows_every_answer_and_never_the_confidential_parts(cast, offer, client):
    by = rows(offer)
    ow.give_answer(
        offer,
        by["authority"],
        cast.officer,
        outcome="not_taken_forward",
        criteria=["plans"],
        reasons="School catering moves to the schools.",
    )
    page = client.get(f"/offers/{offer.reference}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert SECRET not in html and "Our rates are priced" not in html
    assert "Withheld: the offeror marked this part commercially confidential" in html
    assert NOT_STATUTORY in html
    for text in (
        "Trafford",
        "NHS Greater Manchester Integrated Care Board",
        "Greater Manchester Police",
        "Contact: Head of Public Protection",
        "Not taken forward",
        "It does not fit the authority&#x27;s or partner&#x27;s plans",
        "School catering moves to the schools.",
        "No standard published",
        "Within the standard",
        "An addressee answered",  # the public timeline
    ):
        assert text in html, text


def test_the_public_list_and_its_filters(cast, offer, client):
    firm_offer = make_offer(
        cast, cast.firm_user, cast.firm, offeror_type="private_company", title="Firm's offer"
    )
    page = client.get("/offers/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "2 offers" in html and NOT_STATUTORY in html and SECRET not in html
    private = client.get("/offers/?sector=private").content.decode()
    assert firm_offer.reference in private and f"{offer.reference}:" not in private
    by_police = client.get(f"/offers/?addressee=o-{cast.police_org.slug}").content.decode()
    assert "2 offers" in by_police
    assert "0 offers" in client.get("/offers/?year=1999").content.decode()
    about_service = make_offer(cast, title="About youth clubs", service=cast.service)
    by_theme = client.get(f"/offers/?theme={cast.service.category.slug}").content.decode()
    assert "1 offer<" in by_theme and about_service.reference in by_theme
    assert client.get("/offers/?outcome=answered&page=x&addressee=zz").status_code == 200


def test_an_unknown_offer_is_not_found(client, cast):
    assert client.get("/offers/TRF-IO-2026-9999/").status_code == 404


def test_making_an_offer_needs_a_sign_in_and_an_organisation(cast, client):
    assert client.get("/offers/new/").status_code == 302
    nobody = signed_in(cast.stranger).get("/offers/new/")
    assert nobody.status_code == 403
    assert "Register your organisation first" in nobody.content.decode()


def test_the_form_shows_its_errors_in_a_summary(cast):
    page = signed_in(cast.firm_user).post("/offers/new/", {})
    assert page.status_code == 200
    html = page.content.decode()
    assert "There is a problem" in html and "<title>Error: " in html
    for message in (
        "Enter a title for the offer",
        "Select the authority the offer is made to",
        "Enter the problem the offer addresses",
        "Confirm that you understand this offer is not a statutory challenge",
    ):
        assert message in html
    assert "Traceback" not in html and not Offer.objects.exists()


def test_a_private_firm_makes_an_offer(cast):
    data = {
        **CONTENTS,
        "organisation": cast.firm.pk,
        "offeror_type": "private_company",
        "title": "Edge-of-care support",
        "summary": "One team per locality.",
        "area_of_need": "Edge-of-care support for teenagers",
        "authority": cast.authority.pk,
        "nhs_bodies": [cast.icb.pk],
        "confidential_fields": ["costs"],
        "confidential_reasons": "Priced for this bid.",
        "understands_not_statutory": "on",
    }
    page = signed_in(cast.firm_user).post("/offers/new/", data)
    offer = Offer.objects.get()
    assert page.status_code == 302 and page["Location"] == f"/offers/yours/{offer.reference}/"
    assert (offer.sector, offer.confidential_fields) == ("private", ["costs"])
    assert [r.name for r in offer.addressees.all()] == [
        "Trafford",
        "NHS Greater Manchester Integrated Care Board",
    ]


def test_the_offeror_sees_its_whole_offer_and_others_do_not(cast, offer):
    own = signed_in(cast.provider).get(f"/offers/yours/{offer.reference}/")
    assert own.status_code == 200
    assert SECRET in own.content.decode() and "Withdraw the offer" in own.content.decode()
    for person in (cast.rival, cast.firm_user, cast.officer):
        assert signed_in(person).get(f"/offers/yours/{offer.reference}/").status_code == 404


def test_addressees_see_everything_and_others_only_the_public_page(cast, offer):
    for person in (cast.officer, cast.decider, cast.icb_partner, cast.police):
        page = signed_in(person).get(f"/offers/manage/{offer.reference}/")
        assert page.status_code == 200, person
        assert SECRET in page.content.decode()
    for person in (cast.manchester_officer, cast.rival, cast.provider, cast.stranger):
        assert signed_in(person).get(f"/offers/manage/{offer.reference}/").status_code == 404


def test_an_officer_acknowledges_and_answers(cast, offer):
    officer = signed_in(cast.officer)
    row = rows(offer)["authority"]
    assert officer.get(f"/offers/manage/{offer.reference}/{row.pk}/acknowledge/").status_code == 405
    page = officer.post(f"/offers/manage/{offer.reference}/{row.pk}/acknowledge/")
    assert page.status_code == 302
    assert Offer.objects.get(pk=offer.pk).state == "acknowledged"
    errors = officer.post(
        f"/offers/manage/{offer.reference}/{row.pk}/answer/", {"outcome": "taken_forward"}
    )
    html = errors.content.decode()
    assert errors.status_code == 200 and "There is a problem" in html
    assert "Enter the reasons for the answer" in html
    assert "Select what the offer is taken forward into" in html
    done = officer.post(
        f"/offers/manage/{offer.reference}/{row.pk}/answer/",
        {"outcome": "taken_forward", "route": "pilot", "reasons": "A pilot in Stretford."},
    )
    assert done.status_code == 302
    public = Client().get(f"/offers/{offer.reference}/").content.decode()
    assert "A pilot in Stretford." in public and "A pilot" in public


def test_nobody_acts_for_another_addressee(cast, offer):
    icb_row = rows(offer)["nhs_body"]
    page = signed_in(cast.officer).post(
        f"/offers/manage/{offer.reference}/{icb_row.pk}/answer/",
        {"outcome": "referred", "referred_to": "X", "reasons": "Y"},
    )
    assert page.status_code == 403
    assert rows(offer)["nhs_body"].answered_at is None


def test_a_meeting_is_recorded(cast, offer):
    row = rows(offer)["organisation"]
    page = signed_in(cast.police).post(
        f"/offers/manage/{offer.reference}/{row.pk}/meeting/",
        {**date_input("held_on", offer.received_on), "attendees": "Head of Public Protection"},
    )
    assert page.status_code == 302
    assert Offer.objects.get(pk=offer.pk).state == "under_assessment"


def test_the_offeror_withdraws(cast, offer):
    provider = signed_in(cast.provider)
    empty = provider.post(f"/offers/yours/{offer.reference}/withdraw/", {})
    assert empty.status_code == 200 and "Enter the reason" in empty.content.decode()
    done = provider.post(f"/offers/yours/{offer.reference}/withdraw/", {"reason": "Merged."})
    assert done.status_code == 302
    assert Offer.objects.get(pk=offer.pk).state == "withdrawn"
    assert (
        signed_in(cast.rival)
        .post(f"/offers/yours/{offer.reference}/withdraw/", {"reason": "x"})
        .status_code
        == 404
    )


def test_posts_need_the_csrf_token(cast, offer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.officer)
    row = rows(offer)["authority"]
    assert client.post(f"/offers/manage/{offer.reference}/{row.pk}/acknowledge/").status_code == 403


def test_an_authority_admin_publishes_a_new_version_of_its_standard(cast):
    admin = builders.staff("authority_admin", cast.authority)
    data = {
        "body": f"authority-{cast.authority.pk}",
        "acknowledge_days": "5",
        "answer_days": "3",
        "answering_role": "Chief Executive",
        **date_input("takes_effect_on", cast.authority.updated_at.date()),
    }
    errors = signed_in(admin).post("/offers/standards/", data)
    assert "The answer cannot be due before the acknowledgement" in errors.content.decode()
    data["answer_days"] = "15"
    assert signed_in(admin).post("/offers/standards/", data).status_code == 302
    assert list(
        ResponseStandard.objects.filter(authority=cast.authority).values_list(
            "answer_days", flat=True
        )
    ) == [15, 20]
    assert signed_in(cast.officer).get("/offers/standards/").status_code == 403


def test_the_task_lists(cast, offer):
    officer_tasks = signed_in(cast.officer).get("/tasks/").content.decode()
    assert "Offers to acknowledge" in officer_tasks and offer.reference in officer_tasks
    assert "due 16 March 2026" in officer_tasks or "due " in officer_tasks
    offeror_tasks = signed_in(cast.provider).get("/tasks/").content.decode()
    assert "Your offers waiting for answers" in offeror_tasks
    assert (
        "Offers to acknowledge"
        not in signed_in(cast.manchester_officer).get("/tasks/").content.decode()
    )
