"""Numbers written as text the same way everywhere: the shortest text that reads back as the same float."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd


def format_number(value) -> str:
    """Shortest text that reads back as the same float; whole numbers without '.0'. Deterministic."""
    if isinstance(value, str):
        return value
    if value is None or math.isnan(value):
        return ""
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def format_numbers(values: pd.Series) -> list[str]:
    """format_number for a whole float column, fast for the common case of whole numbers."""
    numbers = values.to_numpy(dtype=float)
    whole = np.isfinite(numbers) & (np.floor(numbers) == numbers) & (np.abs(numbers) < 1e15)
    text = np.where(whole, np.where(whole, numbers, 0).astype(np.int64).astype(str), "").astype(object)
    text[~whole] = [format_number(value) for value in numbers[~whole]]
    return text.tolist()
