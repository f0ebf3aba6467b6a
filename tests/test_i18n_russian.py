"""The Russian catalogues are complete: every English key, with the same placeholders and markup."""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{(\w*)\}")
ENGLISH = sorted((ROOT / "i18n" / "en").glob("*.json"))


@pytest.mark.parametrize("path", ENGLISH, ids=lambda path: path.stem)
def test_every_english_key_has_a_russian_text_with_the_same_placeholders(path):
    english = json.loads(path.read_text(encoding="utf-8"))
    russian_path = ROOT / "i18n" / "ru" / path.name
    assert russian_path.exists(), f"no Russian catalogue {russian_path.name}"
    russian = json.loads(russian_path.read_text(encoding="utf-8"))
    assert sorted(set(english) - set(russian)) == [], "keys without Russian"
    assert sorted(set(russian) - set(english)) == [], "Russian keys that English does not have"
    for key, text in english.items():
        assert set(PLACEHOLDER.findall(russian[key])) == set(PLACEHOLDER.findall(text)), key
        assert russian[key].count("<br>") == text.count("<br>"), key
        if text.strip() and key not in ("usd_prefix",):
            assert russian[key].strip(), f"{key} is empty"


def test_russian_texts_are_russian():
    """No English sentence copied over by mistake: every text with letters has Cyrillic, except names."""
    latin_only = []
    for path in sorted((ROOT / "i18n" / "ru").glob("*.json")):
        for key, text in json.loads(path.read_text(encoding="utf-8")).items():
            letters = re.sub(r"\{\w*\}|<[^>]+>", "", text)
            if re.search(r"[A-Za-z]{3,}", letters) and not re.search(r"[А-Яа-яЁё]", letters):
                latin_only.append(f"{path.stem}.{key}")
    assert latin_only == []
