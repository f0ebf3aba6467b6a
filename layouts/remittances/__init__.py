"""Remittances view: a function of (state, lang).

Five charts tell the story: how much of their GDP Central Asian countries receive as remittances (or how many
US$), Russia's payments abroad and Russia's economy and rouble on the same time axis, the world ranking of one
year, and the cost of sending money from Russia. Each chart has its source line, a table alternative and a CSV
download of what it shows.

One module per thing on screen: `params` (URL parameters), `controls`, `trend` (the trend chart and Russia's
outflows), `economy` (Russia's economy and rouble), `ranking`, `cost`, `tables` (table alternatives), `page` (the
page that puts them together); `parts` holds what several of them use. This package exposes what every view
exposes to routing (layouts/pages.py): `params`, `clean_state` and `layout`.
"""
from layouts.remittances.page import layout
from layouts.remittances.params import clean_state, params

__all__ = ["clean_state", "layout", "params"]
