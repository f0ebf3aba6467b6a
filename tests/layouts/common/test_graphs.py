"""layouts/common/graphs.py: no chart of any view offers to upload itself to Plotly Cloud."""
import pytest
from dash import dcc

from layouts import common, pages
from tests.support.components import components


PAGES_WITH_GRAPHS = ["/map", "/map?focus=UZB", "/remittances", "/corridors", "/country/UZB"]


def test_graph_config_never_offers_to_upload_the_chart():
    for config in (common.graph_config(), common.graph_config("x", mode_bar=False, remove=("pan2d",)),
                   common.geo_graph_config("map")):
        assert config["showSendToCloud"] is False and config["displaylogo"] is False
    assert common.geo_graph_config("map")["topojsonURL"].endswith("topojson/")
    assert common.graph_config("trend")["toImageButtonOptions"] == {"filename": "trend"}


@pytest.mark.parametrize("path", PAGES_WITH_GRAPHS)
def test_every_graph_of_every_view_hides_the_plotly_cloud_button(path):
    # plotly.js 4 shows "Share chart..." (an upload to Plotly Cloud) unless the config says otherwise.
    route, _, search = path.partition("?")
    graphs = [c for c in components(pages.render(route, "?" + search)) if isinstance(c, dcc.Graph)]
    assert graphs, f"no graph on {path}"
    for graph in graphs:
        assert graph.config.get("showSendToCloud") is False, (path, getattr(graph, "id", None))
