"""data/query/defaults.py: the default rule's picks."""
from __future__ import annotations

import pandas as pd

from data.query.defaults import pick_default


def test_pick_default_takes_the_first_source_in_priority_per_key():
    frame = pd.DataFrame({"iso3": ["A", "A", "B", "C"], "year": [1, 1, 1, 1], "value": [1.0, 2.0, 3.0, 4.0],
                          "source": ["old", "new", "old", "other"]})
    picked = pick_default(frame, ["new", "old"], ["iso3", "year"])
    assert picked[["iso3", "source"]].values.tolist() == [["A", "new"], ["B", "old"]]  # "other": not a default
