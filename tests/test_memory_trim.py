"""serving/memory.py: a worker trims its heap every CAMR_TRIM_EVERY-th request (gunicorn.conf.py's post_request);
the master collects, trims, caps malloc's arenas and freezes before it forks the workers (when_ready)."""
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


def _gunicorn_conf():
    spec = importlib.util.spec_from_file_location("gunicorn_conf", Path(__file__).resolve().parents[1] / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    return conf


def test_gunicorn_calls_it_after_each_request(monkeypatch):
    conf = _gunicorn_conf()
    calls = []
    monkeypatch.setattr(memory, "after_request", lambda: calls.append(1))
    conf.post_request(None, None, {}, None)
    assert calls == [1]


def test_before_fork_collects_trims_caps_arenas_and_freezes(monkeypatch):
    import gc

    done = []
    monkeypatch.setattr(memory, "trim", lambda: done.append("trim") or True)
    monkeypatch.setattr(memory, "mallopt", lambda param, value: done.append((param, value)) or True)
    monkeypatch.setattr(gc, "freeze", lambda: done.append("freeze"))
    monkeypatch.setenv(memory.ARENAS_ENV, "3")
    memory.before_fork()
    assert done == [(memory.M_ARENA_MAX, 3), "trim", "freeze"]
    done.clear()
    monkeypatch.setenv(memory.ARENAS_ENV, "0")  # glibc's own number of arenas
    memory.before_fork()
    assert done == ["trim", "freeze"]
    monkeypatch.setenv(memory.ARENAS_ENV, "many")  # a bad value: the default, never an error
    assert memory.arenas() == memory.DEFAULT_ARENAS


def test_mallopt_runs_here_or_says_it_cannot():
    assert memory.mallopt(memory.M_ARENA_MAX, 8) in (True, False)


def test_gunicorn_prepares_the_master_before_forking(monkeypatch):
    conf = _gunicorn_conf()
    calls = []
    monkeypatch.setattr(memory, "before_fork", lambda: calls.append(1))
    monkeypatch.setenv("CAMR_WARM", "0")

    class Arbiter:
        class cfg:
            preload_app = True

    conf.when_ready(Arbiter)
    assert calls == [1]


def test_tracing_is_off_unless_a_directory_is_named(monkeypatch, tmp_path):
    import tracemalloc

    monkeypatch.delenv(memory.TRACE_ENV, raising=False)
    assert memory.trace_dir() is None and memory.after_fork() is False and memory.worker_ready() is False
    monkeypatch.setenv(memory.TRACE_ENV, str(tmp_path / "missing"))  # a directory that does not exist: off
    assert memory.trace_dir() is None and memory.after_fork() is False
    assert memory.dump_trace("worker") is None
    assert not tracemalloc.is_tracing()


def test_a_traced_worker_dumps_its_allocations_on_sigusr2(monkeypatch, tmp_path):
    import os
    import signal
    import tracemalloc

    monkeypatch.setenv(memory.TRACE_ENV, str(tmp_path))
    previous = signal.getsignal(signal.SIGUSR2)
    try:
        assert memory.after_fork() is True and memory.worker_ready() is True
        kept = [bytes(1000) for _ in range(100)]  # noqa: F841 — allocated while tracing
        os.kill(os.getpid(), signal.SIGUSR2)
        path = tmp_path / f"worker-{os.getpid()}.tracemalloc"
        snapshot = tracemalloc.Snapshot.load(str(path))
        assert sum(t.size for t in snapshot.traces) >= 100_000
    finally:
        tracemalloc.stop()
        signal.signal(signal.SIGUSR2, previous)


def test_gunicorn_hooks_call_the_tracing(monkeypatch):
    conf = _gunicorn_conf()
    calls = []
    monkeypatch.setattr(memory, "after_fork", lambda: calls.append("fork"))
    monkeypatch.setattr(memory, "worker_ready", lambda: calls.append("ready"))
    conf.post_fork(None, None)
    conf.post_worker_init(None)
    assert calls == ["fork", "ready"]


def test_the_mmap_threshold_is_fixed_as_set(monkeypatch):
    done = []
    monkeypatch.setattr(memory, "mallopt", lambda param, value: done.append((param, value)) or True)
    monkeypatch.delenv(memory.MMAP_ENV, raising=False)
    assert memory.fix_mmap_threshold() is True
    monkeypatch.setenv(memory.MMAP_ENV, "128")
    assert memory.fix_mmap_threshold() is True
    monkeypatch.setenv(memory.MMAP_ENV, "0")  # glibc's own rising threshold: nothing set
    assert memory.fix_mmap_threshold() is False
    monkeypatch.setenv(memory.MMAP_ENV, "huge")  # a bad value: the default, never an error
    assert memory.mmap_threshold_kb() == memory.DEFAULT_MMAP_KB
    assert done == [(memory.M_MMAP_THRESHOLD, 512 * 1024), (memory.M_MMAP_THRESHOLD, 128 * 1024)]


def test_gunicorn_fixes_the_mmap_threshold_when_its_config_loads(monkeypatch):
    calls = []
    monkeypatch.setattr(memory, "fix_mmap_threshold", lambda: calls.append(1) or True)
    _gunicorn_conf()
    assert calls == [1]
