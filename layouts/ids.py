"""Every component id of the app, in one place. Views add a class of their own."""


class Shell:
    URL = "url"
    PAGE = "page-content"
    # Each page puts its current selections here; one clientside callback writes them into the URL.
    PAGE_STATE = "page-state"
    URL_SYNC = "url-sync"  # a hidden element; the clientside URL writer needs an output
    NOTICE = "page-notice"
    ERROR_TOAST = "error-toast"
    # Each page's title and language; one clientside callback writes them into <title> and <html lang>.
    PAGE_META = "page-meta"
    META_SYNC = "page-meta-sync"  # a hidden element; that callback needs an output
    NAV_TOGGLER = "nav-toggler"  # on a phone the navigation folds behind this button
    NAV_COLLAPSE = "nav-collapse"
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
    REGION_TABLE = "map-region-table"  # the five Central Asian countries, first in the panel
    SOURCE_LINE = "map-source-line"
    DOWNLOAD_BUTTON = "map-download-button"
    DOWNLOAD = "map-download"


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
    ECONOMY_GRAPH = "remittances-economy-graph"  # Russia's GDP growth and the rouble, on the trend charts' years
    ECONOMY_INFO = "remittances-economy-info"
    ECONOMY_DOWNLOAD_BUTTON = "remittances-economy-download-button"
    ECONOMY_DOWNLOAD = "remittances-economy-download"
    RANKING_GRAPH = "remittances-ranking-graph"
    RANKING_SENTENCES = "remittances-ranking-sentences"
    RANKING_INFO = "remittances-ranking-info"
    RANKING_DOWNLOAD_BUTTON = "remittances-ranking-download-button"
    RANKING_DOWNLOAD = "remittances-ranking-download"
    COST_GRAPH = "remittances-cost-graph"
    COST_INFO = "remittances-cost-info"
    COST_DOWNLOAD_BUTTON = "remittances-cost-download-button"
    COST_DOWNLOAD = "remittances-cost-download"

    # Table alternatives, one per chart ("trend", "outflow", "economy", "ranking", "cost"): toggle, collapse, body
    @staticmethod
    def table_toggle(chart: str) -> str:
        return f"remittances-{chart}-table-toggle"

    @staticmethod
    def table_labels(chart: str) -> tuple[str, str]:
        """The toggle's two texts: "Show the data as a table", "Hide the table" (the other one hidden)."""
        return f"remittances-{chart}-table-show", f"remittances-{chart}-table-hide"

    @staticmethod
    def table(chart: str) -> str:
        return f"remittances-{chart}-table"

    @staticmethod
    def table_body(chart: str) -> str:
        return f"remittances-{chart}-table-body"

    @staticmethod
    def table_request(chart: str) -> str:
        return f"remittances-{chart}-table-request"


class Corridors:
    """Ids of the corridors view (owned by that view)."""

    YEAR = "corridors-year"
    SEX = "corridors-sex"
    MODE = "corridors-mode"
    ORIGIN = "corridors-origin"
    DESTINATION = "corridors-destination"
    SOURCE = "corridors-source"
    MAP = "corridors-map"
    MAP_SCOPE = "corridors-map-scope"  # "region" | "world": the geometry the map holds, so updates can be patches
    SANKEY = "corridors-sankey"
    FLOWS_INFO = "corridors-flows-info"  # year notice, how to read the map, coverage (change with every selection)
    # The table of every corridor of the selection, built only when its reader opens it (callbacks/tables.py)
    FLOWS_TABLE_TOGGLE = "corridors-flows-table-toggle"
    FLOWS_TABLE_LABELS = ("corridors-flows-table-show", "corridors-flows-table-hide")  # the toggle's two texts
    FLOWS_TABLE = "corridors-flows-table"  # the collapse
    FLOWS_TABLE_BODY = "corridors-flows-table-body"
    FLOWS_TABLE_REQUEST = "corridors-flows-table-request"  # the selection, passed on only while the table is open
    FLOWS_SOURCES = "corridors-flows-sources"  # source line, definition, caveats (change with revision and sex only)
    FLOWS_DOWNLOAD_BUTTON = "corridors-flows-download-button"
    FLOWS_DOWNLOAD = "corridors-flows-download"
    CARD_ORIGIN = "corridors-card-origin"
    CARD_DESTINATION = "corridors-card-destination"
    CARD = "corridors-card"
    CARD_DOWNLOAD_BUTTON = "corridors-card-download-button"
    CARD_DOWNLOAD = "corridors-card-download"
    COMPARISON = "corridors-comparison"
    COMPARISON_GRAPH = "corridors-comparison-graph"
    COMPARISON_DOWNLOAD_BUTTON = "corridors-comparison-download-button"
    COMPARISON_DOWNLOAD = "corridors-comparison-download"


