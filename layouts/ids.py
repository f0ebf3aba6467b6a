"""Every component id of the app, in one place. Views add a class of their own."""


class Shell:
    URL = "url"
    PAGE = "page-content"
    # Each page puts its current selections here; one clientside callback writes them into the URL.
    PAGE_STATE = "page-state"
    NOTICE = "page-notice"
    ERROR_TOAST = "error-toast"
    BENCH_NOOP_INPUT = "bench-noop-input"
    BENCH_NOOP_OUTPUT = "bench-noop-output"


class Map:
    GRAPH = "map-graph"
    INDICATOR = "map-indicator"
    YEAR = "map-year"
    PLAY = "map-play"
    PLAY_INTERVAL = "map-play-interval"
    SCOPE = "map-scope"
    FOCUS = "map-focus"
    RESET = "map-reset"
    PANEL = "map-panel"
    SOURCE_LINE = "map-source-line"


class Remittances:
    """Ids of the remittances view (owned by that view)."""

    # Controls (each one is a URL parameter, except GROUP which adds members to COUNTRIES)
    COUNTRIES = "remittances-countries"
    GROUP = "remittances-group"
    RESET = "remittances-reset"
    MEASURE = "remittances-measure"
    SCALE = "remittances-scale"
    RELATIVE = "remittances-relative"
    SOURCE = "remittances-source"
    RANK_YEAR = "remittances-rank-year"
    # Charts: graph, the block under it (notes, source line, table, caveats), CSV button and download
    TREND_GRAPH = "remittances-trend-graph"
    TREND_INFO = "remittances-trend-info"
    TREND_DOWNLOAD_BUTTON = "remittances-trend-download-button"
    TREND_DOWNLOAD = "remittances-trend-download"
    OUTFLOW_GRAPH = "remittances-outflow-graph"
    OUTFLOW_INFO = "remittances-outflow-info"
    OUTFLOW_DOWNLOAD_BUTTON = "remittances-outflow-download-button"
    OUTFLOW_DOWNLOAD = "remittances-outflow-download"
    RANKING_GRAPH = "remittances-ranking-graph"
    RANKING_SENTENCES = "remittances-ranking-sentences"
    RANKING_INFO = "remittances-ranking-info"
    RANKING_DOWNLOAD_BUTTON = "remittances-ranking-download-button"
    RANKING_DOWNLOAD = "remittances-ranking-download"
    COST_GRAPH = "remittances-cost-graph"
    COST_INFO = "remittances-cost-info"
    COST_DOWNLOAD_BUTTON = "remittances-cost-download-button"
    COST_DOWNLOAD = "remittances-cost-download"


class Corridors:
    """Ids of the corridors view (owned by that view)."""


class Country:
    """Ids of the country profiles (owned by that view)."""


class Sources:
    """Ids of the sources page (owned by that view)."""


class KeyFigures:
    """Ids of the key-figures page (owned by that view)."""
