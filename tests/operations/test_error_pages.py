"""With DEBUG off (every setting but a developer's own): the styled 404 and 500 pages, never
Django's debug pages with their list of URLs or a traceback."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_a_missing_page_is_the_styled_404(client, settings):
    assert settings.DEBUG is False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert 'class="govuk-template' in response.text
    assert "URLconf" not in response.text and "The current path" not in response.text


@pytest.mark.django_db
def test_an_error_is_the_styled_500(settings):
    settings.ROOT_URLCONF = "tests.operations.urls_failing"
    response = Client(raise_request_exception=False).get("/fails/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.text
    assert "govuk-frontend.min.css" in response.text
    assert "RuntimeError" not in response.text and "Traceback" not in response.text


@pytest.mark.django_db
def test_the_500_page_survives_a_missing_static_manifest(settings, tmp_path):
    settings.ROOT_URLCONF = "tests.operations.urls_failing"
    settings.STATIC_ROOT = tmp_path  # collectstatic never ran here
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    response = Client(raise_request_exception=False).get("/fails/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.text
    assert "Traceback" not in response.text


@pytest.mark.django_db
def test_a_refused_page_is_the_styled_403(client):
    """Found walking the demo: a provider opening case work saw Django's bare "403 Forbidden"."""
    from tests import builders

    person, _organisation = builders.provider()
    client.force_login(person)
    response = client.get("/casework/")
    assert response.status_code == 403
    assert "You cannot see this page" in response.text
    assert 'class="govuk-template' in response.text


@pytest.mark.django_db
def test_an_unreadable_address_is_the_styled_400(client):
    response = client.get("/decisions/", {"authority": "\x00"})
    assert response.status_code == 400
    assert "There is a problem with this address" in response.text
    assert 'class="govuk-template' in response.text
