"""Answers baked in idle time (serving/bake/): what the baker stores equals what the app builds fresh, in English
and Russian; it is stored under the key of the request Dash's renderer sends (a click, and a second click after the
first one's answers), and a worker sends it as `X-Cache: baked`; the baker lowers its priority, stops at its share
of the shared store's bound and exits; killing it or a failure inside it never fails a request."""
from __future__ import annotations

import itertools
import json
import os
import random
import signal
import sys
import time
import urllib.request

import brotli
import pytest

import app as app_module
from bench.load_user import Control, Reply, Visitor
from serving import precompute, shared_cache
from serving.bake import process as bake_process
from serving.bake.baker import CHECK_SHARE, bake, budget, stored_bytes
from serving.bake.follow import FOLLOW_ENV, FOLLOW_PENDING, FOLLOW_REQUESTS, Follower, follow_outputs
from serving.bake.plan import (VIEW_MODULES, chained_requests, plan, requests_for, space, states,
                               written_values)

app = app_module.app
client = app.server.test_client()
response_cache = app.server.extensions["camr_response_cache"]
callbacks = precompute.server_callbacks(app)
LIMIT = 30  # answers the in-process baker builds: the likeliest selection of each control, every view, en and ru


def fresh(body: dict) -> bytes:
    response = client.post(precompute.UPDATE_PATH, json=body,
                           environ_overrides={precompute.ENVIRON_KEY: precompute.Precomputed()})
    assert response.status_code == 200, response.data[:300]
    return response.data


