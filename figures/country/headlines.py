"""The profile's headline table (`profile_facts`): for each indicator the latest year with data, its value and the
source of that value, exactly as the store has them (missing stays missing)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from figures.country import series as country_series  # called through the module: tests put the reference in its place
from figures.country.series import is_not_reported


# The headline figures, in the order the profile shows them, grouped in sections. Keys name the label
# (`country.fact_<key>`) and are stable: tests and the CSV use them.
SECTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "migration": (
        ("immigrants", "SM.POP.TOTL"),
        ("immigrants_pct", "SM.POP.TOTL.ZS"),
        ("emigrants", "CAMR.EMIG.TOTL"),
        ("emigrants_pct", "CAMR.EMIG.TOTL.ZS"),
        ("net_migration", "SM.POP.NETM"),
        ("refugees_hosted", "SM.POP.REFG"),
        ("refugees_origin", "SM.POP.REFG.OR"),
    ),
    "remittances": (
        ("remittances_received", "BX.TRF.PWKR.CD.DT"),
        ("remittances_gdp", "BX.TRF.PWKR.DT.GD.ZS"),
        ("remittances_paid", "BM.TRF.PWKR.CD.DT"),
    ),
    "economy": (
        ("population", "SP.POP.TOTL"),
        ("gdp", "NY.GDP.MKTP.CD"),
        ("unemployment", "SL.UEM.TOTL.ZS"),
    ),
}
HEADLINES: tuple[tuple[str, str], ...] = tuple(item for items in SECTIONS.values() for item in items)


@dataclass(frozen=True)
class Fact:
    """One headline figure. `value`, `year` and `source` are None together when there is nothing to show;
    `not_reported` then says why (the country does not report it, rather than our sources lacking it)."""

    key: str
    indicator: str
    unit: str
    value: float | None
    year: int | None
    source: str | None
    not_reported: bool = False

    @property
    def missing(self) -> bool:
        return self.value is None


def latest_fact(store, key: str, indicator: str, iso3: str) -> Fact:
    unit = _unit(store, indicator)
    if is_not_reported(store, indicator, iso3):
        return Fact(key, indicator, unit, None, None, None, not_reported=True)
    rows = country_series.clean_rows(store, indicator, iso3)
    if rows.empty:
        return Fact(key, indicator, unit, None, None, None)
    return Fact(key, indicator, unit, float(rows.values[-1]), int(rows.years[-1]), str(rows.sources[-1]))


def profile_facts(store, iso3: str) -> list[Fact]:
    """Every headline figure of the profile: latest year with data, value and source; missing ones included."""
    return [latest_fact(store, key, indicator, iso3) for key, indicator in HEADLINES]


@cache  # the store never changes
def _unit(store, indicator: str) -> str:
    return store.indicator_meta(indicator)["unit"]
