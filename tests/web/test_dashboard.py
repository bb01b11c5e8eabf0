"""The dashboard (home, incidents list, downloads, the charts' JSON) over the small store of test_api."""
from __future__ import annotations

import csv
import io
import json
import re
import warnings
from typing import Iterator

import pytest

pytest.importorskip("fastapi", reason="the web layer needs fastapi (pip install -e '.[web]')")
with warnings.catch_warnings():  # starlette's TestClient announces a future httpx switch
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from newsledger.resources import Resources  # noqa: E402
from newsledger.web import create_app  # noqa: E402
from newsledger.web.dashboard import figure_label, human_date  # noqa: E402
from tests.web.test_api import build_store  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> Iterator[TestClient]:
    db = build_store(tmp_path_factory.mktemp("dashboard"), resources)
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        yield c


def ganja_id(client: TestClient) -> str:
    places = client.get("/api/dashboard/places").json()["places"]
    return next(p for p in places if p["place"] == "Ganja")["ids"][0]


@pytest.mark.parametrize("value, before, after, expected", [
    ("2020-10-13", None, None, "13 October 2020"),
    ("--10-11", None, None, "11 October, year not stated"),
    ("2020-10", None, None, "October 2020"),
    ("--10", None, None, "October, year not stated"),
    (None, None, "2020-10-13", "on or before 13 October 2020"),
    (None, "2020-10-01", None, "on or after 1 October 2020"),
    (None, "2020-10-01", "--10-05", "between 1 October 2020 and 5 October, year not stated"),
    (None, None, None, "date not stated"),
])
def test_human_dates(value: str, before: str, after: str, expected: str) -> None:
    assert human_date(value, before, after) == expected


def test_figures_are_numbers_with_the_words_beside_them() -> None:
    assert figure_label({"low": None, "high": None, "text": "on"}, "az") == "10 (on)"
    assert figure_label({"low": None, "high": None, "text": "десять"}, "ru") == "10 (десять)"
    assert figure_label({"low": None, "high": None, "text": "onlarla"}, "az") == "onlarla"  # vague stays words
    assert figure_label({"low": 7, "high": 7, "text": "7"}, "en") == "7"
    assert figure_label({"low": 9, "high": 12, "text": "9 to 12"}, "en") == "9–12 (9 to 12)"
    assert figure_label(None) is None


def test_timeline_json(client: TestClient) -> None:
    data = client.get("/api/dashboard/timeline").json()
    attack = next(p for p in data["points"] if p["type_class"] == "attack")
    assert (attack["day"], attack["incidents"], attack["killed"], attack["injured"]) == ("2020-10-15", 1, 7, 33)
    assert "7 (yeddi)" in {c["killed"] for c in attack["claimants"]}  # the claimant side, its own words
    assert data["days"] == sorted({p["day"] for p in data["points"]})
    assert data["undated"] == 0


def test_places_json_links_to_what_it_counts(client: TestClient) -> None:
    data = client.get("/api/dashboard/places").json()
    by_place = {p["place"]: p for p in data["places"]}
    assert by_place["Ganja"]["href"] == f"/incidents/{by_place['Ganja']['ids'][0]}"  # one incident: itself
    assert by_place["Moscow"]["incidents"] == 2 and by_place["Moscow"]["href"] == "/incidents?place=Moscow"
    assert 40 < by_place["Ganja"]["latitude"] < 41 and 46 < by_place["Ganja"]["longitude"] < 47
    listed = client.get(by_place["Moscow"]["href"]).text
    assert len(re.findall(r'<a href="/incidents/\w+"><code>', listed)) == 2


def test_home_is_a_dashboard_readable_without_javascript(client: TestClient) -> None:
    page = client.get("/").text
    assert 'data-src="/api/dashboard/timeline"' in page and 'data-src="/api/dashboard/places"' in page
    assert '<table class="grid" id="timeline-table">' in page and '<ul id="places-list">' in page
    assert "15 October 2020" in page  # recent incidents, dated in words
    assert re.search(r"<script>", page) is None  # no inline script: only src= from this site
    assert all(src.startswith("/static/") for src in re.findall(r'<script src="([^"]+)"', page))
    assert client.get("/static/dashboard.js").status_code == 200
    assert client.get("/static/vendor/topojson-client-3.1.0/topojson-client.min.js").status_code == 200
    assert client.get("/static/vendor/world-atlas-2.0.2/countries-110m.json").json()["type"] == "Topology"


def rows_of(page: str) -> list[str]:
    return re.findall(r'<a href="/incidents/(\w+)"><code>', page)


def test_incidents_sorted_and_filtered(client: TestClient) -> None:
    default = client.get("/incidents").text
    assert rows_of(default)[0] == ganja_id(client)  # the most documents first
    by_place = client.get("/incidents?sort=place&order=asc").text
    assert rows_of(by_place)[0] == ganja_id(client) and len(rows_of(by_place)) == 3
    assert rows_of(client.get("/incidents?sort=killed&order=asc").text)[0] == ganja_id(client)  # missing last
    assert len(rows_of(client.get("/incidents?place=moscow").text)) == 2
    assert rows_of(client.get("/incidents?min_killed=1").text) == [ganja_id(client)]
    assert rows_of(client.get("/incidents?min_documents=2").text) == [ganja_id(client)]
    assert len(rows_of(client.get("/incidents?type=diplomacy").text)) == 1
    assert len(rows_of(client.get("/incidents?from=2020-10-16&to=2020-10-16").text)) == 2
    assert client.get("/incidents?sort=colour").status_code == 400
    assert client.get("/incidents?from=2020-10-17&to=2020-10-16").status_code == 400


def test_incidents_show_words_and_human_dates(client: TestClient) -> None:
    page = client.get("/incidents").text
    assert "7 (yeddi)" in page and "7 (Seven)" in page
    dates = re.findall(r'<td class="date">([^<]*)</td>', page)
    assert dates and all("--" not in d for d in dates) and "15 October 2020" in dates
    one = client.get(f"/incidents/{ganja_id(client)}").text
    assert "15 October 2020" in one and "7 (yeddi)" in one


def test_csv_and_jsonl_download_what_is_on_screen(client: TestClient) -> None:
    query = "sort=place&order=asc&place=Moscow"
    page = client.get(f"/incidents?{query}").text
    assert f'href="/incidents.csv?{query.replace("&", "&amp;")}"' in page
    answer = client.get(f"/incidents.csv?{query}")
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    table = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["incident_id"] for r in table] == rows_of(page)
    assert {r["date_label"] for r in table} == {"16 October 2020"}
    lines = client.get("/incidents.jsonl?min_killed=1").text.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["incident_id"] for r in records] == [ganja_id(client)]
    assert records[0]["killed_highest"] == 7 and records[0]["place"] == "Ganja"
    assert "7 (At least 7)" in {s["killed"] for s in records[0]["sources"]}
