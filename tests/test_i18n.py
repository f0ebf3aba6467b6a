import json
import re
from pathlib import Path

import pytest

import i18n
from i18n import format_compact, format_number, format_value, t

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = ("layouts", "callbacks", "figures", "app.py", "state.py")


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


def test_every_key_used_in_code_exists_in_the_english_catalogue():
    """Literal keys passed to t() anywhere in the code must exist, or a page would fail at run time."""
    used = set()
    for target in SOURCE_DIRS:
        paths = [ROOT / target] if target.endswith(".py") else (ROOT / target).rglob("*.py")
        for path in paths:
            used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_]+)["']""", path.read_text()))
    assert used, "the scan found no keys: the pattern is wrong"
    missing = sorted(key for key in used if not i18n.has_key(key))
    assert missing == []


def test_catalogues_are_flat_string_maps():
    for path in (ROOT / "i18n").rglob("*.json"):
        entries = json.loads(path.read_text())
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in entries.items()), path
