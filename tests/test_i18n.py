import io
import re
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import i18n
from i18n import catalogs, format_compact, format_number, format_period, format_value, t, tn, tools

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = tools.SOURCES  # the sources extraction reads


def test_translates_a_key_with_placeholders():
    assert t("map.title", "en", indicator="Immigrants", year=2024) == "Immigrants, 2024"


def test_unknown_language_falls_back_to_english():
    assert t("nav.map", "xx") == t("nav.map", "en")


def test_missing_key_is_an_error():
    with pytest.raises(i18n.MissingTranslation):
        t("map.no_such_key")


def test_number_formats_follow_the_language():
    assert format_number(1234567, "en") == "1,234,567"
    assert format_number(1234567, "ru").replace("\xa0", " ") == "1 234 567"
    assert format_value(35.81, "%", "en") == "35.8%"
    assert format_value(3.2e9, "current US$", "en") == "US$ 3.2 billion"
    assert format_compact(871154, "en") == "871,154"
    assert format_value(float("nan"), "%", "en") == "No data"


def keys_in_code(pattern: str) -> dict[str, set[str]]:
    """Keys (or key prefixes) matched by `pattern` in the app's code, with the files they appear in."""
    found: dict[str, set[str]] = {}
    for target in SOURCE_DIRS:
        paths = [ROOT / target] if target.endswith(".py") else (ROOT / target).rglob("*.py")
        for path in paths:
            for key in re.findall(pattern, path.read_text()):
                found.setdefault(key, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_key_used_in_code_exists_in_the_english_catalogue():
    """Literal keys passed to t()/tn() anywhere in the code must exist, or a page would fail at run time."""
    used = keys_in_code(r"""\btn?\(\s*["']([a-z_]+\.[A-Za-z0-9_.]+)["']""")
    assert used, "the scan found no keys: the pattern is wrong"
    missing = sorted(f"{key} ({', '.join(sorted(files))})" for key, files in used.items() if not i18n.has_key(key))
    assert missing == [], "add these keys to i18n/locale/en/LC_MESSAGES/<domain>.po, then `python -m i18n.tools all`"


def extracted_keys() -> dict[str, set[str]]:
    """What `python -m i18n.tools extract` finds (Babel's Python extractor, keywords t, tn, N_, over the same
    sources), with the files each key is in."""
    from babel.messages.extract import extract_from_file

    found: dict[str, set[str]] = {}
    for target in tools.SOURCES:
        paths = [ROOT / target] if target.endswith(".py") else sorted((ROOT / target).rglob("*.py"))
        for path in paths:
            for _line, message, _comments, _context in extract_from_file(
                    "python", str(path), keywords={k: None for k in tools.KEYWORDS}, comment_tags=()):
                key = message[0] if isinstance(message, (tuple, list)) else message
                if key and "." in key:
                    found.setdefault(key, set()).add(str(path.relative_to(ROOT)))
    return found


def test_extraction_sees_every_key_and_each_is_in_both_catalogues():
    """Every key extraction finds is an entry of the English and of the Russian catalogue; and extraction sees keys
    whole: t("a.x" if c else "a.y") reaches it as "a.xa.y" (write t() in each branch instead)."""
    found = extracted_keys()
    assert len(found) > 300, "the extraction found too few keys: are the sources right?"
    glued = sorted(f"{key} ({', '.join(sorted(files))})" for key, files in found.items()
                   if any(f"{domain}." in key[1:] for domain in catalogs.domains()))
    assert glued == [], "a key chosen by a condition: write t(...) in each branch"
    for lang in ("en", "ru"):
        keys = {m.id if isinstance(m.id, str) else m.id[0] for _, m in entries(lang)}
        missing = sorted(f"{key} ({', '.join(sorted(files))})" for key, files in found.items() if key not in keys)
        assert missing == [], f"not in the {lang} catalogues: add them (i18n/README.md), `python -m i18n.tools all`"


def test_every_key_written_in_the_code_is_seen_by_extraction():
    """A key written as a plain string (handed on in a variable, or inside an f-string's braces, where the extractor
    does not look) is invisible to extraction: mark it with N_ or call t() outside the f-string."""
    import ast

    seen = extracted_keys()
    hidden = []
    for target in tools.SOURCES:
        paths = [ROOT / target] if target.endswith(".py") else sorted((ROOT / target).rglob("*.py"))
        for path in paths:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Constant) and isinstance(node.value, str) and "." in node.value
                        and node.value.split(".")[0] in catalogs.domains() and i18n.has_key(node.value)
                        and node.value not in seen):
                    hidden.append(f"{node.value} ({path.relative_to(ROOT)}:{node.lineno})")
    assert hidden == []


def test_no_key_is_built_at_run_time():
    """A key built at run time (an f-string, or a template handed to common.describe) is invisible to extraction,
    so the catalogue check above could not vouch for it: write it out ({value: N_("…")}, i18n/README.md)."""
    pattern = r"""(?:\btn?|\bdescribe)\(\s*(f["'][a-z_]+\.[^"']*\{|["'][a-z_]+\.[^"']*\{value\})"""
    assert all(re.search(pattern, code) for code in ('t(f"map.indicator_{key}", lang)', 'tn(f"a.b_{c}", n)',
                                                      'common.describe("map.scope_{value}")')), "the pattern is wrong"
    built = keys_in_code(pattern)
    assert sorted(f"{prefix} ({', '.join(sorted(files))})" for prefix, files in built.items()) == []


def test_counts_use_plural_entries():
    used = keys_in_code(r"""\btn\(\s*["']([a-z_]+\.[A-Za-z0-9_.]+)["']""")
    singular = sorted(k for k in used if k not in catalogs.plural_keys(catalogs.domain_of(k)))
    assert singular == [], "tn() needs a plural entry (msgid_plural) in the English .po"


