"""The flow map's arc hovers: the catalogue's text (`corridors.arc_hover`) of each arc, put together line by line —
the lines that depend on the corridor alone kept per corridor (made with its arc in gunicorn's master:
arcs.build_arcs), those that change with the answer (sex, year, source) written once per answer, the value's line
per arc — and always the text formatted whole and wrapped (`_hover_whole`, which the tests compare them with)."""
from __future__ import annotations

import string
from functools import lru_cache

from figures.common import source_label, wrap_hover_line, wrap_line
from figures.corridors.parts import persons, persons_text
from figures.corridors.selection import corridor_name
from i18n import N_, format_whole, t


@lru_cache(maxsize=64)
def _source_label(store, source: str, lang: str = "en") -> str:
    return source_label(store, source, lang)


@lru_cache(maxsize=8192)  # corridors × languages (build_arcs)
def _corridor_name(store, origin: str, destination: str, lang: str) -> str:
    return corridor_name(store, origin, destination, lang)


HOVER_KEY = N_("corridors.arc_hover")
_PAIR, _ANSWER, _ARC = 0, 1, 2  # what an arc hover's line changes with: the corridor, the answer, each arc's value


@lru_cache(maxsize=4)
def _hover_lines(lang: str) -> tuple[tuple[int, str], ...] | None:
    """The arc hover's text in `lang` cut at its line breaks, as (what the line changes with, its template) per line.
    `wrap_hover_line` wraps each line of a text alone, so an arc's hover is its lines formatted and wrapped one by
    one, joined by breaks, as long as no value puts a break into a line (`_hover` checks). None where the text
    cannot be cut so (a field across a break): then each hover is written whole."""
    lines = []
    for line in t(HOVER_KEY, lang).split("<br>"):
        try:
            parsed = [(name, spec) for _, name, spec, _ in string.Formatter().parse(line) if name is not None]
        except ValueError:  # a field cut by the break
            return None
        fields = {name for name, _ in parsed}
        if not fields <= {"corridor", "value", "sex", "year", "source"} or any("{" in spec for _, spec in parsed):
            return None  # a field of another name, or nested in a format: not cut
        kind = _PAIR if fields <= {"corridor"} else _ANSWER if not fields & {"corridor", "value"} else _ARC
        lines.append((kind, line))
    return tuple(lines)


@lru_cache(maxsize=8192)  # corridors × languages (build_arcs)
def pair_lines(store, origin: str, destination: str, lang: str) -> tuple[str | None, ...] | None:
    """A corridor's hover lines that depend on it alone, formatted and wrapped (None in the others' places); None
    if one of them holds a break."""
    name = _corridor_name(store, origin, destination, lang)
    lines = tuple(_wrapped(line.format(corridor=name)) if kind == _PAIR else None
                  for kind, line in _hover_lines(lang))
    return None if any(part is None and kind == _PAIR for part, (kind, _) in zip(lines, _hover_lines(lang))) else lines


def _wrapped(line: str) -> str | None:
    """A hover line wrapped as `wrap_hover_line` wraps it in the whole text; None if it holds a break."""
    return None if "<br>" in line else wrap_line(line)


def _hover(store, origin: str, destination: str, values: dict, answer_lines: dict, lang: str) -> str:
    """`wrap_hover_line(t(HOVER_KEY, lang, corridor=…, **values)) + "<extra></extra>"`: the lines that depend on the
    corridor alone kept per corridor, those that change with the answer (sex, year, source) once per answer
    (`answer_lines`), the value's line formatted and wrapped here."""
    lines = _hover_lines(lang)
    pair = pair_lines(store, origin, destination, lang) if lines is not None else None
    if pair is None:
        return _hover_whole(store, origin, destination, values, lang)
    parts = []
    for i, (kind, line) in enumerate(lines):
        if kind == _PAIR:
            part = pair[i]
        elif kind == _ANSWER:
            key = (i, values["sex"], values["year"], values["source"])
            part = answer_lines.get(key, False)
            if part is False:
                part = answer_lines[key] = _wrapped(line.format(**values))
        else:
            part = _wrapped(line.format(corridor=_corridor_name(store, origin, destination, lang), **values))
        if part is None:
            return _hover_whole(store, origin, destination, values, lang)
        parts.append(part)
    return "<br>".join(parts) + "<extra></extra>"


