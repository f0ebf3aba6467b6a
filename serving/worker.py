"""gunicorn's gthread worker, with its connections closed without holding up the worker's main thread.

The main thread of a gthread worker accepts connections and hands finished requests back; with `keepalive = 0`
(gunicorn.conf.py) it closes every connection after its response, "gracefully" (RFC 9112 § 9.6: send FIN, then read
until the client closes too, so that unread request bytes never make the kernel answer with a reset that could cut
the end of the response). gunicorn does that read blocking, on the main thread, for up to 2 s per connection: while
it waits for one client to close, the worker accepts nothing and no finished request of its other threads is
handed back. Under the load benchmark the main threads spent ~11 % of the workers' sampled time there
(bench/bench_load.py --profile), a wait that grows with how busy the clients are.

Here the same close happens without waiting: FIN at once, then the socket sits in the worker's poller until the
client closes it (or sends more, which is read and dropped), at most LINGER_S seconds, then it is closed. The
connection no longer counts against `worker_connections` once its response is sent, as before."""
from __future__ import annotations

import email.utils
import selectors
import socket
import time
from collections import OrderedDict
from functools import partial

from gunicorn import util
from gunicorn.workers import gthread

LINGER_S = 2.0  # gunicorn's own bound on the graceful close
MAX_DRAIN = 65536

_date: tuple[int, str] = (-1, "")


def http_date(timestamp=None) -> str:
    """gunicorn's `util.http_date` (every response's Date header), formatted once per second instead of once per
    response: email.utils.formatdate was ~3 % of the CPU a stored answer costs a worker. The same text (the header
    has whole seconds)."""
    global _date
    if timestamp is not None:
        return email.utils.formatdate(timestamp, localtime=False, usegmt=True)
    now = time.time()
    second = int(now)
    cached = _date
    if cached[0] == second:
        return cached[1]
    text = email.utils.formatdate(second, localtime=False, usegmt=True)
    _date = (second, text)
    return text


util.http_date = http_date  # gunicorn.http.wsgi calls it through the module


class ThreadWorker(gthread.ThreadWorker):
    def init_process(self):
        self.lingering: OrderedDict[socket.socket, float] = OrderedDict()
        super().init_process()

    def finish_request(self, conn, fs):
        try:
            result = fs.result() if not fs.cancelled() else False
        except Exception:  # noqa: BLE001 — gunicorn's own handling (a plain close)
            return super().finish_request(conn, fs)
        if result is gthread._DEFER or result:  # noqa: SLF001 — waiting for data, or kept alive: gunicorn's way
            return super().finish_request(conn, fs)
        self.nr_conns -= 1
        self.linger(conn.sock)

    def linger(self, sock: socket.socket) -> None:
        try:
            sock.shutdown(socket.SHUT_WR)
            sock.setblocking(False)
            self.poller.register(sock, selectors.EVENT_READ, partial(self.drain, [0]))
        except (OSError, ValueError, KeyError):
            util.close(sock)
            return
        self.lingering[sock] = time.monotonic() + LINGER_S

    def drain(self, drained: list[int], sock: socket.socket) -> None:
        """The client sent something or closed: read what came; close once it closed (or sent too much)."""
        try:
            data = sock.recv(4096)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        drained[0] += len(data)
        if not data or drained[0] >= MAX_DRAIN:
            self.release(sock)

    def release(self, sock: socket.socket) -> None:
        self.lingering.pop(sock, None)
        try:
            self.poller.unregister(sock)
        except (OSError, KeyError, ValueError):
            pass
        util.close(sock)

    def murder_keepalived(self, force=False):
        super().murder_keepalived(force)
        now = time.monotonic()
        while self.lingering:
            sock, deadline = next(iter(self.lingering.items()))
            if deadline > now and not force:
                break
            self.release(sock)
