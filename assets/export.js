/* PNG and SVG of a chart that carry their own citation: a copy of the figure on screen gets the title, the source
   line (the text of the chart's .source-line, or the element named by data-source-from) and the permalink of
   the view, then plotly.js draws and downloads it. Buttons: layouts/share.image_buttons. */
(function () {
  'use strict';

  function wrap(text, width) {  // plotly.js annotations do not wrap by themselves
    var words = text.split(' '), lines = [], line = '';
    words.forEach(function (word) {
      if (line && (line + ' ' + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + ' ' + word : word; }
    });
    if (line) lines.push(line);
    return lines;
  }

  function sourceText(selector, isMap) {
    var box = selector ? document.querySelector(selector) : null;
    if (!box) return '';
    var line = box.querySelector('.source-line') || box;
    var text = line.textContent;
    // A map carries the UN map disclaimer shown under it (layouts/common.map_disclaimer), unless already in `line`.
    var disclaimer = isMap && box.querySelector('.map-disclaimer');
    if (disclaimer && !line.contains(disclaimer)) text += ' ' + disclaimer.textContent;
    return text.replace(/\s+/g, ' ').trim();
  }

  function isMap(gd) {
    return (gd.data || []).some(function (trace) { return /geo|choropleth/.test(trace.type || ''); });
  }

  function escapeText(s) { return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); }

  // The figure with its title, source and link; exported at the size on screen (at least 800 px wide).
  function citedFigure(gd, source) {
    var full = gd._fullLayout || {};
    var width = Math.max(800, Math.round(full.width || 800));
    var layout = JSON.parse(JSON.stringify(gd.layout || {}));
    var title = (layout.title && (layout.title.text || layout.title)) || '';
    if (typeof title !== 'string' || !title) {
      var heading = document.querySelector('main h1, h1');
      title = heading ? heading.textContent.trim() : document.title;
      layout.title = {text: escapeText(title), x: 0.01, font: {size: 16}};
    }
    var perLine = Math.floor((width - 20) / 6.4);
    var lines = wrap(source, perLine);
    for (var link = location.href; link; link = link.slice(perLine)) lines.push(link.slice(0, perLine));
    lines = lines.map(escapeText);
    var footer = 14 * lines.length + 16;
    var margin = Object.assign({l: 60, r: 30, t: 60, b: 40}, layout.margin || {});
    margin.t = Math.max(margin.t || 0, 60);
    var plotHeight = Math.max(200, Math.round((full.height || 450) - (full.margin ? full.margin.t + full.margin.b : 0)));
    margin.b = (margin.b || 0) + footer;
    var height = plotHeight + margin.t + margin.b;
    layout.margin = margin;
    layout.width = width; layout.height = height;
    layout.annotations = (layout.annotations || []).concat([{
      text: lines.join('<br>'), xref: 'paper', yref: 'paper', x: 0, y: 0, xanchor: 'left', yanchor: 'top',
      xshift: -margin.l + 10, yshift: -(margin.b - footer) - 6, showarrow: false, align: 'left',
      font: {size: 11, color: '#444'}
    }]);
    return {data: gd.data, layout: layout, config: {topojsonURL: '/assets/topojson/'}, width: width, height: height};
  }

  function exportGraph(button) {
    var host = button.dataset.exportSelector ? document.querySelector(button.dataset.exportSelector)
                                             : document.getElementById(button.dataset.exportGraph);
    var gd = host && (host.classList.contains('js-plotly-plot') ? host : host.querySelector('.js-plotly-plot'));
    if (!gd || !window.Plotly) return;
    var figure = citedFigure(gd, sourceText(button.dataset.sourceFrom, isMap(gd)));
    window.__lastExport = figure;  // for the tests: what was drawn
    return window.Plotly.downloadImage({data: figure.data, layout: figure.layout, config: figure.config},
      {format: button.dataset.format, filename: button.dataset.filename || 'chart',
       width: figure.width, height: figure.height});
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-export-graph]');
    if (button) exportGraph(button);
  });
})();