def _hover_whole(store, origin: str, destination: str, values: dict, lang: str) -> str:
    """An arc's hover text as written whole (the reference of `_hover`)."""
    return wrap_hover_line(t(HOVER_KEY, lang, corridor=_corridor_name(store, origin, destination, lang),
                             **values)) + "<extra></extra>"


class ArcHovers:
    """The arc hovers of one answer (a language and a sex): `_hover`'s text for each arc, with what is the same for
    every arc of the answer worked out once. Each line that changes with the answer (sex, year, source) is written
    once per year and source; the value's line, where it holds no corridor's name and its value no format, is that
    line written once around a stand-in, the arc's persons put in its place (a whole number of persons, all of them
    but a few, written by i18n.format_whole, as format_number writes it); each arc then pays a few joins, not a dict,
    two format calls and format_number's steps. Anything else goes `_hover`'s way
    (tests/figures/corridors/test_hovers.py compares both for every corridor with a stock, en and ru)."""

    def __init__(self, store, lang: str, sex: str):
        self.store, self.lang, self.sex = store, lang, sex
        self.lines = _hover_lines(lang)
        self.plans: dict = {}  # (year, source) → [(kind, text or template) per line], None: `_hover`'s way
        self.answer_lines: dict = {}
        self.persons = persons_text(lang)

    def __call__(self, origin: str, destination: str, year, value, source) -> str:
        plan = self.plans.get((year, source), False)
        if plan is False:
            plan = self.plans[(year, source)] = self._plan(year, source)
        pair = pair_lines(self.store, origin, destination, self.lang) if plan is not None else None
        if pair is None:
            return self._slow(origin, destination, year, value, source)
        parts = []
        for i, (kind, text) in enumerate(plan):
            if kind == _PAIR:
                parts.append(pair[i])
            elif kind == _ANSWER:
                parts.append(text)
            else:
                if type(value) is float and value.is_integer() and 0 < value < 1e15:
                    number = self.persons.format(value=format_whole(int(value), self.lang))
                else:
                    number = persons(value, self.lang)
                part = _wrapped(text[0] + number + text[1])
                if part is None:
                    return self._slow(origin, destination, year, value, source)
                parts.append(part)
        return "<br>".join(parts) + "<extra></extra>"

    def _plan(self, year, source) -> list | None:
        """What each line of the hover is for this year and source: a corridor's line (looked up per arc), the
        answer's line written, or the value's line around its stand-in; None where one is not of these."""
        if self.lines is None:
            return None
        values = dict(sex=self.sex, year=year, source=_source_label(self.store, source, self.lang))
        plan = []
        for kind, line in self.lines:
            if kind == _PAIR:
                plan.append((kind, None))
            elif kind == _ANSWER:
                part = _wrapped(line.format(**values))
                if part is None:
                    return None
                plan.append((kind, part))
            else:
                fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(line)
                          if name is not None]
                if any(name == "corridor" or (name == "value" and (spec or conversion)) for name, spec, conversion
                       in fields):
                    return None
                before, found, after = line.format(value=_VALUE, **values).partition(_VALUE)
                if not found or _VALUE in after:
                    return None
                plan.append((kind, (before, after)))
        return plan

    def _slow(self, origin: str, destination: str, year, value, source) -> str:
        return _hover(self.store, origin, destination, dict(
            value=persons(value, self.lang), sex=self.sex, year=year,
            source=_source_label(self.store, source, self.lang)), self.answer_lines, self.lang)


_VALUE = "\0value\0"  # a text no value holds: where a value's line takes its persons
