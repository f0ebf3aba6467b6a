"""The data downloads travel compressed and are made once per process: /data/corridors.csv is ~20 MB as text, well
under 1 MB with brotli or gzip; a repeated download with the ETag answers 304 Not Modified."""
from __future__ import annotations

import gzip

import brotli
import pytest

from embed import downloads


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


@pytest.mark.parametrize("path", ["/data/corridors.csv", "/data/corridors.csv?lang=ru",
                                  "/data/BX.TRF.PWKR.DT.GD.ZS.csv"])
def test_csv_is_served_compressed_as_the_client_accepts(client, path):
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    text = plain.get_data()
    br = client.get(path, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert br.headers["Content-Encoding"] == "br" and "Accept-Encoding" in br.headers["Vary"]
    assert brotli.decompress(br.get_data()) == text
    gz = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip" and gzip.decompress(gz.get_data()) == text
    assert int(br.headers["Content-Length"]) == len(br.get_data())
    if path.startswith("/data/corridors.csv"):
        assert len(text) > 15_000_000 and len(br.get_data()) < 1_000_000 and len(gz.get_data()) < 1_200_000
    assert br.mimetype == "text/csv" and br.headers["Access-Control-Allow-Origin"] == "*"


def test_each_encoding_is_made_once_and_a_repeat_is_not_modified(client):
    headers = {"Accept-Encoding": "br"}
    first = client.get("/data/corridors.csv", headers=headers)
    hits = downloads._stored.cache_info().hits
    again = client.get("/data/corridors.csv", headers={**headers, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.get_data()
    assert downloads._stored.cache_info().hits == hits + 1  # served from the bytes made the first time
    # Each encoding has its own tag: a cache never hands gzip bytes to a client that asked for brotli.
    gz = client.get("/data/corridors.csv", headers={"Accept-Encoding": "gzip"})
    assert gz.headers["ETag"] != first.headers["ETag"]


@pytest.mark.parametrize("accept, expected", [("br;q=0", None), ("br;q=0, gzip", "gzip"), ("gzip;q=0", None),
                                              ("*;q=0", None), ("br;q=0.5, gzip;q=0.9", "gzip"), ("*", "br"),
                                              ("identity", None), ("", None)])
def test_a_coding_the_client_refuses_is_never_sent(client, accept, expected):
    """q=0 means "not acceptable" and the highest q wins (RFC 9110 §12.5.3)."""
    response = client.get("/data/BX.TRF.PWKR.DT.GD.ZS.csv", headers={"Accept-Encoding": accept})
    assert response.status_code == 200 and response.headers.get("Content-Encoding") == expected


@pytest.mark.parametrize("path, kind, lang", [("/data/corridors.csv?lang=ru", "corridors", "ru"),
                                              ("/data/SI.RMT.COST.OB.ZS.csv", "SI.RMT.COST.OB.ZS", "en"),
                                              ("/data/CAMR.RUB.DEPR.csv?lang=ru", "CAMR.RUB.DEPR", "ru")])
def test_only_the_brotli_is_kept_and_every_encoding_sends_the_bytes_it_sent_before(client, path, kind, lang):
    """A CSV's text is not kept beside its brotli (up to 20 MB per file and language in each worker that sent it):
    a plain download is the text written now, byte for byte, a gzip-only one its gzip at level 6 as made before."""
    text = downloads.corridors_csv(lang) if kind == "corridors" else downloads.indicator_csv(kind, lang)
    for accept, expected in (("identity", text), ("gzip", gzip.compress(text, compresslevel=6, mtime=0))):
        response = client.get(path, headers={"Accept-Encoding": accept})
        assert response.status_code == 200 and response.get_data() == expected, accept
    assert brotli.decompress(client.get(path, headers={"Accept-Encoding": "br"}).get_data()) == text
    assert not hasattr(downloads.indicator_csv, "cache_info") and not hasattr(downloads.corridors_csv, "cache_info")
