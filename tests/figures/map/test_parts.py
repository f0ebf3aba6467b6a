"""The map's plain indexes (figures/map/parts.py) give what the pandas path gave (figures/map/reference.py)."""
import json
from dataclasses import asdict

import pandas as pd
import pytest

import geo
from figures.map import parts as map_parts
from figures.map.frame import map_frame
from figures.map.indicators import EMIGRANT_KEYS, INDICATORS
from figures.map.partners import _partner_index, partner_values
from figures.map.reference import map_frame_reference
from i18n import format_value

SCOPES = {scope: tuple(code for code in geo.feature_ids(scope) if code != "ATA") for scope in ("region", "world")}
YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024)
TARGETS = ("KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "AFG", "AZE", "TUR", "IRN", "PAK", "ARM", "GEO", "MDA", "UKR",
           "BLR", "MNG", "CHN")


def as_text(frame) -> str:
    return json.dumps(asdict(frame), ensure_ascii=False)


@pytest.mark.parametrize("key", ["emigrants", "immigrants"])
def test_every_focus_country_and_year_has_the_partners_pandas_sorts(store, key):
    emigrants = key in EMIGRANT_KEYS
    index = _partner_index(store, emigrants)
    foci = sorted(set(index.index.get_level_values(0))) + ["XXX"]
    for focus in foci:
        for year in (*YEARS, 1985):
            found = map_parts.partner_list(store, emigrants, focus, year)
            expected = partner_values(store, key, year, focus)
            assert found.codes == tuple(expected.index), (focus, year)
            assert found.values == tuple(expected.tolist())
            assert found.held == expected.sum()


def test_tied_values_keep_the_order_pandas_gives_them():
    import numpy as np

    values = np.array([5.0, 1.0, 5.0, float("nan"), 3.0, 1.0, 5.0])
    expected = pd.Series(values).sort_values(ascending=False).index.to_numpy()
    assert map_parts.descending_order(values).tolist() == expected.tolist()