def in_child(run) -> dict:
    """`run()` in a forked process (as the baker runs: whatever it changes in the app stays there); its JSON."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        code = 1
        try:
            os.write(write, json.dumps(run()).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return json.loads(data)


@pytest.fixture(scope="module")
def baked(tmp_path_factory):
    """A shared store the baker filled with its first LIMIT answers; its files by key."""
    directory = str(tmp_path_factory.mktemp("shared"))
    saved = {name: os.environ.get(name) for name in (shared_cache.DIR_ENV, shared_cache.SIZE_ENV)}
    os.environ.update({shared_cache.DIR_ENV: directory, shared_cache.SIZE_ENV: "64"})
    try:
        tally = in_child(lambda: bake(app, limit=LIMIT).__dict__)
    finally:
        for name, value in saved.items():
            os.environ.pop(name) if value is None else os.environ.__setitem__(name, value)
    return shared_cache.SharedFiles(directory, 64 * 2**20), tally


def plan_bodies(count: int):
    spaces = [space(app, name, lang) for name in VIEW_MODULES for lang in ("en", "ru")]
    found = []
    for _, _, view_space, changes in plan(spaces):
        for body in requests_for(callbacks, view_space, changes):
            found.append((view_space, body))
        if len(found) >= count:
            return found
    return found


def test_baked_answers_equal_fresh_ones_in_both_languages(baked):
    files, tally = baked
    assert tally["built"] == LIMIT and tally["stopped"] == "limit" and tally["failed"] == 0
    checked = set()
    for view_space, body in plan_bodies(3 * LIMIT):
        entry = files.get(response_cache.key(body))
        if entry is None:
            continue
        assert entry.baked
        assert brotli.decompress(entry.br) == fresh(body), body["output"]
        checked.add((view_space.module, view_space.lang))
    assert len(checked) == 6  # every view, en and ru


class ClientTransport:
    """What Dash's renderer sends (bench/load_user.py's visitor) through the app's test client; keeps (body, reply)
    of every callback request."""

    def __init__(self):
        self.posted: list[tuple[dict, Reply]] = []

    @staticmethod
    def _reply(response) -> Reply:
        return Reply(response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.data)

    def get(self, path, name, headers=None):
        return self._reply(client.get(path, headers=headers))

    def post(self, path, body, name):
        reply = self._reply(client.post(path, json=body))
        self.posted.append((body, reply))
        return reply


class HttpTransport(ClientTransport):
    def __init__(self, url: str):
        super().__init__()
        self.url = url
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def _send(self, request) -> Reply:
        try:
            with self.opener.open(request, timeout=30) as response:
                headers = {k.lower(): v for k, v in response.headers.items()}
                data = response.read()
                return Reply(response.status, headers,
                             brotli.decompress(data) if headers.get("content-encoding") == "br" else data)
        except urllib.error.HTTPError as error:
            return Reply(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())

    def get(self, path, name, headers=None):
        return self._send(urllib.request.Request(self.url + path, headers=headers or {}))

    def post(self, path, body, name):
        reply = self._send(urllib.request.Request(self.url + path, data=json.dumps(body).encode(), method="POST",
                                                  headers={"Content-Type": "application/json",
                                                           "Accept-Encoding": "br"}))
        self.posted.append((body, reply))
        return reply


def visitor(transport, lang: str) -> Visitor:
    found = Visitor(transport, random.Random(0))
    found.lang = lang
    return found


def test_a_second_click_is_sent_with_the_key_the_baker_stores_it_under():
    """The renderer's request after two clicks (bench/load_user.py's visitor, through the test client) has the key
    of the baker's request for that selection, whose page values come from the first click's answers."""
    cases = [("/corridors", "ru", ("corridors-mode", "origin"), ("corridors-origin", "TJK")),
             ("/remittances", "en", ("remittances-measure", "usd"), ("remittances-rank-year", 2010)),
             ("/map", "ru", ("map-year", 2000), ("map-focus", "KGZ"))]
    for path, lang, first, second in cases:
        transport = ClientTransport()
        user = visitor(transport, lang)
        user.open_page(path, full=True)
        user.interact(Control(first[0], "value", "select"), first[1])
        transport.posted.clear()
        user.interact(Control(second[0], "value", "select"), second[1])
        renderer = {response_cache.key(body) for body, _ in transport.posted
                    if body["output"] in response_cache.selectors}
        assert renderer

        view_space = space(app, f"callbacks.{path[1:]}", lang)
        index = {prop: i for i, (prop, _) in enumerate(view_space.controls)}
        (c1, values1), (c2, values2) = (view_space.controls[index[f"{first[0]}.value"]],
                                        view_space.controls[index[f"{second[0]}.value"]])
        one = ((index[c1], values1.index(first[1])),)
        written = {}
        for body in requests_for(callbacks, view_space, one):
            written.update(written_values(client.post(precompute.UPDATE_PATH, json=body).data))
        both = tuple(sorted((*one, (index[c2], values2.index(second[1])))))
        baker = {response_cache.key(body) for body in requests_for(callbacks, view_space, both, {one: written})
                 if body["changedPropIds"] == [c2]}
        assert renderer == baker, path


def test_a_list_that_only_matters_in_another_mode_is_baked_only_with_that_mode():
    """The corridors' origin (destination) list is disabled outside its mode: no selection changes it otherwise."""
    found = space(app, "callbacks.corridors", "en")
    assert found.requires, "callbacks/corridors.py declares BAKE_REQUIRES"
    seen = set()
    for _distance, _rank, changes in states(found):
        chosen = {found.controls[c][0]: found.controls[c][1][v] for c, v in changes}
        for prop, (other, value) in found.requires.items():
            if prop in chosen:
                seen.add(prop)
                assert chosen.get(other, found.values.get(other)) == value, (prop, chosen)
    assert seen == set(found.requires)  # each is baked, with its mode


def test_the_baker_lowers_its_priority():
    found = in_child(lambda: {"done": bake_process.lower_priority(), "nice": os.getpriority(os.PRIO_PROCESS, 0),
                              "idle": os.sched_getscheduler(0) == getattr(os, "SCHED_IDLE", -1)})
    assert found["nice"] == 19 and "nice 19" in found["done"]
    if hasattr(os, "SCHED_IDLE"):
        assert found["idle"] and "SCHED_IDLE" in found["done"]


def test_a_failure_inside_the_baker_ends_the_baking_never_raises(monkeypatch, tmp_path):
    monkeypatch.setenv(shared_cache.DIR_ENV, str(tmp_path))

    def broken(*args, **kwargs):
        raise RuntimeError("broken")

    def run():
        monkeypatch.setattr("serving.bake.baker.plan", broken)
        return bake(app).__dict__

    assert in_child(run)["stopped"].startswith("failed: RuntimeError")
    monkeypatch.setenv(bake_process.ENV, "0")
    assert bake_process.start(app) is None  # CAMR_BAKE=0: no process


