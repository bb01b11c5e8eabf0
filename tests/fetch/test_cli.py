"""The fetch and follow commands, and fetch health in `newsledger coverage`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import cli
from tests.fetch.conftest import FAST
from tests.fetch.server import Site, rss

DATE = "Mon, 02 Nov 2026 10:00:00 GMT"


@pytest.fixture
def env() -> dict[str, str]:
    return {f"NEWSLEDGER_{k.upper()}": str(v) for k, v in FAST.items()}


def test_fetch_follow_dry_run_and_coverage(site: Site, tmp_path: Path, env: dict[str, str]):
    for n in range(3):
        site.article(f"/news/{n}.html", 200 + n)
    site.xml("/rss.xml", rss([(site.url(f"/news/{n}.html"), DATE) for n in range(3)]))
    site.xml("/broken.xml", rss([], broken=True))
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "wire"\nfeeds = ["{site.url("/rss.xml")}"]\n\n'
                       f'[[source]]\nname = "flaky"\nfeeds = ["{site.url("/broken.xml")}"]\n', encoding="utf-8")
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    dry = runner.invoke(cli, ["follow", str(sources), "--db", db, "--dry-run"], env=env)
    assert dry.exit_code == 0, dry.output
    assert site.url("/news/0.html") in dry.output and site.hits["/news/0.html"] == 0
    run = runner.invoke(cli, ["follow", str(sources), "--db", db, "--json", "--no-progress"], env=env)
    assert run.exit_code == 0, run.output
    summary = json.loads(run.stdout)
    assert summary["stored"] == 3 and summary["failures"][0]["code"] == "E058"
    one = runner.invoke(cli, ["fetch", site.url("/gone.html"), "--db", db, "--no-progress"], env=env)
    assert one.exit_code == 1 and "E053" in one.output
    text = runner.invoke(cli, ["coverage", "--db", db], env=env)
    assert text.exit_code == 0, text.output
    assert "fetch health" in text.output and "wire" in text.output and "E058" in text.output
    data = json.loads(runner.invoke(cli, ["coverage", "--db", db, "--json"], env=env).stdout)
    health = data["fetch"]
    assert health["wire"]["last_success"] and health["wire"]["failures"] == {}
    assert health["flaky"]["failures"] == {"E058": 1} and health["flaky"]["last_success"] is None
    page = _coverage_page(db)
    assert "Followed sources" in page and "wire" in page and "E058" in page


def _coverage_page(db: str) -> str:
    import warnings

    with warnings.catch_warnings():  # starlette's TestClient announces a future httpx switch
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from newsledger.web import create_app

    with TestClient(create_app(db)) as client:
        response = client.get("/coverage")
        assert response.status_code == 200
        return response.text


def test_a_bad_sources_file_is_a_usage_error(tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[source]]\nname = 'x'\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["follow", str(bad), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "E059" in result.output
