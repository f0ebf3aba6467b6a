/* On a phone a map is as tall as its geography. A map's figure has no height: it fills its graph, whose height
   grows with the screen (layouts/map.py MAP_HEIGHT, at least 560 px; in present mode the slide's). plotly fits the
   extent's frame inside the plot keeping its shape, so on a 390 px phone, where the width is what limits it, the
   region drew ~180 px high in a 570 px plot: ~200 px of white between the title and the map, as much below it.
   After each draw the graph's box is set to the margins plus the frame's height at the plot's full width (the frame
   as plotly fitted it: geo._subplot.bounds), so the map keeps its width and loses the white; a wider screen gets the
   page's own height back. Graphs with a height of their own (layout.height) are left alone. */
(function () {
  'use strict';
  var PHONE_BELOW = 576;  // px of window width: the phones of app.css and assets/present.js (NARROW_BELOW)
  var MIN_PLOT = 180;     // px: the plot never flatter (the world's colour bar: 7 ticks in 3/4 of it)
  var SLACK = 2;          // px: a box within this of its height is left as it is (no redraw for rounding)

  function restore(outer) {
    var saved = outer._camrGeoFit;
    if (!saved) { return; }
    outer._camrGeoFit = null;
    outer.style.setProperty('height', saved.height, saved.heightPriority);
    outer.style.setProperty('min-height', saved.minHeight, saved.minHeightPriority);
  }
  function fit(gd) {
    var outer = gd.parentElement;  // dcc.Graph's own element: the box its style and app.css size
    var full = gd._fullLayout;
    if (!outer || !full) { return; }
    var geo = full.geo, subplot = geo && geo._subplot, size = full._size;
    var own = gd.layout && typeof gd.layout.height === 'number';
    if (!subplot || own || window.innerWidth >= PHONE_BELOW || !document.body.contains(gd)) {
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
