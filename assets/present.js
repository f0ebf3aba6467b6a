/* Presentation mode (layouts/present.py): keyboard and clicker, full screen, a control bar that hides itself,
   chart text sized for a room and "Add this view to my deck" (a chart alone on its slide is sized by CSS, see
   assets/app.css). Plain browser JavaScript, no network: a deck lives in the URL; localStorage only remembers
   which deck "my deck" is between two views. */
(function () {
  'use strict';
  var DECK_KEY = 'camr-present-deck';
  var MIN_TEXT = 18;  // px: axis labels, legends, hover, annotations on a 1080p projector
  var MIN_TITLE = 26;
  var AWAKE_MS = 2500;

  function presentRoot() { return document.querySelector('.present-mode'); }
  function bar() { return document.getElementById('present-bar'); }
  function lang() { return document.documentElement.lang || 'en'; }

  // The same as a dcc.Link: a history entry per slide (the back button steps back), Dash renders the new address.
  function go(url) {
    if (!url) { return; }
    window.history.pushState({}, '', url);
    window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));
    window.scrollTo(0, 0);
  }

  // --- my deck ---------------------------------------------------------------------------------------------------
  function storedDeck() {
    try { var deck = JSON.parse(window.localStorage.getItem(DECK_KEY)); return Array.isArray(deck) ? deck : []; }
    catch (e) { return []; }
  }
  function storeDeck(slides) {
    try { window.localStorage.setItem(DECK_KEY, JSON.stringify(slides)); } catch (e) { /* private mode: URL only */ }
  }
  function deckUrl(slides, slide) {
    var params = new URLSearchParams();
    slides.forEach(function (s) { params.append('deck', s); });
    if (slide) { params.set('slide', String(slide)); }
    params.set('lang', lang());
    return '/present?' + params.toString();
  }
  // The view on screen as a permalink: its path and query, without language and presentation flags.
  function permalinkHere() {
    var params = new URLSearchParams(window.location.search);
    ['lang', 'present', 'slide', 'deck'].forEach(function (k) { params.delete(k); });
    var query = params.toString().replace(/%2C/g, ',');
    return window.location.pathname + (query ? '?' + query : '');
  }

  document.addEventListener('click', function (event) {
    var target = event.target.closest && event.target.closest(
      '[data-add-to-deck], [data-present-view], [data-open-deck], [data-present-action="fullscreen"]');
    if (!target) { return; }
    if (target.hasAttribute('data-add-to-deck')) {
      event.preventDefault();
      var slides = storedDeck().concat([permalinkHere()]);
      storeDeck(slides);
      go(deckUrl(slides, 0));
    } else if (target.hasAttribute('data-present-view')) {
      event.preventDefault();
      var params = new URLSearchParams(window.location.search);
      params.set('present', '1');
      go(window.location.pathname + '?' + params.toString().replace(/%2C/g, ','));
    } else if (target.hasAttribute('data-open-deck')) {
      var mine = storedDeck();
      if (mine.length) { event.preventDefault(); event.stopPropagation(); go(deckUrl(mine, 0)); }
    } else {
      event.preventDefault();
      toggleFullscreen();
    }
  }, true);

  // --- keyboard and clicker ---------------------------------------------------------------------------------------
  function toggleFullscreen() {
    if (document.fullscreenElement) { document.exitFullscreen().catch(function () {}); }
    else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(function () { /* refused: stay windowed */ });
    }
  }

  document.addEventListener('keydown', function (event) {
    var controls = bar();
    if (!controls || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = (event.target.tagName || '').toLowerCase();
    if (tag === 'input' || tag === 'textarea' || tag === 'select' || event.target.isContentEditable) { return; }
    var data = controls.dataset, url = null;
    switch (event.key) {
      case 'ArrowRight': case 'PageDown': case ' ': case 'Spacebar': url = data.next; break;
      case 'ArrowLeft': case 'PageUp': url = data.prev; break;
      case 'Home': url = data.first; break;
      case 'End': url = data.last; break;
      case 'f': case 'F': event.preventDefault(); toggleFullscreen(); return;
      case 'Escape':  // leaves full screen first (where the browser hands us the key), then the slides
        event.preventDefault();
        if (document.fullscreenElement) { document.exitFullscreen().catch(function () {}); }
        else if (data.exit) { window.location.assign(data.exit); }
        return;
      default: return;
    }
    event.preventDefault();  // Space and PageDown would scroll; arrows would move a focused slider
    if (url && url !== window.location.pathname + window.location.search) { go(url); }
  });

  // --- controls hidden until the mouse moves ----------------------------------------------------------------------
  var sleepTimer = null;
  function wake() {
    document.body.classList.add('present-awake');
    window.clearTimeout(sleepTimer);
    sleepTimer = window.setTimeout(function () { document.body.classList.remove('present-awake'); }, AWAKE_MS);
  }
  ['mousemove', 'touchstart'].forEach(function (name) {
    document.addEventListener(name, function () { if (presentRoot()) { wake(); } }, {passive: true});
  });

  // --- chart text for the screen: on a slide every font at least MIN_TEXT px; on a normal page at 1600 px and wider
  // (a projector, a large monitor) at least WIDE_TEXT px, and charts a little taller. Idempotent: a second pass
  // changes nothing, so plotly's own redraws (a callback's new figure) are simply sized again.
  var WIDE_TEXT = 16, WIDE_TITLE = 20, WIDE_FROM = 1600, NARROW_BELOW = 576, PHONE_TEXT = 14, PHONE_TITLE = 18;
  function small(font, min) { return font && typeof font.size === 'number' && font.size < min; }
  function floors() {
    // A slide on a phone is read in the hand, not across a room: the wall's 18/26 px made a Russian title 7 lines
    // tall over a chart 75 px high, and one legend entry wider than the phone.
    if (presentRoot() && window.innerWidth < NARROW_BELOW) { return {text: PHONE_TEXT, title: PHONE_TITLE}; }
    if (presentRoot()) { return {text: MIN_TEXT, title: MIN_TITLE}; }
    if (window.innerWidth >= WIDE_FROM) { return {text: WIDE_TEXT, title: WIDE_TITLE}; }
    return null;
  }
  function fitGraph(gd) {
    var full = gd._fullLayout;
    if (!full || !window.Plotly || !document.body.contains(gd)) { return; }
    var layout = {}, traces = [], min = floors();
    if (min) {
      var text = min.text, title = min.title;
      if (small(full.font, text)) { layout['font.size'] = text; }
      if (full.title && full.title.text && small(full.title.font, title)) { layout['title.font.size'] = title; }
      if (full.title && full.title.subtitle && full.title.subtitle.text && small(full.title.subtitle.font, text)) {
        layout['title.subtitle.font.size'] = text;
      }
      Object.keys(full).forEach(function (key) {
        if (!/^[xy]axis\d*$/.test(key)) { return; }
        if (small(full[key].tickfont, text)) { layout[key + '.tickfont.size'] = text; }
        if (full[key].title && small(full[key].title.font, text)) { layout[key + '.title.font.size'] = text; }
      });
      if (full.legend && small(full.legend.font, text)) { layout['legend.font.size'] = text; }
      if (small(full.hoverlabel && full.hoverlabel.font, text)) { layout['hoverlabel.font.size'] = text; }
      (full.annotations || []).forEach(function (a, i) {
        if (small(a.font, text)) { layout['annotations[' + i + '].font.size'] = text; }
      });
      (gd._fullData || []).forEach(function (trace, i) {
        var update = {};
        if (small(trace.textfont, text)) { update['textfont.size'] = text; }
        if (small(trace.outsidetextfont, text)) { update['outsidetextfont.size'] = text; }
        if (trace.colorbar && small(trace.colorbar.tickfont, text)) { update['colorbar.tickfont.size'] = text; }
        if (trace.colorbar && trace.colorbar.title && small(trace.colorbar.title.font, text)) {
          update['colorbar.title.font.size'] = text;
        }
        if (small(trace.hoverlabel && trace.hoverlabel.font, text)) { update['hoverlabel.font.size'] = text; }
        if (Object.keys(update).length) { traces.push([update, i]); }
      });
    }
    wrapCategories(gd, full, layout);
    yearTicks(gd, full, layout);
    endLabelRoom(gd, full, layout, min);
    narrowLegend(gd, full, layout, traces);
    wrapLegend(gd, full, layout, traces);
    sizeBox(gd, full, layout);  // (after wrapLegend: the room of the older releases' legend entries)
    fitNotes(gd, full, layout);
    var update = oneUpdate(gd, traces);
    if (!Object.keys(layout).length && !update) { return; }
    // Plotly.update, not relayout/restyle: dcc.Graph copies what a plotly_relayout changed into its figure and
    // draws that figure again -- with the figure's own height, undoing the fit each time (see titles.js). One call
    // for the layout and every trace: one redraw, not one per trace.
    if (update) { window.Plotly.update(gd, update.values, layout, update.indices); }
    else { window.Plotly.update(gd, {}, layout); }
  }
  // [[{key: value}, traceIndex], ...] as one Plotly.update: each key an array over the traces named (undefined where
  // a trace keeps its own value; plotly skips those). Null when no trace changes.
  function oneUpdate(gd, traces) {
    var byTrace = {};
    traces.forEach(function (pair) {
      Object.keys(pair[0]).forEach(function (key) {
        var trace = (gd.data || [])[pair[1]] || {};
        var now = key.split('.').reduce(function (o, k) { return o == null ? undefined : o[k]; }, trace);
        if (now === pair[0][key]) { return; }  // already so: a second pass changes nothing
        (byTrace[pair[1]] || (byTrace[pair[1]] = {}))[key] = pair[0][key];
      });
    });
    var indices = Object.keys(byTrace).map(Number).sort(function (a, b) { return a - b; });
    if (!indices.length) { return null; }
    var keys = {};
    indices.forEach(function (i) { Object.keys(byTrace[i]).forEach(function (key) { keys[key] = true; }); });
    var values = {};
    Object.keys(keys).forEach(function (key) {
      values[key] = indices.map(function (i) { return byTrace[i][key]; });
    });
    return {values: values, indices: indices};
  }
  // End labels (the names at the ends of the lines, figures/remittances/trend.py) get a right margin measured for
  // their own font; raised to the screen's text size they ran past the chart's edge ("Russian Federation" at
  // 1920 px). A chart's wide right margin (more than END_ROOM px: room for end labels, shared by the charts on one
  // time axis, figures/remittances/parts.share_time_axis) grows by the same factor as its text, in every chart
  // alike, so the years stay one above the other.
  var END_ROOM = 60, END_GAP = 12;
  function endLabelRoom(gd, full, layout, min) {
    var margin = gd.layout.margin || {};
    if (typeof margin.r === 'number' && margin.r !== gd._fitMarginR) {  // a new figure: its own margin and fonts
      gd._baseMarginR = margin.r;
      var sizes = (full.annotations || []).filter(function (a) { return /^end-/.test(a.name || ''); })
        .map(function (a) { return a.font && a.font.size; }).concat([full.font && full.font.size])
        .filter(function (size) { return typeof size === 'number'; });
      gd._baseTextSize = Math.min.apply(null, sizes.length ? sizes : [0]);
    }
    var base = gd._baseMarginR, from = gd._baseTextSize;
    if (typeof base !== 'number' || base <= END_ROOM || !min || !from || window.innerWidth < NARROW_BELOW) { return; }
    var wanted = Math.ceil((base - END_GAP) * Math.max(1, min.text / from)) + END_GAP;
    gd._fitMarginR = wanted;
    if (wanted !== margin.r) { layout['margin.r'] = wanted; }
  }
  // The fitted height is set on the chart's box and plotly fills the box (autosize), never by layout.height: plotly's
  // own resize (the window's; dcc.Graph's when the box changes) drops layout.height whenever layout.width is unset,
  // as after every dcc.Graph react, and sizes the chart to its box. That box used to be only as tall as the chart,
  // so a resize between a react (the figure's 300 px) and the refit here left the chart at 300 px with nothing to
  // refit from; and a relayout of `height` pins layout.width too, so the chart kept its width when the window
  // narrowed. Now every resize lands on the fitted height, and the width follows the page.
  function sizeBox(gd, full, layout) {
    var target = targetHeight(gd);
    if (gd._needHeight) { target = Math.max(target || gd._baseHeight || 0, gd._needHeight); }  // (wrapCategories)
    if (gd._legendRoom && gd._baseHeight) { target = Math.max(target || 0, gd._baseHeight + gd._legendRoom); }
    if (!target) { return; }
    var box = target + 'px';
    if (gd.style.height !== box) { gd.style.height = box; }  // over dcc.Graph's height: 100% (of an auto box)
    gd._fitHeight = target;
    if (typeof gd.layout.height === 'number' || typeof gd.layout.width === 'number' ||
        Math.abs((full.height || 0) - target) > 1) {
      layout.autosize = true;  // drops layout.height and width: plotly measures the box (the width: the page's)
    }
  }
  // The height the figure asked for, then: on a slide with several charts, half as tall again at most; on a tall
  // normal screen, up to a third taller; at other widths the figure's own, once sized here. A number in
  // layout.height is always the figure's (dcc.Graph's react, plotly's first draw): it is remembered, as autosize
  // removes it. A chart alone on its slide has no height of its own (responsive, layouts/present.isolate): CSS
  // sizes it, nothing here.
  function targetHeight(gd) {
    if (!gd.layout) { return null; }
    if (typeof gd.layout.height === 'number') { gd._baseHeight = gd.layout.height; }
    var base = gd._baseHeight;
    if (typeof base !== 'number') { return null; }
    if (presentRoot()) {
      return Math.round(Math.max(base, Math.min(base * 1.5, window.innerHeight * 0.8)));
    }
    if (window.innerWidth < WIDE_FROM) { return gd._fitHeight ? base : null; }  // phones, laptops: as built
    return Math.round(base * Math.min(1.35, Math.max(1, window.innerHeight / 900)));
  }
  // On a phone the names at the ends of the remittance lines would need half the width and stack into each other:
  // a legend instead, each entry saying what the label said ("Tajikistan 47.9%"). A dashed older release's label
  // goes there too, with its country's name ("Afghanistan — older release: 2025-02-07", the dashes as its symbol):
  // under its segment's end it stood on the lines below (Kazakhstan's, near 0 %), and a phone's chart has no room
  // clear of them. As in embeds (embed/static/embed-page.js).
  function narrowLegend(gd, full, layout, traces) {
    if (window.innerWidth >= NARROW_BELOW) { return; }
    var annotations = full.annotations || [];
    var ends = {}, older = {};
    annotations.forEach(function (a) {
      var text = String(a.text).replace(/<[^>]+>/g, ' ');
      if (/^end-/.test(a.name || '')) { ends[a.name.slice(4)] = text; }
      if (/^older-/.test(a.name || '')) { older[a.name.slice(6)] = text; }
    });
    if (!Object.keys(ends).length) { return; }
    var named = {}, moved = {};  // trace index: its legend entry; annotation names gone into the legend
    (gd.data || []).forEach(function (trace, i) {
      var meta = typeof trace.meta === 'string' ? trace.meta : '', key = meta.replace(':older:', '-');
      if (ends[meta]) { named[i] = ends[meta]; }
      else if (key !== meta && older[key]) {
        named[i] = olderName(trace.name, older[key]);
        moved['older-' + key] = true;
      }
    });
    Object.keys(layout).forEach(function (key) { if (/^annotations\[/.test(key)) { delete layout[key]; } });
    layout.annotations = (gd.layout.annotations || []).filter(function (a) {
      return !/^end-/.test(a.name || '') && !moved[a.name];
    });
    layout.showlegend = true;
    layout.legend = {orientation: 'h', x: 0, y: -0.15, xanchor: 'left', yanchor: 'top'};
    layout['margin.r'] = 10;
    gd._fitMarginR = 10;
    (gd.data || []).forEach(function (trace, i) {
      traces.push([named[i] ? {name: named[i], showlegend: true} : {showlegend: false}, i]);
    });
  }
  // "Afghanistan — older release: 2025-02-07": the country's name (the older trace's own name, "Afghanistan —
  // older release: <the release's whole name>", or this entry once set here, possibly broken into lines) and the
  // label's text.
  function olderName(name, label) {
    var country = String(name || '').replace(/<br\s*\/?>/gi, ' ').split(' — ')[0];
    return country ? country + ' — ' + label : label;
  }
  // On a phone a legend entry wider than the chart ("Обесценение рубля к доллару США (логарифмические пункты)",
  // "Российская Федерация 8,3 млрд долл. США") ran off its right edge: it is broken into lines that fit. A chart's
  // right margin kept for end labels (END_ROOM) is given back: on a phone the labels are a legend.
  // The older releases' entries (narrowLegend) add their own height to the chart: the plot keeps the height it had
  // with their labels on it (seven countries and two older releases left it 116 px of 460 at 320 px).
  var ENTRY_PAD = 4;  // px of a legend entry beyond its lines (one line: 19 px at 12 px)
  function wrapLegend(gd, full, layout, traces) {
    gd._legendRoom = 0;
    if (window.innerWidth >= NARROW_BELOW || !full.width) { return; }
    var base = gd._baseMarginR;
    if (typeof base === 'number' && base > END_ROOM && !('margin.r' in layout) &&
        (gd.layout.margin || {}).r !== 10) {
      layout['margin.r'] = 10;
      gd._fitMarginR = 10;
    }
    var names = gd._camrNames || (gd._camrNames = {});
    var set = {};
    traces.forEach(function (pair) { if ('name' in pair[0]) { set[pair[1]] = pair; } });
    var size = (layout['legend.font.size'] || (full.legend && full.legend.font && full.legend.font.size) ||
                (full.font && full.font.size) || 12);
    var font = {size: size, family: (full.font && full.font.family) || 'sans-serif'};
    // from the plot's left edge (where the legend starts) to the chart's right, less the entry's symbol and padding
    var left = full._size ? full._size.l : (full.margin && full.margin.l) || 0;  // the drawn one (automargin)
    var room = Math.max(120, full.width - left - 56);
    (gd.data || []).forEach(function (trace, i) {
      var pair = set[i], now = trace.name;
      var olderShown = /:older:/.test(typeof trace.meta === 'string' ? trace.meta : '') &&
        (pair ? pair[0].showlegend === true : trace.showlegend === true);
      if (!pair && now !== names[i + 'Wrapped']) { names[i] = now; }  // a new figure's own name
      var text = pair ? pair[0].name : names[i];
      var wanted = now;
      if (typeof text === 'string' && text) {
        var plain = text.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, '');
        wanted = textWidth(plain, font) > room ? wrapWords(plain, font, room).join('<br>') : text;
        names[i + 'Wrapped'] = wanted;
        if (pair) { pair[0].name = wanted; }
        else if (wanted !== now) { traces.push([{name: wanted}, i]); }
      }
      if (olderShown) {
        gd._legendRoom += Math.ceil(String(wanted).split('<br>').length * size * LINE_SPACING + ENTRY_PAD);
      }
    });
  }
  // On a phone the ranking's labels ("15. Государство Палестина") took four fifths of its width and left the bars
  // 64 px: the labels of a category axis wider than LABEL_SHARE of the chart are broken into lines (their own text,
  // as tick texts over the same categories), and the chart grows so that two wrapped labels next to each other do
  // not run into each other. Wider again, the axis gets its own labels back.
  var LABEL_SHARE = 0.4, LINE_SPACING = 1.3;  // plotly's line spacing of multi-line text, in ems
  function wrapCategories(gd, full, layout) {
    var narrow = window.innerWidth < NARROW_BELOW && full.width;
    var wrapped = gd._camrTicks || (gd._camrTicks = {});
    gd._needHeight = 0;
    Object.keys(full).forEach(function (key) {
      var axis = full[key], own = (gd.layout || {})[key] || {};
      if (!/^yaxis\d*$/.test(key) || axis.type !== 'category' || !(axis._categories || []).length) { return; }
      var ours = wrapped[key] && JSON.stringify(own.ticktext) === wrapped[key];
      if (!narrow) {
        if (ours) {
          layout[key + '.tickmode'] = null; layout[key + '.tickvals'] = null; layout[key + '.ticktext'] = null;
        }
        delete wrapped[key];
        return;
      }
      if (own.ticktext && !ours) { return; }  // the figure's own tick texts
      var size = layout[key + '.tickfont.size'] || (axis.tickfont && axis.tickfont.size) || 12;
      var font = {size: size, family: (axis.tickfont && axis.tickfont.family) || 'sans-serif'};
      var room = LABEL_SHARE * full.width;
      var categories = axis._categories.slice();
      var texts = categories.map(function (label) {
        var plain = String(label).replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, '');
        return textWidth(plain, font) > room ? wrapWords(plain, font, room).join('<br>') : String(label);
      });
      var lines = texts.map(function (text) { return text.split('<br>').length; });
      if (Math.max.apply(null, lines) > 1) {
        var pitch = size * LINE_SPACING;  // between two rows' centres: half of each one's lines, and a gap
        for (var i = 1; i < lines.length; i++) {
          pitch = Math.max(pitch, (lines[i - 1] + lines[i]) / 2 * size * LINE_SPACING + 4);
        }
        var size_ = full._size || {};
        gd._needHeight = Math.ceil(pitch * categories.length + (full.height - (size_.h || full.height)));
      }
      var same = texts.every(function (text, i) { return text === String(categories[i]); });
      var json = JSON.stringify(texts);
      if (same && !ours) { return; }
      if (json !== JSON.stringify(own.ticktext)) {
        layout[key + '.tickmode'] = 'array'; layout[key + '.tickvals'] = categories; layout[key + '.ticktext'] = texts;
      }
      wrapped[key] = json;
    });
  }
  // A date axis ticked every year (the cost chart: dtick M12, one tick each 1 January) turned its labels on end on a
  // phone and ran them into the legend: the step grows to 2, 3, ... years until "2000" and a gap fit between two
  // ticks. Wider again, the figure's own step comes back.
  var YEAR_GAP = 8;
  function yearTicks(gd, full, layout) {
    var steps = gd._camrYears || (gd._camrYears = {});
    Object.keys(full).forEach(function (key) {
      var axis = full[key], own = (gd.layout || {})[key] || {};
      if (!/^xaxis\d*$/.test(key) || axis.type !== 'date' || !axis._length || !axis.range || !axis.r2l) { return; }
      if (own.dtick !== steps[key + 'Set']) { steps[key] = own.dtick; }  // a new figure's own step
      if (steps[key] !== 'M12') { return; }
      var years = (axis.r2l(axis.range[1]) - axis.r2l(axis.range[0])) / 31557600000;  // ms in 365.25 days
      if (!(years > 0)) { return; }
      var size = layout[key + '.tickfont.size'] || (axis.tickfont && axis.tickfont.size) || 12;
      var font = {size: size, family: (axis.tickfont && axis.tickfont.family) || 'sans-serif'};
      var step = Math.max(1, Math.ceil((textWidth('2000', font) + YEAR_GAP) * years / axis._length));
      var wanted = 'M' + 12 * step;
      steps[key + 'Set'] = wanted;
      if (wanted !== own.dtick) { layout[key + '.dtick'] = wanted; }
    });
  }
  // A note right-aligned at a year of the x axis (the economy chart's "no data before 2009", left of its first bars)
  // ran on a phone over the y axis' labels: it is broken into the lines that fit between the plot's left edge and its
  // year (its own words; a number and its unit joined by a no-break space stay together).
  var NOTE_PAD = 4;
  function fitNotes(gd, full, layout) {
    var notes = gd._camrNotes || (gd._camrNotes = {});
    var xaxis = full.xaxis, annotations = (gd.layout && gd.layout.annotations) || [];
    if (!xaxis || !xaxis.l2p || !full._size || 'annotations' in layout) { return; }  // (narrowLegend's: next pass)
    (full.annotations || []).forEach(function (a, i) {
      if (a.xref !== 'x' || a.xanchor !== 'right' || a.showarrow || !annotations[i]) { return; }
      var now = annotations[i].text;
      if (now !== notes[i + 'Wrapped']) { notes[i] = now; }  // a new figure's own text
      var text = notes[i];
      if (typeof text !== 'string' || !text) { return; }
      var size = layout['annotations[' + i + '].font.size'] || (a.font && a.font.size) || 12;
      var font = {size: size, family: (a.font && a.font.family) || (full.font && full.font.family) || 'sans-serif'};
      var room = xaxis.l2p(xaxis.r2l(a.x)) + (a.xshift || 0) - NOTE_PAD;
      var own = text.split(/<br\s*\/?>/i);
      var fits = own.every(function (line) { return textWidth(line.replace(/<[^>]+>/g, ''), font) <= room; });
      var wanted = fits ? text : wrapWords(text.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, ''), font,
                                           Math.max(room, 1)).join('<br>');
      notes[i + 'Wrapped'] = wanted;
      if (wanted !== now) { layout['annotations[' + i + '].text'] = wanted; }
    });
  }
  var canvas = null;
  function textWidth(text, font) {
    canvas = canvas || document.createElement('canvas');
    var ctx = canvas.getContext('2d');
    ctx.font = font.size + 'px ' + font.family;
    return ctx.measureText(text).width;
  }
  function wrapWords(text, font, width) {  // greedy; a word longer than the line stays whole; no-break spaces hold
    var lines = [], line = '';
    text.split(/[ \t\r\n]+/).filter(Boolean).forEach(function (word) {
      var next = line ? line + ' ' + word : word;
      if (line && textWidth(next, font) > width) { lines.push(line); line = word; } else { line = next; }
    });
    if (line) { lines.push(line); }
    return lines;
  }

  var pending = null;
  function refresh() {
    pending = null;
    var root = presentRoot();
    document.body.classList.toggle('present-body', !!root);
    var deckPage = document.getElementById('present-deck-page');
    if (deckPage) {
      var slides = (deckPage.getAttribute('data-deck') || '').split('\n').filter(Boolean);
      storeDeck(slides);  // the deck opened (or just edited) is the one "Add this view" grows
    }
    var asBuilt = !root && !floors() && window.innerWidth >= NARROW_BELOW;  // a laptop: charts as built
    var graphs = document.querySelectorAll('.js-plotly-plot');
    for (var i = 0; i < graphs.length; i++) {
      var gd = graphs[i];
      if (asBuilt && !gd._fitHeight) { continue; }  // (one sized here before goes back to its own height)
      if (!gd._presentHooked && gd.on) {
        gd._presentHooked = true;
        gd.on('plotly_afterplot', function (g) { return function () { schedule(g); }; }(gd));
      }
      fitGraph(gd);
    }
  }
  function schedule() { if (!pending) { pending = window.setTimeout(refresh, 50); } }

  new MutationObserver(schedule).observe(document.documentElement, {childList: true, subtree: true});
  // Every redraw (plotly_afterplot, hooked above) and every new chart (the observer) is looked at again: no timer.
  window.addEventListener('resize', schedule);
})();
