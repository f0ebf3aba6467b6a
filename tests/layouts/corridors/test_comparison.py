"""The sources side by side: the CSV."""
from __future__ import annotations

import io

import pandas as pd

from layouts.corridors.comparison import comparison_csv


def test_comparison_csv_carries_provenance(store):
    comparison = comparison_csv()
    assert (comparison["destination"] == "RUS").all()
    fms = comparison[comparison["measure"] == "citizens_present"]
    assert fms.set_index("origin").loc["UZB", "value"] == 3_000_000
    pd.read_csv(io.StringIO(comparison.to_csv(index=False)))
