"""Pieces several sections of the corridors view use: chart settings, caveats without repeats, provenance
columns of the CSVs, dropdown options."""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from data.query import get_store
from figures.common import add_provenance
from layouts import common
from layouts.common import csv_text, provenance_of  # noqa: F401 — the corridors' downloads name them here


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


_TD = {"type": "Td", "namespace": "dash_html_components"}
_TR = {"type": "Tr", "namespace": "dash_html_components"}


def td_sent(cell) -> dict:
    """`html.Td(cell)` as Dash sends it (see common.serialised)."""
    return {"props": {"children": cell}, **_TD}


@lru_cache(maxsize=1024)
def td_text_sent(text: str) -> dict:
    """`td_sent` of a text many rows repeat (a country's name, a revision): one dict, written each time it is used."""
    return td_sent(text)


def tr_sent(cells: list) -> dict:
    """`html.Tr(cells)` as Dash sends it, its cells sent already."""
    return {"props": {"children": cells}, **_TR}


def fill_table_sent(table: dict, rows: list[dict]) -> None:
    """Puts the rows (`tr_sent`) into a `common.table` sent with none (its body, the last child)."""
    table["props"]["children"][-1]["props"]["children"] = rows


def as_options(pairs) -> list[dict]:
    return [{"label": label, "value": value} for label, value in pairs]
