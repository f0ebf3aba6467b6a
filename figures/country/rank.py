"""The country's world rank in remittances received as % of GDP, in a year whose data cover most of the world."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from figures.country.series import shown_rows


RANK_INDICATOR = "BX.TRF.PWKR.DT.GD.ZS"
# A rank needs a world to rank in: a year whose data covers fewer countries than this share of the best-covered
# year (e.g. 2024, where only a three-country panel has remittance shares) is not used for the rank.
RANK_MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class Rank:
    rank: int
    of: int
    year: int
    value: float
    source: str


@cache
def _rankings(store, indicator: str, year: int) -> dict[str, tuple[int, int, float, str]]:
    """iso3 → (rank, of, value, source) of one year's ranking, for every country at once."""
    ranking = store.ranking(indicator, year)
    return {str(row.iso3): (int(row.rank), len(ranking), float(row.value), str(row.source))
            for row in ranking.itertuples()}


@cache
def rank_years(store, indicator: str = RANK_INDICATOR) -> tuple[int, ...]:
    """Years whose values cover enough countries for a world rank (see RANK_MIN_COVERAGE)."""
    countries = set(store.countries()["iso3"])
    values = store.series(indicator)
    counts = values[values["iso3"].isin(countries) & values["value"].notna()].groupby("year").size()
    if counts.empty:
        return ()
    return tuple(sorted(int(year) for year, n in counts.items() if n >= RANK_MIN_COVERAGE * counts.max()))


def remittance_rank(store, iso3: str) -> Rank | None:
    """The country's world rank in remittances received as % of GDP: the latest year in which it has a value
    and the data cover most of the world. Countries only (no aggregates); highest share = rank 1."""
    usable = set(rank_years(store))
    years = [int(year) for year in shown_rows(store, RANK_INDICATOR, iso3).years if int(year) in usable]
    if not years:
        return None
    year = years[-1]
    found = _rankings(store, RANK_INDICATOR, year).get(iso3)
    if found is None:
        return None
    rank, of, value, source = found
    return Rank(rank=rank, of=of, year=year, value=value, source=source)
