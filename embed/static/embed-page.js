/* The embed page (embed/page.py): draws the chart into the frame, tells the host page how tall it would like to
   be, and lets the reader use the controls the host chose (controls=…). No framework: this, the HTML and the
   partial plotly.js bundle are all an embed loads. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('embed-data').textContent);
  var root = document.getElementById('embed');
  var chart = document.getElementById('embed-chart');
  var config = {displayModeBar: false, displaylogo: false, showSendToCloud: false, responsive: false,
                topojsonURL: '/assets/topojson/', showTips: false};
  var plotted = false;
  var lastWidth = 0, lastHeight = 0;

  // The chart's drawn first frame (serving/first_frame.py; embed/page.py puts it in the chart's box): a picture
  // shown until plotly.js has drawn the chart, removed then (draw), after FRAME_TIMEOUT ms whatever happened, or at
  // once when it is not shown (a narrow frame; an x/y chart's in a box of a size it does not fit) or drawn for another
  // URL. <html data-embed-frame> says how it went.
  var FRAME_TIMEOUT = 8000;
  var frame = chart.querySelector('.embed-frame');
  function dropFrame(how) {
    if (!frame) return;
    if (frame.parentNode) frame.parentNode.removeChild(frame);
    frame = null;
    document.documentElement.setAttribute('data-embed-frame', how);
  }
  if (frame && frame.getAttribute('data-url') !== location.pathname + location.search) dropFrame('url');
  else if (frame && window.getComputedStyle(frame).display === 'none') dropFrame('hidden');
  else if (frame && frame.querySelector('[data-embed-fit]')
           && window.getComputedStyle(frame.querySelector('[data-embed-fit]')).display === 'none') dropFrame('size');
  else if (frame) setTimeout(function () { dropFrame('timeout'); }, FRAME_TIMEOUT);

  // The height the chart would like at this width (its aspect ratio, within bounds), and the rest of the page.
  function wanted(width) {
    return Math.round(Math.min(data.maxHeight, Math.max(data.minHeight, width * data.aspect)));
  }
  function chromeHeight() {
    return Math.ceil(root.getBoundingClientRect().height - chart.getBoundingClientRect().height);
  }

  // Tell the host page (embed.js) how tall the iframe should be; the iframe's own size never feeds back into
  // this figure, so an iframe resized to it stays that size (no loop).
  function postSize() {
    if (window.parent === window) return;
    var height = chromeHeight() + (data.figure ? wanted(chart.clientWidth) : chart.scrollHeight);
    window.parent.postMessage({type: 'embed-size', height: height, url: location.href}, '*');
  }

  // The chart takes the frame's height left over by the title, controls and source line: a fixed-height iframe
  // shows the whole chart, and one sized by embed.js to wanted() shows it at its natural shape.
  function fit() {
    var width = chart.clientWidth;
    var height = Math.max(data.minHeight, window.innerHeight - chromeHeight());
    if (!data.figure) {
      chart.style.height = height + 'px';
      document.documentElement.setAttribute('data-embed-drawn', '1');
    } else if (width !== lastWidth || height !== lastHeight || !plotted) {
      lastWidth = width; lastHeight = height;
      chart.style.height = height + 'px';
      draw();
    }
    postSize();
  }

  function linksInNewTab() {
    var links = document.querySelectorAll('a[href]');
    for (var i = 0; i < links.length; i++) {
      links[i].setAttribute('target', '_blank');
      links[i].setAttribute('rel', 'noopener');
    }
  }

  // Below ~560 px the names at the ends of lines would take half the width and stack into each other: they move
  // into a legend under the chart, each entry saying what the label said ("Tajikistan 47.9%"). A dashed older
  // release's label goes there too, with its country's name ("Afghanistan — older release: 2025-02-07"): under its
  // segment it stood on the lines below. As in the full view on a phone (assets/present.js narrowLegend).
  function endLabelsAsLegend(traces, layout, width) {
    var ends = {}, older = {};
    (layout.annotations || []).forEach(function (a) {
      var text = String(a.text).replace(/<[^>]+>/g, ' ');
      if (/^end-/.test(a.name || '')) ends[a.name.slice(4)] = text;
      if (/^older-/.test(a.name || '')) older[a.name.slice(6)] = text;
    });
    if (!Object.keys(ends).length) return traces;
    var moved = {};
    traces = traces.map(function (trace) {
      var meta = typeof trace.meta === 'string' ? trace.meta : '', key = meta.replace(':older:', '-');
      if (ends[meta]) return Object.assign({}, trace, {name: ends[meta], showlegend: true});
      if (key === meta || !older[key]) return Object.assign({}, trace, {showlegend: false});
      moved['older-' + key] = true;  // "Afghanistan — older release: …" (its own name) → "Afghanistan — " + label
      var country = String(trace.name || '').split(' — ')[0];
      var name = (country ? country + ' — ' : '') + older[key];
      // wider than the legend's room (up to 7.5 px a character at 12 px in Cyrillic; less the entry's symbol and
      // the margin): on two lines
      if (country && name.length * 7.5 > width - 60) name = country + ' —<br>' + older[key];
      return Object.assign({}, trace, {name: name, showlegend: true});
    });
    layout.annotations = layout.annotations.filter(function (a) {
      return !/^end-/.test(a.name || '') && !moved[a.name];
    });
    layout.showlegend = true;
    layout.legend = {orientation: 'h', x: 0, xanchor: 'left', y: -0.08, yanchor: 'top', font: {size: 12},
                     itemclick: false, itemdoubleclick: false};
    layout.margin = Object.assign({}, layout.margin, {r: 12});
    return traces;
  }

  // Below ~560 px a chart gives its width to the data: a colour bar goes under the map, end labels of lines
  // become a legend and the margins shrink (the figure itself is the full view's, made for a laptop).
  function narrowed(figure, width) {
    var layout = Object.assign({}, figure.layout, {width: width, height: lastHeight});
    if (width >= 560) return {data: figure.data, layout: layout};
    var traces = endLabelsAsLegend(figure.data, layout, width).map(function (trace) {
      if (!trace.colorbar || trace.showscale === false) return trace;
      // xref 'paper': the full view places its vertical bar against the chart's edge (xref 'container'), and
      // plotly.js reserves a horizontal bar placed so as if it stood beside the map: the map drew 20 px wide.
      // 0.8 of the width, as the view's bar under the map (assets/geo-fit.js): at 0.9 in a 320 px frame the
      // label under the no-data swatch, «Нет данных», ran 4 px past the chart's left edge and plotly.js hid it.
      var bar = Object.assign({}, trace.colorbar, {orientation: 'h', xref: 'paper', x: 0.5, xanchor: 'center',
                                                   y: 0, yanchor: 'top', len: 0.8, thickness: 10});
      bar.title = Object.assign({}, bar.title || {}, {side: 'top'});
      return Object.assign({}, trace, {colorbar: bar});
    });
    var margin = Object.assign({}, layout.margin || {});
    if (margin.r > 60) margin.r = 60;
    if (margin.l > 50) margin.l = 48;
    if (traces.some(function (t) { return t.colorbar && t.colorbar.orientation === 'h'; })) {
      margin.b = Math.max(margin.b || 0, 60);
    }
    layout.margin = margin;
    if (Array.isArray(layout.annotations)) {
      layout.annotations = layout.annotations.map(function (a) {
        // A long note (e.g. the flow map's line-width key) breaks at its ' · ' rather than running off.
        if (typeof a.text === 'string' && a.text.length * 6.2 > width && a.text.indexOf(' · ') > 0) {
          return Object.assign({}, a, {text: a.text.replace(/ · /g, '<br>')});
        }
        return a;
      });
    }
    return {data: traces, layout: layout};
  }

  // The map's outlines and plotly.js' base-map stub, preloaded by the page (embed/page.py), go straight into
  // plotly.js' cache (window.PlotlyGeoAssets): plotly.js then draws the map in the task that plots it, instead of
  // asking for them once it has laid the figure out and drawing when they arrive.
  function seedGeometry(items) {
    if (!items || !items.length || typeof fetch !== 'function' || typeof Promise !== 'function') return null;
    return Promise.all(items.map(function (item) {
      return fetch(item.url, {credentials: 'same-origin'}).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (value) {
          if (!value) return;
          var assets = window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};  // plotly.js keeps it
          if (item.topojson) {
            assets.topojson = assets.topojson || {};
            if (assets.topojson[item.topojson] === undefined) assets.topojson[item.topojson] = value;
          } else if (!assets[item.url]) {
            assets[item.url] = value;
          }
        });
    })).catch(function () { /* plotly.js fetches them itself */ });
  }
  var geometry = seedGeometry(data.geo);  // before plotly.js has arrived: both come in at the same time

  // plotly.js is loaded `async` (embed/page.py), so this script runs first and starts the geometry's fetches; the
  // chart is drawn when the bundle has run (its script element's load event), or at once if it already has.
  var waitingForPlotly = false;
  function whenPlotly(then) {
    var script = document.getElementById('embed-plotly');
    if (waitingForPlotly || !script) return;
    waitingForPlotly = true;
    script.addEventListener('load', function () { waitingForPlotly = false; then(); });
  }

  function draw() {
    if (!data.figure) return;
    if (!window.Plotly) {
      whenPlotly(draw);
      return;
    }
    if (geometry) {  // plotly.js is built (it makes PlotlyGeoAssets): draw once the outlines are in its cache
      var pending = geometry;
      geometry = null;
      pending.then(draw);
      return;
    }
    var shaped = narrowed(data.figure, chart.clientWidth);
    var done = window.Plotly.react(chart, shaped.data, shaped.layout, config);
    plotted = true;
    Promise.resolve(done).then(function () {
      dropFrame('drawn');  // the chart is drawn under it: shown in the same frame
      linksInNewTab();
      if (!window.__embedDrawnAt) window.__embedDrawnAt = performance.now();  // for bench/bench_embed.py
      document.documentElement.setAttribute('data-embed-drawn', '1');
      postSize();
    });
  }

  // A control changed: ask the server for the new parts (same rules as the full view), keep them in the URL.
  var pending = null;
  function update(param, value) {
    dropFrame('changed');  // a picture of the state left
    var params = new URLSearchParams(location.search);
    params.set(param, value);
    var path = location.pathname.replace(/\/$/, '') + '.json';
    var search = '?' + params.toString().replace(/%2C/g, ',');
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(path + search, {signal: pending.signal}).then(function (r) { return r.json(); }).then(function (p) {
      // The new chart needs another plotly.js bundle than this page loaded (embed/page.py picks the one with its
      // trace types), or none was loaded (the first state had no chart): load the page of the new state.
      if (p.figure && p.plotly !== data.plotly) {
        location.replace(p.url);
        return;
      }
      data = p;
      document.getElementById('embed-title').textContent = p.title;
      document.title = p.title;
      document.documentElement.lang = p.lang;
      chart.setAttribute('aria-label', p.title);
      if (param === 'lang') document.getElementById('embed-controls').innerHTML = p.controls;
      document.getElementById('embed-notices').innerHTML = p.notices;
      document.getElementById('embed-foot').innerHTML = p.foot;
      if (!p.figure) chart.innerHTML = p.chart;
      history.replaceState(null, '', p.url);
      linksInNewTab();
      plotted = false;
      fit();
    }).catch(function () {});
  }

  var timer = null;
  root.addEventListener('input', function (event) {
    var el = event.target;
    if (!el.dataset || !el.dataset.param) return;
    var value = el.value;
    if (el.type === 'range') {
      value = el.dataset.values.split(',')[Number(el.value)];
      el.setAttribute('aria-valuetext', value);
      if (el.nextElementSibling) el.nextElementSibling.textContent = value;
    }
    clearTimeout(timer);
    timer = setTimeout(function () { update(el.dataset.param, value); }, el.type === 'range' ? 120 : 0);
  });

  linksInNewTab();
  if (data.figure) {  // what stands in for the chart without scripts goes; the drawn frame stays until the chart
    Array.prototype.slice.call(chart.childNodes).forEach(function (node) {
      if (node !== frame) chart.removeChild(node);
    });
  }
  fit();
  window.addEventListener('resize', fit);
  window.addEventListener('load', postSize);
  if (window.ResizeObserver) new ResizeObserver(postSize).observe(root);
})();
