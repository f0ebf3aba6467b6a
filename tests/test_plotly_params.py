"""serving/plotly_params.py: plotly's validator table read per entry asked instead of kept whole. The entries are
plotly's own, validated figures come out the same, only what was asked is kept, the app installs it before its
first figure, and a worker reads no entry on a visitor's request: gunicorn's master has asked them all."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import plotly.graph_objects as go
import pytest
from plotly.validator_cache import ValidatorCache

from serving import plotly_params
from tests.test_app import ROOT


@pytest.fixture
def validators():
    """plotly's validator caches emptied for the test and put back after it."""
    saved = ValidatorCache._json_cache, dict(ValidatorCache._cache)
    ValidatorCache._cache.clear()
    yield
    ValidatorCache._json_cache = saved[0]
    ValidatorCache._cache.clear()
    ValidatorCache._cache.update(saved[1])


def _table() -> dict:
    with open(plotly_params.path(), encoding="utf-8") as handle:
        return json.load(handle)


def test_entries_are_plotly_s_own_and_only_those_asked_are_kept():
    table = _table()
    params = plotly_params.ValidatorParams(plotly_params.path())
    for key in ("data", "layout", "layout.xaxis.tickformat", "scatter.customdata", "choropleth.locations"):
        assert params.get(key) == table[key]
        assert params.get(key) is params.get(key)  # one object per entry: plotly writes into its params
    assert params.get("no.such.property") is None and params.get("no.such", 1) == 1
    with pytest.raises(KeyError):
        params["no.such.property"]
    assert set(params.found) == {"data", "layout", "layout.xaxis.tickformat", "scatter.customdata",
                                 "choropleth.locations", "no.such.property", "no.such"}
    assert params.everything is None


def test_a_process_asking_many_entries_keeps_the_whole_table_as_plotly_would():
    params = plotly_params.ValidatorParams(plotly_params.path(), keep_all_after=2)
    first = params.get("layout.title")
    params.get("layout.height")
    assert params.get("layout.width") == _table()["layout.width"]
    assert params.everything is not None and params.get("layout.title") is first


def _figures() -> list[dict]:
    figure = go.Figure([go.Scatter(x=[2020, 2021], y=[1.5, None], customdata=[["a", "b"], ["c", "d"]],
                                   hovertemplate="%{customdata[0]}", line=dict(color="#123456", width=2)),
                        go.Choropleth(locations=["KGZ", "UZB"], z=[1, 2], colorscale="Blues"),
                        go.Bar(x=["a"], y=[1], marker_color="red")])
    figure.update_layout(title="t", height=300, separators=", ", xaxis2=dict(tickformat="d"),
                         margin=dict(l=1, r=2, t=3, b=4), yaxis=dict(gridcolor="#eee"))
    return [figure.to_plotly_json(), go.Figure().to_plotly_json()]


def test_validated_figures_are_the_same_with_either_table(validators):
    ValidatorCache._json_cache = _table()
    expected = _figures()
    ValidatorCache._cache.clear()
    ValidatorCache._json_cache = plotly_params.ValidatorParams(plotly_params.path())
    assert _figures() == expected
    with pytest.raises(ValueError):  # still validated: a bad value is refused as before
        go.Scatter(mode="sideways")


def test_installed_only_where_plotly_has_not_loaded_its_table(validators):
    ValidatorCache._json_cache = None
    assert plotly_params.install() and isinstance(ValidatorCache._json_cache, plotly_params.ValidatorParams)
    ValidatorCache._json_cache = table = {"data": {}}
    assert not plotly_params.install() and ValidatorCache._json_cache is table


# What a worker serves, after what gunicorn's master did before forking it (create_app, then the warm-up of
# gunicorn.conf.py's when_ready; the precompute builds in forked children, whose entries die with them): every
# view's page and each of its controls in both languages, in-app navigation, embeds, CSVs and bad parameters.
_SERVED_AFTER_WARM_UP = """
import json, random
from plotly.validator_cache import ValidatorCache
import app
from bench.load_user import EMBEDS, LANGS, VIEWS, Visitor, controls
from serving import warmup
from tests.test_bench_load import ClientTransport

params = ValidatorCache._json_cache
warmup.warm(app.server, "http://127.0.0.1:8050")
before = set(params.found)
client = app.server.test_client()
new, problems = {}, []
def note(what):
    for key in set(params.found) - before - {k for keys in new.values() for k in keys}:
        new.setdefault(what, []).append(key)
for lang in LANGS:
    for view in VIEWS:
        path = view.format(iso3="MNG")  # a profile the warm-up did not build
        v = Visitor(ClientTransport(client), random.Random(len(view)), on_problem=lambda *p: problems.append(p))
        v.lang = lang
        page = v.open_page(path, full=True)
        for control in controls(page, v.deps):
            if v.page.path != path:
                v.navigate(path)
            v.interact(control)
        v.navigate("/country/AFG")
        note(f"{path} {lang}")
    for path in [*(e.format(iso3="MNG") for e in EMBEDS), "/data/SI.RMT.COST.OB.ZS.csv", "/map?year=1066&indicator=x",
                 "/country/ZZZ", "/remittances?countries=QQQ&measure=x", "/corridors?year=x", "/embed/map?year=x",
                 "/embed/country/ZZZ", "/no-such-page"]:
        client.get(path + ("&" if "?" in path else "?") + f"lang={lang}")
        note(f"{path} {lang}")
ValidatorCache._cache.clear()  # the probe: a validator not built before reads its entry, and it is seen
import plotly.graph_objects as go
go.Layout(annotations=[dict(text="x")])
print(json.dumps({"installed": type(params).__name__, "whole": params.everything is not None, "before": len(before),
                  "new": new, "problems": [str(p) for p in problems[:5]],
                  "probe": "layout.annotations" in set(params.found) - before}))
"""


def test_a_worker_reads_no_entry_at_request_time():
    """Reading an entry costs 20–55 ms (the whole file parsed again): every entry the app needs is asked in
    gunicorn's master before it forks, never by a worker on a visitor's request."""
    env = {**os.environ, "CAMR_PRECOMPUTE": "0"}
    result = subprocess.run([sys.executable, "-c", _SERVED_AFTER_WARM_UP], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["installed"] == "ValidatorParams" and not out["whole"] and out["problems"] == []
    assert out["probe"], "a new entry asked after the warm-up went unseen"
    assert out["new"] == {}, f"entries read at request time, by request: {out['new']}"
