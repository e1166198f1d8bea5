"""Nothing shown to a signed-in person is kept by a shared cache or the browser's history:
`Cache-Control: private, no-store` on every such response."""

import pytest
from django.utils.cache import get_max_age

from tests import builders
from tests.challenges.conftest import advance, draft

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives and "public" not in directives


def test_signed_in_pages_are_private_and_not_stored(client, world):
    challenge = advance(draft(world.service, world.organisation, world.provider), world, "submit")
    pages = {
        world.officer: [
            "/casework/",
            f"/casework/{challenge.pk}/",
            "/procurement/manage/",
            "/agreements/manage/",
            "/account/",
        ],
        world.decider: [f"/casework/{challenge.pk}/", "/agreements/manage/"],
        world.provider: [
            "/challenges/",
            f"/challenges/{challenge.pk}/",
            "/procurement/interests/",
            "/account/",
            f"/account/organisations/{world.organisation.slug}/",
        ],
    }
    for person, paths in pages.items():
        client.force_login(person)
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            assert no_store(response), (path, response.get("Cache-Control"))
        # public pages too, while signed in: they greet the person and offer "Sign out"
        assert no_store(client.get("/decisions/"))


def test_public_pages_for_anonymous_visitors_stay_cacheable(client, world):
    response = client.get("/decisions/")
    assert response.status_code == 200
    assert not no_store(response)


def test_signing_in_and_out_are_not_stored(client, world):
    response = client.post(
        "/account/sign-in/", {"email": world.provider.email, "password": builders.PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert no_store(response)
    response = client.post("/account/sign-out/")
    assert no_store(response)
    assert get_max_age(response) is None
