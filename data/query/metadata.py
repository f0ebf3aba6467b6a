"""Metadata of indicators, corridor measures and sources, in a language; citations.

Methods of `DataStore` (data/query/store.py)."""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pandas as pd

from data.query.localise import INDICATOR_TEXTS, SOURCE_TEXTS, localise


class MetadataQueries:
    """`DataStore`'s metadata lookups."""

    def indicator_meta(self, indicator: str, lang: str = "en") -> Mapping:
        """name (in `lang`), name_en, unit (the machine unit: persons, %, current US$), unit_label (in `lang`),
        definition and caveats (in `lang`), source_priority (a tuple), … of an indicator or corridor measure. Read
        only: one mapping per language, shared by every caller (a change raises TypeError)."""
        # Asked many times per page (a profile: dozens): built once per language. No caller changes it, so none needs
        # a copy of its own (a deepcopy per call, before); read only, so that none can change it for the others.
        found = self._indicator_meta.get((indicator, lang))
        if found is None:
            found = self._indicator_meta[(indicator, lang)] = MappingProxyType(
                self._build_indicator_meta(indicator, lang))
        return found

    def _build_indicator_meta(self, indicator: str, lang: str) -> dict:
        if indicator not in self._meta.index:
            raise KeyError(f"unknown indicator {indicator!r}")
        meta = self._meta.loc[indicator].to_dict()
        meta["indicator"] = indicator
        meta["source_priority"] = tuple(meta["source_priority"])  # the store's own list otherwise: kept unchangeable
        for bound in ("value_min", "value_max"):
            meta[bound] = None if pd.isna(meta[bound]) else float(meta[bound])
        meta["name"] = meta.get(f"name_{lang}") or meta["name_en"]
        meta["unit_label"] = meta.get(f"unit_{lang}") or meta["unit"]
        return localise(meta, INDICATOR_TEXTS, lang)

    def indicators(self, table: str = "indicators", lang: str = "en") -> pd.DataFrame:
        """Metadata of all indicators (or corridor measures with table='corridors'), in catalog order; texts, `name`
        and `unit_label` in `lang`."""
        frame = self._meta[self._meta["table"] == table].reset_index()
        return pd.DataFrame([self.indicator_meta(indicator, lang) for indicator in frame["indicator"]],
                            columns=list(frame.columns) + ["name", "unit_label"])

    def source_meta(self, source: str, lang: str = "en") -> dict:
        """publisher, title, vintage, licence, caveats, method in `lang`; citation in `lang` where the project has one
        in that language, else the publisher's own (English) citation: `citation_lang` says which ("en" → show it
        inside an element marked lang="en")."""
        if source not in self._source_records:
            raise KeyError(f"unknown source {source!r}")
        record = self._source_records[source]
        meta = {key: list(value) if isinstance(value, list) else value for key, value in record.items()}
        meta["citation_lang"] = "en"
        if lang != "en" and meta.get(f"citation_{lang}"):
            meta["citation"], meta["citation_lang"] = meta[f"citation_{lang}"], lang
        return localise(meta, SOURCE_TEXTS, lang)

    def sources(self, lang: str = "en") -> pd.DataFrame:
        """Every source (catalogue order), texts in `lang` as in source_meta."""
        frame = self._sources.reset_index()
        if lang == "en":
            return frame.assign(citation_lang="en")
        return pd.DataFrame([self.source_meta(source, lang) for source in frame["source"]],
                            columns=list(frame.columns) + ["citation_lang"])

    def citation(self, source: str) -> str:
        meta = self.source_meta(source)
        return f"{meta['citation']} Licence: {meta['licence']}."
