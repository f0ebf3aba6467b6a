"""Catalogue keys the corridors view chooses at run time, written out so that extraction (`python -m i18n.tools
extract`, keyword N_) sees every one of them and a test can check each exists in every language."""
from __future__ import annotations

from i18n import N_

SEX_OPTION_KEYS = {"total": N_("corridors.sex_option_total"), "female": N_("corridors.sex_option_female"),
                   "male": N_("corridors.sex_option_male")}
MODE_KEYS = {"default": N_("corridors.mode_default"), "origin": N_("corridors.mode_origin"),
             "destination": N_("corridors.mode_destination")}
# What part of a country's migrants its corridors here are: with numbers, or only said.
COVERAGE_KEYS = {"emigrants": N_("corridors.coverage_emigrants"), "immigrants": N_("corridors.coverage_immigrants")}
COVERAGE_PARTIAL_KEYS = {"emigrants": N_("corridors.coverage_partial_emigrants"),
                         "immigrants": N_("corridors.coverage_partial_immigrants")}
# The card's figures: a label with its year or period, and without one when there is no value.
CARD_LABEL_KEYS = {
    "stock": (N_("corridors.card_stock_label"), N_("corridors.card_stock_label_undated")),
    "women_share": (N_("corridors.card_share_label"), N_("corridors.card_share_label_undated")),
    "remittances": (N_("corridors.card_remittances_label"), N_("corridors.card_remittances_label_undated")),
    "cost": (N_("corridors.card_cost_label"), N_("corridors.card_cost_label_undated")),
}
# The measures of the card's table and CSV.
MEASURE_KEYS = {"stock_total": N_("corridors.measure_stock_total"), "women_share": N_("corridors.measure_women_share"),
                "citizens_present": N_("corridors.measure_citizens_present"),
                "remittances_usd": N_("corridors.measure_remittances_usd"), "cost_pct": N_("corridors.measure_cost_pct")}
# What each source of the comparison counts (figures.corridors.comparison.COMPARISON_ROWS keys).
COUNTS_KEYS = {"fms": N_("corridors.counts_citizens"), "undesa": N_("corridors.counts_foreign_born"),
               "knomad": N_("corridors.counts_foreign_born_estimate")}
