"""The fast path (serving/fast_path.py) answers exactly as Flask does: every request here is sent through the app's
WSGI stack twice, once with the fast path in front and once straight to Flask, and the two answers — status, every
header in order, body — are compared. Stored answers (built at start-up, in the response cache, stored pages) come
from the fast path; anything else (bad bodies, other encodings, HEAD, the bench's reference) falls through."""
from __future__ import annotations

import json

import pytest
from werkzeug.test import EnvironBuilder, run_wsgi_app

from serving import precompute
from serving.compression import negotiate
from serving.fast_path import FastPath
from tests.support.callback_requests import request_for, router_request

# Accept-Encoding → the Content-Encoding both paths send (RFC 9110 §12.5.3: q=0 is "not acceptable", `*` any coding
# not listed, the highest q preferred). br and gzip come stored, from the fast path; deflate and zstd from
# flask-compress, on Flask's path; None: the plain bytes, also when `*;q=0` excludes identity (serving/compression.py).
EXPECTED = {
    "gzip, deflate, br": "br", "br": "br", "gzip": "gzip", "identity": None, "": None, "deflate": "deflate",
    "zstd": "zstd", "gzip;q=1, br;q=0.5": "gzip", "*": "br", "BR;Q=0, GZIP": "gzip",
    "br;q=0": None, "br;q=0, gzip": "gzip", "gzip;q=0": None, "*;q=0": None, "br;q=0, gzip;q=0": None,
    "br;q=0.5, gzip;q=0.9": "gzip", "br;q=0, *": "gzip", "identity;q=1, *;q=0": None, "br;q=0.5, identity": None,
    "br;q=0, deflate": "deflate", "zstd;q=0, br;q=0, gzip;q=0, *": "deflate",
}
ENCODINGS = tuple(EXPECTED)


@pytest.fixture(scope="module")
def app():
    from app import app

    return app


@pytest.fixture(scope="module")
def fast(app) -> FastPath:
    found = app.server.extensions.get("camr_fast_path")
    assert isinstance(found, FastPath), "the app is served without its fast path"
    return found


@pytest.fixture(scope="module")
def precomputed_routes(app):
    """A few router answers built as at start-up (tests run with CAMR_PRECOMPUTE=0), removed afterwards."""
    store = app.server.extensions["camr_precomputed"]
    before = dict(store.answers)
    bodies = list(precompute.router_bodies(["/map", "/country/KGZ"], ["en", "ru"]))
    precompute.build(app, bodies, store=store)
    assert len(store.answers) > len(before)
    yield bodies
    store.answers.clear()
    store.answers.update(before)


def _send(wsgi, **kwargs) -> tuple[str, list[tuple[str, str]], bytes]:
    environ = EnvironBuilder(**kwargs).get_environ()
    app_iter, status, headers = run_wsgi_app(wsgi, environ, buffered=True)
    try:
        body = b"".join(app_iter)
    finally:
        if hasattr(app_iter, "close"):
            app_iter.close()
    # the Date a conditional answer carries is the clock's: the same header, its value left out
    return status, [(k, "<date>" if k == "Date" else v) for k, v in headers.to_wsgi_list()], body


def both(fast: FastPath, **kwargs):
    """(plain answer, fast answer, answered by the fast path?)"""
    plain = _send(fast.wsgi_app, **kwargs)
    before = fast.answered
    quick = _send(fast, **kwargs)
    return plain, quick, fast.answered > before


def _answered_as_expected(answered: bool, plain, encoding: str) -> bool:
    """A 200 comes in the encoding of EXPECTED, from the fast path exactly when that is br or gzip (what it stored);
    a client taking neither gets Flask's answer (which flask-compress may encode as deflate or zstd)."""
    if not plain[0].startswith("200"):
        return not answered
    sent = dict(plain[1]).get("Content-Encoding")
    assert sent == EXPECTED[encoding], (encoding, sent)
    return answered == (sent in ("br", "gzip"))


