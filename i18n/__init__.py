"""The one translation layer: every visible string goes through `t`.

Catalogues are JSON files `i18n/<lang>/<namespace>.json`; a key `title` in `map.json` is looked up as `map.title`.
Each view owns its namespace file, so views can grow without touching each other's strings. A key missing in the
chosen language falls back to English, so a partial Russian catalogue never breaks a page.
"""
from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from babel.numbers import format_decimal

CATALOG_DIR = Path(__file__).parent
DEFAULT_LANG = "en"
# Languages a user may ask for with ?lang=. English is complete; others fall back to English key by key.
LANGUAGES = ("en",)


class MissingTranslation(KeyError):
    """A key that exists in no catalogue: a programming error, caught by the tests."""


@cache
def catalog(lang: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    folder = CATALOG_DIR / lang
    for path in sorted(folder.glob("*.json")):
        namespace = path.stem
        for key, text in json.loads(path.read_text(encoding="utf-8")).items():
            entries[f"{namespace}.{key}"] = text
    return entries


def normalise_lang(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """Translate `key` into `lang`, formatting `{placeholders}` with `values`."""
    text = catalog(normalise_lang(lang)).get(key)
    if text is None:
        text = catalog(DEFAULT_LANG).get(key)
    if text is None:
        raise MissingTranslation(key)
    return text.format(**values) if values else text


def has_key(key: str) -> bool:
    return key in catalog(DEFAULT_LANG)


def _locale(lang: str) -> str:
    return {"en": "en_US", "ru": "ru_RU"}.get(lang, "en_US")


def format_number(value: float | None, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """Locale-aware number: 1,234,567 in English, 1 234 567 in Russian. None/NaN → the 'no data' label."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("common.no_data", lang)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def format_compact(value: float | None, lang: str = DEFAULT_LANG) -> str:
    """Short form for large counts: 3.2 million, 870 thousand, 45,000."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("common.no_data", lang)
    magnitude = abs(value)
    for threshold, key in ((1e9, "common.billion"), (1e6, "common.million")):
        if magnitude >= threshold:
            scaled = value / threshold
            decimals = 0 if magnitude >= 100 * threshold or round(scaled, 1) == round(scaled) else 1
            return t(key, lang, value=format_number(scaled, lang, decimals))
    return format_number(value, lang)


def format_value(value: float | None, unit: str, lang: str = DEFAULT_LANG) -> str:
    """A value with its unit, as shown in hovers, cards and tables."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("common.no_data", lang)
    if unit == "%":
        return t("common.percent", lang, value=format_number(value, lang, 1 if abs(value) >= 10 else 2))
    if unit in ("current US$", "US$"):
        return t("common.usd", lang, value=format_compact(value, lang))
    if unit == "persons":
        return t("common.persons", lang, value=format_number(value, lang))
    return f"{format_number(value, lang, 2)} {unit}"
