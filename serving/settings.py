"""Numbers read from the environment by the serving code (cache sizes, counts, thresholds, lifetimes).

A bad value never stops the app: it is named in the log and the default kept, so one typo in a deployment's
environment costs a warning, not a worker that will not boot.
"""
from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)


def whole_number_from_env(name: str, default: int, what: str) -> int:
    """A whole number ≥ 0 of `what` (e.g. "requests", "seconds") from $name; the default for anything else."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
        if value < 0:
            raise ValueError
    except ValueError:
        log.warning("%s=%r is not a whole number of %s ≥ 0; %d kept", name, raw, what, default)
        return default
    return value


def megabytes_from_env(name: str, default: float, *, zero_allowed: bool = False) -> float:
    """A size in MB from $name (> 0, or ≥ 0 when 0 means off); a bad value is logged and the default kept."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        megabytes = float(raw)
        if not (0 <= megabytes if zero_allowed else 0 < megabytes) or megabytes >= 1e6:
            raise ValueError
    except ValueError:
        log.warning("%s=%r is not a number of MB %s 0; %g MB kept", name, raw, "≥" if zero_allowed else ">", default)
        return default
    return megabytes
