"""Plain data URLs for machines and the whole dataset as one ZIP:

    /data/<indicator>.csv     one indicator (id as in meta_indicators.csv, e.g. BX.TRF.PWKR.DT.GD.ZS), every source
    /data/corridors.csv       every corridor measure
    /data/dataset.zip         every curated table, their metadata, a README with citation text and licences

`?lang=ru` (default en; anything else → en): column names stay the same machine names in every language, the names
and labels inside (countries, indicator name and unit, publisher, title, vintage, licence) are Russian; the ZIP gets
a Russian README (README.ru.txt, beside the English README.txt). Every row names its publisher, title, vintage and
licence. Built from data/curated/ (through the store, never from data/raw/), once per process: the data do not change
while the app runs.

CSVs travel compressed (brotli, else gzip, as the client accepts; 20 MB of corridors become 0.7 MB), each encoding
made once per process and file and then sent as stored bytes with an ETag (a repeated download answers 304); the
text itself is not kept (a client taking neither encoding gets it decompressed). The
full corridors file, every release, stays the one at /data/corridors.csv: its `source` column tells releases apart,
and compressed it is no heavier than a page.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import threading
import zipfile
from datetime import date
from functools import cache

import pandas as pd
from flask import Response, request

from data.query import get_store
from i18n import normalise_lang, t
from serving.compression import negotiate

META_COLUMNS = ("publisher", "title", "vintage", "licence")


def _with_meta(store, table: pd.DataFrame, lang: str) -> pd.DataFrame:
    metas = {s: store.source_meta(s, lang) for s in table["source"].dropna().unique()}
    for column in META_COLUMNS:
        table[column] = [metas[s][column] for s in table["source"]]
    return table


def _names(store, lang: str) -> dict[str, str]:
    return {code: store.country_name(code, lang) for code in store.countries(kind=None)["iso3"]}


CODE_COLUMNS = ("iso3", "indicator", "source")


def _indicator_rows(indicator: str) -> pd.DataFrame:
    """One indicator's rows of indicators.csv as plain text columns (what the CSV is written from), from the store:
    indicators.csv read again with its codes as categories was ~2.5 MB kept in every worker."""
    rows = get_store().all_rows(indicator)
    rows.insert(2, "indicator", indicator)
    return rows.astype({c: object for c in CODE_COLUMNS}).reset_index(drop=True)


def indicator_csv(indicator: str, lang: str = "en") -> bytes:
    """Every source's values of one indicator; `default` marks the one the dashboard shows for each cell."""
    store = get_store()
    meta = store.indicator_meta(indicator, lang)
    table = _indicator_rows(indicator).sort_values(["iso3", "year", "source"], ignore_index=True)
    shown = set(store.series(indicator)[["iso3", "year", "source"]].itertuples(index=False, name=None))
    names = _names(store, lang)
    table.insert(1, "country", [names.get(code, "") for code in table["iso3"]])
    table.insert(4, "indicator_name", meta.get("name", ""))
    table.insert(6, "unit", meta.get("unit_label", ""))
    table["default"] = [(r.iso3, r.year, r.source) in shown for r in table.itertuples()]
    table = _with_meta(store, table, lang)
    return table.to_csv(index=False).encode("utf-8")


def corridors_csv(lang: str = "en") -> bytes:
    store = get_store()
    table = pd.read_csv(store.curated_dir / "corridors.csv", dtype={"period": str})
    names = _names(store, lang)
    table.insert(1, "origin_name", [names.get(code, "") for code in table["origin"]])
    table.insert(3, "destination_name", [names.get(code, "") for code in table["destination"]])
    return _with_meta(store, table, lang).to_csv(index=False).encode("utf-8")


def readme(store, lang: str = "en") -> str:
    """The ZIP's README in `lang` (texts in the `dataset` gettext domain; source texts from the store)."""
    title = t("common.app_title", lang)

    def heading(text: str, underline: str = "-") -> list[str]:
        return [text, underline * len(text)]

    lines = [*heading(title, "="), "",
             t("dataset.readme_tables", lang), "",
             t("dataset.readme_provenance", lang), "",
             *heading(t("dataset.readme_cite_heading", lang)),
             t("dataset.readme_cite", lang, title=title, date=date.today().isoformat()), "",
             *heading(t("dataset.readme_sources_heading", lang))]
    for row in store.sources(lang).fillna("").itertuples():
        lines += [f"* {row.source}: {row.publisher}, {row.title} ({row.vintage})",
                  t("dataset.readme_licence", lang, licence=row.licence),
                  t("dataset.readme_cite_as", lang, citation=row.citation)]
        if row.url:
            lines.append(t("dataset.readme_url", lang, url=row.url))
        lines.append("")
    lines.append(t("dataset.readme_outro", lang))
    return "\n".join(lines) + "\n"


