"""Which encoding a client gets (serving/compression.negotiate), by RFC 9110 §12.5.3: a coding listed with q=0 is not
acceptable, `*` stands for every coding not listed, the highest q is preferred; identity when nothing else is. The
same choice is made for stored answers and pages (tests/test_fast_path.py), static files (tests/test_static.py),
downloads (tests/test_downloads_compressed.py) and by flask-compress, for what is compressed per response."""
from __future__ import annotations

import pytest

from serving.compression import negotiate

FLASK_COMPRESS = ("zstd", "br", "gzip", "deflate")  # flask-compress' default order

CASES = [
    # header, of (br, gzip), of flask-compress' codings
    ("gzip, deflate, br", "br", "br"),
    ("gzip, deflate, br, zstd", "br", "zstd"),
    ("gzip", "gzip", "gzip"),
    ("br", "br", "br"),
    ("BR", "br", "br"),  # codings are case-insensitive
    ("*", "br", "zstd"),
    ("identity", "identity", "identity"),
    ("", "identity", "identity"),
    (None, "identity", "identity"),  # no header: identity (the RFC allows any; curl and scripts expect plain)
    ("br;q=0", "identity", "identity"),
    ("br;q=0, gzip", "gzip", "gzip"),
    ("br; q=0, gzip", "gzip", "gzip"),
    ("BR;Q=0, GZIP", "gzip", "gzip"),
    ("gzip;q=0", "identity", "identity"),
    ("br;q=0, gzip;q=0", "identity", "identity"),
    ("*;q=0", "identity", "identity"),  # identity excluded too: still sent plain (RFC's SHOULD; no 406)
    ("identity;q=0", "identity", "identity"),
    ("identity;q=1, *;q=0", "identity", "identity"),  # Chrome's range requests
    ("br;q=0.5, gzip;q=0.9", "gzip", "gzip"),
    ("gzip;q=1, br;q=0.5", "gzip", "gzip"),
    ("br;q=0.5", "br", "br"),  # identity not stated: it does not compete
    ("br;q=0.5, identity", "identity", "identity"),  # stated higher: preferred
    ("gzip;q=1.0, identity; q=0.5", "gzip", "gzip"),
    ("br;q=0, *", "gzip", "zstd"),
    ("zstd;q=0, *", "br", "br"),
    ("gzip, *;q=0", "gzip", "gzip"),
    ("br;q=0.001", "br", "br"),
    ("br;q=abc, gzip", "gzip", "gzip"),  # a malformed q drops its entry (werkzeug)
    ("deflate", "identity", "deflate"),
]


@pytest.mark.parametrize("header, stored, dynamic", CASES)
def test_the_client_gets_the_acceptable_coding_it_prefers(header, stored, dynamic):
    assert negotiate(header) == stored
    assert negotiate(header, FLASK_COMPRESS) == dynamic


def test_the_parsed_header_and_its_text_give_the_same_choice():
    from werkzeug.test import EnvironBuilder
    from werkzeug.wrappers import Request

    for header, stored, _ in CASES:
        headers = {} if header is None else {"Accept-Encoding": header}
        assert negotiate(Request(EnvironBuilder(headers=headers).get_environ()).accept_encodings) == stored, header


@pytest.mark.parametrize("header, _, dynamic", CASES)
def test_flask_compress_chooses_by_the_same_rules(header, _, dynamic):
    import app  # noqa: F401 — installs the choice
    from flask_compress import flask_compress

    chosen = flask_compress._choose_algorithm(FLASK_COMPRESS, header or "")  # noqa: SLF001
    assert chosen == (None if dynamic == "identity" else dynamic)


def test_an_entry_made_without_its_digest_tags_itself_as_one_made_with_it():
    """Callback answers are stored without the SHA-256 only an ETag needs (serving/cache.py); asked for one, an entry
    computes it from its bytes: the same tag, the same conditional answers."""
    from werkzeug.test import EnvironBuilder
    from werkzeug.wrappers import Request

    from serving.compression import Encoded

    body = ('{"multi":true,"response":{"a":{"children":"Кыргызстан ' + "x" * 3000 + '"}}}').encode()
    eager = Encoded.of(body, "application/json", quality=1)
    lazy = Encoded.of(body, "application/json", quality=1, digest=False)
    assert lazy.digest is None and eager.digest is not None
    assert lazy.br == eager.br and lazy.size == eager.size
    for encoding in ("br", "gzip", "identity"):
        req = Request(EnvironBuilder(headers={"Accept-Encoding": encoding}).get_environ())
        sent, expected = lazy.response(etag=True, req=req), eager.response(etag=True, req=req)
        assert sent.headers["ETag"] == expected.headers["ETag"] and sent.get_data() == expected.get_data()
        again = Request(EnvironBuilder(headers={"Accept-Encoding": encoding,
                                                "If-None-Match": expected.headers["ETag"]}).get_environ())
        assert lazy.response(etag=True, req=again).status_code == 304
    assert lazy.tag() == eager.digest == lazy.digest


def test_callback_answers_are_stored_without_a_digest_and_shared_as_they_are(tmp_path):
    from flask import Flask

    from serving import shared_cache
    from serving.cache import ResponseCache
    from serving.compression import Encoded

    cache = ResponseCache(Flask(__name__), config={"CACHE_TYPE": "in-process", "CACHE_DEFAULT_TIMEOUT": 0,
                                                   "CACHE_MAX_BYTES": 2**20})
    entry = cache.store("k", b'{"multi":true}', "application/json", share=False)
    assert entry.digest is None
    files = shared_cache.SharedFiles(str(tmp_path), 2**20)
    files.set("k", entry)
    found = files.get("k")
    assert (found.br, found.size, found.digest) == (entry.br, entry.size, None)
    assert found.tag() == Encoded.of(b'{"multi":true}', "application/json", quality=1).digest