def test_counts_of_persons_are_written_as_format_value_writes_them(store):
    values = set()
    for emigrants in (True, False):
        values.update(_partner_index(store, emigrants).tolist())
    values.update([1.0, 999.0, 1000.0, 12345.5, 0.0, -1500.0, 1e15, 2.5e16, 0.4, 999999.5])
    for lang in ("en", "ru"):
        for value in values:
            assert map_parts.persons_text(float(value), lang) == format_value(float(value), "persons", lang), value


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_indicator_year_and_extent_without_focus_is_the_pandas_frame(store, lang):
    for key in INDICATORS:
        for year in YEARS:
            for ids in SCOPES.values():
                assert as_text(map_frame(store, key, year, ids, None, lang)) == \
                    as_text(map_frame_reference(store, key, year, ids, None, lang))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_focus_on_many_countries_in_every_year_is_the_pandas_frame(store, lang):
    """The 18 target countries in every year, both directions, both extents; every other country in one year,
    indicator and extent each (in turn), including those without bilateral data and outside the region."""
    codes = store.countries()["iso3"].tolist()
    cases = [(key, year, scope, focus) for focus in TARGETS for year in YEARS
             for key, scope in (("emigrants", "region"), ("immigrants_pct", "world"))]
    keys, scopes = list(INDICATORS), list(SCOPES)
    cases += [(keys[i % 4], YEARS[i % len(YEARS)], scopes[(i // 4) % 2], code)
              for i, code in enumerate(code for code in codes if code not in TARGETS)]
    for key, year, scope, focus in cases:
        ids = SCOPES[scope]
        focus = focus if focus in ids else None
        assert as_text(map_frame(store, key, year, ids, focus, lang)) == \
            as_text(map_frame_reference(store, key, year, ids, focus, lang)), (key, year, scope, focus)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_focus_country_and_years_cells_and_texts_are_the_extent_wide_ones(store, lang):
    """Each partner's place on the scale and its count written are made once per focus country and year
    (map_parts.PartnerList: `low`, `high`, `cells`, `digits`) and put into an extent per answer: for every focus
    country and year of both directions, in both extents, what the extent-wide arrays give (numpy's log10 of every
    country's value, np.minimum, round to 4 places; persons written by format_value), as the focus map made them."""
    import math

    import numpy as np

    from figures.map.frame import _partner_cells, _places
    from figures.map.scale import NO_DATA_SHARE, _to_scale

    no_data_text = "no data"
    for emigrants in (True, False):
        for (focus, year), found in map_parts.partner_lists(store, emigrants).items():
            positive = [value for value in found.values if value > 0]
            assert (found.low, found.high) == ((math.log10(min(positive)), math.log10(max(positive))) if positive
                                               else (0.0, 1.0)), (focus, year)
            low, high = min(found.low, found.high - 1), found.high
            no_data = round(low - (high - low) * NO_DATA_SHARE / (1 - NO_DATA_SHARE), 4)
            for ids in SCOPES.values():
                raw = np.array([found.by_code.get(code, float("nan")) for code in ids], dtype=float)
                scaled = _to_scale(raw, True)
                z = [round(v, 4) for v in np.where(np.isfinite(scaled), np.minimum(scaled, high), no_data).tolist()]
                shown = [format_value(value, "persons", lang) if ok else no_data_text
                         for value, ok in zip(raw.tolist(), np.isfinite(raw).tolist())]
                assert _partner_cells(_places(ids), len(ids), found, no_data, no_data_text, lang) == \
                    (z, shown, bool(np.isfinite(scaled).any())), (emigrants, focus, year)


def test_the_panels_counts_and_shares_are_written_as_format_value_writes_them(store):
    """The focus panel's rows (layouts/map/panel.py): each partner's count from its digits made once
    (map_parts.partner_persons) and its share of the published total with the catalogue's text looked up once
    (map_parts.share_text), for every focus country and year of both directions, in both languages."""
    import random

    from figures.common import published_total
    from figures.map.indicators import BILATERAL_SOURCE

    shares = [0.0, -0.0, 0.004, 0.005, 0.015, 9.995, 9.999, 10.0, 10.05, 99.95, 100.0, 123.45, float("nan"),
              float("inf"), -2.5, 1e-9] + [random.Random(3).random() * 100 for _ in range(500)]
    for lang in ("en", "ru"):
        for share in shares:
            assert map_parts.share_text(share, lang) == format_value(share, "%", lang), share
        for emigrants, direction in ((True, "emigrants"), (False, "immigrants")):
            for (focus, year), found in map_parts.partner_lists(store, emigrants).items():
                assert map_parts.partner_persons(found, 10, lang) == [format_value(value, "persons", lang)
                                                                      for value in found.values[:10]]
                total = published_total(store, direction, focus, year, BILATERAL_SOURCE)
                if total:
                    for value in found.values[:10]:
                        share = 100 * value / total
                        assert map_parts.share_text(share, lang) == format_value(share, "%", lang)


def test_the_panels_shares_written_once_are_share_text_of_each_partner(store):
    """map_parts.partner_shares (their numbers written once, in English, and in each language with its own marks):
    for every focus country and year of both directions with a published total, what share_text writes of each of the
    first partners' share, in both languages; None without a total."""
    from figures.common import published_total
    from figures.map.indicators import BILATERAL_SOURCE

    checked = 0
    for emigrants, direction in ((True, "emigrants"), (False, "immigrants")):
        for (focus, year), found in map_parts.partner_lists(store, emigrants).items():
            total = published_total(store, direction, focus, year, BILATERAL_SOURCE)
            for lang in ("en", "ru"):
                shares = map_parts.partner_shares(store, emigrants, focus, year, lang)
                if not total:
                    assert shares is None
                    continue
                assert shares == tuple(map_parts.share_text(100 * value / total, lang)
                                       for value in found.values[:map_parts.PANEL_ROWS]), (focus, year)
                checked += 1
    assert checked > 3000
    assert map_parts.partner_shares(store, True, "XXX", 2020, "en") is None


@pytest.mark.parametrize("value", [0.0, 0.004, 0.005, 0.015, 2.675, 9.995, 9.999, 10.0, 10.05, 99.95, 100.0, 1234.5,
                                   -2.5, 123456.785])
def test_a_share_written_in_english_is_written_in_russian_with_its_marks(value):
    for lang in ("en", "ru"):
        number = map_parts._share_number(value)
        marks = map_parts._number_marks(lang)
        written = number.translate(marks) if marks else number
        assert map_parts._percent_text(lang).format(value=written) == map_parts.share_text(value, lang)
