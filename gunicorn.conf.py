"""gunicorn's settings for the dashboard: `gunicorn app:server` reads this file by itself (from the working
directory). Every setting can still be overridden on the command line (`-w 4`, `-b 0.0.0.0:8000`, ...).

The data are loaded and validated once, in the master, before any worker is forked (`preload_app`): the workers
share them copy-on-write, and invalid data stop gunicorn with the one-sentence reason and a non-zero exit status
instead of a loop of workers that fail to boot.
"""
import os

# Workers from the core count (gunicorn's rule of thumb, 2 × cores + 1), or WEB_CONCURRENCY as on most PaaS.
# Each worker holds the data copy-on-write and its own small per-process caches (well under 250 MB).
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)
worker_class = "sync"  # every request is CPU-bound and short: no need for threads or an event loop

# Same variables as `python app.py`; behind a reverse proxy keep the default loopback address.
bind = [f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"]

preload_app = True


def when_ready(arbiter):
    """In the master, after the app is loaded and before any worker is forked: build each view's page, its
    in-app navigation and its embed in every language once (serving/warmup.py), so the workers start with them
    instead of each building them on its first visitors (a few seconds of start-up; CAMR_WARM=0: skip)."""
    from serving import warmup

    if not (arbiter.cfg.preload_app and warmup.enabled()):
        return
    ok, failed, seconds = warmup.warm(arbiter.app.wsgi())
    arbiter.log.info("Warmed %d pages in %.1f s before forking the workers%s", ok, seconds,
                     f" ({failed} failed, see above)" if failed else "")

timeout = 30  # a worker silent for 30 s is killed and replaced (the slowest first-time figure takes < 1 s)
graceful_timeout = 20  # on restart/stop, in-flight requests get 20 s to finish
keepalive = 5  # seconds an idle keep-alive connection from the proxy stays open
max_requests = 0  # no periodic recycling: the caches are worth keeping

# Requests: short request lines and headers (the app's URLs are short); bodies are limited by the app itself.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# The client's address as the reverse proxy saw it (X-Forwarded-For), the request, status, bytes, time in ms.
accesslog = "-"
errorlog = "-"
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
# Trust X-Forwarded-* only from a proxy on this host (the README's set-up); FORWARDED_ALLOW_IPS widens it.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

proc_name = "camr-dashboard"
