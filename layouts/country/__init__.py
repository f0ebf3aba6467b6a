"""Country profiles: `/country` lists the countries, `/country/<ISO3>` is one country's printable brief.

A function of (state, lang, iso3): every number comes from `figures.country`, which reads the query API.
An unknown or malformed code gets a polite "no such country" page, never an error.

One module per thing on screen: `header` (name, badges, selector, print and CSV), `headlines` (the headline figures
and the rank), `key_figures` (the IOM strategy's figures beside ours), `trends`, `corridors`, `sources`, `page`
(the profile, the index and the page for an unknown code); `links` holds the addresses, `parts` what several
sections use. This package exposes what every view exposes to routing (layouts/pages.py): `params` and `layout`.
"""
from layouts.country.links import params
from layouts.country.page import layout

__all__ = ["layout", "params"]