# --- under gunicorn ------------------------------------------------------------------------------------------------
def gunicorn(tmp_path, megabytes: str):
    from tests.support.server import start_app_server

    env = {"WEB_CONCURRENCY": "1", "CAMR_WARM": "0", "CAMR_PRECOMPUTE": "0", bake_process.ENV: "1",
           bake_process.DELAY_ENV: "0", shared_cache.DIR_ENV: str(tmp_path), shared_cache.SIZE_ENV: megabytes}
    return start_app_server(argv=[sys.executable, "-m", "gunicorn", "app:server"], env=env)


def wait_for(condition, timeout: float = 180.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"waited {timeout:.0f} s for {what}"
        time.sleep(0.2)


def test_the_baker_stops_at_its_share_of_the_bound(tmp_path, monkeypatch):
    monkeypatch.setenv(shared_cache.DIR_ENV, str(tmp_path))
    monkeypatch.setenv(shared_cache.SIZE_ENV, "1")
    tally = in_child(lambda: bake(app).__dict__)
    room = budget(None, 1)
    assert tally["stopped"] == "bound" and tally["failed"] == 0
    largest = max(os.path.getsize(tmp_path / name) for name in os.listdir(tmp_path))
    assert room <= stored_bytes(str(tmp_path)) <= room + room // CHECK_SHARE + largest


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_under_gunicorn_the_renderers_request_gets_the_baked_answer_and_killing_the_baker_fails_none(tmp_path):
    """gunicorn with the repository's config and the baker on: a request from the renderer for the likeliest other
    indicator of the Russian map is answered as baked, with the bytes the app builds; the baker runs at nice 19
    under SCHED_IDLE; it is killed while visitors use the remittances view: none of their requests fails, the
    master and its worker go on, the baker is reaped."""
    import psutil

    from bench.gunicorn_workers import baker, wait_workers, workers

    indicator = dict(space(app, "callbacks.map", "ru").controls)["map-indicator.value"][0]
    local = ClientTransport()
    user = visitor(local, "ru")
    user.open_page("/map", full=True)
    user.interact(Control("map-indicator", "value", "select"), indicator)
    (body,) = [b for b, _ in local.posted if b["output"] in response_cache.selectors]
    files = shared_cache.SharedFiles(str(tmp_path), 2**30)
    key = response_cache.key(body)

    with gunicorn(tmp_path, "128") as server:
        master = psutil.Process(server.proc.pid)
        wait_workers(master)
        wait_for(lambda: files.get(key) is not None, what="the baked answer")
        remote = HttpTransport(server.url)
        user = visitor(remote, "ru")
        user.open_page("/map", full=True)
        user.interact(Control("map-indicator", "value", "select"), indicator)
        (reply,) = [r for b, r in remote.posted if b["output"] == body["output"]]
        assert reply.status == 200 and reply.headers["x-cache"] == "baked"
        assert reply.headers.get("content-encoding") == "br" and reply.body == fresh(body)
        hints = tmp_path / shared_cache.HINTS_NAME  # the worker told the baker where this visitor is
        assert os.path.getsize(hints) == shared_cache.HINT_SLOTS * shared_cache.HINT_SLOT
        assert json.loads(shared_cache.HintReader(str(hints), 60).read()[-1])["output"] == body["output"]

        process = baker(master)
        (worker,) = workers(master)
        assert process is not None and process.nice() == 19
        if hasattr(os, "SCHED_IDLE"):
            assert os.sched_getscheduler(process.pid) == os.SCHED_IDLE
        user = visitor(HttpTransport(server.url), "en")
        problems = []
        user.on_problem = lambda name, why: problems.append((name, why))
        user.open_page("/remittances", full=True)
        process.send_signal(signal.SIGKILL)
        for _ in range(8):
            user.interact()
        wait_for(lambda: not psutil.pid_exists(process.pid), 30, "the killed baker to be reaped by the master")
        assert problems == [] and user.requests > 3
        assert master.is_running() and [w.pid for w in workers(master)] == [worker.pid]


# --- following the visitors ------------------------------------------------------------------------------------------
def test_hints_are_written_by_the_carrying_callbacks_only_bounded_and_read_once(tmp_path, monkeypatch):
    """A worker writes the raw body of a request that carries a whole selection into a slot of a fixed-size file; the
    reader gives each fresh, whole hint once (oldest first), never more than the slots hold; a torn or old slot, a body
    too large or another callback's is not given; without the file in its environment a process writes nothing."""
    monkeypatch.delenv(shared_cache.HINTS_ENV, raising=False)
    hints = shared_cache.Hints(lambda: {"carrier"})
    hints.note({"output": "carrier"}, b"{}")  # no baker: nothing to tell, no file made
    assert os.listdir(tmp_path) == []

    path = shared_cache.create_hints(str(tmp_path))
    size = shared_cache.HINT_SLOTS * shared_cache.HINT_SLOT
    assert os.environ[shared_cache.HINTS_ENV] == path and os.path.getsize(path) == size
    hints = shared_cache.Hints(lambda: {"carrier"})
    reader = shared_cache.HintReader(path, max_age=30)
    hints.note({"output": "other"}, b'{"output": "other"}')
    hints.note({"output": "carrier"}, b"x" * (shared_cache.HINT_BODY_MAX + 1))
    assert reader.read() == []
    bodies = [json.dumps({"output": "carrier", "n": n}).encode() for n in range(3 * shared_cache.HINT_SLOTS)]
    for body in bodies[:5]:
        hints.note({"output": "carrier"}, body)
    assert reader.read() == bodies[:5] and reader.read() == []  # each once
    for body in bodies[5:]:
        hints.note({"output": "carrier"}, body)
    assert reader.read() == bodies[-shared_cache.HINT_SLOTS:]  # the newest the slots hold, oldest first
    assert os.path.getsize(path) == size  # bounded: slots overwritten in turn

    hints.note({"output": "carrier"}, b'{"torn": 1}')
    with open(path, "r+b") as file:  # a slot torn by a write in progress
        for slot in range(shared_cache.HINT_SLOTS):
            file.seek(slot * shared_cache.HINT_SLOT + 30)
            file.write(b"#")
    old = shared_cache._hint_record(b'{"old": 1}', 1, 1, time.time_ns() - 31 * 10**9)
    os.pwrite(os.open(path, os.O_WRONLY), old, 0)
    assert reader.read() == []
    assert sorted(os.listdir(tmp_path)) == [shared_cache.HINTS_NAME]
    files = shared_cache.SharedFiles(str(tmp_path), 1)
    files.sweep()  # the answers' sweep never takes the hints file
    assert os.path.exists(path)


def test_a_worker_hints_the_carrying_requests_of_a_visitors_clicks(tmp_path, monkeypatch):
    """Through the app (its fast path): each click of a visitor writes the request of the callback that carries the
    view's whole selection, which the baker reads back as that selection; requests of other callbacks are not."""
    path = shared_cache.create_hints(str(tmp_path))
    fast = app.server.extensions["camr_fast_path"]
    monkeypatch.setattr(fast.hints, "_fd", fast.hints._fd)  # given back as it was after the test
    monkeypatch.setattr(fast.hints, "_pid", 0)  # set up again, with the hints file now in the environment
    transport = ClientTransport()
    user = visitor(transport, "ru")
    user.open_page("/remittances", full=True)
    chosen = [*user.page.values[("remittances-countries", "value")], "ARM"]
    user.interact(Control("remittances-countries", "value", "select"), chosen)
    follower = Follower(shared_cache.HintReader(path, 30), [space(app, "callbacks.remittances", "ru")],
                        callbacks, follow_outputs(app), post=lambda body: None)
    raw = follower.reader.read()
    carriers = [body for body, _ in transport.posted if body["output"] in follower.carriers]
    assert carriers and len(raw) == len(carriers) < len(transport.posted)
    found, values, changed = follower.selection(raw[-1])
    assert (found.lang, changed, values["remittances-countries.value"]) == ("ru", "remittances-countries.value", chosen)
    monkeypatch.setattr(fast.hints, "_pid", 0)


def test_hostile_or_repeated_hints_cost_the_baker_a_bounded_amount_of_work():
    """A value the view does not offer, a list too long or repeated, a callback that does not carry a selection, bad
    JSON: dropped. The same selection hinted a hundred times is followed once, at most FOLLOW_REQUESTS requests; at
    most FOLLOW_PENDING selections wait, the newest first."""
    found = space(app, "callbacks.map", "en")
    carriers = follow_outputs(app)
    (output,) = [o for o, name in carriers.items() if name == "callbacks.map"]
    spec = callbacks[output]

    def hint(**values):
        page = {**found.values, **{f"map-{k}.value": v for k, v in values.items()}}
        return json.dumps(precompute.request_body(output, spec, page, ["map-year.value"])).encode()

    class Reader:
        def __init__(self):
            self.queue = []

        def read(self):
            out, self.queue = self.queue, []
            return out

    reader, posted = Reader(), []
    follower = Follower(reader, [found], callbacks, carriers, post=lambda body: posted.append(body) or b"{}",
                        clock=itertools.count(0, 0.05).__next__)
    reader.queue = [hint(focus="XXX"), hint(year=1234), hint(focus=["KAZ"] * 500), hint(indicator={"a": 1}),
                    b"not json", json.dumps({"output": "page-content.children"}).encode(), b"[]"]
    assert follower.next_body() is None and follower.dropped == 7 and follower.followed == 0
    reader.queue = [hint(focus="TJK", year=2000)] * 100
    bodies = []
    while (body := follower.next_body()) is not None:
        bodies.append(body)
        reader.queue = [hint(focus="TJK", year=2000)] * 3  # asked again while it is being followed
    assert follower.followed == 1 and len(posted) == 1  # one selection; its own request posted to learn the page
    assert 0 < len(bodies) <= FOLLOW_REQUESTS
    reader.queue = [hint(focus=iso3) for iso3 in ("KAZ", "KGZ", "UZB", "TKM", "AFG", "RUS")]
    follower.poll()
    assert len(follower.pending) == FOLLOW_PENDING
    first = follower.next_body()
    assert {i["value"] for i in first["inputs"] if i["id"] == "map-focus"} == {"RUS"}  # the newest first


FOLLOW_WALKS = [  # three changes from the default page, then next clicks the baker should have ready
    ("/map", "ru", [("map-focus", "TJK"), ("map-year", 2000), ("map-indicator", "emigrants_pct")],
     [("map-year", 2005), ("map-year", 1995), ("map-focus", "KGZ"), ("map-indicator", "immigrants")]),
    ("/remittances", "en", [("remittances-measure", "usd"), ("remittances-rank-year", 2010),
                            ("remittances-countries", "add")],
     [("remittances-rank-year", 2011), ("remittances-countries", "drop")]),
    ("/corridors", "en", [("corridors-mode", "origin"), ("corridors-origin", "TJK"), ("corridors-year", 2000)],
     [("corridors-year", 2005), ("corridors-sex", "female"), ("corridors-origin", "UZB")]),
]


def _value(user, control: str, value):
    """A list of countries: "add" one more (a target country not yet chosen), "drop" its last; else `value`."""
    current = user.page.values.get((control, "value"))
    if value == "add":
        from data.catalog import T18

        return [*current, next(code for code in T18 if code not in current)]
    return current[:-1] if value == "drop" else value


@pytest.mark.parametrize("path,lang,walk,next_clicks", FOLLOW_WALKS, ids=[w[0][1:] for w in FOLLOW_WALKS])
def test_the_baker_bakes_a_hinted_selections_next_clicks_first(path, lang, walk, next_clicks, tmp_path, monkeypatch):
    """A visitor three changes from the default page (through the app, whose fast path writes the hints); the baker,
    given those hints, first builds what is one click from where the visitor is (before its own plan), under the keys
    of the renderer's requests for those clicks, with the bytes the app builds fresh."""
    (tmp_path / "hints").mkdir()
    (tmp_path / "store").mkdir()
    hints_path = shared_cache.create_hints(str(tmp_path / "hints"))
    fast = app.server.extensions["camr_fast_path"]
    monkeypatch.setattr(fast.hints, "_fd", fast.hints._fd)  # given back as it was after the test
    monkeypatch.setattr(fast.hints, "_pid", 0)  # set up again, with the hints file in the environment
    transport = ClientTransport()
    user = visitor(transport, lang)
    user.open_page(path, full=True)
    for control, value in walk:
        user.interact(Control(control, "value", "select"), _value(user, control, value))
    monkeypatch.delenv(shared_cache.HINTS_ENV)
    monkeypatch.setattr(fast.hints, "_pid", 0)

    def run():
        os.environ[shared_cache.DIR_ENV] = str(tmp_path / "store")
        trace = []
        tally = bake(app, hints=shared_cache.HintReader(hints_path, 60), limit=40, trace=trace)
        return {"tally": tally.__dict__, "trace": trace}

    done = in_child(run)
    assert done["tally"]["failed"] == 0 and done["tally"]["hints"] >= 1
    assert [kind for kind, _ in done["trace"]] == ["follow"] * 40  # the visitor's neighbourhood before the plan
    files = shared_cache.SharedFiles(str(tmp_path / "store"), 2**30)
    for control, value in next_clicks:
        before = user.page.values.get((control, "value"))
        start = len(transport.posted)
        user.interact(Control(control, "value", "select"), _value(user, control, value))
        asked = [body for body, _ in transport.posted[start:] if body["output"] in response_cache.selectors]
        assert asked, (control, value)
        for body in asked:
            entry = files.get(response_cache.key(body))
            assert entry is not None and entry.baked, (control, value, body["output"])
            assert brotli.decompress(entry.br) == fresh(body)
        user.interact(Control(control, "value", "select"), before)  # back where the walk ended


@pytest.mark.parametrize("follow", ["1", "0"])
def test_the_hints_file_is_made_only_for_a_baker_that_follows(follow, tmp_path, monkeypatch):
    """The master makes the hints file (and names it for the workers) when it starts a baker that follows the
    visitors; with CAMR_BAKE_FOLLOW=0, or CAMR_BAKE=0, there is none and no worker writes anything."""
    monkeypatch.setenv(shared_cache.DIR_ENV, str(tmp_path))
    monkeypatch.delenv(shared_cache.HINTS_ENV, raising=False)
    monkeypatch.setenv(FOLLOW_ENV, follow)
    monkeypatch.setenv(bake_process.ENV, "1")
    monkeypatch.setattr(os, "fork", lambda: 999_999)  # the master's side only: no baker process here
    monkeypatch.setattr(bake_process, "_child", None)
    assert bake_process.start(app) == 999_999
    made = (tmp_path / shared_cache.HINTS_NAME).exists()
    assert made == (follow == "1") and (shared_cache.HINTS_ENV in os.environ) == made
    monkeypatch.setattr(bake_process, "_child", None)
    monkeypatch.delenv(shared_cache.HINTS_ENV, raising=False)
    monkeypatch.setenv(bake_process.ENV, "0")
    assert bake_process.start(app) is None and shared_cache.HINTS_ENV not in os.environ


def test_an_open_table_s_request_is_baked_under_the_key_the_renderer_sends():
    """With the corridors' table open, the renderer follows a selection's answers with the table's request (the
    page state's selection, callbacks/tables.py): the baker bakes it with each corridors selection, under that key;
    the other views chain nothing."""
    from layouts.ids import Corridors

    output = f"{Corridors.FLOWS_TABLE_BODY}.children"
    transport = ClientTransport()
    user = visitor(transport, "ru")
    user.open_page("/corridors", full=True)
    user.interact(Control(Corridors.FLOWS_TABLE, "is_open", "toggle"), True)
    user.interact(Control(Corridors.MODE, "value", "select"), "origin")
    transport.posted.clear()
    user.interact(Control(Corridors.ORIGIN, "value", "select"), "TJK")
    renderer = {response_cache.key(body) for body, _ in transport.posted if body["output"] == output}
    assert len(renderer) == 1

    found = space(app, "callbacks.corridors", "ru")
    index = {prop: i for i, (prop, _) in enumerate(found.controls)}

    def change(control: str, value) -> tuple[int, int]:
        place = index[f"{control}.value"]
        return place, found.controls[place][1].index(value)

    both = tuple(sorted((change(Corridors.MODE, "origin"), change(Corridors.ORIGIN, "TJK"))))
    baker = list(chained_requests(callbacks, found, both))
    assert [body["output"] for body in baker] == [output]
    assert {response_cache.key(body) for body in baker} == renderer
    for view in ("map", "remittances"):
        other = space(app, f"callbacks.{view}", "en")
        assert list(chained_requests(callbacks, other, ((0, 0),))) == []
