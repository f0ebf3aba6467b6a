"""gunicorn's settings for the dashboard: `gunicorn app:server` reads this file by itself (from the working
directory). Every setting can still be overridden on the command line (`-w 4`, `-b 0.0.0.0:8000`, ...).

The data are loaded and validated once, in the master, before any worker is forked (`preload_app`): the workers
share them copy-on-write, and invalid data stop gunicorn with the one-sentence reason and a non-zero exit status
instead of a loop of workers that fail to boot.
"""
import os


def _fix_mmap_threshold():
    """Before the app loads (preload_app, below): large blocks freed give their memory back to the system instead of
    raising glibc's mmap threshold, so the start-up's large blocks freed leave no heap behind (serving/memory.py:
    ~7 MB less in the master and so in every worker; CAMR_MMAP_THRESHOLD_KB=0: glibc's default)."""
    from serving import memory

    memory.fix_mmap_threshold()


_fix_mmap_threshold()

# Processes: one per core plus one (WEB_CONCURRENCY overrides, as on most PaaS), each with a few threads.
# Measured with bench/bench_load.py (100 visitors, 2 cores shared with other work, 30 s each, one after the other):
# 5 sync workers (2 × cores + 1) answered 12 requests/s at p95 14 s, 3 sync 17/s at p95 13 s, 3 gthread workers × 4
# threads 44/s at p95 5 s, 2 × 8 65/s at p95 2.6 s but a worker at 316 MB. Requests are CPU-bound, but their costs differ a thousandfold (a cached answer ~1 ms, a first
# country profile ~0.5 s): a sync worker holds every request queued behind a slow one, threads let the quick ones
# through (the GIL switches every 5 ms). Fewer processes also build each first-time selection fewer times (the
# response cache is per process unless REDIS_URL) and hold less memory (each worker's caches: see the bench's RSS).
# Measured again (2026-11-30) with the load bench's capacity setting (think time 0.1–0.5 s, ~450 requests/s offered),
# 40 s each, the machine shared with other work (load average 8–17, so rates are low and only comparable within a
# pair): 2 workers × 4 threads 42 requests/s, 8.95 ms CPU per request; 3 × 4 54/s, 8.35 ms — kept 3. Threads per
# worker (3 workers): 2 → 41/s, 9.55 ms; 4 → 54/s at p95 4.1 s, 9.30 ms, RSS ≤ 259 MB; 8 → 95/s at p95 1.8 s,
# 8.23 ms, but RSS 290–294 MB (twice as many answers built at once), against the ≤ 250 MB goal: kept 4 here, to be
# decided with the memory work (GUNICORN_CMD_ARGS="--threads 8 --worker-connections 8" tries it).
workers = int(os.environ.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) + 1)
# gunicorn's gthread worker, except that closing a connection no longer blocks the worker's main thread (which
# accepts and hands back requests) until the client closes its end too: serving/worker.py.
worker_class = "serving.worker.ThreadWorker"
threads = 4
# A worker accepts only the connections it has a thread for; the others wait in the listening socket's queue, which
# every worker takes from. So a worker that dies (killed, out of memory) loses only the ≤ 4 requests it was serving,
# not those it had accepted and queued: with gunicorn's default (1000) a SIGKILL under load cost 47 requests.
worker_connections = threads

