"""Migrant-stock map view: a function of (state, lang).

One module per thing on screen: `params` (URL parameters, the years offered, each extent's countries), `controls`,
`figure` (the map), `panel` (beside it: the focus country's partners and trend, or the year's largest values),
`source_block` (under it), `downloads` (its CSV), `page` (the page that puts them together); `keys` holds the
catalogue keys chosen at run time, `indexes` what gunicorn's master builds before forking, `reference` the pandas
builds the panel and source block must equal (tests only). This package exposes what every view exposes to routing
(layouts/pages.py): `params` and `layout`.
"""
from layouts.map.page import layout
from layouts.map.params import params

__all__ = ["layout", "params"]
