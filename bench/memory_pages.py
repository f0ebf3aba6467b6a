"""Where a gunicorn worker's resident memory comes from, page by page (root only: reads /proc/PID/pagemap's frames).

    sudo python -m bench.memory_pages [--visitors 12] [--actions 800] [--seed 1] [--top 12]

RSS totals hide what matters: a worker is a fork of the master, so right after the fork its RSS is the master's
(anonymous memory: the page tables are copied) and only what it allocates, frees or touches later moves it. Here, for
the master and each worker after bench_memory's fixed traffic (the same requests every run), each resident page of
a worker is one of:
- shared: the same physical page as the master's at that address (inherited, never written since);
- copied: the master has a page at that address but the worker's is another one (written after the fork: copy-on-write
  of an object's reference count, or memory the worker freed and reused);
- new: the master has no page there (memory the worker allocated: its caches, heap growth, thread stacks);
grouped by mapping kind (the heap, anonymous mappings (pymalloc's arenas, large blocks), the interpreter and each
library's data, stacks, files). A worker's RSS counts all three; its unique memory (USS) the last two. Also: how much
of the master's resident memory a worker no longer maps (freed, trimmed). Starts and stops its own gunicorn (bench_
memory's, no baker unless CAMR_BAKE=1); asserts nothing.

`--trace` also runs the server with CAMR_TRACEMALLOC (serving/memory.py: slower, and the traces take memory of their
own, so its RSS figures are not the plain server's): each worker's Python allocations since its fork that it still
holds after the traffic, by the innermost line of the project that made them.
"""
from __future__ import annotations

import argparse
import os
import re
import struct
import sys
import time
from collections import defaultdict
from pathlib import Path

import psutil

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_memory import report, start_gunicorn, traffic  # noqa: E402
from bench.gunicorn_workers import wait_workers, workers  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

PAGE = os.sysconf("SC_PAGE_SIZE")
ARENA_HEAP = 64 * 2**20  # glibc's HEAP_MAX_SIZE on 64 bits: a thread arena's heap is reserved and aligned so
MB = 2**20
PRESENT = 1 << 63
PFN_MASK = (1 << 55) - 1
MAPS_LINE = re.compile(r"^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \d+\s*(.*)$")


def kind_of(path: str, perms: str) -> str:
    """A mapping's kind, as grouped in the report."""
    if path == "[heap]":
        return "heap (brk)"
    if path.startswith("[stack"):
        return "main stack"
    if path.startswith("["):
        return path
    if not path:
        return "anonymous"
    if path.startswith("/dev/shm") or path.startswith("/memfd"):
        return "tmpfs files"
    name = os.path.basename(path)
    name = re.sub(r"\.cpython-\d+.*\.so$", ".so", name)
    name = re.sub(r"\.so[.\d]*$", ".so", name)
    if ".so" in name or "python3" in name:
        return f"lib {name}" + (" (data)" if "w" in perms else "")
    return "files"


