"""The Russian catalogues are complete: every English key, with the same placeholders and markup.

(Written for the JSON catalogues; since the move to gettext the same checks read the .po files. Placeholders,
completeness and current .mo files: tests/test_i18n.py.)
"""
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "i18n" / "locale"
ENGLISH = sorted((LOCALE / "en" / "LC_MESSAGES").glob("*.po"))


def texts(path: Path, lang: str) -> dict[str, str]:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    return {(m.id[0] if isinstance(m.id, tuple) else m.id): (" | ".join(m.string) if isinstance(m.string, tuple)
                                                             else m.string)
            for m in catalog if m.id}


@pytest.mark.parametrize("path", ENGLISH, ids=lambda path: path.stem)
def test_every_english_key_has_a_russian_text_with_the_same_markup(path):
    english = texts(path, "en")
    russian_path = LOCALE / "ru" / "LC_MESSAGES" / path.name
    assert russian_path.exists(), f"no Russian catalogue {russian_path.name}"
    russian = texts(russian_path, "ru")
    assert sorted(set(english) - set(russian)) == [], "keys without Russian"
    assert sorted(set(russian) - set(english)) == [], "Russian keys that English does not have"
    for key, text in english.items():
        assert russian[key].count("<br>") == text.count("<br>"), key


def test_russian_texts_are_russian():
    """No English sentence copied over by mistake: every text with letters has Cyrillic, except names."""
    latin_only = []
    for path in sorted((LOCALE / "ru" / "LC_MESSAGES").glob("*.po")):
        for key, text in texts(path, "ru").items():
            letters = re.sub(r"\{\w*\}|<[^>]+>", "", text)
            if re.search(r"[A-Za-z]{3,}", letters) and not re.search(r"[А-Яа-яЁё]", letters):
                latin_only.append(key)
    assert latin_only == []
