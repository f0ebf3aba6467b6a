"""Callback answers shared by the workers of one gunicorn master without Redis: one file per answer in a private
directory on tmpfs (/dev/shm), holding the brotli bytes the response cache keeps (serving/compression.Encoded).

Each worker has its own in-process response cache (serving/cache.py), so a selection computed by one worker was
computed again by each other worker that was asked for it: in the load benchmark (3 workers, 6,000 requests) one
computed answer in eight had already been computed by another worker, ~10 % of the server's CPU. Here a worker
that misses in its own memory looks for the answer's file before computing it, and writes the file of every answer
it computes; a replacement worker (one killed, one restarted) starts with what the others computed too.

- The directory is made by gunicorn's master before it forks (gunicorn.conf.py `when_ready`: `create()`, mode
  0700, named in CAMR_SHARED_CACHE_DIR for the workers) and removed when the master exits (`on_exit`); the
  directory of a master that died without removing its own is removed by the next one. A directory given in
  CAMR_SHARED_CACHE_DIR beforehand is used as it is (and not removed). Without gunicorn (`python app.py`, tests)
  there is none: one process needs no sharing.
- A file is written under a temporary name and renamed: a reader sees a whole answer or none. Keys are the
  response cache's (data build, code version, request), hashed into the file name.
- Bounded by bytes (CAMR_SHARED_CACHE_MB, default 128; 0: off; at most half the room left on the file system):
  every eighth of that written by a worker, it removes the oldest files until three quarters are left. Files older than CAMR_CACHE_TTL are not read.
- tmpfs is memory, but not a worker's: the bytes are read into the worker's own cache only when it is asked for
  them (as when it computed them before). A failure here (disk full, directory gone) never fails a request: the
  answer is computed as without it.

Beside the answers, the same directory holds the visitors' latest selections for the baker (serving/bake/ follows
them: what is one click from where a visitor is gets baked next): `Hints`, one file of `HINT_SLOTS` fixed slots
(`HINTS_NAME`, made by the master when the baker starts, named in CAMR_BAKE_HINTS for the workers), each the raw body
of a callback request that carries a view's whole selection, written by a worker with one `pwrite` (a few µs, never
waiting: no lock, no rename; a slot is overwritten in turn, so the file never grows and old hints fall out);
`HintReader` in the baker keeps the newest valid ones (a checksum tells a torn or overwritten slot, which is dropped:
hints are lossy by design). Without the baker (CAMR_BAKE=0, `python app.py`, CAMR_BAKE_FOLLOW=0) there is no such
file and nothing is written.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import struct
import tempfile
import threading
import time
import zlib
from collections import OrderedDict

from serving.compression import Encoded
from serving.settings import megabytes_from_env

log = logging.getLogger(__name__)

DIR_ENV = "CAMR_SHARED_CACHE_DIR"
SIZE_ENV = "CAMR_SHARED_CACHE_MB"
DEFAULT_MB = 128.0
PREFIX = "camr-answers-"
MAGIC = b"camr-answer-1\n"
SWEEP_FRACTION = 8  # a sweep every max_bytes / 8 written by a process
KEEP_FRACTION = 0.75  # a sweep leaves at most three quarters of the bound
STALE_TMP_S = 60.0  # a temporary file this old belonged to a writer that died


def megabytes() -> float:
    return megabytes_from_env(SIZE_ENV, DEFAULT_MB, zero_allowed=True)


def _base() -> str:
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else tempfile.gettempdir()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def _remove_orphans(base: str) -> None:
    """Directories left by masters that died without removing theirs (named after their pid)."""
    try:
        names = os.listdir(base)
    except OSError:
        return
    for name in names:
        pid = name[len(PREFIX):].split("-", 1)[0]
        if name.startswith(PREFIX) and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(os.path.join(base, name), ignore_errors=True)


def create() -> str | None:
    """In gunicorn's master, before the workers fork: the directory they share, named in the environment they
    inherit; None when sharing is off (CAMR_SHARED_CACHE_MB=0) or no directory can be made. Returns the directory
    (the one given in CAMR_SHARED_CACHE_DIR, if any)."""
    if not megabytes():
        os.environ.pop(DIR_ENV, None)
        return None
    given = os.environ.get(DIR_ENV, "").strip()
    if given:
        return given
    base = _base()
    _remove_orphans(base)
    try:
        path = tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=base)
    except OSError as error:
        log.warning("no directory for answers shared by the workers (%s): each computes its own", error)
        return None
    os.environ[DIR_ENV] = path
    return path


def remove(path: str | None) -> None:
    """When the master exits: its directory (one given beforehand in CAMR_SHARED_CACHE_DIR is left)."""
    if path and os.path.basename(path).startswith(f"{PREFIX}{os.getpid()}-"):
        shutil.rmtree(path, ignore_errors=True)


class SharedFiles:
    def __init__(self, directory: str, max_bytes: int, ttl: float = 0):
        self.directory = directory
        self.max_bytes = max_bytes
        self.ttl = ttl
        self._written = 0
        self._lock = threading.Lock()
        self._warned = False

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, hashlib.sha256(key.encode()).hexdigest()[:40])

    def get(self, key: str) -> Encoded | None:
        try:
            with open(self._path(key), "rb") as file:
                if self.ttl and time.time() - os.fstat(file.fileno()).st_mtime > self.ttl:
                    return None
                data = file.read()
        except OSError:
            return None
        if not data.startswith(MAGIC):
            return None
        head, _, body = data[len(MAGIC):].partition(b"\n")
        try:
            meta = json.loads(head)
            return Encoded(meta["mimetype"], body, int(meta["size"]), meta["digest"], baked=meta.get("baked") is True)
        except (ValueError, KeyError, TypeError):
            return None

    def set(self, key: str, entry: Encoded) -> None:
        if len(entry.br) > self.max_bytes // SWEEP_FRACTION:
            return
        path = self._path(key)
        meta = {"mimetype": entry.mimetype, "size": entry.size, "digest": entry.digest}
        if entry.baked:
            meta["baked"] = True
        head = json.dumps(meta).encode()
        temporary = f"{path}.{os.getpid()}-{threading.get_ident()}.tmp"
        try:
            with open(temporary, "wb") as file:
                file.write(MAGIC + head + b"\n" + entry.br)
            os.replace(temporary, path)
        except OSError as error:
            if not self._warned:
                self._warned = True
                log.warning("an answer could not be shared with the other workers (%s)", error)
            try:
                os.unlink(temporary)
            except OSError:
                pass
            return
        with self._lock:
            self._written += len(entry.br)
            due = self._written >= self.max_bytes // SWEEP_FRACTION
            if due:
                self._written = 0
        if due:
            self.sweep()

    def sweep(self) -> None:
        """Remove expired files and the oldest until at most three quarters of the bound are left."""
        now = time.time()
        files = []
        try:
            with os.scandir(self.directory) as entries:
                for item in entries:
                    try:
                        stat = item.stat()
                    except OSError:
                        continue
                    if item.name == HINTS_NAME:
                        continue  # the visitors' hints for the baker: a fixed size, never an answer to evict
                    if item.name.endswith(".tmp"):
                        if now - stat.st_mtime > STALE_TMP_S:
                            _unlink(item.path)
                    elif self.ttl and now - stat.st_mtime > self.ttl:
                        _unlink(item.path)
                    else:
                        files.append((stat.st_mtime, stat.st_size, item.path))
        except OSError:
            return
        total = sum(size for _, size, _ in files)
        if total <= self.max_bytes:
            return
        files.sort()
        for _, size, path in files:
            if total <= self.max_bytes * KEEP_FRACTION:
                break
            _unlink(path)
            total -= size


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _bound(directory: str, wanted: int) -> int:
    """The bound, or half the room left on the directory's file system if that is less (a container's /dev/shm
    may be 64 MB in all)."""
    try:
        found = os.statvfs(directory)
    except OSError:
        return wanted
    return max(0, min(wanted, found.f_bavail * found.f_frsize // 2))


_current: tuple[int, str | None, SharedFiles | None] = (0, None, None)


def current(ttl: float) -> SharedFiles | None:
    """This process's view of the shared directory (None: none), found again after a fork."""
    global _current
    pid, directory = os.getpid(), os.environ.get(DIR_ENV) or None
    if _current[0] != pid or _current[1] != directory:
        files = None
        if directory and os.path.isdir(directory) and megabytes():
            files = SharedFiles(directory, _bound(directory, int(megabytes() * 2**20)), ttl)
        _current = (pid, directory, files)
    return _current[2]


