"""Compiled gettext catalogues (`i18n/locale/<lang>/LC_MESSAGES/<domain>.mo`), loaded once per process.

Message ids are keys (`map.title`), not English sentences: the English catalogue holds the English text like any other
language (Weblate's "monolingual gettext"). The domain of a key is the part before its first dot, so each view owns
its own `.po` files and parallel work never edits the same file.
"""
from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from babel.messages.mofile import read_mo

LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE_LANG = "en"


def domain_of(key: str) -> str:
    return key.split(".", 1)[0]


def domains() -> tuple[str, ...]:
    """Every domain that has an English catalogue (the English one is the base: it defines the keys)."""
    folder = LOCALE_DIR / SOURCE_LANG / "LC_MESSAGES"
    return tuple(sorted(path.stem for path in folder.glob("*.po")))


@cache
def translations(domain: str, lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of `domain` in `lang`, falling back to English entry by entry (an untranslated
    entry is not compiled into the .mo, so gettext asks the fallback)."""
    found = gettext.translation(domain, LOCALE_DIR, languages=[lang], fallback=True)
    if lang != SOURCE_LANG:
        found.add_fallback(translations(domain, SOURCE_LANG))
    return found


@cache
def _source_ids(domain: str) -> tuple:
    """Message ids of `domain` in the English catalogue: a key, or (singular, plural) for plural entries."""
    path = LOCALE_DIR / SOURCE_LANG / "LC_MESSAGES" / f"{domain}.mo"
    if not path.exists():
        return ()
    with path.open("rb") as handle:
        return tuple(m.id for m in read_mo(handle) if m.id)


@cache
def keys(domain: str) -> frozenset[str]:
    """Keys of `domain` in the English catalogue (plural entries by their singular id)."""
    return frozenset(i[0] if isinstance(i, (tuple, list)) else i for i in _source_ids(domain))


@cache
def plural_keys(domain: str) -> frozenset[str]:
    return frozenset(i[0] for i in _source_ids(domain) if isinstance(i, (tuple, list)))