def post(body, encoding="gzip, deflate, br", **extra):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return {"path": "/_dash-update-component", "method": "POST", "data": data,
            "headers": {"Accept-Encoding": encoding, "Content-Type": "application/json", **extra.pop("headers", {})},
            **extra}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_precomputed_answers_are_sent_as_flask_sends_them(fast, precomputed_routes, encoding):
    for body in precomputed_routes:
        plain, quick, answered = both(fast, **post(body, encoding))
        assert quick == plain, (body["inputs"], encoding)
        assert dict(plain[1]).get("X-Cache") == "precomputed"
        assert _answered_as_expected(answered, plain, encoding)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_cached_answers_are_sent_as_flask_sends_them(app, fast, encoding):
    bodies = [router_request("/sources", "?lang=ru"),
              request_for("key-figures-download.data", {"key-figures-download-button.n_clicks": 1,
                                                        "page-state.data": {"lang": "en"}},
                          ["key-figures-download-button.n_clicks"])]
    for body in bodies:
        _send(fast.wsgi_app, **post(body))  # computed (a miss) and kept, whatever the first client took
        plain, quick, answered = both(fast, **post(body, encoding))
        assert quick == plain, (body["output"], encoding)
        assert plain[0].startswith("200") and dict(plain[1]).get("X-Cache") == "hit", plain[:2]
        assert _answered_as_expected(answered, plain, encoding)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_stored_pages_and_their_304s_are_sent_as_flask_sends_them(fast, encoding):
    for url in ("/map?lang=en", "/country/TJK?lang=ru", "/embed/remittances?lang=ru", "/_dash-layout",
                "/_dash-dependencies", "/embed/map.json?lang=en", "/nowhere?lang=en", "/map?lang=en&x=%C3%A9"):
        _send(fast.wsgi_app, path=url, headers={"Accept-Encoding": encoding})  # stored (if it is a page)
        plain, quick, answered = both(fast, path=url, headers={"Accept-Encoding": encoding})
        assert quick == plain, (url, encoding)
        etag = dict(plain[1]).get("ETag")
        assert plain[0].startswith("200") and etag, (url, plain[:2])
        assert _answered_as_expected(answered, plain, encoding), url
        for tag in (etag, '"other"', f'{etag}, "x"', "*"):
            plain, quick, _ = both(fast, path=url, headers={"Accept-Encoding": encoding, "If-None-Match": tag})
            assert quick == plain, (url, encoding, tag)
        assert both(fast, path=url, headers={"Accept-Encoding": encoding, "If-None-Match": etag})[0][0] \
            .startswith("304")


def test_embeds_keep_their_own_framing_rule_on_the_fast_path(fast):
    _send(fast.wsgi_app, path="/embed/map?lang=en", headers={"Accept-Encoding": "br"})
    _, quick, answered = both(fast, path="/embed/map?lang=en", headers={"Accept-Encoding": "br"})
    headers = dict(quick[1])
    assert answered and "frame-ancestors *" in headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in headers
    _, quick, answered = both(fast, path="/map?lang=en", headers={"Accept-Encoding": "br"})
    headers = dict(quick[1])
    assert answered and "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "SAMEORIGIN" and headers["X-Content-Type-Options"] == "nosniff"


BAD_BODIES = (b"not json", b"[1, 2]", b'{"output": "nope.children"}', b'{"output": 1}', b"[" * 200 + b"]" * 200,
              b'{"output": "page-content.children", "inputs": [{"id": "url", "property": "pathname", '
              b'"value": "\\ud800"}]}', b'{"a": 123456789012345678901234567890}', b'{"a": NaN}', b"")


def test_bad_callback_requests_get_flasks_answers(fast, precomputed_routes):
    good = json.dumps(precomputed_routes[0]).encode()
    cases = [post(body) for body in BAD_BODIES]
    cases += [
        post(good, headers={"Content-Type": "text/plain"}),  # not JSON: 400
        post(good, headers={"Content-Type": "application/vnd.camr+json"}),  # JSON by Flask's rule too
        post(good[:-5], headers={"Content-Length": str(len(good))}),  # shorter than it says
        post(b" " * (1024 * 1024 + 1)),  # over MAX_CONTENT_LENGTH: 413
        {**post(good), "method": "PUT"},
        {"path": "/_dash-update-component", "method": "GET"},
        post(good, headers={"X-Bench-Reference": "router"}),
    ]
    # the precomputed answer's body with one input nested too deep for the checks: a 400, never the lookup
    deep = json.loads(good)
    deep["inputs"][1]["value"] = json.loads("[" * 70 + "]" * 70)
    cases.append(post(deep))
    for case in cases:
        _send(fast.wsgi_app, **case)  # whatever it stores (a GET of that path is a page), stored first
        plain, quick, answered = both(fast, **case)
        assert quick == plain, case.get("data", b"")[:80]
        if not plain[0].startswith("200"):
            assert not answered, (plain[0], case.get("data", b"")[:80])


