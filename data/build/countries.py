"""The countries table (groups, capitals), the key figures with the curated values they compare to, and the
metadata tables with their Russian texts."""
from __future__ import annotations

import gettext
import math
from pathlib import Path

import pandas as pd
import pycountry

from data import catalog, country_names, metadata_i18n
from data.build.codes import CountryCodes
from data.build.frames import raw_table
from data.query.defaults import pick_series
from data.validate.errors import DataValidationError
from data.validate.read import check_unique, check_year_range, parse_integers, parse_numbers
from data.validate.schema import TABLE_COLUMNS


def read_groups(raw_dir: Path, codes: CountryCodes) -> dict[str, list[str]]:
    """country_groups.csv → {iso3: [group ids]}, with roles split where the catalog says so."""
    table, path = raw_table(raw_dir, catalog.IOM_COUNTRY_GROUPS, ["group_id", "member_iso3", "role"])
    check_unique(table, path, ["group_id", "member_iso3"])
    iso3 = codes.resolve(table, path, "member_iso3")
    splits = table["group_id"].map(catalog.GROUP_ROLE_SPLITS)
    group_ids = []
    for row, group, role, split in zip(table.index, table["group_id"], table["role"], splits):
        if isinstance(split, dict) and role not in split:
            raise DataValidationError(path, row, "role", f"role '{role}' of group {group} has no group id")
        group_ids.append(split[role] if isinstance(split, dict) else group)
    memberships: dict[str, list[str]] = {}
    for code, group in zip(iso3, group_ids):
        memberships.setdefault(code, []).append(group)
    return memberships


def read_capitals(raw_dir: Path, codes: CountryCodes) -> pd.DataFrame:
    """One capital per country: the catalog's seat where named, else the single row or the single primary
    ('Admin-0 capital', not '… alt') capital Natural Earth lists."""
    table, path = raw_table(raw_dir, catalog.NE_CAPITALS, ["name", "nameascii", "featurecla", "adm0_a3",
                                                         "latitude", "longitude"])
    table = table.assign(iso3=codes.resolve(table, path, "adm0_a3", skip=catalog.NE_NOT_COUNTRIES,
                                            aliases=catalog.NE_CODE_ALIASES),
                         lat=parse_numbers(table, path, "latitude", required=True),
                         lon=parse_numbers(table, path, "longitude", required=True)).dropna(subset=["iso3"])
    chosen = []
    for iso3, candidates in table.groupby("iso3", sort=True):
        seat = catalog.CAPITAL_SEATS.get(iso3)
        if seat:
            candidates = candidates[(candidates["name"] == seat) | (candidates["nameascii"] == seat)]
            if candidates.empty:
                raise DataValidationError(path, None, "name", f"the seat {seat} of {iso3} is not in the file")
        elif len(candidates) > 1:
            candidates = candidates[candidates["featurecla"] != "Admin-0 capital alt"]
        if len(candidates) != 1:
            raise DataValidationError(path, int(candidates.index[-1]), "name",
                                      f"{iso3} has {len(candidates)} primary capitals; name its seat in "
                                      "data/catalog.py CAPITAL_SEATS")
        chosen.append(candidates.iloc[0])
    capitals = pd.DataFrame(chosen).set_index("iso3")
    return capitals[["name", "lat", "lon"]].rename(columns={"name": "capital", "lat": "capital_lat",
                                                            "lon": "capital_lon"})


def build_countries(raw_dir: Path, codes: CountryCodes, used: set[str]) -> pd.DataFrame:
    russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    world_bank = codes.world_bank
    memberships = read_groups(raw_dir, codes)
    capitals = read_capitals(raw_dir, codes)
    rows = []
    for iso3 in sorted(set(world_bank.index) | used | set(memberships)):
        iso = pycountry.countries.get(alpha_3=iso3)
        if iso3 in world_bank.index:
            info = world_bank.loc[iso3]
            name_en, region, income = info["TableName"], info["Region"], info["IncomeGroup"]
            kind = "aggregate" if region == "" else "country"
        else:
            name_en = ""
            region = income = ""
            kind = "country"
        if kind == "country":
            # UN M49 names, not the World Bank's ("Kyrgyzstan", not "Kyrgyz Republic"): pycountry's ISO name where
            # M49 agrees, else the override (data/country_names.py).
            name_en = country_names.name_en(iso3, iso.name if iso else "")
            if not name_en:
                raise DataValidationError(Path(country_names.__file__), None, "NAME_EN_OVERRIDES",
                                          f"no UN English name for {iso3}: add it with its UN source")
        # pycountry's Russian translates the common name where ISO has one ("Moldova") or else the ISO name.
        english = (getattr(iso, "common_name", None) or iso.name) if iso and kind == "country" else ""
        translated = russian.gettext(english) if english else ""
        name_ru = country_names.name_ru(iso3, translated if translated != english else "")
        if not name_ru:
            raise DataValidationError(Path(country_names.__file__), None, "NAME_RU_OVERRIDES",
                                      f"no Russian name for {iso3} ({name_en}): add it with its UN source")
        capital = capitals.loc[iso3] if kind == "country" and iso3 in capitals.index else None
        capital_en = country_names.capital_en(iso3, capital["capital"]) if capital is not None else ""
        if capital_en and iso3 not in country_names.CAPITALS_RU:
            raise DataValidationError(Path(country_names.__file__), None, "CAPITALS_RU",
                                      f"no Russian name for the capital of {iso3} ({capital_en})")
        for value, table in ((region, country_names.REGIONS_RU), (income, country_names.INCOME_GROUPS_RU)):
            if value and value not in table:
                raise DataValidationError(Path(country_names.__file__), None, None, f"no Russian for '{value}'")
        rows.append({
            "iso3": iso3, "name_en": name_en, "name_ru": name_ru,
            "kind": kind, "wb_region": region, "income_group": income,
            "groups": ";".join(memberships.get(iso3, [])),
            "capital": capital_en,
            "capital_lat": capital["capital_lat"] if capital is not None else math.nan,
            "capital_lon": capital["capital_lon"] if capital is not None else math.nan,
            "capital_ru": country_names.CAPITALS_RU[iso3] if capital_en else "",
            "wb_region_ru": country_names.REGIONS_RU.get(region, ""),
            "income_group_ru": country_names.INCOME_GROUPS_RU.get(income, ""),
        })
    return pd.DataFrame(rows, columns=TABLE_COLUMNS["countries"])


