/* The first view from the HTML (serving/first_page.py), so the first chart does not wait for the router.

   1. The geometry of the page's maps is fetched now, while the other scripts load (the HTML preloads it), and put
      into plotly.js' own cache (window.PlotlyGeoAssets, read by plotly.js instead of fetching; created here before
      plotly.js is built, which keeps an existing one). The base-map stub too (assets/topojson/).
   2. window.camrFirstPage(layout) is the renderer's layout_post hook (app.py): when the address bar still shows the
      URL the page was rendered for, the page goes into the root layout's page slot and the dcc.Location gets that
      pathname and query, so the router (callbacks/routing.py) is not called for the first view. Otherwise
      nothing changes and the router renders the page, as it does for every later navigation.
   3. The renderer's first fetch of /_dash-layout and of /_dash-dependencies is answered from the HTML's copies
      (serving/first_page.py boot_blocks): no round trip before it can render. Every other fetch goes out.
   5. The drawn first frame (serving/first_frame.py), a picture of the page the HTML carries for a default view, is
      removed once the live page's map has drawn (then one more animation frame), after FRAME_TIMEOUT ms whatever
      happened, or at once when the address is not the one it was drawn for or it is not shown (a narrow screen).
      The live page, laid out under it meanwhile but hidden (assets/app.css), is then shown in the same frame.
      <html data-camr-frame> says how it went (tests, bench): "drawn", "timeout", "url" or "hidden".
   4. plotly.js comes deferred (serving/page_scripts.py): until its script has run, window.Plotly is a placeholder,
      a promise dcc.Graph waits on instead of fetching dash's own plotly.min.js; the bundle replaces and resolves it
      (scripts/plotly-bundle/entry.js). Chart locales loaded before it queue themselves as with no Plotly at all. */
