"""Locust users for the load benchmark (bench/bench_load.py runs locust headless with this file).

Environment:
    LOAD_ENDPOINT     services | decisions | decision | search | ocds | floor
    LOAD_FLOOR_SHARE  the share of each user's requests that go to /bench/floor instead (0 to 1),
                      so that the floor is measured under the page's own load
    LOAD_DATA         a JSON file of what exists: decision and exercise references, search words,
                      and how many pages each list has

Every request is checked: a status other than 200, or a body that is not what the address
promises (the decision's reference, an OCDS package with the exercise's ocid), is a failure.
"""

import json
import os
import random

from locust import FastHttpUser, constant, task

ENDPOINT = os.environ.get("LOAD_ENDPOINT", "floor")
FLOOR_SHARE = float(os.environ.get("LOAD_FLOOR_SHARE", "0"))
with open(os.environ["LOAD_DATA"], encoding="utf-8") as f:
    DATA = json.load(f)


def list_page(pages: int) -> str:
    """Most visitors read the first page of a list; the rest go anywhere in it."""
    return "" if random.random() < 0.6 else f"?page={random.randint(2, max(2, pages))}"


def request_for(endpoint: str) -> tuple[str, str | None]:
    """(path, text the body must contain) for one request."""
    if endpoint == "services":
        return "/services/" + list_page(DATA["service_list_pages"]), "Service directory"
    if endpoint == "decisions":
        return "/decisions/" + list_page(DATA["decision_list_pages"]), None
    if endpoint == "decision":
        reference = random.choice(DATA["decisions"])
        return f"/decisions/{reference}/", reference
    if endpoint == "search":
        words = random.sample(DATA["words"], random.choice([1, 1, 2]))
        return "/search/?q=" + "+".join(w.replace(" ", "+") for w in words), None
    if endpoint == "ocds":
        reference = random.choice(DATA["exercises"])
        return f"/procurement/{reference}.json", f"{DATA['ocds_prefix']}-{reference}"
    return "/bench/floor", '"floor": true'


class Visitor(FastHttpUser):
    wait_time = constant(0)

    @task
    def visit(self):
        floor = ENDPOINT == "floor" or random.random() < FLOOR_SHARE
        name = "floor" if floor else ENDPOINT
        path, expected = request_for(name)
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
            elif name == "ocds":
                package = json.loads(response.text)
                if (
                    any(r["ocid"] != expected for r in package["releases"])
                    or not package["releases"]
                ):
                    response.failure("the OCDS package is not the exercise's")
            elif expected and expected not in response.text:
                response.failure(f"the page does not show {expected!r}")
