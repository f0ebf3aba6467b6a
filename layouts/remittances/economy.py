"""Russia's economy and the rouble: the chart (on the trend chart's time axis), the block under it, its table.
Nothing here depends on the selection."""
from __future__ import annotations

from functools import cache, lru_cache


from data.query import get_store
from figures.remittances import economy as economy_fig
from figures.remittances.economy import (DEPENDENCE_THRESHOLD, ECONOMY_INDICATORS, EconomyData, build_economy_figure,
                                         dependent_economies, years_all_fell)
from figures.remittances.parts import (DEPRECIATION_INDICATOR, GROWTH_INDICATOR, PAYER, country_name, labels_for,
                                       wide_rows)
from i18n import t
from layouts import common
from layouts.remittances.parts import caveats_block, note_list, table_block
from layouts.made import html

ECONOMY_HEIGHT = 300


@cache
def economy_data() -> EconomyData:
    return economy_fig.economy_data(get_store())


def _economy_names(lang: str) -> dict[str, str]:
    return {GROWTH_INDICATOR: t("remittances.economy_growth", lang),
            DEPRECIATION_INDICATOR: t("remittances.economy_depreciation", lang)}


def _economy_title(lang: str) -> str:
    return t("remittances.economy_title", lang, country=country_name(get_store(), PAYER, lang))


@lru_cache(maxsize=8)
def economy_figure(lang) -> dict:
    data = economy_data()
    figure = build_economy_figure(data, names=_economy_names(lang),
                                  source_labels=labels_for(get_store(), data.rows["source"], lang), lang=lang,
                                  title=_economy_title(lang), height=ECONOMY_HEIGHT)
    return common.serialised(figure)


@lru_cache(maxsize=8)
def economy_info(lang: str) -> html.Div:
    """Under Russia's economy: source line, how to read it, which years, caveats (nothing here depends on the
    selection)."""
    store = get_store()
    data = economy_data()
    used = list(dict.fromkeys(data.rows["source"]))
    notes = [t("remittances.economy_explainer", lang)]
    if len(data.rows):
        notes.append(t("remittances.economy_years", lang, start=int(data.rows["year"].min()),
                       end=int(data.rows["year"].max())))
    notes.append(t("remittances.economy_log_change", lang))
    dependent = dependent_economies(store, store.group_members("ca5"))
    fell = years_all_fell(store, dependent)
    if len(dependent) > 1 and fell:
        names = [country_name(store, code, lang) for code in dependent]
        notes.insert(0, t("remittances.economy_common_falls", lang, countries=", ".join(names[:-1]),
                          last=names[-1], years=", ".join(map(str, fell)), threshold=int(DEPENDENCE_THRESHOLD)))
    return html.Div([
        common.source_line(store, used, lang) if used else None,
        note_list(notes),
        caveats_block(store, ECONOMY_INDICATORS, used, lang, names=_economy_names(lang)),
    ])


def economy_table(lang: str):
    """Years down, GDP growth and the rouble across, signed."""
    data = economy_data()
    codes, body = wide_rows(data.rows, ECONOMY_INDICATORS, "%", lang, code_column="indicator", change=True)
    names = _economy_names(lang)
    return table_block([t("remittances.table_year", lang), *(names[code] for code in codes)], body, lang,
                  _economy_title(lang))
