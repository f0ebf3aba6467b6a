"""What the map shows: its indicators as named in the URL, their catalogue keys, and the bilateral source of a
focus country's partners."""
from __future__ import annotations

from i18n import N_

# The map's indicators, as named in the URL.
INDICATORS = {
    "immigrants": "SM.POP.TOTL",
    "immigrants_pct": "SM.POP.TOTL.ZS",
    "emigrants": "CAMR.EMIG.TOTL",
    "emigrants_pct": "CAMR.EMIG.TOTL.ZS",
}
EMIGRANT_KEYS = ("emigrants", "emigrants_pct")
# Keys chosen at run time, written out so that extraction sees them (i18n/README.md).
INDICATOR_KEYS = {"immigrants": N_("map.indicator_immigrants"), "immigrants_pct": N_("map.indicator_immigrants_pct"),
                  "emigrants": N_("map.indicator_emigrants"), "emigrants_pct": N_("map.indicator_emigrants_pct")}
FOCUS_HOVER_KEYS = {"emigrants": N_("map.focus_hover_emigrants"), "immigrants": N_("map.focus_hover_immigrants")}
FOCUS_TITLE_KEYS = {"emigrants": N_("map.focus_title_emigrants"), "immigrants": N_("map.focus_title_immigrants")}
BILATERAL_SOURCE = "undesa_ims_2024"
