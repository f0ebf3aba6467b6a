"""'Estimated then, reported now': a small table of revisions, on /remittances and on country profiles.

Each row is one sentence a reader can quote: "Tajikistan, remittances (% of GDP), 2023: estimated 48.2 % in
December 2023 (World Bank–KNOMAD); 37.8 % in the newest release (World Bank, WDI …)".
"""
from __future__ import annotations

from figures import revisions as rev
from figures.common import source_label
from i18n import N_, format_value, t
from layouts import common
from layouts.made import html

TABLE_ID = "revisions-table"


# The indicators revisions are shown for, by id: their short names, as literal keys so that extraction sees them.
INDICATOR_KEYS = {"BX.TRF.PWKR.CD.DT": N_("revisions.indicator_BX_TRF_PWKR_CD_DT"),
                  "BX.TRF.PWKR.DT.GD.ZS": N_("revisions.indicator_BX_TRF_PWKR_DT_GD_ZS"),
                  "SM.POP.TOTL": N_("revisions.indicator_SM_POP_TOTL")}


def _indicator(store, indicator: str, lang: str) -> str:
    return t(INDICATOR_KEYS[indicator], lang)


def _change(change: float, lang: str) -> str:
    return t("revisions.change", lang, sign="+" if change >= 0 else "−",
             value=format_value(abs(change) * 100, "%", lang))


def revisions_block(store, iso3s, lang: str, *, heading_class: str = "h5 mt-4") -> html.Section | None:
    """The table (None when nothing in the chosen countries was revised), with a one-line explanation."""
    items = rev.revisions(store, iso3s)
    if not items:
        return None
    rows = []
    for item in items:
        unit = store.indicator_meta(item.indicator)["unit"]
        then_key = N_("revisions.then_estimate") if item.then_kind == "estimate" else N_("revisions.then_revision")
        then_meta = store.source_meta(item.then_source, lang)
        rows.append([
            store.country_name(item.iso3, lang),
            _indicator(store, item.indicator, lang),
            str(item.year),
            t(then_key, lang, value=format_value(item.then_value, unit, lang), vintage=then_meta["vintage"]),
            t("revisions.now", lang, value=format_value(item.now_value, unit, lang)),
            _change(item.change, lang),
        ])
    header = [t("common.country", lang), t("revisions.col_indicator", lang), t("revisions.col_year", lang),
              t("revisions.col_then", lang), t("revisions.col_now", lang), t("revisions.col_change", lang)]
    used = list(dict.fromkeys([i.then_source for i in items] + [i.now_source for i in items]))
    then_sources = {i.then_source for i in items}
    then, now = t("revisions.source_then", lang), t("revisions.source_now", lang)
    return html.Section([
        html.H2(t("revisions.heading", lang), className=heading_class),
        html.P(t("revisions.lede", lang), className="small mb-2"),
        html.Div(common.table(header, rows, caption=t("revisions.caption", lang), id=TABLE_ID),
                 className="table-scroll small"),
        html.Ul([html.Li(f"{then if s in then_sources else now}: {source_label(store, s, lang)}") for s in used],
                className="small text-muted mb-1"),
    ], className="revisions-section")
