"""Countries and aggregates: records, names in a language, groups.

Methods of `DataStore` (data/query/store.py)."""
from __future__ import annotations

import pandas as pd

from data.query.localise import COUNTRY_TEXTS, localise


class CountryQueries:
    """`DataStore`'s lookups of the countries table."""

    @staticmethod
    def _country_record(row: pd.Series) -> dict:
        record = row.to_dict()
        for column in ("capital_lat", "capital_lon"):
            record[column] = None if pd.isna(record[column]) else float(record[column])
        return record

    def country(self, iso3: str, lang: str = "en") -> dict | None:
        """The country's record; `name`, capital, wb_region and income_group in `lang`."""
        record = self._country_records.get(iso3)
        if record is None:
            return None
        record = {**record, "groups": list(record["groups"]), "name": self.country_name(iso3, lang)}
        return localise(record, COUNTRY_TEXTS, lang)

    def country_name(self, iso3: str, lang: str = "en") -> str:
        """The name in `lang`, else the English name, else the code itself."""
        record = self._country_records.get(iso3)
        if record is None:
            return iso3
        return record.get(f"name_{lang}") or record["name_en"] or iso3

    def countries(self, kind: str | None = "country") -> pd.DataFrame:
        """kind 'country', 'aggregate' or None for all."""
        frame = self._countries if kind is None else self._countries[self._countries["kind"] == kind]
        return frame.reset_index(drop=True)

    def group_members(self, group_id: str) -> list[str]:
        members = self._countries["groups"].map(lambda groups: group_id in groups)
        return sorted(self._countries.index[members])
