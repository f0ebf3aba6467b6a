"""The sources and caveats of everything a profile shows."""
from __future__ import annotations

from figures.country import corridors as country_corridors  # through the module: tests put the reference in its place
from figures.country.series import shown_rows
from figures.country.trends import TRENDS
from i18n import t
from layouts import common
from layouts.ids import Country
from layouts.made import html


def sources_block(store, iso3: str, lang: str, fact_list, rank) -> html.Section:
    used = [fact.source for fact in fact_list if fact.source]
    if rank:
        used.append(rank.source)
    for _, indicator in TRENDS:
        used += dict.fromkeys(shown_rows(store, indicator, iso3).sources)
    for direction in ("out", "in"):
        used += dict.fromkeys(row.source for row in country_corridors.top_corridor_rows(store, iso3, direction))
    used = list(dict.fromkeys(used))
    # Caveats of every indicator shown, and of those shown as not reported (their caveat says why).
    indicators = [fact.indicator for fact in fact_list if not fact.missing or fact.not_reported]
    caveat_texts = ([store.indicator_meta(indicator, lang).get("caveats", "") for indicator in indicators]
                    + [store.source_meta(source, lang).get("caveats", "") for source in used])
    return html.Section([
        html.H2(t("country.sources_heading", lang), className="h6 section-title"),
        common.source_line(store, used, lang) if used else html.P(t("common.no_data", lang)),
        html.Details([html.Summary(t("common.caveats", lang), className="small"),
                      common.caveats(caveat_texts, lang)], className="profile-caveats"),
    ], id=Country.SOURCES, className="sources-section")
