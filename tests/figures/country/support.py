"""Countries the profile tests go through, and a series' latest value read straight from the store."""
from __future__ import annotations


PROFILES = ("KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "AFG", "AZE", "TUR", "IRN", "PAK", "XKX")


def latest_in_store(store, indicator: str, iso3: str):
    """The latest non-empty (year, value, source) of the default series, read straight from the store."""
    series = store.series(indicator, iso3s=[iso3]).dropna(subset=["value"])
    if series.empty:
        return None
    last = series.sort_values("year").iloc[-1]
    return int(last["year"]), float(last["value"]), last["source"]
