'use strict';
// Entry of embed/static/vendor/plotly-embed-cartesian.min.js: the plotly.js of the chart embeds on x/y axes
// (/embed/remittances, /embed/country/<ISO3>), built by scripts/build_plotly_bundle.sh like the app's bundle
// (entry.js).
//
// Only what those charts draw: bar (scatter and every layout component come with plotly.js/lib/core). No geo
// traces (d3-geo, its projections, topojson, the country lookup) and no sankey: about a third less to download,
// compile and set up before the chart is drawn. embed/__init__.py picks, for each embed, the smallest bundle that
// registers every trace type its figure has (tests/test_embed.py checks every view and control value).
//
// Not lazy like entry.js: an embed page reads window.Plotly as soon as its own script runs, right after this one.

var Plotly = require('plotly.js/lib/core');
Plotly.register([
    require('plotly.js/lib/bar')
]);
// Marker checked by the tests: which bundle drew the embed.
Plotly.__bundle = 'central-asia-embed-cartesian';
window.Plotly = Plotly;