# Same variables as `python app.py`; behind a reverse proxy keep the default loopback address.
bind = [f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"]

# Also builds the callback answers one click from each default page (serving/precompute.py) once, shared by every
# worker: without preload each worker would build them while booting, past `timeout` (or set CAMR_PRECOMPUTE=0).
preload_app = True


def when_ready(arbiter):
    """In the master, after the app is loaded and before any worker is forked:
    - build each view's page, its in-app navigation and its embed in every language once (serving/warmup.py), so
      the workers start with them instead of each building them on its first visitors (a few seconds of start-up;
      CAMR_WARM=0: skip); the pages under the address bound, which a visitor's request names when no proxy is in
      front;
    - every other country's profile built (in forked processes) and written to the workers' shared answers
      (serving/profiles.py; CAMR_PROFILES=0: not): a profile is one click from another, ~15 ms each built on
      request;
    - collect the garbage, give the freed heap back to the system, cap malloc's arenas and freeze what the master
      holds out of the garbage collector's reach (serving/memory.before_fork: a worker starts from the master's
      memory and its full collections no longer copy, page by page, what it shares with the master; gc.freeze
      measured after 30 s of bench/bench_load.py: 73–78 MB unique memory per worker instead of 96–113 MB);
    - first, the directory through which the workers share the callback answers they compute (serving/
      shared_cache.py; removed in on_exit);
    - last, the baker (serving/bake/): a process at the lowest priority that, once the workers are up, fills
      that store with answers further from the default pages than start-up builds (CAMR_BAKE=0: none)."""
    from serving import memory, profiles, shared_cache, warmup
    from serving.bake import process as bake_process

    shared_cache.create()
    if not arbiter.cfg.preload_app:
        return
    if warmup.enabled():
        ok, failed, seconds = warmup.warm(arbiter.app.wsgi(), warmup.base_url(arbiter.cfg.bind))
        arbiter.log.info("Warmed %d pages in %.1f s before forking the workers%s", ok, seconds,
                         f" ({failed} failed, see above)" if failed else "")
    try:
        import app  # the module gunicorn loaded (app:server)

        shared = profiles.share(app.app)
        if shared:
            arbiter.log.info("Stored %d country profiles for the workers in %.1f s (CAMR_PROFILES=0: off)", *shared)
    except Exception as error:  # noqa: BLE001 — speed, never a reason not to serve
        arbiter.log.warning("No country profiles stored: %r", error)
    memory.before_fork()
    if bake_process.enabled():
        try:
            import app  # the module gunicorn loaded (app:server)

            pid = bake_process.start(app.app, getattr(arbiter, "LISTENERS", ()))
            if pid:
                arbiter.log.info("Baking answers in idle time (pid %d, CAMR_BAKE=0: off)", pid)
        except Exception as error:  # noqa: BLE001 — baking is a bonus, never a reason not to serve
            arbiter.log.warning("No baking of answers: %r", error)


def on_exit(arbiter):
    """The master is leaving: the baker and the workers' shared answers go with it (serving/bake/,
    serving/shared_cache.py)."""
    from serving import shared_cache
    from serving.bake import process as bake_process

    bake_process.stop()
    shared_cache.remove(os.environ.get(shared_cache.DIR_ENV))


def post_fork(server, worker):
    """Only when CAMR_TRACEMALLOC names a directory (debugging memory): the worker traces its own allocations
    (serving/memory.after_fork)."""
    from serving import memory

    memory.after_fork()


def post_worker_init(worker):
    """Only when tracing (CAMR_TRACEMALLOC): SIGUSR2 to the worker writes its trace (serving/memory.worker_ready)."""
    from serving import memory

    memory.worker_ready()


def post_request(worker, req, environ, resp):
    """Every 200th request a worker gives its heap's free pages back to the system (serving/memory.py: freed memory
    otherwise kept its RSS at its peak; ~35 MB less per worker after the load bench)."""
    from serving import memory

    memory.after_request()


timeout = 30  # a worker silent for 30 s is killed and replaced (the slowest first-time figure takes < 1 s)
graceful_timeout = 20  # on restart/stop, in-flight requests get 20 s to finish
# No idle keep-alive connections held by a worker (they would count against worker_connections; the sync workers
# before never kept any either): one connection per request from the proxy on the loopback address.
keepalive = 0
max_requests = 0  # no periodic recycling: the caches are worth keeping

# Requests: short request lines and headers (the app's URLs are short); bodies are limited by the app itself.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# The client's address as the reverse proxy saw it (X-Forwarded-For), the request, status, bytes, time in ms.
accesslog = "-"
errorlog = "-"
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
# gunicorn's logger, formatting only the atoms the line names (the same lines; serving/access_log.py)
logger_class = "serving.access_log.AccessLogger"
# Trust X-Forwarded-* only from a proxy on this host (the README's set-up); FORWARDED_ALLOW_IPS widens it.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

proc_name = "camr-dashboard"
