"""No personal data in the open data: the people of the demo (officers, decision makers,
providers, NHS partners) get known names, and neither those names nor their email addresses
appear in any API answer or any bulk file."""

import gzip
from io import StringIO

import pytest
from django.core.management import call_command

from documents import storage
from opendata.collections import COLLECTIONS
from opendata.models import BulkFile
from portal.models import User
from procurement.models import ProcurementExercise
from tests import components

pytestmark = pytest.mark.django_db


def every_api_answer(client):
    yield client.get("/api/v1/openapi.json").content
    for collection in COLLECTIONS:
        url = f"/api/v1/{collection.name}?limit=200"
        while url:
            response = client.get(url)
            yield response.content
            url = response.json()["next"]
    for reference in ProcurementExercise.objects.published().values_list("reference", flat=True):
        for kind in ("releases", "record"):
            yield client.get(f"/api/v1/procurement/{reference}/{kind}").content
        yield client.get(f"/api/v1/procurement/{reference}").content
    for reference in ("decisions", "agreements"):
        first = client.get(f"/api/v1/{reference}").json()["items"][0]["reference"]
        yield client.get(f"/api/v1/{reference}/{first}").content


def test_no_name_or_email_of_a_person_anywhere(demo, client, request):
    people = list(User.objects.all())
    assert len(people) > 10
    secrets = set()
    for person in people:
        secrets.add(person.email.lower())
        if len(person.get_full_name()) > 4:
            secrets.add(person.get_full_name().lower())  # the names the demo gave
        person.first_name, person.last_name = "Ottoline", f"Vexworthy{person.pk}"
        secrets.add(f"vexworthy{person.pk}")
    User.objects.bulk_update(people, ["first_name", "last_name"])
    assert any("@" in s for s in secrets)

    answers = list(every_api_answer(client))
    assert len(answers) > 30
    if components.available("s3"):  # the bulk files too (make test: always)
        request.getfixturevalue("s3")  # the bulk files on the S3 server
        assert storage.is_s3()
        call_command("build_open_data", stdout=StringIO())
        for bulk in BulkFile.objects.all():
            body = b"".join(client.get(f"/data/{bulk.name}").streaming_content)
            answers.append(gzip.decompress(body))
        assert len(answers) > 40
    for answer in answers:
        text = answer.decode().lower()
        found = [s for s in secrets if s in text]
        assert found == [], found
