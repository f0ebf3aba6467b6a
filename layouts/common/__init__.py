"""Layout pieces every view uses, one module each: `sources` (source lines, caveats), `texts` (passages in their own
language), `maps` (the disclaimer, geometry and base-map URLs), `graphs` (dcc.Graph configs), `controls` (dropdown
texts, slider values), `params` (URL parameters' pieces), `tables` (table alternatives as components), `tables_sent`
(the same as Dash sends them), `downloads` (CSV text), `serialised` (what Dash sends, kept compact).

Callers use them as `from layouts import common` … `common.source_line(…)`: the names are exported here.
"""
from layouts.common.controls import DROPDOWN_LABELS, dropdown_labels, snap_to_options
from layouts.common.downloads import csv_text, provenance_of
from layouts.common.graphs import geo_graph_config, graph_config
from layouts.common.maps import (GEOMETRY_ROUTE, TOPOJSON_STUBS, asset_url, disclaimer, geometry_url, map_disclaimer,
                                 topojson_stub_urls)
from layouts.common.params import country_code, describe
from layouts.common.serialised import kept_compact, reference_serialised, serialised
from layouts.common.sources import caveats, source_line, source_link, sources_href
from layouts.common.tables import table, table_collapse, table_toggle
from layouts.common.tables_sent import (ROWS_HOLE, fill_table_sent, row_pieces, rows_bytes, rows_written,
                                        table_rows_written, table_sent, table_written, td_sent, td_text_sent, tr_sent)
from layouts.common.texts import SLOT, TECHNICAL, english, technical, with_element

__all__ = ["DROPDOWN_LABELS", "GEOMETRY_ROUTE", "ROWS_HOLE", "SLOT", "TECHNICAL", "TOPOJSON_STUBS", "asset_url",
           "caveats", "country_code", "csv_text", "describe", "disclaimer", "dropdown_labels", "english",
           "fill_table_sent", "geo_graph_config", "geometry_url", "graph_config", "kept_compact", "map_disclaimer",
           "provenance_of", "reference_serialised", "row_pieces", "rows_bytes", "rows_written", "serialised",
           "snap_to_options", "source_line", "source_link", "sources_href", "table", "table_collapse", "table_rows_written",
           "table_sent", "table_toggle", "table_written", "td_sent", "td_text_sent", "technical", "topojson_stub_urls",
           "tr_sent", "with_element"]
