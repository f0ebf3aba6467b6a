import json

import pytest
from dash import Dash, no_update

from callbacks import map as wiring
from layouts.ids import Map, Shell

STATE = {"lang": "en", "indicator": "immigrants", "year": 2024, "scope": "region", "focus": None}


def run(trigger, **changes):
    state = {**STATE, **changes}
    return wiring.map_outputs(state["indicator"], state["year"], state["scope"], state["focus"], STATE, trigger)


def test_year_change_sends_a_small_patch_and_the_new_state():
    figure, panel, source, state = run(Map.YEAR, year=2010)
    patch = figure.to_plotly_json()
    assert patch["__dash_patch_update"] and len(figure.raw) < 5_000
    assert state == {**STATE, "year": 2010}
    assert "2010" in json.dumps(panel.to_plotly_json())


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_outputs_are_written_as_dash_writes_the_patch_and_components_they_were(lang):
    """map_outputs' patch, panel and source block (written once: serving/fast_json/fragment.Fragment) are the bytes Dash
    wrote for the Patch and components of map_outputs_reference: each trigger, focus on target countries and others (every
    year for a few), in and outside the extent, without focus, unknown countries, both extents."""
    from serving.fast_json.answer import to_json

    from data.query import get_store

    codes = get_store().countries()["iso3"].tolist()
    years = (1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024)
    keys = ("emigrants", "immigrants", "emigrants_pct", "immigrants_pct")
    triggers = (Map.YEAR, Map.INDICATOR, Map.FOCUS, Map.SCOPE)
    cases = [(keys[i % 4], year, ("region", "world")[i % 2], focus, triggers[(i + j) % 4])
             for i, focus in enumerate(("UZB", "KGZ", "RUS", "USA", None)) for j, year in enumerate(years)]
    cases += [(keys[i % 4], years[i % 8], ("world", "region")[i % 2], code, triggers[i % 3])
              for i, code in enumerate(codes[::3] + ["XXX", "ATA"])]
    for key, year, scope, focus, trigger in cases:
        args = (key, year, scope, focus, {**STATE, "lang": lang}, trigger)
        assert to_json(list(wiring.map_outputs(*args))) == to_json(list(wiring.map_outputs_reference(*args))), args


def test_scope_change_points_the_map_at_the_world_geometry():
    figure, *_, state = run(Map.SCOPE, scope="world")
    assert isinstance(figure, dict) and "__dash_patch_update" not in figure
    assert len(figure["data"][0]["locations"]) > 200 and state["scope"] == "world"
    assert figure["data"][0]["geojson"].startswith("/geo/world.json?v=")  # fetched once by the browser, cached


def test_focus_change_shows_partners_in_the_panel():
    _, panel, source, state = run(Map.FOCUS, focus="TJK", indicator="emigrants")
    text = json.dumps(panel.to_plotly_json())
    assert "Tajikistan" in text and "Russian Federation" in text and "/country/TJK" in text
    assert state["focus"] == "TJK"


@pytest.mark.parametrize("click, focus, trigger, expected", [
    ({"points": [{"location": "KAZ"}]}, None, Map.GRAPH, "KAZ"),
    ({"points": [{"location": "KAZ"}]}, "KAZ", Map.GRAPH, None),  # second click leaves focus mode
    ({"points": [{"location": "UZB"}]}, "KAZ", Map.GRAPH, "UZB"),
    (None, "KAZ", Map.RESET, None),
    ({"points": [{}]}, "KAZ", Map.GRAPH, no_update),
    (None, "KAZ", Map.GRAPH, no_update),
])
def test_clicks_toggle_focus(click, focus, trigger, expected):
    assert wiring.next_focus(click, focus, trigger) is expected or wiring.next_focus(click, focus, trigger) == expected


def test_register_wires_controls_to_figure_panel_and_url_state():
    app = Dash(__name__, suppress_callback_exceptions=True)
    wiring.register(app)
    outputs = " ".join(app.callback_map)
    assert f"{Map.GRAPH}.figure" in outputs and f"{Shell.PAGE_STATE}.data" in outputs
    inputs = {i["id"] for callback in app.callback_map.values() for i in callback["inputs"]}
    assert {Map.INDICATOR, Map.YEAR, Map.SCOPE, Map.FOCUS, Map.GRAPH, Map.RESET, Map.PLAY} <= inputs


def test_download_is_the_shown_values_with_their_sources():
    import io

    import pandas as pd

    sent = wiring.download({**STATE, "year": 2020})
    assert sent["filename"] == "migrant-stock-immigrants-2020.csv"
    table = pd.read_csv(io.StringIO(sent["content"]))
    russia = table.set_index("iso3").loc["RUS"]
    assert russia["value"] == 7_297_611 and russia["source"] == "undesa_ims_2024"
    assert russia["licence"] == "CC BY 3.0 IGO" and russia["unit"] == "persons"
    assert "USA" not in set(table["iso3"])  # only the map's extent (the region)


def test_download_in_focus_mode_lists_the_partners():
    import io

    import pandas as pd

    sent = wiring.download({**STATE, "year": 2020, "indicator": "emigrants", "focus": "UZB"})
    table = pd.read_csv(io.StringIO(sent["content"]))
    assert set(table["origin"]) == {"UZB"}
    assert table.set_index("destination").loc["RUS", "value"] == 871_154
    assert "publisher" in table.columns


def test_a_keyboard_step_of_the_year_slider_lands_on_the_next_year_with_data():
    from callbacks.map import snapped_year

    state = {"lang": "en", "indicator": "immigrants", "year": 2024, "scope": "region", "focus": None}
    assert snapped_year(2023.8, state) == 2020  # Dash's slider moved 0.2 on ArrowLeft
    assert snapped_year(2020, state) is None    # a year of the slider: nothing to correct


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_downloads_are_the_bytes_pandas_wrote(store, lang):
    """The CSV written from the indexes is what dcc.send_data_frame of map_table's frame sent: every indicator and
    year in both extents, and focus on the target countries and others (with and without partners)."""
    from dash import dcc

    from figures.map.indicators import INDICATORS
    from figures.map.table import map_table
    from layouts.map.downloads import map_csv_text
    from layouts.map.params import scope_ids, years

    cases = [(key, year, scope, None) for key in INDICATORS for year in years() for scope in ("region", "world")]
    cases += [(key, year, scope, focus) for i, focus in enumerate(("UZB", "KAZ", "RUS", "TJK", "DEU", "USA", "GIB",
                                                                   "ATA", "XKX", "AFG", "CHN", "TUR"))
              for key, year, scope in (("emigrants", years()[i % 8], "region"),
                                       ("immigrants_pct", years()[(i + 3) % 8], "world"))]
    for key, year, scope, focus in cases:
        state = {"lang": lang, "indicator": key, "year": year, "scope": scope, "focus": focus}
        ids = scope_ids(scope)
        shown = focus if focus in ids else None
        name = f"migrant-stock-{key}-{year}" + (f"-{shown}" if shown else "")
        table = map_table(store, key, year, ids, shown, lang)
        assert wiring.download(state) == dcc.send_data_frame(table.to_csv, f"{name}.csv", index=False), state
