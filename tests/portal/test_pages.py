import pytest
from wagtail.models import Page

from portal.models import ServiceSpecificationPage
from tests import builders


@pytest.mark.django_db
class TestModeration:
    def test_an_officers_edit_waits_for_the_authority_admin(self, trafford):
        page = builders.service(trafford, "Youth clubs")
        officer = builders.staff("officer", trafford)
        admin = builders.staff("authority_admin", trafford)
        other_admin = builders.staff("authority_admin", builders.authority("OTH"))

        assert not page.permissions_for_user(officer).can_publish()
        assert page.permissions_for_user(admin).can_publish()

        page.title = "Youth clubs and detached youth work"
        page.save_revision(user=officer)
        workflow = page.get_workflow()
        assert workflow is not None and workflow.name == "Trafford: approval"
        workflow.start(page, officer)
        page.refresh_from_db()
        assert Page.objects.get(pk=page.pk).title == "Youth clubs"  # not live yet
        task_state = page.current_workflow_task_state
        task = task_state.task.specific
        assert task.get_actions(page, officer) == []
        assert task.get_actions(page, other_admin) == []
        assert "approve" in [name for name, *_ in task.get_actions(page, admin)]

        task.on_action(task_state, admin, "approve")
        page.refresh_from_db()
        assert page.live and page.title == "Youth clubs and detached youth work"
        assert page.revisions.count() >= 2
        assert page.live_revision.user == officer

    def test_only_published_pages_are_public(self, client, trafford):
        page = builders.service(trafford, "Libraries")
        page.unpublish()
        assert client.get(page.url or f"/services/{trafford.slug}/libraries/").status_code == 404


@pytest.mark.django_db
class TestDirectory:
    @pytest.fixture
    def services(self, trafford, manchester):
        parks = builders.category("parks", "Parks")
        return [
            builders.service(trafford, "Trafford libraries"),
            builders.service(trafford, "Trafford parks", category=parks),
            builders.service(manchester, "Manchester libraries"),
        ]

    def titles(self, client, query=""):
        response = client.get(f"/services/{query}")
        assert response.status_code == 200
        return [s.title for s in response.context["services"]]

    def test_lists_every_published_service(self, client, services):
        assert sorted(self.titles(client)) == sorted(s.title for s in services)

    def test_filters_by_authority_and_category(self, client, services):
        assert sorted(self.titles(client, "?authority=trafford")) == [
            "Trafford libraries",
            "Trafford parks",
        ]
        assert self.titles(client, "?category=parks") == ["Trafford parks"]
        assert self.titles(client, "?authority=manchester&category=parks") == []
        assert "No services match" in client.get("/services/?authority=nowhere").content.decode()

    def test_a_joint_service_is_listed_under_each_partner(self, client, trafford, manchester):
        page = builders.service(manchester, "Shared youth justice")
        page.partner_authorities.add(trafford)
        page.save_revision().publish()
        assert "Shared youth justice" in self.titles(client, "?authority=trafford")

    def test_bad_page_numbers_are_harmless(self, client, services):
        for page in ("-1", "abc", "9999"):
            assert client.get(f"/services/?page={page}").status_code == 200


@pytest.mark.django_db
def test_service_page_shows_specification_and_windows(client, trafford):
    page = builders.service(
        trafford, "Youth clubs", annual_value=620_000, service_users="Young people"
    )
    builders.open_window(trafford, page)
    html = client.get(page.url).content.decode()
    assert "Youth clubs" in html and "£620,000" in html and "Young people" in html
    # many councils run a "Youth clubs": the title names whose it is
    assert "<title>Youth clubs, Trafford – Challenge and Transfer Portal</title>" in html
    assert "Challenges to this service are open until" in html
    assert "60 working days" in html


@pytest.mark.django_db
def test_excluded_service_says_it_cannot_be_challenged(client, trafford):
    page = builders.service(
        trafford, "Named care", excluded=True, excluded_reason="named_person_complex_needs"
    )
    html = client.get(page.url).content.decode()
    assert "This service cannot be challenged" in html


@pytest.mark.django_db
def test_authority_page_publishes_timescales(client, trafford):
    builders.service(trafford)
    html = client.get(f"/services/{trafford.slug}/").content.decode()
    assert "Published timescales" in html and "3 months" in html
    assert "challenges may be submitted at any time" in html


@pytest.mark.django_db
def test_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "govuk-frontend.min.css" in response.content.decode()


@pytest.mark.django_db
def test_service_pages_are_searchable_in_the_cms(trafford):
    builders.service(trafford, "Adventure playgrounds")
    results = ServiceSpecificationPage.objects.live().search("playgrounds")
    assert [p.title for p in results] == ["Adventure playgrounds"]


@pytest.mark.django_db
def test_styled_500(rf):
    from portal.errors import server_error

    response = server_error(rf.get("/broken/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "govuk-frontend.min.css" in html and "govuk-skip-link" in html
