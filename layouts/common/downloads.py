"""CSV downloads written as pandas writes them, without a frame, and the provenance columns beside their rows."""
from __future__ import annotations

import csv
import io

import numpy as np

from figures.common import PROVENANCE_COLUMNS


def csv_text(columns: list[str], rows: list[tuple], floats: tuple[str, ...] = ("value",)) -> str:
    """`pd.DataFrame(rows, columns=columns).to_csv(index=False)`, without the frame: the columns in `floats` are
    float64 columns as pandas writes them (numpy's shortest text, "" for NaN), the others text and whole numbers
    (None: ""), through the csv module as pandas uses it (minimal quoting, "\\n" line ends). A download was a
    frame made, joined with names and provenance and written by pandas per request (~3–5 ms)."""
    cells = [list(column) for column in zip(*rows)] if rows else [[] for _ in columns]
    for place, name in enumerate(columns):
        if name in floats:
            values = np.array(cells[place], dtype=float)
            texts = values.astype(str).tolist()
            cells[place] = ["" if value != value else text for value, text in zip(values.tolist(), texts)]
        else:
            cells[place] = ["" if value is None else value for value in cells[place]]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(zip(*cells))
    return out.getvalue()


def provenance_of(store, sources, lang: str) -> dict:
    """Each source's (publisher, vintage, licence) in `lang`, as `add_provenance` writes them beside its rows."""
    found = {}
    for source in dict.fromkeys(sources):
        meta = store.source_meta(source, lang)
        found[source] = tuple(meta[column] for column in PROVENANCE_COLUMNS)
    return found
