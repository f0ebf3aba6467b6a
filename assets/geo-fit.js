/* On a phone a map is as tall as its geography. A map's figure has no height: it fills its graph, whose height
   grows with the screen (layouts/map/figure.py MAP_HEIGHT, at least 560 px; in present mode the slide's). plotly
   fits the extent's frame inside the plot keeping its shape, so on a 390 px phone, where the width is what limits
   it, the region drew ~180 px high in a 570 px plot: ~200 px of white between the title and the map, as much below it.
   After each draw the graph's box is set to the margins plus the frame's height at the plot's full width (the frame
   as plotly fitted it: geo._subplot.bounds), so the map keeps its width and loses the white; a wider screen gets the
   page's own height back. Graphs with a height of their own (layout.height) are left alone.
   On a phone the colour bar goes under the map, across it (as in embeds, embed/static/embed-page.js): beside it, it
   took a third of a 320 px chart (93 px in English, 109 in Russian with DejaVu Sans, Chromium's font where no
   Arial-like one is installed), the map drew 203 px wide, flatter than MIN_PLOT (white over and under it), and two
   of the five Central Asian names found no place apart (assets/map-labels.js hid them). A wider screen gets the
   figure's own bar back.
   On a phone a note that runs past the chart's right edge (the flow map's line-width key: "… · widest = 2.6 million"
   lost its number at 320–390 px) breaks at its ' · ', as embeds break it (embed/static/embed-page.js); a wider
   screen gets the one line back. */