def read_key_figures(raw_dir: Path, codes: CountryCodes) -> tuple[pd.DataFrame, Path]:
    columns = TABLE_COLUMNS["key_figures"][:9]
    table, path = raw_table(raw_dir, catalog.IOM_KEY_FIGURES, columns)
    check_unique(table, path, ["figure_id"])
    regions = {code: code for code in catalog.KEY_FIGURE_REGIONS}
    codes.resolve(table, path, "country_iso3", skip=regions)
    parse_numbers(table, path, "value", required=True)
    check_year_range(parse_integers(table, path, "year", required=False), table, path)
    return table[columns], path


def nearest_year(years: list[int], target) -> int | None:
    """The available year closest to the figure's (ties: the earlier one)."""
    if not years or pd.isna(target):
        return None
    return min(years, key=lambda year: (abs(year - int(target)), year))


def add_comparisons(figures: pd.DataFrame, indicators: pd.DataFrame, corridors: pd.DataFrame,
                    priorities: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """Name the curated series each strategy figure can be compared with, at the nearest year with data."""
    columns = {"compare_table": [], "compare_indicator": [], "compare_iso3": [], "compare_destination": [],
               "compare_year": []}
    for figure_id, iso3, year in zip(figures["figure_id"], figures["country_iso3"], figures["year"]):
        comparison = catalog.KEY_FIGURE_COMPARISONS.get(figure_id)
        if comparison is None:
            for values in columns.values():
                values.append("")
            continue
        priority = priorities[comparison.indicator]
        if comparison.table == "indicators":
            rows = indicators[(indicators["indicator"] == comparison.indicator) & (indicators["iso3"] == iso3)]
            rows = pick_series(rows, priority)
        else:
            rows = corridors[(corridors["measure"] == comparison.indicator) & (corridors["origin"] == iso3)
                             & (corridors["destination"] == comparison.destination)
                             & (corridors["source"] == priority[0])]
        compare_year = nearest_year(sorted(set(rows["year"])), int(year) if year else None)
        columns["compare_table"].append(comparison.table)
        columns["compare_indicator"].append(comparison.indicator)
        columns["compare_iso3"].append(iso3)
        columns["compare_destination"].append(comparison.destination)
        columns["compare_year"].append("" if compare_year is None else str(compare_year))
    return figures.assign(**columns)


def russian(text: str, what: str, required: bool = True) -> str:
    """The Russian of a metadata text from the `metadata` catalogue; a missing one stops the build."""
    try:
        return metadata_i18n.translate(text, "ru", what=what, required=required)
    except metadata_i18n.MissingTranslation as error:
        raise DataValidationError(metadata_i18n.po_path("ru"), None, None,
                                  f"{error}; add it (python -m data.metadata_i18n, then translate)") from None


def meta_tables(raw_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    def number(value):
        return math.nan if value is None else value

    indicators = pd.DataFrame([{
        "indicator": item.id, "table": item.table, "name_key": item.name_key, "name_en": item.name_en,
        "name_ru": russian(item.name_en, f"the name of indicator {item.id}"), "unit": item.unit,
        "value_min": number(item.value_min), "value_max": number(item.value_max),
        "definition": item.definition, "source_priority": ";".join(item.source_priority), "caveats": item.caveats,
        "unit_ru": russian(item.unit, f"the unit of indicator {item.id}"),
        "definition_ru": russian(item.definition, f"the definition of indicator {item.id}"),
        "caveats_ru": russian(item.caveats, f"the caveats of indicator {item.id}"),
        "plausibility": item.plausibility, "not_reported": ";".join(item.not_reported),
    } for item in catalog.indicators(raw_dir)], columns=TABLE_COLUMNS["meta_indicators"])
    sources = pd.DataFrame([{
        "source": s.id, "publisher": s.publisher, "title": s.title, "vintage": s.vintage, "licence": s.licence,
        "url": s.url, "citation": s.citation, "caveats": s.caveats, "derived_from": ";".join(s.derived_from),
        "method": s.method, "raw_files": ";".join(s.raw_files), "kind": s.kind,
        **{f"{field}_ru": russian(getattr(s, field), f"the {field} of source {s.id}",
                                  required=field not in metadata_i18n.OPTIONAL_FIELDS)
           for field in metadata_i18n.SOURCE_FIELDS},
    } for s in catalog.sources(raw_dir)], columns=TABLE_COLUMNS["meta_sources"])
    return indicators, sources


def statements_ru(figures: pd.DataFrame) -> pd.DataFrame:
    return figures.assign(statement_ru=[russian(text, f"the statement of key figure {figure}")
                                        for figure, text in zip(figures["figure_id"], figures["statement"])])
