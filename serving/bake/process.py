"""The baker's process (serving/bake/__init__.py tells the whole): forked by gunicorn's master once the workers are up
(`start`), at the lowest priority (`lower_priority`), dying with the master (`stop`, PR_SET_PDEATHSIG)."""
from __future__ import annotations

import logging
import os
import signal
import sys
import time
from collections.abc import Iterable

from serving.bake.baker import Tally, bake
from serving.bake.follow import FOLLOW_ENV, FOLLOW_MAX_AGE_S
from serving.settings import whole_number_from_env

log = logging.getLogger(__name__)

ENV = "CAMR_BAKE"
DELAY_ENV = "CAMR_BAKE_DELAY"
DELAY_S = 10  # the workers boot and take their first requests first


def enabled(name: str = ENV) -> bool:
    return os.environ.get(name, "1").strip().lower() not in ("0", "off", "false", "no")


def lower_priority() -> list[str]:
    """nice 19 and, on Linux, SCHED_IDLE (runs only when no other process wants the CPU); what was done."""
    done = []
    try:
        os.nice(19 - os.nice(0))
        done.append("nice 19")
    except OSError as error:
        log.warning("bake: could not lower the priority (%s)", error)
    if hasattr(os, "SCHED_IDLE"):
        try:
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
            done.append("SCHED_IDLE")
        except OSError as error:
            log.warning("bake: SCHED_IDLE refused (%s)", error)
    return done


_child: int | None = None


PROCESS_NAME = b"camr-bake"  # what ps and psutil call it (bench/gunicorn_workers.py tells it from the workers)


def _die_with_parent() -> None:
    """Killed when the master dies, even by SIGKILL; named apart from the workers."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
        prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        prctl(15, ctypes.c_char_p(PROCESS_NAME), 0, 0, 0)  # PR_SET_NAME
    except (OSError, AttributeError):
        pass


def start(app, listeners: Iterable = ()) -> int | None:
    """In gunicorn's master (when_ready, after the shared store's directory is made): fork the baker; its pid, or
    None when off (CAMR_BAKE=0, no shared store and no Redis, no fork)."""
    global _child
    from serving import shared_cache

    if not enabled() or not hasattr(os, "fork"):
        return None
    response_cache = app.server.extensions.get("camr_response_cache")
    if response_cache is None or (not response_cache.shared and not os.environ.get(shared_cache.DIR_ENV)):
        return None
    hints_path = shared_cache.create_hints(os.environ.get(shared_cache.DIR_ENV)) if enabled(FOLLOW_ENV) else None
    master = os.getpid()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        _child = pid
        return pid
    code = 0
    try:  # the child: none of the master's signal handlers or sockets, lowest priority, then wait and bake
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2,
                    signal.SIGWINCH, signal.SIGTTIN, signal.SIGTTOU, signal.SIGCHLD):
            signal.signal(sig, signal.SIG_DFL)
        _die_with_parent()
        os.environ.pop(shared_cache.HINTS_ENV, None)  # the baker's own requests are no visitor's
        for listener in listeners:
            try:
                listener.close()
            except Exception:  # noqa: BLE001
                pass
        done = lower_priority()
        delay = whole_number_from_env(DELAY_ENV, DELAY_S, "seconds")
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and os.getppid() == master:
            time.sleep(0.2)
        started = time.perf_counter()
        hints = shared_cache.HintReader(hints_path, FOLLOW_MAX_AGE_S) if hints_path else None

        def report(tally: Tally) -> None:
            print(f"bake: {tally.built} answers built ({tally.bytes / 2**20:.1f} MB brotli), {tally.stored} already "
                  f"stored, {tally.failed} failed, in {time.perf_counter() - started:.0f} s "
                  f"({time.process_time():.1f} s CPU, {', '.join(done) or 'priority unchanged'}): {tally.stopped}"
                  + (f"; following the visitors ({tally.followed} of them around their selections so far)"
                     if hints is not None else ""), file=sys.stderr, flush=True)

        tally = bake(app, should_stop=lambda: os.getppid() != master, hints=hints, on_plan_end=report)
        if hints is None:
            report(tally)
    except BaseException:  # noqa: BLE001 — never back into gunicorn's code from the child
        code = 1
    finally:
        os._exit(code)


def stop() -> None:
    """In the master on exit: the baker goes too (gunicorn may already have reaped it)."""
    global _child
    if _child is None:
        return
    try:
        os.kill(_child, signal.SIGKILL)
        os.waitpid(_child, 0)
    except (ProcessLookupError, ChildProcessError, OSError):
        pass
    _child = None