(function () {
  'use strict';
  var PAGE_ID = 'page-content';  // layouts/ids.py Shell.PAGE
  var URL_ID = 'url';  // Shell.URL
  var block = document.getElementById('camr-first-page');
  var first = null;
  if (block) {
    try { first = JSON.parse(block.textContent); } catch (e) { first = null; }
  }

  // 5. (the frame is in the HTML before this script: it is there already)
  var frame = document.querySelector('.camr-frame');
  if (frame) {
    var FRAME_TIMEOUT = 8000;
    var started = performance.now();
    var handOver = function (how) {
      if (!frame) return;
      frame.parentNode.removeChild(frame);
      frame = null;
      document.documentElement.setAttribute('data-camr-frame', how);
    };
    var live = frame.getAttribute('data-live') || '.js-plotly-plot .choroplethlocation';
    if (frame.getAttribute('data-url') !== window.location.pathname + window.location.search) {
      handOver('url');
    } else if (window.getComputedStyle(frame).display === 'none') {
      handOver('hidden');  // and not shown if the window grows later
    } else {
      var watch = function () {
        if (!frame) return;
        if (document.querySelector('#react-entry-point ' + live)) {
          requestAnimationFrame(function () { handOver('drawn'); });  // what plotly.js still draws after it
        } else if (performance.now() - started > FRAME_TIMEOUT) {
          handOver('timeout');
        } else {
          requestAnimationFrame(watch);
        }
      };
      requestAnimationFrame(watch);
    }
  }

  // 3. (first, so it is in place before the renderer's first fetch)
  var boot = {};
  ['camr-dash-layout', 'camr-dash-dependencies'].forEach(function (id) {
    var el = document.getElementById(id);
    if (el && el.getAttribute('data-url')) boot[new URL(el.getAttribute('data-url'), window.location.href).href] = el;
  });
  if (Object.keys(boot).length && typeof window.fetch === 'function' && typeof Response === 'function') {
    var fetchFromNetwork = window.fetch;
    var fromHtml = function (input, init) {
      var key = null;
      try {
        var method = ((init && init.method) || (input && input.method) || 'GET').toUpperCase();
        var url = new URL(typeof input === 'string' ? input : input.url, window.location.href).href;
        if (method === 'GET' && boot[url]) key = url;
      } catch (e) { /* not a request of ours */ }
      if (key === null) return fetchFromNetwork.apply(this, arguments);
      var el = boot[key];
      delete boot[key];
      if (!Object.keys(boot).length && window.fetch === fromHtml) window.fetch = fetchFromNetwork;
      return Promise.resolve(new Response(el.textContent, {
        status: 200, headers: {'Content-Type': 'application/json'}}));
    };
    window.fetch = fromHtml;
  }

  // 4. (before the locales and the renderer: the first to read window.Plotly must find the placeholder)
  var PLOTLY_SRC = /\/plotly-custom[^/]*\.js/;
  if (window.Plotly === undefined && typeof Promise === 'function') {
    var settlePlaceholder;
    var placeholder = new Promise(function (resolve) { settlePlaceholder = resolve; });
    placeholder.__camrPlotlyPending = true;
    placeholder.__settle = function () { settlePlaceholder(); };
    // A chart locale (assets/locales/) calls Plotly.register when a Plotly exists: queued where plotly.js reads it.
    placeholder.register = function (locale) { (window.PlotlyLocales = window.PlotlyLocales || []).push(locale); };
    window.Plotly = placeholder;
    // The bundle failed to load: what dcc.Graph would have done without any window.Plotly (dash's own plotly.js).
    var onError = function (event) {
      var el = event.target;
      if (!el || el.tagName !== 'SCRIPT' || !PLOTLY_SRC.test(el.src || '') || window.Plotly !== placeholder) return;
      document.removeEventListener('error', onError, true);
      delete window.Plotly;
      var loadDashPlotly = function () {  // its URL is known once the renderer has read its config
        var url = window._dashPlotlyJSURL;
        if (!url) {
          var config = {};
          try { config = JSON.parse(document.getElementById('_dash-config').textContent); } catch (e) { /* default */ }
          url = (config.requests_pathname_prefix || '/') + '_dash-component-suites/plotly/package_data/plotly.min.js';
        }
        var fallback = document.createElement('script');
        fallback.src = url;
        fallback.onload = fallback.onerror = function () { settlePlaceholder(); };
        document.body.appendChild(fallback);
      };
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', loadDashPlotly);
      else loadDashPlotly();
    };
    document.addEventListener('error', onError, true);
  }

  function load(url, keep) {
    if (typeof fetch !== 'function') return;
    fetch(url, {credentials: 'same-origin'}).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) keep(data); })
      .catch(function () { /* plotly.js fetches it itself when it draws */ });
  }

  if (first && first.geo) {
    var assets = window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};
    assets.topojson = assets.topojson || {};
    Object.keys(first.geo.topojson || {}).forEach(function (name) {
      load(first.geo.topojson[name], function (data) {
        if (assets.topojson[name] === undefined) assets.topojson[name] = data;
      });
    });
    (first.geo.geojson || []).forEach(function (url) {
      load(url, function (data) { if (!assets[url]) assets[url] = data; });  // not while plotly.js fetches it
    });
  }

  // plotly.js is built on its first read (assets/vendor/PLOTLY_BUNDLE.md), ~0.1-0.2 s of main thread. A page
  // with a chart needs it as soon as the renderer has drawn the page, and the renderer no longer waits for
  // anything from the server: build it right after the bundle's script has run (its load event, seen here in
  // the capture phase), while the scripts after it (the renderer, dcc) are still arriving and compiling, so
  // that the main thread is busy with it while it would otherwise wait. After DOMContentLoaded at the latest.
  if (first && first.page && /"type":"Graph"/.test(block.textContent)) {
    var build = function () { return window.Plotly; };
    var onScript = function (event) {
      var el = event.target;
      if (el && el.tagName === 'SCRIPT' && PLOTLY_SRC.test(el.src || '')) {
        document.removeEventListener('load', onScript, true);
        build();
      }
    };
    document.addEventListener('load', onScript, true);
    document.addEventListener('DOMContentLoaded', function () {
      document.removeEventListener('load', onScript, true);
      setTimeout(build, 0);
    });
  }

  function find(node, id) {
    if (!node || typeof node !== 'object') return null;
    if (Array.isArray(node)) {
      for (var i = 0; i < node.length; i++) {
        var hit = find(node[i], id);
        if (hit) return hit;
      }
      return null;
    }
    if (node.props) {
      if (node.props.id === id) return node;
      return find(node.props.children, id);
    }
    return null;
  }

  window.camrFirstPage = function (layout) {
    if (!first || !first.page || first.pathname !== window.location.pathname || first.search !== window.location.search) return;
    var slot = find(layout, PAGE_ID);
    var location = find(layout, URL_ID);
    if (!slot || !location) return;
    slot.props.children = first.page;
    location.props.pathname = first.pathname;
    location.props.search = first.search;
    first = null;  // once: a later layout (none in this app) would go through the router
  };
}());
