"""Static files (serving/static.py): compressed for brotli and gzip-only clients, plain for the rest; cached for a
year as immutable only under a versioned URL; the security headers stay."""
import gzip
import re
from pathlib import Path

import brotli
import pytest

ROOT = Path(__file__).resolve().parents[1]
YEAR = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def client():
    import app

    return app.server.test_client()


@pytest.fixture(scope="module")
def page_urls(client):
    """The script and style URLs the map page names (versioned by Dash: `?m=` and fingerprints)."""
    html = client.get("/map").get_data(as_text=True)
    return re.findall(r'(?:src|href)="(/(?:assets|_dash-component-suites)/[^"]+)"', html)


def one(urls, part):
    found = [u for u in urls if part in u]
    assert found, f"no URL with {part!r} in the page"
    return found[0]


def decoded(response):
    encoding = response.headers.get("Content-Encoding", "identity")
    body = response.get_data()
    return {"br": brotli.decompress, "gzip": gzip.decompress, "identity": lambda b: b}[encoding](body)


def versioned_files(page_urls):
    import embed
    import geo

    return [
        (one(page_urls, "/assets/vendor/plotly-custom.min.js?m="), ROOT / "assets/vendor/plotly-custom.min.js"),
        (one(page_urls, "/assets/vendor/bootstrap.min.css?m="), ROOT / "assets/vendor/bootstrap.min.css"),
        (one(page_urls, "/assets/locales/plotly-locale-ru.js?m="), ROOT / "assets/locales/plotly-locale-ru.js"),
        (one(page_urls, "dash_renderer"), None),
        (f"/geo/region.json?v={geo.version('region')}", ROOT / "geo/region.geojson"),
        (embed.script_urls()[1], ROOT / "embed/static/embed-page.js"),
        *zip(embed.map_script_urls(), (ROOT / "assets/chart-watch.js", ROOT / "assets/map-labels.js")),
        *((embed.plotly_url(bundle), path) for bundle, path in embed.PLOTLY_FILES.items()),
    ]


@pytest.mark.parametrize("accept, expected", [
    ("br", "br"), ("gzip, deflate, br, zstd", "br"), ("gzip", "gzip"), ("gzip;q=1.0, identity; q=0.5", "gzip"),
    ("identity", None), ("", None), ("*", "br"),
    # q-values (RFC 9110 §12.5.3): q=0 is "not acceptable", `*` any coding not listed, the highest q preferred
    ("br;q=0", None), ("br;q=0, gzip", "gzip"), ("gzip;q=0", None), ("*;q=0", None), ("br;q=0, gzip;q=0", None),
    ("br;q=0.5, gzip;q=0.9", "gzip"), ("br;q=0, *", "gzip"), ("identity;q=1, *;q=0", None),
    ("br;q=0.5, identity", None)])
def test_every_client_gets_a_compressed_file_it_accepts_or_the_plain_file(client, page_urls, accept, expected):
    for url, path in versioned_files(page_urls):
        response = client.get(url, headers={"Accept-Encoding": accept})
        assert response.status_code == 200, url
        assert response.headers.get("Content-Encoding") == expected, url
        assert "Accept-Encoding" in response.headers["Vary"], url
        assert response.headers["Cache-Control"] == YEAR, url
        if path is not None:
            assert decoded(response) == path.read_bytes(), url


def test_the_same_files_under_urls_without_their_version_are_revalidated_not_kept(client):
    for url in ("/assets/vendor/plotly-custom.min.js", "/assets/vendor/plotly-custom.min.js?m=1",
                "/assets/topojson/world_110m.json", "/_dash-component-suites/dash/dcc/async-graph.js",
                "/geo/region.json", "/geo/region.json?v=000000000000", "/embed.js"):
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200, url
        assert "immutable" not in response.headers["Cache-Control"], url
        assert "Accept-Encoding" in response.headers["Vary"], url
    assert client.get("/_dash-component-suites/dash/dcc/async-graph.js",
                      headers={"Accept-Encoding": "gzip"}).headers["Content-Encoding"] == "gzip"


def test_a_matching_etag_gets_304_for_the_encoding_it_names(client, page_urls):
    url = one(page_urls, "plotly-custom.min.js")
    first = client.get(url, headers={"Accept-Encoding": "br"})
    again = client.get(url, headers={"Accept-Encoding": "br", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.get_data()
    other = client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]})
    assert other.status_code == 200 and other.headers["Content-Encoding"] == "gzip"


def test_static_files_keep_the_security_headers(client, page_urls):
    response = client.get(one(page_urls, "plotly-custom.min.js"), headers={"Accept-Encoding": "br"})
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    head = client.head(one(page_urls, "plotly-custom.min.js"), headers={"Accept-Encoding": "gzip"})
    assert head.status_code == 200 and head.headers["Content-Encoding"] == "gzip" and not head.get_data()


def test_unknown_or_unregistered_files_are_still_refused(client):
    assert client.get("/assets/no-such-file.js").status_code == 404
    assert client.get("/_dash-component-suites/dash/no-such-file.js").status_code in (400, 404)
    assert client.get("/_dash-component-suites/os/__init__.py").status_code in (400, 404)
    assert client.get("/geo/moon.json").status_code == 404


def test_pages_and_callbacks_are_compressed_for_gzip_only_clients_too(client):
    response = client.get("/map", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip" and "immutable" not in response.headers.get(
        "Cache-Control", "")
    assert b"camr-first-page" in gzip.decompress(response.get_data())


def test_kept_as_brotli_only_and_sent_as_the_copies_made_at_start_up_were(client, page_urls):
    """Compressed files are kept as brotli only (their plain and gzip copies, 8.6 MB in gunicorn's master, counted in
    every worker): a gzip-only client gets the very bytes the gzip made at start-up was (level 9, no timestamp), a
    plain one the file byte for byte; the gzip is then kept beside the brotli."""
    from serving import static

    for url, path in versioned_files(page_urls):
        if path is None:
            continue
        raw = path.read_bytes()
        entry = next(e for k, e in static.STORE._entries.items() if k.endswith(path.name)
                     or k == f"geo:{path.stem}")
        plain = client.get(url, headers={"Accept-Encoding": "identity"})
        assert plain.get_data() == raw and "Content-Encoding" not in plain.headers, url
        assert entry.raw is None and entry.br is not None, url
        gzipped = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert gzipped.get_data() == gzip.compress(raw, compresslevel=static.GZIP_LEVEL, mtime=0), url
        assert entry.gzip == gzipped.get_data(), url
        assert gzipped.headers["ETag"] != plain.headers["ETag"], url


def test_a_file_too_small_or_not_compressible_is_kept_plain():
    from serving import static

    for raw, name in ((b"x" * 100, "small.js"), (bytes(range(256)) * 10, "picture.png")):
        entry = static.file_encoded(raw, name)
        assert entry.br is None and entry.raw == raw and entry.body() == raw