@cache
def dataset_zip(lang: str = "en") -> bytes:
    """The curated tables as they are (they hold both languages' columns), README.txt in English and, for
    lang=ru, README.ru.txt in Russian beside it."""
    store = get_store()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(store.curated_dir.glob("*.csv")):
            archive.write(path, f"central-asia-migration-data/{path.name}")
        archive.writestr("central-asia-migration-data/README.txt", readme(store, "en"))
        if lang != "en":
            archive.writestr(f"central-asia-migration-data/README.{lang}.txt", readme(store, lang))
    return buffer.getvalue()


_encode_lock = threading.Lock()


@cache
def _stored(kind: str, lang: str) -> tuple[bytes, str]:
    """(brotli bytes, digest of the text) of a CSV (`kind`: "corridors" or an indicator id), made once per process:
    brotli 5 (0.5 s for the 20 MB corridors file, within 4 % of quality 9). Only the brotli is kept: the text (up
    to 20 MB per file and language) was kept beside it in every worker that had sent the file once. The lock keeps
    two first requests from building the same file twice."""
    import brotli

    with _encode_lock:
        raw = corridors_csv(lang) if kind == "corridors" else indicator_csv(kind, lang)
        return brotli.compress(raw, quality=5), hashlib.sha256(raw).hexdigest()[:20]


@cache
def _gzipped(kind: str, lang: str) -> bytes:
    """The CSV gzipped (level 6, no timestamp: the same bytes as before), made on the first gzip-only request."""
    import brotli

    return gzip.compress(brotli.decompress(_stored(kind, lang)[0]), compresslevel=6, mtime=0)


def encoded(kind: str, lang: str, encoding: str) -> tuple[bytes, str]:
    """(body, ETag) of a CSV in an encoding ("br", "gzip" or "identity"): brotli and gzip made once per process and
    kept, the text decompressed from the brotli per request."""
    import brotli

    br, digest = _stored(kind, lang)
    if encoding == "br":
        body = br
    elif encoding == "gzip":
        body = _gzipped(kind, lang)
    else:
        body = brotli.decompress(br)
    return body, f"{digest}-{encoding}"


def _csv(kind: str, lang: str, name: str) -> Response:
    encoding = negotiate(request.accept_encodings)
    body, etag = encoded(kind, lang, encoding)
    response = Response(body, mimetype="text/csv")
    if encoding != "identity":
        response.headers["Content-Encoding"] = encoding
    response.headers["Vary"] = "Accept-Encoding"
    response.set_etag(etag)
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.headers["Access-Control-Allow-Origin"] = "*"  # open data: scripts on other sites may read it
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response.make_conditional(request)


def _lang() -> str:
    """?lang=ru → ru; missing, unknown or repeated nonsense → en (never an error: a download is not a page)."""
    return normalise_lang(request.args.get("lang", type=str))


def register(server) -> None:
    @server.route("/data/<name>.csv")
    def data_csv(name: str):
        lang = _lang()
        if name == "corridors":
            return _csv("corridors", lang, "corridors.csv")
        store = get_store()
        ids = {i.lower(): i for i in store.indicators("indicators")["indicator"]}
        indicator = ids.get(name.lower())
        if indicator is None:
            return Response(t("embed.data_unknown", lang, name=name[:60]) + "\n", 404, mimetype="text/plain")
        return _csv(indicator, lang, f"{indicator}.csv")

    @server.route("/data/dataset.zip")
    def data_zip():
        response = Response(dataset_zip(_lang()), mimetype="application/zip")
        response.headers["Content-Disposition"] = 'attachment; filename="central-asia-migration-data.zip"'
        response.cache_control.public = True
        response.cache_control.max_age = 3600
        return response
