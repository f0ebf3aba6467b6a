"""The serving processes' first garbage-collection threshold (serving/collector.py)."""
from __future__ import annotations

import gc

import pytest

from serving import collector


@pytest.fixture
def thresholds():
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


def test_tune_sets_the_first_threshold_and_keeps_the_others(thresholds, monkeypatch):
    monkeypatch.delenv(collector.ENV, raising=False)
    gc.set_threshold(700, 11, 12)
    assert collector.tune() == (collector.DEFAULT_GEN0, 11, 12)


@pytest.mark.parametrize("raw, expected", [("2500", 2500), ("0", 700), ("-3", collector.DEFAULT_GEN0),
                                           ("many", collector.DEFAULT_GEN0)])
def test_the_environment_chooses_another_or_python_s_own(thresholds, monkeypatch, raw, expected):
    monkeypatch.setenv(collector.ENV, raw)
    gc.set_threshold(700, 10, 10)
    assert collector.tune()[0] == expected


def test_before_fork_tunes_the_collector(thresholds, monkeypatch):
    from serving import memory

    monkeypatch.delenv(collector.ENV, raising=False)
    monkeypatch.setattr(memory, "trim", lambda: True)
    monkeypatch.setattr(gc, "freeze", lambda: None)
    monkeypatch.setattr(memory, "arenas", lambda: 0)
    gc.set_threshold(700, 10, 10)
    memory.before_fork()
    assert gc.get_threshold()[0] == collector.DEFAULT_GEN0