# --- the visitors' latest selections, for the baker (serving/bake/) ------------------------------------------------
HINTS_ENV = "CAMR_BAKE_HINTS"  # the hints file, set by the master when its baker follows the visitors
HINTS_NAME = "visitor-hints"
HINT_SLOTS = 32
HINT_SLOT = 4096  # bytes per slot: a request body carrying a whole selection is ~1–2 KB; a larger one is not hinted
HINT_MAGIC = b"camh"
_HINT_HEAD = struct.Struct("<4sIqIII")  # magic, body length, time (ns), pid, sequence, crc32 of the rest
HINT_BODY_MAX = HINT_SLOT - _HINT_HEAD.size


def create_hints(directory: str | None) -> str | None:
    """In the master, before the workers fork: the hints file (zeros, `HINT_SLOTS` slots) in the shared directory,
    named in CAMR_BAKE_HINTS for the workers; None (and nothing named) when there is no directory."""
    os.environ.pop(HINTS_ENV, None)
    if not directory or not os.path.isdir(directory):
        return None
    path = os.path.join(directory, HINTS_NAME)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.ftruncate(fd, HINT_SLOTS * HINT_SLOT)
        finally:
            os.close(fd)
    except OSError as error:
        log.warning("no hints for the baker (%s): it bakes its own plan only", error)
        return None
    os.environ[HINTS_ENV] = path
    return path


