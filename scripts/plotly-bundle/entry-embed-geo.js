'use strict';
// Entry of embed/static/vendor/plotly-embed-geo.min.js: the plotly.js of the map embeds (/embed/map,
// /embed/corridors), built by scripts/build_plotly_bundle.sh like the app's bundle (entry.js).
//
// Only what those charts draw: choropleth and scattergeo (scatter and every layout component come with
// plotly.js/lib/core). No bar, no sankey: less to download, compile and set up before the first map is drawn.
// `country-iso-search` is replaced by lazy-country-iso-search.js (its lookup is built on first use, not at start).
// embed/__init__.py picks, for each embed, the smallest bundle that registers every trace type its figure has
// (tests/test_embed.py checks every view and control value; tests/test_assets.py the bundle itself).
//
// Not lazy like entry.js: an embed page reads window.Plotly as soon as its own script runs, right after this one.

var Plotly = require('plotly.js/lib/core');
Plotly.register([
    require('plotly.js/lib/choropleth'),
    require('plotly.js/lib/scattergeo')
]);
// Marker checked by the tests: which bundle drew the embed.
Plotly.__bundle = 'central-asia-embed-geo';
window.Plotly = Plotly;
