"""Metadata texts in a language: the translated columns `<name>_<lang>` (built from data/locale, see
data/metadata_i18n.py) that replace the English ones."""
from __future__ import annotations

# The texts that have such a column.
INDICATOR_TEXTS = ("definition", "caveats")
SOURCE_TEXTS = ("publisher", "title", "vintage", "licence", "caveats", "method")
COUNTRY_TEXTS = ("capital", "wb_region", "income_group")


def localise(record: dict, columns, lang: str) -> dict:
    """`record` with each of `columns` replaced by its `<column>_<lang>` text where there is one. English is the
    base language: its texts are the plain columns."""
    if lang == "en":
        return record
    for column in columns:
        text = record.get(f"{column}_{lang}")
        if isinstance(text, str) and text:
            record[column] = text
    return record
