"""Start the real app (`python app.py`) in a subprocess on a free local port.

Shared by the browser tests (tests/browser/conftest.py) and the bench scripts (bench/), so both measure and test
the same thing: the app exactly as `python app.py` serves it, configured only through PORT and HOST.

    with start_app_server() as server:       # waits for HTTP 200 on "/" (60 s), raises ServerStartError otherwise
        print(server.url)                    # "http://127.0.0.1:<port>"
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

# Never send local requests through a proxy from the environment (http_proxy/HTTP_PROXY).
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ServerStartError(RuntimeError):
    """The app server exited, answered with an error, or did not answer in time. The message holds its output."""


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free a moment ago (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def http_get(url: str, timeout: float = 5.0) -> tuple[int, bytes]:
    """(status, body) of a GET without any proxy; HTTP errors are returned, not raised."""
    try:
        with _OPENER.open(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@dataclass
class AppServer:
    url: str  # base URL without a trailing slash, e.g. "http://127.0.0.1:41234"
    proc: subprocess.Popen
    log_path: Path  # stdout and stderr of the server process

    def output(self, tail: int = 6000) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return text if len(text) <= tail else "…" + text[-tail:]

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM the server's own process group (it was started in a new session), SIGKILL if it lingers."""
        if self.proc.poll() is None:
            _signal_group(self.proc, signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                _signal_group(self.proc, signal.SIGKILL)
                self.proc.wait(timeout)
        try:
            self.log_path.unlink()
        except OSError:
            pass

    def __enter__(self) -> "AppServer":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)  # the group id is the pid of the process we started
    except (ProcessLookupError, PermissionError):
        try:
            proc.send_signal(sig)
        except ProcessLookupError:
            pass


def start_app_server(
    *,
    cwd: Path | str = REPO_ROOT,
    argv: list[str] | None = None,
    host: str = "127.0.0.1",
    port: int | None = None,
    env: dict[str, str] | None = None,
    ready_path: str = "/",
    timeout: float | None = None,
) -> AppServer:
    """Run `python app.py` (or `argv`) in `cwd` with PORT/HOST set; return once `ready_path` answers HTTP 200.

    Raises ServerStartError, with the server's output, if the process exits, answers anything but 200, or does
    not answer within `timeout` seconds (default 60, or 600 when the server builds its callback answers at start-up:
    CAMR_PRECOMPUTE not 0, as in the benchmarks). With `port=None` a free port is chosen (and re-chosen up to twice if
    another process grabbed it in between).
    """
    if timeout is None:
        precompute = {**os.environ, **(env or {})}.get("CAMR_PRECOMPUTE", "1").strip().lower()
        timeout = 60.0 if precompute in ("0", "off", "false", "no") else 600.0
    attempts = 3 if port is None else 1
    for attempt in range(attempts):
        try:
            return _start_once(cwd=Path(cwd), argv=argv, host=host, port=port or free_port(host), env=env,
                               ready_path=ready_path, timeout=timeout)
        except _PortTaken:
            if attempt == attempts - 1:
                raise ServerStartError("could not bind a free port after 3 attempts") from None
    raise AssertionError("unreachable")


class _PortTaken(Exception):
    pass


def _start_once(*, cwd: Path, argv, host, port, env, ready_path, timeout) -> AppServer:
    argv = argv or [sys.executable, "app.py"]
    child_env = {**os.environ, "PORT": str(port), "HOST": host, "PYTHONUNBUFFERED": "1", **(env or {})}
    fd, log_name = tempfile.mkstemp(prefix="app-server-", suffix=".log")
    with os.fdopen(fd, "wb") as log:
        proc = subprocess.Popen(argv, cwd=cwd, env=child_env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True,
                                preexec_fn=_die_with_parent if _PRCTL is not None else None)
    server = AppServer(url=f"http://{host}:{port}", proc=proc, log_path=Path(log_name))
    try:
        return _wait_ready(server, cwd=cwd, command=" ".join(argv), ready_path=ready_path, timeout=timeout)
    except BaseException:  # also Ctrl-C while waiting: never leave the server behind
        server.stop()
        raise


def _load_prctl():
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _load_prctl()  # resolved here, not in the forked child (no imports between fork and exec)


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM when the process that started us dies, even by SIGKILL (a
    killed pytest or bench run must not leave an orphaned server holding memory and a port)."""
    _PRCTL(1, signal.SIGTERM, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG


def _wait_ready(server: AppServer, *, cwd: Path, command: str, ready_path: str, timeout: float) -> AppServer:
    proc = server.proc
    url = server.url + ready_path
    deadline = time.monotonic() + timeout
    while True:
        code = proc.poll()
        if code is not None:
            output = server.output()
            server.stop()
            if "Address already in use" in output or "address already in use" in output:
                raise _PortTaken()
            raise ServerStartError(f"`{command}` (cwd {cwd}) exited with code {code} before answering {url}.\n"
                                   f"--- server output ---\n{output}")
        try:
            status, body = http_get(url, timeout=2.0)
        except (urllib.error.URLError, OSError):
            status = None  # not listening yet
        if status == 200:
            return server
        if status is not None:
            output = server.output()
            server.stop()
            snippet = body[:1500].decode("utf-8", "replace")
            raise ServerStartError(f"{url} answered HTTP {status} (expected 200).\n--- response ---\n{snippet}\n"
                                   f"--- server output ---\n{output}")
        if time.monotonic() > deadline:
            output = server.output()
            server.stop()
            raise ServerStartError(f"`{command}` (cwd {cwd}) did not answer {url} within {timeout:.0f} s.\n"
                                   f"--- server output ---\n{output}")
        time.sleep(0.2)
