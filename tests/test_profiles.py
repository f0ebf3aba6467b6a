"""serving/profiles.py: every other country's profile written to the workers' shared answers before they fork is
the answer a worker builds on request (the same bytes), found under the key the fast path looks up, and served
from there; off with CAMR_PROFILES=0, CAMR_PRECOMPUTE=0 or without shared files."""
from __future__ import annotations


import brotli
import pytest

from serving import profiles, shared_cache
from serving.cache import cache_ttl
from serving.warmup import router_request

SAMPLE = ("FRA", "BRA", "NGA", "JPN", "CAN", "ZAF")


@pytest.fixture(scope="module")
def app():
    from app import app

    return app


def sample_bodies():
    return [router_request(f"/country/{iso3}", f"?lang={lang}") for iso3 in SAMPLE for lang in ("en", "ru")]


def test_the_plan_is_every_other_countrys_profile_in_each_language():
    from data.catalog import T18

    planned = profiles.bodies()
    paths = {body["inputs"][0]["value"] for body in planned}
    searches = {body["inputs"][1]["value"] for body in planned}
    assert len(planned) == 2 * len(paths) and len(paths) > 150 and searches == {"?lang=en", "?lang=ru"}
    assert not {f"/country/{iso3}" for iso3 in T18} & paths
    assert {f"/country/{iso3}" for iso3 in SAMPLE} <= paths


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.setenv(shared_cache.DIR_ENV, str(tmp_path))
    monkeypatch.setenv("CAMR_PRECOMPUTE", "1")
    return shared_cache.current(cache_ttl())


def test_stored_profiles_are_the_answers_a_worker_builds(app, files):
    direct = app.server.extensions["camr_fast_path"].direct
    response_cache = app.server.extensions["camr_response_cache"]
    bodies = sample_bodies()
    assert profiles.store(app, bodies, files) == len(bodies)
    assert profiles.store(app, bodies, files) == 0  # already there: not built again
    for body in bodies:
        stored = files.get(response_cache.key(body))
        assert stored is not None
        assert brotli.decompress(stored.br) == direct.answer(body)


def test_the_fast_path_serves_them_as_stored(app, files):
    response_cache = app.server.extensions["camr_response_cache"]
    body = router_request("/country/NGA", "?lang=ru")
    profiles.store(app, [body], files)
    response_cache.backend.clear()  # not from this process's own memory
    client = app.server.test_client()
    sent = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "br"})
    assert sent.status_code == 200 and sent.headers["X-Cache"] == "hit"
    assert brotli.decompress(sent.data) == files.get(response_cache.key(body)).body()


def test_share_builds_them_in_forked_processes(app, files, monkeypatch):
    bodies = sample_bodies()
    monkeypatch.setattr(profiles, "bodies", lambda langs=None: bodies)
    found, seconds = profiles.share(app)
    assert found == len(bodies) and seconds > 0
    response_cache = app.server.extensions["camr_response_cache"]
    assert all(files.get(response_cache.key(body)) is not None for body in bodies)


def test_off_without_shared_files_or_when_turned_off(app, files, monkeypatch):
    monkeypatch.setattr(profiles, "bodies", lambda langs=None: pytest.fail("planned while off"))
    monkeypatch.setenv(profiles.ENV, "0")
    assert profiles.share(app) is None
    monkeypatch.delenv(profiles.ENV)
    monkeypatch.setenv("CAMR_PRECOMPUTE", "0")
    assert profiles.share(app) is None
    monkeypatch.setenv("CAMR_PRECOMPUTE", "1")
    monkeypatch.delenv(shared_cache.DIR_ENV)
    assert profiles.share(app) is None
