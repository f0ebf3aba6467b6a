"""The arcs' hover texts: put together line by line, always the text formatted whole and wrapped."""
from __future__ import annotations

import pytest

from figures.corridors import selection as selection_fig
from figures.corridors.map_frame import flow_map
from tests.figures.corridors.support import flow_selections


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_each_arc_hover_is_the_whole_text_wrapped(store, lang):
    """An arc's hover put together line by line (corridor's lines kept, the answer's once, the value's per arc) is
    the text formatted whole and wrapped, for every arc of every kind of selection."""
    from figures.corridors.hovers import _hover_whole, _source_label
    from figures.corridors.parts import persons
    from figures.corridors.selection import sex_label

    for sel in flow_selections(store):
        rows = {(r.origin, r.destination): r for r in selection_fig.flow_rows(store, sel)}
        for arc in flow_map(store, sel, list(rows.values()), lang).arcs:
            row = rows[(arc.origin, arc.destination)]
            values = dict(value=persons(row.value, lang), sex=sex_label(sel.sex, lang), year=row.year,
                          source=_source_label(store, row.source, lang))
            assert arc.hovertemplate == _hover_whole(store, arc.origin, arc.destination, values, lang)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_answer_s_hover_writer_gives_each_arc_the_whole_text_wrapped(store, lang):
    """`ArcHovers` (the answer's lines worked out once, the value's line around a stand-in, whole persons grouped in
    place) gives `_hover_whole`'s text for every third corridor-year with a stock of each revision and sex, and for
    values off its fast path (fractions, 10^15 and more, tiny ones)."""
    from figures.corridors.hovers import ArcHovers, _hover_whole, _source_label
    from figures.corridors.parts import persons
    from figures.corridors.selection import sex_label

    checked = 0
    for source in selection_fig.revision_sources(store):
        for sex in ("total", "female", "male"):
            label = sex_label(sex, lang)
            writer = ArcHovers(store, lang, label)
            rows = store.corridors(f"stock_{sex}", source=source)
            rows = rows[(rows["origin"] != rows["destination"]) & (rows["value"] > 0)]
            for origin, destination, year, value in list(zip(rows["origin"], rows["destination"], rows["year"].tolist(),
                                                             rows["value"].tolist()))[::3]:
                values = dict(value=persons(value, lang), sex=label, year=year,
                              source=_source_label(store, source, lang))
                assert writer(origin, destination, year, value, source) == \
                    _hover_whole(store, origin, destination, values, lang), (origin, destination, year, value)
                checked += 1
            for value in (0.5, 1234.25, 999.0, 1e15, 3.2e16, 1e-3, 7):
                values = dict(value=persons(value, lang), sex=label, year=2020,
                              source=_source_label(store, source, lang))
                assert writer("UZB", "RUS", 2020, value, source) == \
                    _hover_whole(store, "UZB", "RUS", values, lang), value
    assert checked > 10_000


def test_a_hover_text_that_cannot_be_cut_at_its_breaks_is_written_whole(store, monkeypatch):
    """The hover's lines are made one by one only where its text can be cut so; otherwise (a field across a break,
    a value holding a break, a line long enough to wrap) the same text as written whole; a field cut by a break is
    not cut."""
    from figures.corridors import hovers

    def with_text(text):
        hovers._hover_lines.cache_clear()
        hovers.pair_lines.cache_clear()
        real = hovers.t
        monkeypatch.setattr(hovers, "t", lambda key, lang, **values: (text.format(**values) if values else text)
                            if key == hovers.HOVER_KEY else real(key, lang, **values))

    values = dict(value="1,234 persons", sex="women", year=2020, source="UN DESA")
    try:
        for text in ("{corridor}<br>{value} ({sex})<br>{year} · {source}", "{value}<br>{corridor} {year}<br>{sex}",
                     "{source}: {value} in {year} among {sex}, the corridor {corridor}",
                     "<b>{corridor}</b>"):
            with_text(text)
            for extra in ({}, {"sex": "a<br>b"}, {"source": "x" * 30 + " " + "y" * 30}):
                fast = hovers._hover(store, "UZB", "RUS", {**values, **extra}, {}, "en")
                assert fast == hovers._hover_whole(store, "UZB", "RUS", {**values, **extra}, "en"), (text, extra)
            # the answer's writer too (its source is a label it looks up; the sex as given)
            for sex in ("women", "a<br>b", "x" * 45):
                written = hovers.ArcHovers(store, "en", sex)("UZB", "RUS", 2020, 1234.0, "undesa_ims_2024")
                whole = dict(value=hovers.persons(1234.0, "en"), sex=sex, year=2020,
                             source=hovers._source_label(store, "undesa_ims_2024", "en"))
                assert written == hovers._hover_whole(store, "UZB", "RUS", whole, "en"), (text, sex)
        for text in ("{corridor}<br>{value:<br}x}", "{corridor}<br>{value:>{year}}", "{corridor}<br>{other}"):
            with_text(text)
            assert hovers._hover_lines("en") is None, text
    finally:
        hovers._hover_lines.cache_clear()
        hovers.pair_lines.cache_clear()
