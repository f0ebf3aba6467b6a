"""Catalogue keys a profile chooses at run time, written out so that extraction (`python -m i18n.tools extract`,
keyword N_) sees every one of them and a test can check each exists in every language."""
from __future__ import annotations

from i18n import N_

# Headline figures (figures/country/headlines.SECTIONS) by key, and the sections they stand in.
FACT_KEYS = {
    "immigrants": N_("country.fact_immigrants"), "immigrants_pct": N_("country.fact_immigrants_pct"),
    "emigrants": N_("country.fact_emigrants"), "emigrants_pct": N_("country.fact_emigrants_pct"),
    "net_migration": N_("country.fact_net_migration"), "refugees_hosted": N_("country.fact_refugees_hosted"),
    "refugees_origin": N_("country.fact_refugees_origin"),
    "remittances_received": N_("country.fact_remittances_received"),
    "remittances_gdp": N_("country.fact_remittances_gdp"), "remittances_paid": N_("country.fact_remittances_paid"),
    "population": N_("country.fact_population"), "gdp": N_("country.fact_gdp"),
    "unemployment": N_("country.fact_unemployment"),
}
SECTION_KEYS = {"migration": N_("country.section_migration"), "remittances": N_("country.section_remittances"),
                "economy": N_("country.section_economy")}
# The small trend charts (figures/country/trends.TRENDS) by key.
TREND_KEYS = {"remittances_gdp": N_("country.trend_remittances_gdp"),
              "remittances_received": N_("country.trend_remittances_received"),
              "emigrants": N_("country.trend_emigrants"), "immigrants": N_("country.trend_immigrants")}
# Groups (figures/country/groups.GROUPS): a badge on the profile, a heading on the index.
BADGE_KEYS = {"ca5": N_("country.badge_ca5"), "almaty_member": N_("country.badge_almaty_member"),
              "almaty_observer": N_("country.badge_almaty_observer"),
              "customs_union_2013": N_("country.badge_customs_union_2013"),
              "main_destinations": N_("country.badge_main_destinations")}
GROUP_KEYS = {"ca5": N_("country.group_ca5"), "almaty_member": N_("country.group_almaty_member"),
              "almaty_observer": N_("country.group_almaty_observer"),
              "customs_union_2013": N_("country.group_customs_union_2013"),
              "main_destinations": N_("country.group_main_destinations")}
# The corridors section, out of the country and into it.
CORRIDORS_TITLE_KEYS = {"out": N_("country.corridors_out_title"), "in": N_("country.corridors_in_title")}
CORRIDORS_EMPTY_KEYS = {"out": N_("country.corridors_out_empty"), "in": N_("country.corridors_in_empty")}
