"""Texts inside a page that keep their own language: an English citation in a Russian sentence, the technical
passages (codes, file names, addresses) of a Russian metadata text."""
from __future__ import annotations

import re

from layouts.made import html


def with_element(text: str, slot: str, element) -> list:
    """`text` (a translation made with `slot` as the value of a placeholder) as parts, `element` in the slot's place:
    for a value that needs its own element, such as an English citation marked lang="en" inside a Russian
    sentence."""
    before, _, after = text.partition(slot)
    return [part for part in (before, element, after) if part != ""]


SLOT = "\x00"


def english(text: str) -> html.Span:
    """A passage that stays English on every page (a publisher's citation or title), marked for screen readers and
    for the check that a Russian page has no English."""
    return html.Span(text, lang="en")


# Latin-script passages a Russian metadata text keeps as they are: names quoted from a publisher's file (a sheet, a
# column: «Inward remittance flows»), addresses, file names and identifiers (stock_total, data/catalog.py,
# BX.TRF.PWKR.CD.DT, Data360). They are marked with their language (lang="en" for quoted English, "zxx" for codes),
# so that screen readers and the check for untranslated English on Russian pages treat them as such.
TECHNICAL = re.compile(r"«[^«»А-Яа-яЁё]*[A-Za-z][^«»А-Яа-яЁё]*»"
                       r"|https?://\S+"
                       r"|/?[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*(?:[_./@:?=&-][A-Za-z0-9^]+)+"
                       r"|[A-Za-z]+\d\w*")


def technical(text, lang: str):
    """`text` with its technical passages (see TECHNICAL) in elements marked with their language, as one Span;
    unchanged in English (or when there is nothing to mark)."""
    if lang == "en" or not isinstance(text, str) or not text:
        return text
    parts: list = []
    position = 0
    for match in TECHNICAL.finditer(text):
        if match.start() > position:
            parts.append(text[position:match.start()])
        token = match.group(0)
        parts.append(html.Span(token, lang="en" if token.startswith("«") else "zxx"))
        position = match.end()
    if not parts:
        return text
    if position < len(text):
        parts.append(text[position:])
    return html.Span(parts)  # one component: a list inside a list of children does not render in Dash
