"""Pieces several sections of the corridors view use: chart settings, caveats without repeats, provenance
columns of the CSVs, dropdown options."""
from __future__ import annotations

import re

import pandas as pd

from data.query import get_store
from figures.common import add_provenance
from layouts import common
from layouts.common import (csv_text, fill_table_sent, provenance_of, td_sent,  # noqa: F401 — named here by
                            td_text_sent, tr_sent)  # the corridors' sections


def graph_config(filename: str, lang: str | None = None) -> dict:
    return common.graph_config(filename, remove=("select2d", "lasso2d"), lang=lang)


def distinct_caveats(texts) -> list[str]:
    """Caveat texts with sentences that an earlier text already said removed (sources repeat shared warnings)."""
    seen: set[str] = set()
    result = []
    for text in texts:
        sentences = [s for s in re.split(r"(?<=[.;])\s+", text or "") if s]
        fresh = [s for s in sentences if s not in seen]
        seen.update(sentences)
        if fresh:
            result.append(" ".join(fresh))
    return result


def with_provenance(rows: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Country names and the source's publisher, vintage and licence next to each value (in `lang`)."""
    store = get_store()
    out = rows.copy()
    for side in ("origin", "destination"):
        if side in out:
            out.insert(out.columns.get_loc(side) + 1, f"{side}_name",
                       [store.country_name(c, lang) for c in out[side]])
    return add_provenance(store, out, lang=lang)


def as_options(pairs) -> list[dict]:
    return [{"label": label, "value": value} for label, value in pairs]