def _hint_record(body: bytes, pid: int, seq: int, now_ns: int) -> bytes:
    rest = struct.pack("<qII", now_ns, pid, seq) + body
    return _HINT_HEAD.pack(HINT_MAGIC, len(body), now_ns, pid, seq, zlib.crc32(rest)) + body


class Hints:
    """A worker's side: `note(body, raw)` for each callback request it answers, stored or not; writes the raw bytes
    of those whose callback carries a view's whole selection (`outputs()`, asked once per process) to the next slot.
    Does nothing in a process without the hints file in its environment (no baker, or the baker itself)."""

    def __init__(self, outputs):
        self._outputs_of = outputs
        self._pid = 0
        self._fd = -1
        self._outputs: frozenset = frozenset()
        self._seq = 0

    def _setup(self) -> None:
        self._pid, self._fd, self._outputs = os.getpid(), -1, frozenset()
        path = os.environ.get(HINTS_ENV)
        if not path:
            return
        try:
            self._outputs = frozenset(self._outputs_of())
            self._fd = os.open(path, os.O_WRONLY)  # made by the master: gone means no baker to tell
        except Exception as error:  # noqa: BLE001 — a hint is a bonus, never a request's failure
            log.debug("no hints written: %r", error)
            self._fd = -1
        self._seq = (self._pid * 7) % HINT_SLOTS  # the workers start at different slots

    def note(self, body: dict, raw: bytes) -> None:
        if self._pid != os.getpid():
            self._setup()
        if self._fd < 0 or len(raw) > HINT_BODY_MAX or body.get("output") not in self._outputs:
            return
        self._seq = seq = (self._seq + 1) & 0xFFFFFFFF  # threads may share a number: one hint lost, no harm
        try:
            os.pwrite(self._fd, _hint_record(raw, self._pid, seq, time.time_ns()), (seq % HINT_SLOTS) * HINT_SLOT)
        except OSError:
            self._fd = -1  # the file is gone (the master left): stop trying


class HintReader:
    """The baker's side: `read()` gives the hints written since the last read that are at most `max_age` s old,
    oldest first (each once)."""

    def __init__(self, path: str, max_age: float):
        self.path = path
        self.max_age = max_age
        self._fd = os.open(path, os.O_RDONLY)
        self._seen: OrderedDict[tuple, None] = OrderedDict()  # (pid, seq, time) of hints already given

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def read(self) -> list[bytes]:
        try:
            data = os.pread(self._fd, HINT_SLOTS * HINT_SLOT, 0)
        except OSError:
            return []
        now = time.time_ns()
        found = []
        for start in range(0, len(data) - _HINT_HEAD.size + 1, HINT_SLOT):
            magic, length, stamp, pid, seq, crc = _HINT_HEAD.unpack_from(data, start)
            if magic != HINT_MAGIC or length > HINT_BODY_MAX or now - stamp > self.max_age * 1e9:
                continue
            ident = (pid, seq, stamp)
            if ident in self._seen:
                continue
            body = data[start + _HINT_HEAD.size:start + _HINT_HEAD.size + length]
            if zlib.crc32(struct.pack("<qII", stamp, pid, seq) + body) != crc:
                continue  # torn by a write in progress, or overwritten: lossy
            self._seen[ident] = None
            found.append((stamp, body))
        while len(self._seen) > 4 * HINT_SLOTS:
            self._seen.popitem(last=False)
        return [body for _, body in sorted(found)]
