"""Catalogue keys the map view chooses at run time, written out so that extraction (`python -m i18n.tools extract`,
keyword N_) sees every one of them and a test can check each exists in every language (the indicators' are
figures/map/indicators.py's INDICATOR_KEYS)."""
from __future__ import annotations

from i18n import N_

SCOPE_KEYS = {"region": N_("map.scope_region"), "world": N_("map.scope_world")}
# The focus panel, by direction (emigrants or immigrants of the country in focus).
SHARE_OF_TOTAL_KEYS = {"emigrants": N_("map.share_of_total_emigrants"),
                       "immigrants": N_("map.share_of_total_immigrants")}
PARTNERS_TITLE_KEYS = {"emigrants": N_("map.partners_title_emigrants"),
                       "immigrants": N_("map.partners_title_immigrants")}
TREND_TITLE_KEYS = {"emigrants": N_("map.trend_title_emigrants"), "immigrants": N_("map.trend_title_immigrants")}