(function () {
  'use strict';
  var PHONE_BELOW = 576;  // px of window width: the phones of app.css and assets/present.js (NARROW_BELOW)
  var MIN_PLOT = 180;     // px: the plot never flatter (the world's colour bar: 7 ticks in 3/4 of it)
  var SLACK = 2;          // px: a box within this of its height is left as it is (no redraw for rounding)
  // The colour bar under the map: embed-page.js' place (xref 'paper': a horizontal bar placed against the chart's
  // edge, as the full view's vertical one, is reserved as if it stood beside the map); the margin under the plot
  // holds its title, bar and labels.
  var UNDER = {orientation: 'h', xref: 'paper', x: 0.5, xanchor: 'center', y: 0, yanchor: 'top', len: 0.8,
               thickness: 10};
  var UNDER_ROOM = 60;    // px: margin.b with the bar under the map, for its 12 px labels (more for larger ones)

  function restore(outer) {
    var saved = outer._camrGeoFit;
    if (!saved) { return; }
    outer._camrGeoFit = null;
    outer.style.setProperty('height', saved.height, saved.heightPriority);
    outer.style.setProperty('min-height', saved.minHeight, saved.minHeightPriority);
  }
  // The traces with a shown colour bar (indices in gd.data).
  function bars(gd) {
    var out = [];
    (gd._fullData || []).forEach(function (trace) {
      if (trace.showscale && trace.colorbar && gd.data[trace.index]) { out.push(trace.index); }
    });
    return out;
  }
  // Puts the colour bar under the map (phone) or back as the figure had it; true when that asked for a redraw.
  // plotly.js redraws a bar turned the other way in its old group and keeps the old way's labels and title there
  // (a group 480 px tall, pushed below the chart): the groups are removed first and drawn anew.
  function placeBar(gd, phone) {
    var indices = bars(gd), saved = gd._camrGeoBar;
    if (!indices.length || !window.Plotly) { return false; }
    var under = indices.every(function (i) { return (gd.data[i].colorbar || {}).orientation === 'h'; });
    var margin = gd.layout.margin || {};
    function redraw(bars, layout) {
      Array.prototype.forEach.call(gd.querySelectorAll('g.colorbar'), function (g) { g.parentNode.removeChild(g); });
      window.Plotly.update(gd, {colorbar: bars}, layout, indices);
    }
    var text = Math.max.apply(null, indices.map(function (i) {
      var font = ((gd._fullData[i] || {}).colorbar || {}).tickfont;
      return font && font.size > 12 ? font.size : 12;
    }));
    var room = Math.max(saved ? saved.b || 0 : margin.b || 0, Math.ceil(UNDER_ROOM * text / 12));
    if (phone && !under) {
      var own = indices.map(function (i) { return gd.data[i].colorbar || {}; });
      gd._camrGeoBar = {bars: own, b: margin.b, autoexpand: margin.autoexpand};
      var moved = own.map(function (bar) {
        return Object.assign({}, bar, UNDER, {title: Object.assign({}, bar.title || {}, {side: 'top'})});
      });
      // the room under the plot is set here, not plotly.js' own reservation for the bar: that one was seen
      // growing with the chart's height, which fit() sets from it
      redraw(moved, {'margin.b': room, 'margin.autoexpand': false});
      return true;
    }
    if (phone && saved && margin.b !== room) {  // larger labels since (present.js on a slide)
      window.Plotly.update(gd, {}, {'margin.b': room});
      return true;
    }
    if (!phone && under && saved) {  // (a new figure, dcc.Graph's react, brings its own bar: nothing to undo)
      gd._camrGeoBar = null;
      redraw(saved.bars, {'margin.b': saved.b === undefined ? null : saved.b,
                          'margin.autoexpand': saved.autoexpand === undefined ? null : saved.autoexpand});
      return true;
    }
    return false;
  }
  // Breaks (phone) or joins again a note run past the chart's edge; true when that asked for a redraw. A new
  // figure or a patch brings the note's own text, checked again after its draw.
  function breakNotes(gd, phone) {
    var notes = (gd.layout && gd.layout.annotations) || [], nodes = gd.querySelectorAll('g.annotation');
    var broken = gd._camrNotes || (gd._camrNotes = {}), update = {}, right = gd.getBoundingClientRect().right;
    notes.forEach(function (note, i) {
      var text = note && note.text;
      if (typeof text !== 'string') { return; }
      if (phone && text.indexOf(' · ') > 0 && nodes[i] && nodes[i].getBoundingClientRect().right > right + 1) {
        broken[i] = text.replace(/ · /g, '<br>');
        update['annotations[' + i + '].text'] = broken[i];
        broken[i + ':own'] = text;
      } else if (!phone && broken[i] === text) {
        update['annotations[' + i + '].text'] = broken[i + ':own'];
        delete broken[i];
      }
    });
    if (!Object.keys(update).length || !window.Plotly) { return false; }
    window.Plotly.relayout(gd, update);
    return true;
  }
  function fit(gd) {
    var outer = gd.parentElement;  // dcc.Graph's own element: the box its style and app.css size
    var full = gd._fullLayout;
    if (!outer || !full) { return; }
    var geo = full.geo, subplot = geo && geo._subplot, size = full._size;
    var own = gd.layout && typeof gd.layout.height === 'number';
    var phone = !!subplot && !own && window.innerWidth < PHONE_BELOW && document.body.contains(gd);
    if (subplot && placeBar(gd, phone)) { return; }  // fitted again after that redraw (chart-watch.js)
    if (subplot && breakNotes(gd, phone)) { return; }
    if (!phone) {
      restore(outer);
      return;
    }
    var b = subplot.bounds, dx = geo.domain.x[1] - geo.domain.x[0], dy = geo.domain.y[1] - geo.domain.y[0];
    if (!b || !size || !(dx > 0 && dy > 0)) { return; }
    var frameW = b[1][0] - b[0][0], frameH = b[1][1] - b[0][1];
    if (!(frameW > 0 && frameH > 0) || size.w < 80) { return; }  // not laid out yet (a hidden tab)
    var plot = Math.max(MIN_PLOT, frameH * size.w * dx / frameW / dy);  // the frame at the plot's full width
    var wanted = Math.ceil(size.t + size.b + plot);
    if (Math.abs(wanted - full.height) <= SLACK) { return; }
    if (!outer._camrGeoFit) {
      outer._camrGeoFit = {height: outer.style.getPropertyValue('height'),
                           heightPriority: outer.style.getPropertyPriority('height'),
                           minHeight: outer.style.getPropertyValue('min-height'),
                           minHeightPriority: outer.style.getPropertyPriority('min-height')};
    }
    // important: over present mode's `height: … !important` (app.css); dcc.Graph resizes the chart to its box
    outer.style.setProperty('height', wanted + 'px', 'important');
    outer.style.setProperty('min-height', '0', 'important');
  }

  window.camrWatchCharts(fit);  // assets/chart-watch.js
})();
