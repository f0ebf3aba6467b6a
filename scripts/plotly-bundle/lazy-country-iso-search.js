'use strict';
// Stands in for the npm package `country-iso-search` in the app's and the geo embed bundles (esbuild --alias, see
// scripts/build_plotly_bundle.sh). plotly.js (src/lib/geo_location_utils.js) loads the package and builds its
// country-name lookup when the geo traces are registered, ~40 ms of main thread on every map, though only
// `locationmode: "country names"` ever uses it (our maps use their own GeoJSON ids). Here the package is loaded and
// the same lookup built on its first use instead: the answers are the package's own.
//
// geo_location_utils.js does exactly: `const { COUNTRIES, createLookup } = require('country-iso-search');
// const { lookupAlpha3 } = createLookup([...COUNTRIES, ...COUNTRIES_X]);` — so COUNTRIES is empty here and the
// real list is put in front of the records handed over (COUNTRIES_X) when the lookup is built.
// tests/test_assets.py checks that the bundle still carries the package and this file.

var real = null;

function load() {
    if (real === null) real = require('./node_modules/country-iso-search/dist/index.cjs');
    return real;
}

exports.COUNTRIES = [];

exports.createLookup = function (records) {
    var lookup = null;
    function get() {
        if (lookup === null) {
            var pkg = load();
            lookup = pkg.createLookup(pkg.COUNTRIES.concat(records));
        }
        return lookup;
    }
    return {
        lookupAlpha3: function (input) { return get().lookupAlpha3(input); },
        lookup: function (input) { return get().lookup(input); }
    };
};