def mappings(pid: int) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each mapping of `pid`. Anonymous memory is told apart by its neighbours: glibc's
    arenas for threads reserve 64 MB of which the part in use is writable and the rest inaccessible right after it;
    a thread's stack has its inaccessible guard page right before it; the rest is pymalloc's 1 MB arenas and
    large blocks (mmap'd by glibc, numpy's arrays)."""
    rows = []
    with open(f"/proc/{pid}/maps") as maps:
        for line in maps:
            m = MAPS_LINE.match(line)
            if m:
                rows.append((int(m[1], 16), int(m[2], 16), m[3], m[4].strip()))
    out = []
    for i, (start, end, perms, path) in enumerate(rows):
        kind = kind_of(path, perms)
        if kind != "anonymous":
            out.append((start, end, kind))
            continue
        after = rows[i + 1] if i + 1 < len(rows) else None
        before = rows[i - 1] if i else None
        if before and before[1] == start and not before[3] and before[2].startswith("---") and end - start > 2 * MB:
            out.append((start, end, "anonymous: thread stack"))
            continue
        if after and after[0] == end and not after[3] and after[2].startswith("---"):
            base = after[1] - ARENA_HEAP
            if base % ARENA_HEAP == 0 and start <= base < end:  # the kernel merged other mappings below it
                out.append((base, end, "anonymous: malloc arena (threads)"))
                end = base
            elif base % ARENA_HEAP == 0 and base < start:
                out.append((start, end, "anonymous: malloc arena (threads)"))
                continue
        if end > start:
            out.append((start, end, "anonymous: pymalloc, large blocks"))
    return out


def frames(pid: int) -> dict[int, tuple[int, str]]:
    """Virtual page number → (physical frame, mapping kind) of every resident page of `pid`."""
    out: dict[int, tuple[int, str]] = {}
    with open(f"/proc/{pid}/pagemap", "rb") as pagemap:
        for start, end, kind in mappings(pid):
            if kind == "[vsyscall]":
                continue
            first, n = start // PAGE, (end - start) // PAGE
            pagemap.seek(first * 8)
            data = pagemap.read(n * 8)
            for i, (entry,) in enumerate(struct.iter_unpack("<Q", data)):
                if entry & PRESENT:
                    out[first + i] = (entry & PFN_MASK, kind)
    return out


def compare(master: dict[int, tuple[int, str]], worker: dict[int, tuple[int, str]]) -> dict[str, list[int]]:
    """kind → [shared, copied, new, master's pages the worker no longer has] in pages."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for vpn, (pfn, kind) in worker.items():
        mine = master.get(vpn)
        table[kind][0 if mine and mine[0] == pfn else 1 if mine else 2] += 1
    for vpn, (_, kind) in master.items():
        if vpn not in worker:
            table[kind][3] += 1
    return table


def print_table(label: str, table: dict[str, list[int]], top: int) -> None:
    rows = sorted(table.items(), key=lambda kv: -(kv[1][1] + kv[1][2]))
    total = [sum(v[i] for v in table.values()) for i in range(4)]
    print(f"\n{label}: RSS {sum(total[:3]) * PAGE / MB:.1f} MB = shared with the master {total[0] * PAGE / MB:.1f} "
          f"+ copied {total[1] * PAGE / MB:.1f} + new {total[2] * PAGE / MB:.1f}; the master's pages no longer "
          f"mapped here {total[3] * PAGE / MB:.1f} MB")
    print(f"  {'kind':34} {'shared':>8} {'copied':>8} {'new':>8} {'gone':>8}  MB")
    for kind, v in rows[:top]:
        print(f"  {kind[:34]:34} " + " ".join(f"{x * PAGE / MB:8.1f}" for x in v))
    rest = [sum(v[i] for _, v in rows[top:]) for i in range(4)]
    if any(rest):
        print(f"  {'(the rest)':34} " + " ".join(f"{x * PAGE / MB:8.1f}" for x in rest))


def master_kinds(master: dict[int, tuple[int, str]], top: int) -> None:
    table: dict[str, int] = defaultdict(int)
    for _, kind in master.values():
        table[kind] += 1
    print(f"\nmaster: RSS {len(master) * PAGE / MB:.1f} MB by kind: " + ", ".join(
        f"{k} {n * PAGE / MB:.1f}" for k, n in sorted(table.items(), key=lambda kv: -kv[1])[:top]))


def project_line(trace) -> str:
    """The innermost frame of a traceback in the project's own code (else the innermost frame)."""
    for frame in reversed(trace.traceback):  # tracemalloc lists the oldest call first
        if frame.filename.startswith(str(ROOT)) and "/.venv/" not in frame.filename:
            return f"{Path(frame.filename).relative_to(ROOT)}:{frame.lineno}"
    frame = trace.traceback[-1]
    return f"{frame.filename.split('site-packages/')[-1]}:{frame.lineno}"


def print_trace(path: Path, top: int) -> None:
    import tracemalloc

    snapshot = tracemalloc.Snapshot.load(str(path))
    by_line: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for trace in snapshot.traces:
        row = by_line[project_line(trace)]
        row[0] += trace.size
        row[1] += 1
    total = sum(size for size, _ in by_line.values())
    print(f"\n{path.name}: {total / MB:.1f} MB held in {sum(n for _, n in by_line.values())} blocks; the largest "
          f"by the innermost line of the project that allocated them:")
    for line, (size, n) in sorted(by_line.items(), key=lambda kv: -kv[1][0])[:top]:
        print(f"  {size / MB:7.2f} MB {n:8d} blocks  {line}")


def dump_workers(directory: Path, master: psutil.Process, top: int) -> None:
    import signal

    pids = [w.pid for w in workers(master)]
    for pid in pids:
        os.kill(pid, signal.SIGUSR2)
    deadline = time.monotonic() + 120
    paths = [directory / f"worker-{pid}.tracemalloc" for pid in pids]
    while not all(p.exists() for p in paths) and time.monotonic() < deadline:
        time.sleep(0.5)
    for path in paths:
        if path.exists():
            print_trace(path, top)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--visitors", type=int, default=12)
    ap.add_argument("--actions", type=int, default=800)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--top", type=int, default=12, help="kinds of mapping listed (default 12)")
    ap.add_argument("--trace", action="store_true", help="also trace the Python allocations (CAMR_TRACEMALLOC)")
    args = ap.parse_args(argv)
    if args.trace:
        import tempfile

        trace_dir = Path(tempfile.mkdtemp(prefix="camr-trace-"))
        os.environ["CAMR_TRACEMALLOC"] = str(trace_dir)
    if not os.access("/proc/self/pagemap", os.R_OK) or os.geteuid() != 0:
        print("needs root (physical frames in /proc/PID/pagemap)")
        return 2
    with start_gunicorn() as server:
        master = psutil.Process(server.proc.pid)
        wait_workers(master)
        report("after start", master)
        before = frames(master.pid)
        master_kinds(before, args.top)
        for worker in workers(master):
            print_table(f"worker {worker.pid} after start", compare(before, frames(worker.pid)), 6)
        started = time.perf_counter()
        requests, problems, seconds = traffic(server.url, args.visitors, args.actions, args.seed)
        print(f"\n# {args.visitors} visitors × {args.actions} actions (seed {args.seed}): {requests} requests in "
              f"{seconds:.0f} s, {problems} problems", flush=True)
        report("after traffic", master)
        after = frames(master.pid)
        moved = sum(1 for vpn, (pfn, _) in after.items() if before.get(vpn, (None,))[0] != pfn)
        print(f"master: {moved * PAGE / MB:.1f} MB of its pages changed during the traffic")
        for worker in workers(master):
            print_table(f"worker {worker.pid} after traffic", compare(after, frames(worker.pid)), args.top)
        if args.trace:
            dump_workers(trace_dir, master, 3 * args.top)
        print(f"\n({time.perf_counter() - started:.0f} s; load average {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
