import pytest
from playwright.sync_api import expect

from tests import builders
from tests.browser.conftest import assert_accessible, loaded, sign_in
from tests.documents import samples


@pytest.fixture
def provider(transactional_db):
    builders.site_tree()
    return builders.provider("Riverside Youth Trust")


def test_upload_refusal_then_upload_and_download(page, provider, tmp_path):
    person, organisation = provider
    sign_in(page, person)
    page.goto(f"/account/organisations/{organisation.slug}/")
    page.get_by_role("link", name="Documents").click()
    expect(page.locator("h1")).to_have_text("Documents")

    program = tmp_path / "accounts.pdf"
    program.write_bytes(samples.EXE)
    page.get_by_label("Document title").fill("Accounts 2025")
    page.get_by_label("Upload a file").set_input_files(str(program))
    page.get_by_role("button", name="Upload document").click()
    summary = page.locator(".govuk-error-summary")
    message = "The selected file must be a PDF, DOCX, XLSX, ODT, ODS, CSV, PNG or JPEG"
    assert message in summary.inner_text()
    assert page.get_by_label("Document title").input_value() == "Accounts 2025"
    assert_accessible(page, "documents-refused")
    summary.get_by_role("link", name=message).click()
    assert page.evaluate("document.activeElement.id") == "id_file"

    real = tmp_path / "accounts 2025.pdf"
    real.write_bytes(samples.PDF)
    page.get_by_label("Upload a file").set_input_files(str(real))
    page.get_by_role("button", name="Upload document").click()
    assert "Accounts 2025 has been uploaded" in loaded(page)
    link = page.get_by_role("link", name="Accounts 2025")
    assert "PDF" in page.locator("table").inner_text()
    assert_accessible(page, "documents-list")

    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.body() == samples.PDF
