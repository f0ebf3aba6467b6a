"""Query API over the curated tables: `DataStore` (validated on load) and the process-wide `get_store()`.

Pure pandas, no Dash. Methods return new DataFrames (never views of the store's own data).

Default rule ("one line, one vintage"): each indicator (and corridor measure) has an ordered `source_priority` in
meta_indicators.csv, newest release first. A country's default *series* comes from one source: the first in that
list that has any value for the country; `series()` never joins years of two releases on one line. Years that only
an older release has are returned apart by `other_segments()`, with their source, for charts to draw as a visibly
different segment. Cross-country views of one year (a map, a world ranking) must mix releases: `values_for_map()`
takes each country's value from the first source in the list that has that year and says which source it used;
`releases_used()` names them. For corridors, the default is the first source of the list for the whole measure
(revisions are never mixed on one map). Sources outside the list stay available by naming them.

One file per part: `store` (the tables loaded, `get_store`), `defaults` (the rule above), `values` (an indicator's
values), `indexes` (their lookup indexes), `corridors`, `metadata`, `countries`, `localise` (texts in a language).
Callers import the store from here.
"""
from data.query.store import CURATED_DIR_ENV, DataStore, curated_dir, get_store

__all__ = ["CURATED_DIR_ENV", "DataStore", "curated_dir", "get_store"]
