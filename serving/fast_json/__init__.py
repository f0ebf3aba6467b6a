"""Dash's callback answers encoded without plotly's generic cleaning walk, byte for byte as before.

Dash encodes every callback answer with plotly's `to_json_plotly`: orjson first, and when the answer holds Dash
components (a page from the router, a profile, a card), `clean_to_json_compatible` over the whole tree. That walk
is generic: for each component it tries datetime, numpy, pandas and `.tolist()` conversions (two exceptions each)
before `to_plotly_json()`, and `to_plotly_json` matches every attribute against the wildcard prefixes one by one.
It was about half of a country profile's first build (~700 components).

`answer.to_json` walks plain containers and components itself and hands anything else (numpy, pandas, dates,
figures) to plotly's own cleaning, so what it writes is what `to_json_plotly` writes; of an answer holding
components it walks only the outputs that hold them, orjson writing the others (figures, Patches) at once
(`pieces._pieces`) (tests/serving/fast_json/ compares both on every view's pages in both languages).
`answer.install()` puts it where Dash's callback route looks it up; without orjson (plotly's "json" engine)
plotly's function is used as it is.

A component's data-* and aria-* props are written in name order, by both encoders (Dash's `to_plotly_json` is
replaced on import, `props`): Dash keeps a component's arguments in a set (`_explicitize_args`), so they came in the
order of the process's string hashes (PYTHONHASHSEED) — every page, stored answer and ETag changed with each restart
and differed between instances, and a browser downloaded again a page it had (tests/test_pages.py runs two
processes with different seeds).

One module per part: `answer` (`to_json`, `to_json_bytes`, `install`), `pieces` (the bytes writer: an answer and its
components written piece by piece), `plain` (plotly's cleaning walk, components walked here), `written` (`written`,
`Template`: parts written ahead), `fragment` (`Fragment`: JSON already written), `props` (a component's props set,
data-*/aria-* in name order), `escaping` (the characters plotly swaps, swapped in bytes). Callers import from the
modules; this package exports nothing, and importing any of it replaces Dash's `to_plotly_json`.
"""
from serving.fast_json import props  # noqa: F401  (Dash's to_plotly_json replaced, whatever module is imported)
