"""serving/plotly_params.py: plotly's validator table read per entry asked instead of kept whole. The entries are
plotly's own, validated figures come out the same, only what was asked is kept, and the app installs it before
its first figure."""
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


def test_the_app_reads_plotly_s_table_per_entry():
    code = ("import app\nfrom plotly.validator_cache import ValidatorCache as V\n"
            "print(type(V._json_cache).__name__, V._json_cache.everything is None)")
    env = {**os.environ, "CAMR_PRECOMPUTE": "0"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120, stdin=subprocess.DEVNULL)
    assert result.stdout.split() == ["ValidatorParams", "True"], result.stderr[-2000:]
