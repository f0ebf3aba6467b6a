'use strict';
// Entry of the partial plotly.js bundle assets/vendor/plotly-custom.min.js (built by
// scripts/build_plotly_bundle.sh; esbuild IIFE, so nothing here leaks into the page but window.Plotly).
//
// 1. Only the trace types the app's figures use: figures/ and layouts/ build go.Scatter, go.Bar,
//    go.Choropleth, go.Sankey and dict(type="scattergeo"). `scatter` comes with plotly.js/lib/core.
//    tests/test_assets.py fails when a figure uses a type that is not registered here.
//    Adding one: add `require('plotly.js/lib/<type>')` to build(), rebuild, update PLOTLY_BUNDLE.md, commit.
//
// 2. Defined lazily. Dash serves every *.js under assets/ as a blocking <script> before its renderer, so
//    running plotly.js' module set-up (~100-200 ms of main thread) here would hold up everything behind it.
//    Instead window.Plotly is an accessor: the first read (dcc.Graph checks `window.Plotly` before it draws)
//    builds Plotly synchronously and replaces the accessor by the plain object. To keep that build off the
//    critical path it is also started in idle time once Dash has fetched its callback dependencies, i.e.
//    while the page waits for the server to answer its first callback (the router). If anything reads
//    window.Plotly earlier, it simply gets built earlier: the result is the same object either way.
//    Assigning window.Plotly (e.g. another plotly.js) replaces this one, as with a plain global.
//
// 3. Loaded deferred (serving/page_scripts.py): the page's other scripts and the renderer do not wait for this
//    one's download and compilation. Until it has run, window.Plotly is a placeholder that assets/first-page.js
//    left there: a promise marked __camrPlotlyPending, which dcc.Graph waits on (it waits on whatever
//    window.Plotly holds: `Promise.resolve(window.Plotly || <load dash's own plotly.min.js>)`). It is replaced
//    here by the accessor below and then resolved, so the graph goes on with this bundle.
//
// Locales (e.g. Russian) are not bundled: put node_modules/plotly.js/dist/plotly-locale-ru.js in
// assets/locales/ (loaded before assets/vendor/): it queues itself in window.PlotlyLocales, which plotly.js
// registers when build() runs. See assets/vendor/PLOTLY_BUNDLE.md.

var BUNDLE = 'central-asia-custom';

function build() {
    var Plotly = require('plotly.js/lib/core');
    Plotly.register([
        require('plotly.js/lib/bar'),
        require('plotly.js/lib/choropleth'),
        require('plotly.js/lib/scattergeo'),
        require('plotly.js/lib/sankey')
    ]);
    // Marker checked by the tests: window.Plotly is this bundle, not dash's full plotly.min.js.
    Plotly.__bundle = BUNDLE;
    return Plotly;
}

var plotly = null;
var building = false;

function settle(value) {
    Object.defineProperty(window, 'Plotly', {value: value, writable: true, configurable: true, enumerable: true});
}

function load() {
    if (plotly === null && !building) {
        building = true;
        try {
            plotly = build();
        } finally {
            building = false;
        }
        settle(plotly);
    }
    return plotly === null ? undefined : plotly;
}

function loadWhenIdle() {
    if (plotly !== null) return;
    if (typeof window.requestIdleCallback === 'function') {
        window.requestIdleCallback(load, {timeout: 1000});
    } else {
        setTimeout(load, 1);
    }
}

var placeholder = window.Plotly;
var pending = placeholder !== undefined && placeholder !== null && placeholder.__camrPlotlyPending === true;

if (window.Plotly === undefined || pending) {
    Object.defineProperty(window, 'Plotly', {get: load, set: settle, configurable: true, enumerable: true});
    window.__plotlyBundle = BUNDLE;
    if (pending) placeholder.__settle();

    var warmed = false;
    var warm = function () {
        if (!warmed) {
            warmed = true;
            loadWhenIdle();
        }
    };
    // Dash fetches /_dash-dependencies, then sends its first callbacks: build Plotly while they run on the server.
    if (typeof PerformanceObserver === 'function') {
        try {
            var observer = new PerformanceObserver(function (list) {
                var entries = list.getEntries();
                for (var i = 0; i < entries.length; i++) {
                    if (entries[i].name.indexOf('/_dash-dependencies') !== -1) {
                        observer.disconnect();
                        warm();
                        return;
                    }
                }
            });
            observer.observe({type: 'resource', buffered: true});
        } catch (e) {
            // no resource timing: the fallback below (or the first read) builds Plotly
        }
    }
    // Not a Dash page, or Dash changed its requests: build in idle time soon after load all the same.
    window.addEventListener('load', function () {
        setTimeout(warm, 1000);
    });
}
