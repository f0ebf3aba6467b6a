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


class Corridors:
    """Ids of the corridors view (owned by that view)."""


class Country:
    """Ids of the country profiles (owned by that view)."""


class Sources:
    """Ids of the sources page (owned by that view)."""


class KeyFigures:
    """Ids of the key-figures page (owned by that view)."""