def test_head_and_the_bench_reference_go_to_flask(fast):
    _send(fast.wsgi_app, path="/map?lang=ru", headers={"Accept-Encoding": "br"})
    for case in ({"path": "/map?lang=ru", "method": "HEAD", "headers": {"Accept-Encoding": "br"}},
                 {"path": "/map?lang=ru", "headers": {"Accept-Encoding": "br", "X-Bench-Reference": "router"}}):
        plain, quick, answered = both(fast, **case)
        assert not answered
        assert quick[0] == plain[0]


def test_a_miss_is_computed_here_kept_and_then_a_hit(fast, monkeypatch):
    """A first-time answer comes from serving/dispatch.py (tests/test_dispatch.py: the same as Flask's and Dash's);
    without it (CAMR_DIRECT_DISPATCH=0) Flask computes it. Either way it is kept, and the next one is a hit."""
    body = router_request("/country/MNG", "?lang=ru&fast-path-test=1")
    before, computed = fast.answered, fast.direct.answered
    first = _send(fast, **post(body))
    assert fast.answered == before + 1 and fast.direct.answered == computed + 1
    assert dict(first[1])["X-Cache"] == "miss"
    second = _send(fast, **post(body))
    assert fast.answered == before + 2 and dict(second[1])["X-Cache"] == "hit" and second[2] == first[2]
    monkeypatch.setattr(fast, "direct", None)
    body = router_request("/country/MNG", "?lang=ru&fast-path-test=2")
    first = _send(fast, **post(body))
    assert fast.answered == before + 2 and dict(first[1])["X-Cache"] == "miss"
    second = _send(fast, **post(body))
    assert fast.answered == before + 3 and dict(second[1])["X-Cache"] == "hit" and second[2] == first[2]


def test_the_fast_path_can_be_turned_off(monkeypatch):
    from serving import fast_path

    monkeypatch.setenv(fast_path.ENV, "0")
    assert not fast_path.enabled()
    monkeypatch.setenv(fast_path.ENV, "1")
    assert fast_path.enabled()
    monkeypatch.setenv(fast_path.DIRECT_ENV, "off")
    assert not fast_path.enabled(fast_path.DIRECT_ENV) and fast_path.enabled()


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_stored_answer_sent_again_is_the_response_kept_from_its_first_sending(app, fast, precomputed_routes,
                                                                                 encoding):
    """serving/fast_path.FastPath._stored keeps a stored callback answer's response per encoding on its entry and
    sends it again as it is: every later sending equal to Flask's, for precomputed and cached answers."""
    store = app.server.extensions["camr_precomputed"]
    response_cache = app.server.extensions["camr_response_cache"]
    cached = router_request("/key-figures", "?lang=ru")
    _send(fast.wsgi_app, **post(cached))  # computed and kept
    for body in (*precomputed_routes, cached):
        for _ in range(3):
            plain, quick, answered = both(fast, **post(body, encoding))
            assert quick == plain, (body["inputs"], encoding)
            assert _answered_as_expected(answered, plain, encoding)
        entry = store.find(body) or response_cache.entry(response_cache.key(body))
        kept = negotiate(encoding)
        assert (kept in entry.sent) == (kept in ("br", "gzip")), (kept, list(entry.sent))


def _map_year_request(focus: str, year: int, lang: str, indicator: str = "emigrants") -> dict:
    from app import app as dash_app

    output = next(key for key in dash_app.callback_map if "map-graph.figure" in key)
    values = {"map-indicator.value": indicator, "map-year.value": year, "map-scope.value": "region",
              "map-focus.value": focus, "page-state.data": {"lang": lang, "indicator": indicator, "year": 2024,
                                                            "scope": "region", "focus": None}}
    return request_for(output, values, ["map-year.value"])


