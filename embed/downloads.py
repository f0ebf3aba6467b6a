"""Plain data URLs for machines and the whole dataset as one ZIP:

    /data/<indicator>.csv     one indicator (id as in meta_indicators.csv, e.g. BX.TRF.PWKR.DT.GD.ZS), every source
    /data/corridors.csv       every corridor measure
    /data/dataset.zip         every curated table, their metadata, a README with citation text and licences

Every row names its publisher, title, vintage and licence. Built from data/curated/ (through the store, never
from data/raw/), once per process: the data do not change while the app runs.
"""
from __future__ import annotations

import io
import zipfile
from datetime import date
from functools import cache

import pandas as pd
from flask import Response

from data.query import get_store
from i18n import t

META_COLUMNS = ("publisher", "title", "vintage", "licence")


def _with_meta(store, table: pd.DataFrame) -> pd.DataFrame:
    metas = {s: store.source_meta(s) for s in table["source"].dropna().unique()}
    for column in META_COLUMNS:
        table[column] = [metas[s][column] for s in table["source"]]
    return table


def _names(store) -> dict[str, str]:
    countries = store.countries(kind=None)
    return dict(zip(countries["iso3"], countries["name_en"]))


@cache
def _indicators_table() -> pd.DataFrame:
    return pd.read_csv(get_store().curated_dir / "indicators.csv")


@cache
def indicator_csv(indicator: str) -> bytes:
    """Every source's values of one indicator; `default` marks the one the dashboard shows for each cell."""
    store = get_store()
    meta = store.indicator_meta(indicator)
    all_rows = _indicators_table()
    table = all_rows[all_rows["indicator"] == indicator].sort_values(["iso3", "year", "source"], ignore_index=True)
    shown = set(store.series(indicator)[["iso3", "year", "source"]].itertuples(index=False, name=None))
    names = _names(store)
    table.insert(1, "country", [names.get(code, "") for code in table["iso3"]])
    table.insert(4, "indicator_name", meta.get("name_en", ""))
    table.insert(6, "unit", meta.get("unit", ""))
    table["default"] = [(r.iso3, r.year, r.source) in shown for r in table.itertuples()]
    table = _with_meta(store, table)
    return table.to_csv(index=False).encode("utf-8")


@cache
def corridors_csv() -> bytes:
    store = get_store()
    table = pd.read_csv(store.curated_dir / "corridors.csv", dtype={"period": str})
    names = _names(store)
    table.insert(1, "origin_name", [names.get(code, "") for code in table["origin"]])
    table.insert(3, "destination_name", [names.get(code, "") for code in table["destination"]])
    return _with_meta(store, table).to_csv(index=False).encode("utf-8")


def readme(store) -> str:
    sources = pd.read_csv(store.curated_dir / "meta_sources.csv").fillna("")
    lines = [
        t("common.app_title"),
        "=" * len(t("common.app_title")),
        "",
        "The curated tables behind the dashboard, as it serves them. Tables (CSV, UTF-8):",
        "",
        "  indicators.csv       iso3, year, indicator, value, source (one row per country, year, indicator, source)",
        "  corridors.csv        origin, destination, year, period, measure, value, source",
        "                       (origin = the migrants' country; money is sent from destination to origin)",
        "  countries.csv        codes, English and Russian names, region, income group, groups, capitals",
        "  key_figures.csv      the IOM Central Asia strategy's figures with their own citations",
        "  meta_indicators.csv  each indicator and corridor measure: name, unit, definition, source priority, caveats",
        "  meta_sources.csv     each source: publisher, title, vintage, licence, URL, citation, caveats, processing",
        "",
        "Every value names its source; meta_sources.csv says who published it, which vintage, under which licence,",
        "and how to cite it. Several sources may hold the same cell; the dashboard shows the first source of the",
        "indicator's source_priority that has it. Nothing is interpolated or estimated by this project except rows",
        "whose source id ends in _derived (their method is in meta_sources.csv).",
        "",
        "How to cite",
        "-----------",
        f"{t('common.app_title')} (data downloaded {date.today().isoformat()}), and the original sources below.",
        "",
        "Sources, licences and citations",
        "-------------------------------",
    ]
    for row in sources.itertuples():
        lines += [f"* {row.source}: {row.publisher}, {row.title} ({row.vintage})",
                  f"  Licence: {row.licence}",
                  f"  Cite as: {row.citation}"]
        if row.url:
            lines.append(f"  URL: {row.url}")
        lines.append("")
    lines += ["Map outlines are not in this archive (Natural Earth, public domain). The dashboard's code licence is",
              "in its repository."]
    return "\n".join(lines) + "\n"


@cache
def dataset_zip() -> bytes:
    store = get_store()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(store.curated_dir.glob("*.csv")):
            archive.write(path, f"central-asia-migration-data/{path.name}")
        archive.writestr("central-asia-migration-data/README.txt", readme(store))
    return buffer.getvalue()


def _csv(body: bytes, name: str) -> Response:
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.headers["Access-Control-Allow-Origin"] = "*"  # open data: scripts on other sites may read it
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response


def register(server) -> None:
    @server.route("/data/<name>.csv")
    def data_csv(name: str):
        if name == "corridors":
            return _csv(corridors_csv(), "corridors.csv")
        store = get_store()
        ids = {i.lower(): i for i in store.indicators("indicators")["indicator"]}
        indicator = ids.get(name.lower())
        if indicator is None:
            return Response(t("embed.data_unknown", name=name[:60]) + "\n", 404, mimetype="text/plain")
        return _csv(indicator_csv(indicator), f"{indicator}.csv")

    @server.route("/data/dataset.zip")
    def data_zip():
        response = Response(dataset_zip(), mimetype="application/zip")
        response.headers["Content-Disposition"] = 'attachment; filename="central-asia-migration-data.zip"'
        response.cache_control.public = True
        response.cache_control.max_age = 3600
        return response