class Country:
    """Ids of the country profiles (owned by that view)."""

    ISO3 = "country-iso3"  # the profile's country code, for callbacks (it lives in the path, not the query)
    SELECT = "country-select"  # go to a country's profile (on a profile, and on the index for "all others")
    NAVIGATE = "country-navigate"  # a Location the selectors write to: navigates without a reload
    PRINT = "country-print"
    DOWNLOAD_BUTTON = "country-download-button"
    DOWNLOAD = "country-download"
    HEADLINES = "country-headlines"
    RANK = "country-rank"
    GROUPS = "country-groups"
    KEY_FIGURES = "country-key-figures"
    TRENDS = "country-trends"
    CORRIDORS_OUT = "country-corridors-out"
    CORRIDORS_IN = "country-corridors-in"
    SOURCES = "country-sources"
    NOT_FOUND = "country-not-found"
    INDEX = "country-index"
    PROFILE = "country-profile"

    @staticmethod
    def trend(key: str) -> str:
        return f"country-trend-{key}"


class Sources:
    """Ids of the sources page (owned by that view). Each source's card has the source id itself as its id, so that
    `/sources#<source id>` links land on it."""

    PAGE = "sources-page"
    SCROLL_TARGET = "sources-scroll-target"  # a store whose mounting scrolls the #<source id> card into view
    SCROLL_DONE = "sources-scroll-done"
    CITE_TEXT = "sources-cite-text"
    CITE_COPY = "sources-cite-copy"
    INDICATORS = "sources-indicators"
    DOWNLOAD_BUTTON = "sources-download-button"
    DOWNLOAD = "sources-download"

    @staticmethod
    def citation(source: str) -> str:
        return f"sources-citation-{source}"

    @staticmethod
    def copy(source: str) -> str:
        return f"sources-copy-{source}"

    @staticmethod
    def publisher(slug: str) -> str:
        return f"sources-publisher-{slug}"


class KeyFigures:
    """Ids of the key-figures page (owned by that view)."""

    PAGE = "key-figures-page"
    TOPIC = "key-figures-topic"
    TABLES = "key-figures-tables"
    DOWNLOAD_BUTTON = "key-figures-download-button"
    DOWNLOAD = "key-figures-download"

    @staticmethod
    def row(figure_id: str) -> str:
        return f"key-figure-{figure_id}"

    @staticmethod
    def topic_section(topic: str) -> str:
        return f"key-figures-topic-{topic}"


class Share:
    """Ids of the Share dialog and the page tools (layouts/share.py), on every page."""

    OPEN = "share-open"
    ZIP = "share-zip"
    MODAL = "share-modal"
    LINK = "share-link"
    SNIPPET = "share-snippet"
    SCRIPT = "share-script"
    PREVIEW = "share-preview"
    EMBED_SECTION = "share-embed-section"
    COPY_LINK = "share-copy-link"
    COPY_SNIPPET = "share-copy-snippet"
    COPY_SCRIPT = "share-copy-script"
    COPY_SYNC = "share-copy-sync"  # a hidden element; the copy callbacks need an output
