"""The map: its height follows the screen, and it names Central Asia and Russia at points from the geometry."""
from layouts import pages
from layouts.ids import Map
from layouts.map.figure import MAP_HEIGHT, figure_for
from tests.support.components import by_id


def test_the_map_grows_with_the_screen_for_a_projector():
    graph = by_id(pages.render("/map", ""), Map.GRAPH)
    assert graph.style["height"] == MAP_HEIGHT and "vh" in MAP_HEIGHT
    assert graph.figure["layout"].get("height") is None  # a fixed 560 px left a 1080p projector half empty


def test_the_map_names_central_asia_and_russia_at_points_from_the_geometry():
    """At geo.build's points, but Uzbekistan's, moved into its wide north-west (figures/map/figure.LABEL_SHIFTS)."""
    import geo
    from figures.map.figure import LABEL_SHIFTS

    figure = figure_for({"indicator": "emigrants", "year": 2024, "scope": "region", "focus": None}, "en")
    names = figure["data"][3]
    assert names["type"] == "scattergeo" and names["mode"] == "text"
    assert list(names["text"]) == ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan",
                                   "Russian Federation"]
    points = [geo.label_point("region", code) for code in names["customdata"]]
    shifts = [LABEL_SHIFTS.get(code, (0, 0)) for code in names["customdata"]]
    assert [(lon, lat) for lon, lat in zip(names["lon"], names["lat"])] == [
        (round(lon + dlon, 2), round(lat + dlat, 2)) for (lon, lat), (dlon, dlat) in zip(points, shifts)]
    assert LABEL_SHIFTS == {"UZB": (-2.8, 0.7)} and points[4] != (names["lon"][4], names["lat"][4])
    outline = figure["data"][2]
    assert list(outline["locations"]) == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
