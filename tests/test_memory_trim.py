"""serving/memory.py: a worker trims its heap every CAMR_TRIM_EVERY-th request (gunicorn.conf.py's post_request)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from serving import memory


def test_trims_every_nth_request(monkeypatch):
    trimmed = []
    monkeypatch.setattr(memory, "trim", lambda: trimmed.append(1) or True)
    monkeypatch.setenv(memory.ENV, "3")
    assert [memory.after_request(n) for n in range(1, 7)] == [False, False, True, False, False, True]
    monkeypatch.setenv(memory.ENV, "0")
    assert not any(memory.after_request(n) for n in range(1, 7))
    monkeypatch.setenv(memory.ENV, "often")  # a bad value: the default, never an error
    assert memory.every() == memory.DEFAULT_EVERY
    assert len(trimmed) == 2


def test_trim_runs_here_or_says_it_cannot():
    assert memory.trim() in (True, False)


def test_gunicorn_calls_it_after_each_request(monkeypatch):
    spec = importlib.util.spec_from_file_location("gunicorn_conf", Path(__file__).resolve().parents[1] / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    calls = []
    monkeypatch.setattr(memory, "after_request", lambda: calls.append(1))
    conf.post_request(None, None, {}, None)
    assert calls == [1]
