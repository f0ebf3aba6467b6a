"""Corridors view: flow map, Sankey, corridor card and the sources side by side. A function of (state, lang).

One module per thing on screen: `params` (URL parameters, the flow selection), `controls`, `flows` (the flow map
and the Sankey, the blocks under them), `card` (the corridor card), `comparison` (the sources side by side), `page`
(the page that puts them together); `parts` holds what several of them use. This package exposes what every view
exposes to routing (layouts/pages.py): `params` and `layout`.
"""
from layouts.corridors.page import layout
from layouts.corridors.params import params

__all__ = ["layout", "params"]
