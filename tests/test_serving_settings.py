"""serving/settings.py: numbers from the environment. A bad value is named in the log and the default kept."""
import logging

import pytest

from serving import settings


@pytest.mark.parametrize("raw, expected", [("", 7), ("  ", 7), ("0", 0), ("12", 12), (" 30 ", 30),
                                           ("-1", 7), ("1.5", 7), ("often", 7)])
def test_whole_number_from_env(monkeypatch, caplog, raw, expected):
    monkeypatch.setenv("CAMR_TEST_COUNT", raw)
    with caplog.at_level(logging.WARNING, logger="serving.settings"):
        assert settings.whole_number_from_env("CAMR_TEST_COUNT", 7, "requests") == expected
    warned = [r.getMessage() for r in caplog.records]
    if raw.strip() and expected == 7:
        assert warned and "CAMR_TEST_COUNT" in warned[0] and repr(raw.strip()) in warned[0]
    else:
        assert not warned


@pytest.mark.parametrize("raw, zero_allowed, expected", [("", False, 64.0), ("12.5", False, 12.5),
                                                         ("0", False, 64.0), ("0", True, 0.0), ("-3", True, 64.0),
                                                         ("1e6", True, 64.0), ("lots", False, 64.0)])
def test_megabytes_from_env(monkeypatch, caplog, raw, zero_allowed, expected):
    monkeypatch.setenv("CAMR_TEST_MB", raw)
    with caplog.at_level(logging.WARNING, logger="serving.settings"):
        assert settings.megabytes_from_env("CAMR_TEST_MB", 64.0, zero_allowed=zero_allowed) == expected
    assert bool(caplog.records) == (raw != "" and expected == 64.0)


def test_the_serving_settings_all_read_through_it(monkeypatch):
    """A negative trim interval used to be taken as 0 (off) in silence; every reader now refuses it alike."""
    from serving import cache, collector, memory

    for module, name, reader, default in [(memory, memory.ENV, memory.every, memory.DEFAULT_EVERY),
                                          (memory, memory.ARENAS_ENV, memory.arenas, memory.DEFAULT_ARENAS),
                                          (collector, collector.ENV, collector.gen0, collector.DEFAULT_GEN0),
                                          (cache, cache.TTL_ENV, cache.cache_ttl, cache.DEFAULT_TTL_S)]:
        monkeypatch.setenv(name, "-5")
        assert reader() == default, name
        monkeypatch.setenv(name, "3")
        assert reader() == 3, name