@pytest.mark.parametrize("encoding", ["gzip, deflate, br", "gzip"])
def test_first_time_answers_after_the_first_are_sent_with_its_headers_as_flask_sends_them(fast, encoding):
    """A computed brotli answer's headers are those of the first one sent (serving/fast_path.FastPath.computed:
    only Content-Length differs), kept per encoding: many distinct first-time map answers (focus, year, en, ru) are
    each Flask's status, headers and body; gzip answers are built each time."""
    bodies = [_map_year_request(focus, year, lang) for lang in ("en", "ru") for focus in ("UZB", "KGZ", "RUS")
              for year in (1990, 2005, 2020)]
    sizes = set()
    for body in bodies:
        fast.response_cache.backend.clear()
        plain = _send(fast.wsgi_app, **post(body, encoding))
        fast.response_cache.backend.clear()
        before = fast.direct.answered
        quick = _send(fast, **post(body, encoding))
        assert fast.direct.answered == before + 1
        assert quick == plain and dict(quick[1])["X-Cache"] == "miss"
        sizes.add(len(quick[2]))
    assert len(sizes) > 3  # Content-Length is each answer's own
    assert "gzip" not in fast._miss_headers and (encoding == "gzip" or "br" in fast._miss_headers)  # noqa: SLF001


def test_a_first_time_answer_is_shared_with_the_other_workers_once_it_is_sent(fast, monkeypatch):
    """The file other workers read a computed answer from (serving/shared_cache.py) is written when the server
    closes the response, after its bytes are sent, for the templated and the built response alike; the answer
    is in this worker's own cache at once."""
    shared = []
    monkeypatch.setattr(fast.response_cache, "share", lambda key, entry: shared.append((key, entry)))
    for templated in (False, True):
        if not templated:
            monkeypatch.setattr(fast, "_miss_headers", {})
        body = _map_year_request("TJK", 1995 + 5 * templated, "ru")
        key = fast.response_cache.key(body)
        fast.response_cache.backend.clear()
        environ = EnvironBuilder(**post(body)).get_environ()
        app_iter, status, headers = run_wsgi_app(fast, environ)
        assert status.startswith("200") and headers["X-Cache"] == "miss"
        assert ("br" in fast._miss_headers) and shared == []  # noqa: SLF001
        assert fast.response_cache.entry(key) is not None
        sent = b"".join(app_iter)
        assert shared == []
        app_iter.close()
        assert [item[0] for item in shared] == [key] and shared[0][1].br == sent
        shared.clear()


@pytest.mark.parametrize("baked", [False, True])
def test_stored_answers_sent_first_here_take_the_headers_of_the_first_one_of_their_kind(fast, baked):
    """A response-cache entry sent for the first time in a worker (computed here, read from the shared store, or
    baked) is sent with the headers of the first brotli answer of its kind (X-Cache hit or baked), only its own
    Content-Length: each of many distinct answers is Flask's status, headers and body."""
    import dataclasses

    from serving.compression import Encoded

    bodies = [_map_year_request(focus, year, lang) for lang in ("en", "ru") for focus in ("UZB", "KAZ", "TUR")
              for year in (1995, 2010)]
    fast._stored_headers.clear()  # noqa: SLF001
    sizes = set()
    for body in bodies:
        key = fast.response_cache.key(body)
        fast.response_cache.backend.clear()
        _send(fast.wsgi_app, **post(body))  # computed by Flask's path and kept
        entry = fast.response_cache.entry(key)
        fast.response_cache.backend.set(key, dataclasses.replace(entry, baked=baked, sent={}))
        plain, quick, answered = both(fast, **post(body))
        assert answered and quick == plain, body["inputs"]
        assert dict(quick[1])["X-Cache"] == ("baked" if baked else "hit")
        sizes.add(len(quick[2]))
    assert len(sizes) > 3  # Content-Length is each answer's own
    assert list(fast._stored_headers) == [(Encoded, "application/json", baked)]  # noqa: SLF001


def test_precomputed_answers_sent_first_here_take_the_headers_of_the_first_one(app, fast, precomputed_routes):
    """The same for answers built at start-up (X-Cache precomputed), each sent for the first time in this worker."""
    from serving.precompute import Answer

    store = app.server.extensions["camr_precomputed"]
    fast._stored_headers.clear()  # noqa: SLF001
    sizes = set()
    for body in precomputed_routes:
        store.find(body).sent.clear()
        plain, quick, answered = both(fast, **post(body))
        assert answered and quick == plain, body["inputs"]
        assert dict(quick[1])["X-Cache"] == "precomputed"
        sizes.add(len(quick[2]))
    assert len(sizes) > 3
    assert list(fast._stored_headers) == [(Answer, "application/json")]  # noqa: SLF001
