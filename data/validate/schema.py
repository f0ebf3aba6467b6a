"""The curated tables' columns, which of them translate which, how they are read, and the order they are checked in;
the patterns of years, periods, codes and ids."""
from __future__ import annotations

import re
from datetime import date


YEAR_MIN = 1950
YEAR_MAX = date.today().year
PERIOD = re.compile(r"^(\d{4})(Q[1-4])?$")
CODE = re.compile(r"^[A-Z0-9]{3}$")
SLUG = re.compile(r"^[a-z0-9_]+$")

TABLE_COLUMNS = {
    "indicators": ["iso3", "year", "indicator", "value", "source"],
    "corridors": ["origin", "destination", "year", "period", "measure", "value", "source"],
    "meta_indicators": ["indicator", "table", "name_key", "name_en", "name_ru", "unit", "value_min", "value_max",
                        "definition", "source_priority", "caveats", "unit_ru", "definition_ru", "caveats_ru",
                        "plausibility", "not_reported"],
    "meta_sources": ["source", "publisher", "title", "vintage", "licence", "url", "citation", "caveats",
                     "derived_from", "method", "raw_files", "publisher_ru", "title_ru", "vintage_ru", "licence_ru",
                     "citation_ru", "caveats_ru", "method_ru", "kind"],
    "countries": ["iso3", "name_en", "name_ru", "kind", "wb_region", "income_group", "groups", "capital",
                  "capital_lat", "capital_lon", "capital_ru", "wb_region_ru", "income_group_ru"],
    "key_figures": ["figure_id", "topic", "country_iso3", "year", "value", "unit", "statement", "cited_source",
                    "strategy_page", "compare_table", "compare_indicator", "compare_iso3", "compare_destination",
                    "compare_year", "statement_ru"],
}
# Russian column → the column it translates. A text in the English column needs its Russian (data/metadata_i18n.py,
# data/country_names.py); only a publisher's own citation may stay in its language (citation_ru empty).
TRANSLATED_COLUMNS = {
    "meta_indicators": {"name_ru": "name_en", "unit_ru": "unit", "definition_ru": "definition",
                        "caveats_ru": "caveats"},
    "meta_sources": {"publisher_ru": "publisher", "title_ru": "title", "vintage_ru": "vintage",
                     "licence_ru": "licence", "caveats_ru": "caveats", "method_ru": "method"},
    "countries": {"name_ru": "name_en", "capital_ru": "capital", "wb_region_ru": "wb_region",
                  "income_group_ru": "income_group"},
    "key_figures": {"statement_ru": "statement"},
}
# Read as categories (repeated codes: small and fast) and as numbers (checked again where the rules need it).
CATEGORY_COLUMNS = {"indicators": ("iso3", "indicator", "source"),
                    "corridors": ("origin", "destination", "period", "measure", "source")}
NUMBER_COLUMNS = {"indicators": ("year", "value"), "corridors": ("year", "value"),
                  "meta_indicators": ("value_min", "value_max"), "countries": ("capital_lat", "capital_lon"),
                  "key_figures": ("year", "value", "compare_year")}
# Checked in this order, so that every reference check can rely on the tables it refers to.
TABLE_ORDER = ("meta_sources", "meta_indicators", "countries", "indicators", "corridors", "key_figures")
