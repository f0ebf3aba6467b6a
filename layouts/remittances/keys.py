"""Catalogue keys the remittances view chooses at run time, written out so that extraction (`python -m i18n.tools
extract`, keyword N_) sees every one of them and a test can check each exists in every language."""
from __future__ import annotations

from i18n import N_

MEASURE_KEYS = {"pct": N_("remittances.measure_pct"), "usd": N_("remittances.measure_usd")}
SCALE_KEYS = {"linear": N_("remittances.scale_linear"), "log": N_("remittances.scale_log")}
GROUP_KEYS = {
    "ca5": N_("remittances.group_ca5"),
    "almaty_member": N_("remittances.group_almaty_member"),
    "almaty_observer": N_("remittances.group_almaty_observer"),
    "main_destinations": N_("remittances.group_main_destinations"),
    "customs_union_2013": N_("remittances.group_customs_union_2013"),
}
# The trend chart's title by measure: values, and change since a base year.
TREND_TITLE_KEYS = {"pct": N_("remittances.trend_title_pct"), "usd": N_("remittances.trend_title_usd")}
TREND_TITLE_RELATIVE_KEYS = {"pct": N_("remittances.trend_title_pct_relative"),
                             "usd": N_("remittances.trend_title_usd_relative")}
