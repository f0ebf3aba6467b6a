/* Chart titles wrap instead of running off the chart. Plotly draws a title on one line whatever the width: a Russian
   title ("Российская Федерация: отправленные личные денежные переводы, …") ran 60–200 px past a half-width chart.
   After each draw the title (and subtitle) is broken into lines that fit beside the mode bar, and the top margin
   grows by the added lines; a wider screen joins the lines again. Idempotent: a pass with nothing to change does
   nothing, so plotly's own redraws (a callback's new figure, a resize) are simply wrapped again. */
(function () {
  'use strict';
  var GAP = 8;           // px between the title's end and the mode bar or the chart's edge
  var LINE = 1.3;        // line height, in font sizes
  var canvas = null;

  function textWidth(text, font) {
    canvas = canvas || document.createElement('canvas');
    var ctx = canvas.getContext('2d');
    ctx.font = (font.weight || 'normal') + ' ' + font.size + 'px ' + (font.family || 'sans-serif');
    return ctx.measureText(text).width;
  }
  function plain(text) { return String(text || '').replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, ''); }
  // Greedy word wrap; a word longer than the line stays whole (it is never cut).
  function wrap(text, font, width) {
    var words = plain(text).split(/\s+/).filter(Boolean), lines = [], line = '';
    words.forEach(function (word) {
      var next = line ? line + ' ' + word : word;
      if (line && textWidth(next, font) > width) { lines.push(line); line = word; } else { line = next; }
    });
    if (line) { lines.push(line); }
    return lines;
  }
  // Room for a title line: from its left end to the mode bar when the bar sits beside it, else to the chart's edge.
  // (Where the mode bar has a strip of its own above the chart, app.css, its bottom is above the title's top.)
  function room(gd, full, title) {
    var box = gd.getBoundingClientRect(), right = box.left + full.width - GAP;
    var bar = gd.querySelector('.modebar');
    if (bar && bar.getClientRects().length) {
      var b = bar.getBoundingClientRect();
      if (b.width && b.bottom > title.top && b.top < box.top + (full.margin ? full.margin.t : 40) &&
          b.left > title.left) {
        right = Math.min(right, b.left - GAP);
      }
    }
    return right - title.left;
  }
  function original(gd, key) {
    var layout = gd.layout || {}, title = layout.title || {};
    var now = key === 'title' ? title.text : title.subtitle && title.subtitle.text;
    var store = gd._camrTitles || (gd._camrTitles = {});
    if (now !== store[key + 'Wrapped']) { store[key] = now; }  // a new figure (not our own wrap): its text is the base
    return store[key];
  }
  function fit(gd) {
    var full = gd._fullLayout;
    if (!full || !window.Plotly || !document.body.contains(gd) || !full.title || !gd.layout || !gd.layout.title) {
      return;
    }
    var svgTitle = gd.querySelector('.g-gtitle .gtitle');
    if (!svgTitle || !svgTitle.getClientRects().length) { return; }
    var store = gd._camrTitles || (gd._camrTitles = {});
    var margin = gd.layout.margin || {};
    if (margin.t !== store.marginWrapped) { store.margin = margin.t; store.push = 0; }
    if (store.width !== full.width) { store.width = full.width; store.push = 0; }
    var width = room(gd, full, svgTitle.getBoundingClientRect());
    if (width < 80) { return; }  // not laid out yet (a hidden tab): the next draw will do
    var update = {}, extra = 0;
    [['title', full.title.font], ['subtitle', full.title.subtitle && full.title.subtitle.font]].forEach(function (p) {
      var text = original(gd, p[0]), font = p[1];
      if (!text || !font) { return; }
      var lines = textWidth(plain(text), font) > width ? wrap(text, font, width) : null;
      var wanted = lines && lines.length > 1 ? lines.join('<br>') : text;
      extra += lines ? (lines.length - 1) * font.size * LINE : 0;
      var now = p[0] === 'title' ? gd.layout.title.text : gd.layout.title.subtitle.text;
      if (wanted !== now) { update[p[0] === 'title' ? 'title.text' : 'title.subtitle.text'] = wanted; }
      store[p[0] + 'Wrapped'] = wanted;
    });
    // A legend above the plot (long Russian names wrap it onto two rows) must not run into the title either: the
    // margin grows by what they overlap, remembered until the chart's width or figure changes.
    var legend = gd.querySelector('.legend');
    if (!Object.keys(update).length && legend && legend.getClientRects().length) {
      var overlap = svgTitle.getBoundingClientRect().bottom + 4 - legend.getBoundingClientRect().top;
      var legendBox = legend.getBoundingClientRect(), titleBox = svgTitle.getBoundingClientRect();
      if (overlap > 0 && legendBox.bottom > titleBox.top && legendBox.left < titleBox.right) {
        store.push = (store.push || 0) + Math.ceil(overlap);
      }
    }
    if (typeof store.margin === 'number') {
      var top = Math.round(store.margin + extra + (store.push || 0));
      if (top !== margin.t) { update['margin.t'] = top; }
      store.marginWrapped = top;
      // Plotly centres a title in the top margin and grows extra lines downwards over the legend: when wrapped, the
      // block starts where the one line started and the margin below it keeps its height. Plotly puts the first
      // line's baseline (not its top) at y when the title has several lines: y is one font size lower, else the
      // first line's top was cut off at the chart's edge (a slide's 26 px title, 16 px of it).
      var size = full.title.font.size, wrapped = extra > 0, title = gd.layout.title;
      var y = wrapped ? 1 - (Math.max(4, store.margin / 2 - size * LINE / 2) + size) / full.height : null;
      if (wrapped ? Math.abs((title.y || 0) - y) > 0.002 || title.yanchor !== 'top' || title.yref !== 'container'
                  : store.placed) {
        update['title.y'] = y; update['title.yanchor'] = wrapped ? 'top' : null;
        update['title.yref'] = wrapped ? 'container' : null;
      }
      store.placed = wrapped;
    }
    // Plotly.update, not relayout: dcc.Graph takes every plotly_relayout for a reader's zoom, copies the keys into
    // its figure and draws the figure again (with the figure's height: a slide's fitted chart fell back to it,
    // assets/present.js). Wrapping is the screen's business, not the figure's: a new figure is wrapped anew.
    if (Object.keys(update).length) { window.Plotly.update(gd, {}, update); }
  }

  window.camrWatchCharts(fit);  // assets/chart-watch.js
})();
