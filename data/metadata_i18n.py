"""Metadata texts in Russian: the gettext domain `metadata`, whose message ids are the English texts.

Indicator names, units, definitions and caveats, source publishers, titles, vintages, licences, caveats and methods
(data/catalog.py) and the statements of the IOM strategy's key figures (data/raw/iom_ca_strategy/key_figures.csv) are
English at their source. Their translations live in `data/locale/ru/LC_MESSAGES/metadata.po`, a plain gettext
catalogue (Poedit, Weblate); `python -m data.build` writes them into the `*_ru` columns of the curated tables and
stops, naming the text, when one has no translation. The app reads only the curated tables.

Unlike the UI catalogues (i18n/, key-based msgids), these msgids are the English texts themselves: the catalogue is
the single place that pairs an English text with its Russian. Texts are found by a Babel extractor (`extract` below)
over the catalogue's objects rather than `N_()` markers, because most texts are put together from shared caveat
sentences and the UI tools scan data/ for `N_()` keys. Refresh the catalogue after changing a text:

    PYTHONPATH=. pybabel extract -F data/babel.cfg --omit-header --no-wrap -o data/locale/metadata.pot data
    pybabel update -i data/locale/metadata.pot -d data/locale -D metadata -l ru --no-wrap --ignore-obsolete

(or `python -m data.metadata_i18n`, which runs both), then fill in the new empty entries.

Citations are the one optional field: a publisher's own citation stays in its language (the views mark it
lang="en"); the citations this project writes itself are translated.
"""
from __future__ import annotations

import csv
import re
import sys
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from data import catalog

LOCALE_DIR = catalog.DATA_DIR / "locale"
DOMAIN = "metadata"
BABEL_CFG = catalog.DATA_DIR / "babel.cfg"
# Languages the curated tables carry a column for (besides English).
LANGUAGES = ("ru",)
SOURCE_FIELDS = ("publisher", "title", "vintage", "licence", "citation", "caveats", "method")
INDICATOR_FIELDS = ("name_en", "unit", "definition", "caveats")
OPTIONAL_FIELDS = frozenset({"citation"})
# Refreshed WDI sources carry their retrieval date in their texts: the catalogue holds them with `{date}`.
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
DATE_PLACEHOLDER = "{date}"


class MissingTranslation(ValueError):
    """A metadata text without a translation (the build turns it into a DataValidationError naming the text)."""

    def __init__(self, text: str, lang: str, what: str):
        self.text, self.lang, self.what = text, lang, what
        super().__init__(f"{what} has no translation into '{lang}' in the metadata catalogue: “{text}”")


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> dict[str, str]:
    """msgid → msgstr of the language's catalogue, without empty or fuzzy entries."""
    path = po_path(lang)
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        po = read_po(handle, locale=lang, domain=DOMAIN)
    return {message.id: message.string for message in po
            if message.id and isinstance(message.string, str) and message.string and not message.fuzzy}


def template(text: str) -> str:
    """The catalogue form of a text: dates replaced by {date}."""
    return DATE.sub(DATE_PLACEHOLDER, text)


def translate(text: str, lang: str, *, what: str = "text", required: bool = True) -> str:
    """The translation of an English metadata text ('' for an empty text). A text without letters (a date, a
    number) is its own translation. Raises MissingTranslation naming the text when a required one is missing."""
    if not text or not re.search(r"[A-Za-z]", text):
        return text
    table = translations(lang)
    if text in table:
        return table[text]
    dates = DATE.findall(text)
    if dates and template(text) in table:
        translated = table[template(text)]
        for date in dates:
            translated = translated.replace(DATE_PLACEHOLDER, date, 1)
        return translated
    if not required:
        return ""
    raise MissingTranslation(text, lang, what)


# ---------------------------------------------------------------------------------------------------------------
# The texts, for the build and for extraction
# ---------------------------------------------------------------------------------------------------------------
def catalog_texts(raw_dir: Path = catalog.RAW_DIR) -> list[tuple[str, str, bool]]:
    """(text, where, required) for every text of the sources and indicators, in catalogue order."""
    texts = []
    for source in catalog.sources(raw_dir):
        for field in SOURCE_FIELDS:
            texts.append((getattr(source, field), f"source {source.id}, {field}", field not in OPTIONAL_FIELDS))
    for indicator in catalog.indicators(raw_dir):
        for field in INDICATOR_FIELDS:
            texts.append((getattr(indicator, field), f"indicator {indicator.id}, {field}", True))
    return texts


def statement_texts(rows) -> list[tuple[str, str, bool]]:
    return [(row["statement"], f"key figure {row['figure_id']}, statement", True) for row in rows]


def extract(fileobj, keywords, comment_tags, options):
    """Babel extraction method (data/babel.cfg): the texts of data/catalog.py (dates as {date}, so that every
    refreshed WDI source shares one entry) and the key figures' statements. Yields (lineno, funcname, message,
    comments)."""
    name = Path(getattr(fileobj, "name", "")).name
    if name == "catalog.py":
        texts = catalog_texts() + [(getattr(source, field), f"source {source.id}, {field}", field not in OPTIONAL_FIELDS)
                                   for source in _sample_refreshed() for field in SOURCE_FIELDS]
        texts = [(template(text), where, required) for text, where, required in texts if re.search(r"[A-Za-z]", text)]
    elif name == Path(catalog.IOM_KEY_FIGURES).name:
        texts = statement_texts(csv.DictReader(fileobj.read().decode("utf-8-sig").splitlines()))
    else:
        return
    seen = set()
    for text, where, required in texts:
        if text and re.search(r"[A-Za-z]", text) and (text, where) not in seen:
            seen.add((text, where))
            yield 0, None, text, [where] if required else [where, "optional: may stay in its language"]


def _sample_refreshed() -> list[catalog.Source]:
    """A refreshed WDI source as `python -m data.refresh` would write it, for extraction before any refresh."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / catalog.WDI_API_DIR
        path.mkdir()
        (path / "WDI_api_2000-01-01.csv").write_text("")
        return catalog.refreshed_wdi_sources(Path(folder))


def main(argv: list[str] | None = None) -> int:
    """pybabel extract + update for the metadata domain (the commands are printed, to be run by hand as well)."""
    from babel.messages.frontend import CommandLineInterface

    root = catalog.DATA_DIR.parent
    pot = LOCALE_DIR / f"{DOMAIN}.pot"
    commands = [["extract", "-F", str(BABEL_CFG.relative_to(root)), "--omit-header", "--no-wrap",
                 "-o", str(pot.relative_to(root)), "data"]]
    commands += [["update", "-i", str(pot.relative_to(root)), "-d", str(LOCALE_DIR.relative_to(root)), "-D", DOMAIN,
                  "-l", lang, "--no-wrap", "--ignore-obsolete", "--init-missing"] for lang in LANGUAGES]
    for command in commands:
        print("pybabel " + " ".join(command), flush=True)
        if CommandLineInterface().run(["pybabel", "-q", *command]):
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