def test_no_json_catalogue_is_left():
    """Catalogues are gettext .po files now; a JSON catalogue would be ignored by the app."""
    left = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "i18n").glob("*/*.json"))
    assert left == [], "run `python -m i18n.tools json2po` to turn them into .po entries (i18n/README.md)"


def entries(lang: str):
    for path in sorted((catalogs.LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        for message in catalog:
            if message.id:
                yield path, message


def gaps(lang: str) -> list[str]:
    found = []
    for path, message in entries(lang):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(s.strip() for s in strings):
            found.append(f"{message.id[0] if isinstance(message.id, tuple) else message.id}")
    return found


def test_english_is_complete():
    assert gaps("en") == []


def test_every_language_has_every_english_key():
    english = {(p.stem, m.id if isinstance(m.id, str) else m.id[0]) for p, m in entries("en")}
    for lang in tools.languages():
        keys = {(p.stem, m.id if isinstance(m.id, str) else m.id[0]) for p, m in entries(lang)}
        assert keys == english, f"{lang}: run `python -m i18n.tools all`"


def test_russian_is_complete():
    """Every message has a non-empty, non-fuzzy Russian translation (a fuzzy one is not compiled: English shows)."""
    assert gaps("ru") == [], "translate them in i18n/locale/ru/LC_MESSAGES/*.po, then `python -m i18n.tools all`"


def test_compiled_catalogues_are_current():
    """Each committed .mo is what compiling its .po gives (`python -m i18n.tools compile` after editing a .po)."""
    stale = []
    for lang in tools.languages():
        for path in sorted((catalogs.LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=lang)
            compiled = io.BytesIO()
            write_mo(compiled, catalog)
            mo = path.with_suffix(".mo")
            if not mo.exists() or mo.read_bytes() != compiled.getvalue():
                stale.append(str(mo.relative_to(ROOT)))
    assert stale == [], "run `python -m i18n.tools compile`"


def test_placeholders_match_english():
    """A translation may reorder {placeholders} but not drop, add or rename them: str.format would fail."""
    english = {(p.stem, m.id if isinstance(m.id, str) else m.id[0]): m.string for p, m in entries("en")}
    wrong = []
    for lang in tools.languages():
        for path, message in entries(lang):
            key = message.id if isinstance(message.id, str) else message.id[0]
            source = english.get((path.stem, key))
            if source is None:
                continue
            names = lambda text: set(re.findall(r"\{(\w*)", " ".join(text) if isinstance(text, tuple) else text))
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for string in strings:
                if string and names(string) - {"n"} != names(source) - {"n"}:
                    wrong.append(f"{lang} {key}: {string}")
    assert wrong == []


def test_plural_forms_follow_cldr():
    assert [tn("common.n_countries", n, "en") for n in (1, 2)] == ["1 country", "2 countries"]
    with enabled("ru"):
        assert [tn("common.n_countries", n, "ru") for n in (1, 2, 5, 21)] == ["1 страна", "2 страны", "5 стран",
                                                                               "21 страна"]
        assert [tn("common.n_years", n, "ru") for n in (1, 3, 11, 22)] == ["1 год", "3 года", "11 лет", "22 года"]
        assert tn("common.n_countries", 1234, "ru") == "1\xa0234 страны"


def test_untranslated_russian_falls_back_to_english(monkeypatch):
    fallback = catalogs.translations("nav", "en")
    monkeypatch.setattr(catalogs, "translations", lambda domain, lang: fallback)
    with enabled("ru"):
        assert t("nav.map", "ru") == t("nav.map", "en")


@contextmanager
def enabled(lang: str):
    before = i18n.LANGUAGES
    i18n.LANGUAGES = tuple(dict.fromkeys((*before, lang)))
    try:
        yield
    finally:
        i18n.LANGUAGES = before


NBSP = "\xa0"


def test_russian_numbers_follow_russian_typography():
    with enabled("ru"):
        assert format_number(1234567, "ru") == f"1{NBSP}234{NBSP}567"
        assert format_number(47.93, "ru", 1) == "47,9"
        assert format_value(47.93, "%", "ru") == f"47,9{NBSP}%"
        assert format_value(5.7e9, "current US$", "ru") == f"5,7{NBSP}млрд{NBSP}долл. США"
        assert format_value(871154, "persons", "ru") == f"871{NBSP}154{NBSP}чел."
        assert format_compact(3.24e6, "ru") == f"3,2{NBSP}млн"
        assert format_value(None, "%", "ru") == t("common.no_data", "ru") != t("common.no_data", "en")


def test_periods_by_language():
    assert format_period("2020Q3", "en") == "2020 Q3"
    assert format_period(2020, "en") == "2020"
    with enabled("ru"):
        assert format_period("2020Q3", "ru") == f"III{NBSP}кв. 2020"
        assert [format_period(f"2013Q{q}", "ru").split(NBSP)[0] for q in (1, 2, 3, 4)] == ["I", "II", "III", "IV"]
        assert format_period("2020", "ru") == "2020"  # a year is not a number to group: never '2 020'
    assert format_period("2013H1", "en") == "2013H1"  # not a quarter: shown as published


@pytest.mark.parametrize("lang", ["en", "ru", "xx"])
def test_numbers_are_what_babel_writes_with_the_pattern_parsed_once(lang):
    from babel.numbers import format_decimal

    locale = {"en": "en_US", "ru": "ru_RU"}.get(lang, "en_US")
    for value in (0, 7, -3.5, 0.004, 12.345, 47.95, 1234567, 1e12, -98765.4321, np.int64(2024), np.float64(0.125)):
        for decimals in (0, 1, 2):
            pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
            assert format_number(value, lang, decimals) == format_decimal(value, format=pattern, locale=locale)
