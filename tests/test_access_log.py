"""serving/access_log.py writes the access lines gunicorn's own Logger writes: every atom of gunicorn's format
language (and headers and environ variables by name, in any case, missing ones, quotes in values) formatted both
ways for a set of requests and responses; gunicorn.conf.py uses it. And serving/worker.py's Date header is
gunicorn's."""
from __future__ import annotations

import datetime
import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn import glogging
from gunicorn.config import Config

from serving.access_log import AccessLogger, LazyAtoms

ROOT = Path(__file__).resolve().parents[1]
SIMPLE = "hlutrsmUqHbBfaTDMLp"
FORMATS = [
    '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"',  # gunicorn.conf.py's
    Config().access_log_format,  # gunicorn's default
    " ".join(f"%({atom})s" for atom in SIMPLE),
    "%({User-Agent}i)s|%({USER-AGENT}I)s|%({content-type}o)s|%({x-cache}o)s|%({nope}i)s|%({nope}o)s|%({nope}e)s",
    "%({remote_addr}e)s|%({RAW_URI}e)s|%({wsgi.url_scheme}e)s|%({x-twice}i)s|%({a}b}i)s|%({}i)s|%({x}z)s|%({)s",
    "%(x)s %(Z)s %(H)s %(h)s %(M)d %(b)s",
]


def cases():
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/map?lang=ru&q=%22x%22", "SERVER_PROTOCOL": "HTTP/1.1",
               "PATH_INFO": "/map", "QUERY_STRING": "lang=ru", "REMOTE_ADDR": "127.0.0.1",
               "HTTP_USER_AGENT": 'Mozilla/5.0 "quoted"', "HTTP_REFERER": "http://127.0.0.1:8050/",
               "wsgi.url_scheme": "http", "wsgi.input": object(), "HTTP_AUTHORIZATION": "Basic dXNlcjpwYXNz"}
    headers = [("HOST", "127.0.0.1:8050"), ("USER-AGENT", 'Mozilla/5.0 "quoted"'), ("X-TWICE", "one"),
               ("X-FORWARDED-FOR", "10.0.0.1"), ("X-TWICE", "two"), ("A}B", "brace")]
    response = SimpleNamespace(status="200 OK", sent=1234,
                               headers=[("Content-Type", "application/json"), ("X-Cache", "hit")])
    yield response, SimpleNamespace(headers=headers), environ, datetime.timedelta(seconds=0, microseconds=2500)
    post = {**environ, "REQUEST_METHOD": "POST", "RAW_URI": "/_dash-update-component"}
    del post["HTTP_REFERER"], post["HTTP_AUTHORIZATION"], post["REMOTE_ADDR"]
    bare = SimpleNamespace(status=304, headers={"ETag": '"abc"'})  # no `sent`, an int status, headers as a dict
    yield bare, SimpleNamespace(headers=[]), post, datetime.timedelta(seconds=3, microseconds=999_999)
    yield SimpleNamespace(status="500 INTERNAL SERVER ERROR", sent=0, headers=[]), headers, \
        {**environ, "HTTP_AUTHORIZATION": "Basic !!"}, datetime.timedelta(seconds=61, microseconds=1)


@pytest.fixture
def logger(monkeypatch):
    found = AccessLogger(Config())
    monkeypatch.setattr(found, "now", lambda: "[30/Nov/2026:15:00:00 +0000]")  # one clock for both ways
    return found


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_atom_is_formatted_as_gunicorn_formats_it(logger, fmt):
    for resp, req, environ, took in cases():
        expected = fmt % glogging.SafeAtoms(logger.atoms(resp, req, environ, took))
        assert fmt % LazyAtoms(logger, resp, req, environ, took) == expected


def test_the_line_written_is_gunicorns(logger):
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    logger.cfg.set("accesslog", "-")
    logger.setup(logger.cfg)
    logger.access_log.handlers[:] = [Keep()]
    for resp, req, environ, took in cases():
        logger.access(resp, req, environ, took)
        glogging.Logger.access(logger, resp, req, environ, took)
    assert len(records) == 6 and records[0::2] == records[1::2]


def test_gunicorn_conf_uses_it():
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert conf["logger_class"] == "serving.access_log.AccessLogger"


def test_the_date_header_is_gunicorns():
    import email.utils
    import time

    from gunicorn import util

    from serving import worker

    now = time.time()
    assert worker.http_date() in {email.utils.formatdate(int(t), usegmt=True) for t in (now, now + 1)}
    assert worker.http_date(1e9) == email.utils.formatdate(1e9, usegmt=True)
    assert util.http_date is worker.http_date
