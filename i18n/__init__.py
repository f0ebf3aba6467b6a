"""The one translation layer: every visible string goes through `t` (or `tn` for counts).

Catalogues are gettext message catalogues managed with Babel, one domain per namespace:
`i18n/locale/<lang>/LC_MESSAGES/<namespace>.po` (compiled to `.mo`). The message id is the key (`map.title` lives in
the `map` domain), the English catalogue holds the English text. An entry missing in the chosen language falls back
to English, so a partial catalogue never breaks a page; the tests demand both complete. Strings are translated
eagerly, per request: Dash cannot serialise lazy strings. How to add a string: i18n/README.md.
"""
from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol, parse_pattern

from i18n import catalogs

DEFAULT_LANG = "en"
# Languages a user may ask for with ?lang=; both complete (tests/test_i18n.py). A catalogue entry missing at run time
# falls back to English rather than breaking a page.
LANGUAGES = ("en", "ru")


class MissingTranslation(KeyError):
    """A key that exists in no catalogue: a programming error, caught by the tests."""


def normalise_lang(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """Translate `key` into `lang`, formatting `{placeholders}` with `values`."""
    text = catalogs.translations(catalogs.domain_of(key), normalise_lang(lang)).gettext(key)
    if text == key:
        raise MissingTranslation(key)
    return text.format(**values) if values else text


def tn(key: str, n: int, lang: str = DEFAULT_LANG, **values) -> str:
    """Translate a count: the plural form of `key` for `n` by the language's CLDR rule (1 страна, 2 страны,
    5 стран). `{n}` in the text is the count formatted for the language unless `values` gives `n` itself."""
    count = int(n)
    text = catalogs.translations(catalogs.domain_of(key), normalise_lang(lang)).ngettext(key, key, count)
    if text == key:
        raise MissingTranslation(key)
    values.setdefault("n", format_number(count, lang))
    return text.format(**values)


def has_key(key: str) -> bool:
    return key in catalogs.keys(catalogs.domain_of(key))


def _locale(lang: str) -> str:
    return {"en": "en_US", "ru": "ru_RU"}.get(lang, "en_US")


def format_number(value: float | None, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """Locale-aware number: 1,234,567 in English, 1 234 567 in Russian. None/NaN → the 'no data' label."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("common.no_data", lang)
    return _babel_steps(value, lang, decimals)


def _babel_number(value, lang: str, decimals: int) -> str:
    """Babel's own rendering (`NumberPattern.apply`): what `_babel_steps` must equal (tests/test_i18n_numbers.py)."""
    return _number_pattern(decimals).apply(value, _babel_locale(lang))


def _babel_steps(value, lang: str, decimals: int) -> str:
    """`_babel_number`, the same steps without Babel's generality (~14 → ~5 µs a number at load 11; a world map formats
    240, a table hundreds): the value through `Decimal(str(value))`, its sign apart, quantized in the current
    decimal context (half-even on the decimal text, not the binary float), grouped by threes with the locale's
    symbols. Anything else (infinity, a Decimal NaN, a type whose text is no number) goes to Babel itself."""
    if type(value) is float and not decimals and value.is_integer() and 0 < abs(value) < 1e15:
        # a whole number (a count of persons: most numbers formatted): its digits as they are, grouped
        digits = format_whole(int(abs(value)), lang)
        return "-" + digits if value < 0 else digits
    try:
        number = value if type(value) is Decimal else Decimal(str(value))
        # exponent 0, -1 or -2 after quantize: str() writes no exponent
        digits, _, fraction = str(number.copy_abs().quantize(_QUANTA[decimals])).partition(".")
    except (InvalidOperation, ValueError, TypeError, KeyError):  # Babel raises or writes its own
        return _babel_number(value, lang, decimals)
    if len(digits) > 3:
        digits = format_whole(int(digits), lang)
    if decimals:
        digits += (_SYMBOLS.get(lang) or _symbols(lang))[1] + fraction
    return "-" + digits if number.is_signed() else digits


_QUANTA = {0: Decimal(1), 1: Decimal("0.1"), 2: Decimal("0.01")}


def format_whole(count: int, lang: str = DEFAULT_LANG) -> str:
    """A whole number as `format_number` writes it, its digits grouped by threes with the language's mark (1,234,567
    in English, 1 234 567 with no-break spaces in Russian): for format_number's steps and for the counts written per
    arc or per partner without them (figures/map/parts.py, figures/corridors/, layouts/corridors/flows.py).
    tests/test_i18n_numbers.py compares it with Babel's text."""
    return regroup(format(count, ","), lang)


def regroup(digits: str, lang: str = DEFAULT_LANG) -> str:
    """A whole number's digits grouped by "," (English's mark: `format(count, ",")`, or `format_whole(count, "en")`
    kept once for every language) with the language's group mark instead: the one place it is put between digits."""
    group = (_SYMBOLS.get(lang) or _symbols(lang))[0]
    return digits if group == "," else digits.replace(",", group)


_SYMBOLS: dict[str, tuple[str, str]] = {}


def _symbols(lang: str) -> tuple[str, str]:
    """The locale's group and decimal symbols (',' '.' in English, no-break space and ',' in Russian)."""
    locale = _babel_locale(lang)
    found = _SYMBOLS[lang] = (get_group_symbol(locale), get_decimal_symbol(locale))
    return found


# What `format_decimal(value, format=pattern, locale=…)` does on every call, parsing the pattern and the locale
# again (most of its cost, and a map formats a hundred values), done once.
@lru_cache(maxsize=16)
def _number_pattern(decimals: int):
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


@lru_cache(maxsize=8)
def _babel_locale(lang: str) -> Locale:
    return Locale.parse(_locale(lang))


def format_compact(value: float | None, lang: str = DEFAULT_LANG) -> str:
    """Short form for large counts: 3.2 million, 870 thousand, 45,000."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("common.no_data", lang)
    magnitude = abs(value)
    for threshold, key in ((1e9, N_("common.billion")), (1e6, N_("common.million"))):
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


def N_(key: str) -> str:
    """Marks a key for extraction without translating it (for keys chosen at run time, see i18n/README.md)."""
    return key


QUARTER_KEYS = {"1": N_("common.quarter_1"), "2": N_("common.quarter_2"), "3": N_("common.quarter_3"),
                "4": N_("common.quarter_4")}


def format_period(period: object, lang: str = DEFAULT_LANG) -> str:
    """A year or a quarter as written in the language: '2020' stays '2020' (never '2 020'); '2020Q3' becomes
    '2020 Q3' in English and 'III кв. 2020' in Russian (the quarter's name is a catalogue entry)."""
    text = str(period)
    year, q, quarter = text.partition("Q")
    if not q or not (year.isdigit() and quarter in ("1", "2", "3", "4")):
        return text
    return t("common.period_quarter", lang, year=year, quarter=t(QUARTER_KEYS[quarter], lang))
