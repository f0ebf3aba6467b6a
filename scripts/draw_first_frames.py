"""Draw the first frames the index HTML carries (serving/first_frame.py): each default view as the browser shows it.

    python -m scripts.draw_first_frames            # draw every URL of FRAME_URLS, write serving/first_frames.json.br
    python -m scripts.draw_first_frames --check    # exit 1 if a stored frame's key is not today's (nothing written)

Run it after anything that changes what the landing page shows: a data refresh, the page's layout or texts, the
CSS, the plotly.js bundle (tests/test_first_frame.py fails until then, and a stale frame is not served). Starts the
app (tests/support/server.py) and headless Chromium (/usr/bin/chromium) at serving.first_frame.VIEWPORT and again at
WIDE_VIEWPORT, merged into one frame (MERGE_JS; an embed at EMBED_VIEWPORT only), waits for the map to settle, and keeps the react entry point's rendered DOM (an embed's chart's) made inert: every id renamed (plotly's clip paths and
gradients, referenced by url(#…)) or removed, no scripts, event handlers, names or label targets, radio and
checkbox states written as attributes, plotly's mode bar's buttons and its hover and drag layers dropped, its SVGs scaled to their box
(viewBox), the geo outlines' coordinates in whole pixels, and the style rules the page's scripts injected that the
frame uses (Dash's components and plotly.js bring theirs at run time, after the frame is painted).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from serving import first_frame  # noqa: E402

# In the page, on the live DOM: returns the inert copy's HTML.
SANITISE_JS = r"""([root, skipStyles]) => {
  const entry = document.querySelector(root);
  const clone = entry.cloneNode(true);
  const graphsOf = tree => tree.matches('.js-plotly-plot') ? [tree] : [...tree.querySelectorAll('.js-plotly-plot')];
  // Form state lives in properties React set, not in attributes: copy it over (same order in both trees).
  const live = entry.querySelectorAll('input, option, select, textarea');
  const copies = clone.querySelectorAll('input, option, select, textarea');
  live.forEach((el, i) => {
    const copy = copies[i];
    if (el.tagName === 'INPUT' && (el.type === 'radio' || el.type === 'checkbox')) {
      if (el.checked) copy.setAttribute('checked', ''); else copy.removeAttribute('checked');
    } else if (el.tagName === 'INPUT' && el.value !== undefined) {
      copy.setAttribute('value', el.value);
    } else if (el.tagName === 'OPTION') {
      if (el.selected) copy.setAttribute('selected', ''); else copy.removeAttribute('selected');
    }
  });
  clone.querySelectorAll('script, noscript, template, iframe, object, embed, link, .hoverlayer, .draglayer, '
                         + '.dash-spinner, ._dash-loading').forEach(el => el.remove());
  // The mode bar's buttons go (links off the host, nothing to press); its box stays: app.css makes room above
  // a graph that has one.
  clone.querySelectorAll('.modebar-container').forEach(el => { el.innerHTML = ''; });
  // Rename the ids things refer to by url(#…) or href="#…" (plotly's clip paths, gradients); drop the others.
  const renamed = {};
  let n = 0;
  const wanted = new Set();
  clone.querySelectorAll('*').forEach(el => {
    for (const attr of el.attributes) {
      const refs = attr.value.match(/url\(\s*['"]?[^'")]*#[^'")]+/g) || [];
      refs.forEach(r => wanted.add(r.replace(/^.*#/, '')));
      if ((attr.name === 'href' || attr.name === 'xlink:href') && attr.value.startsWith('#')) wanted.add(attr.value.slice(1));
    }
  });
  clone.querySelectorAll('[id]').forEach(el => {
    if (wanted.has(el.id)) { renamed[el.id] = 'camr-frame-' + (n++); el.id = renamed[el.id]; }
    else el.removeAttribute('id');
  });
  const DROP = /^(on|data-dash|data-testid)|^(name|for|form|list|tabindex|autofocus|accesskey|contenteditable|aria-labelledby|aria-describedby|aria-controls|aria-owns|aria-activedescendant|aria-errormessage|aria-details|aria-flowto|xmlns|xmlns:xlink|data-unformatted|data-math)$/;
  clone.querySelectorAll('*').forEach(el => {
    for (const attr of [...el.attributes]) {
      if (DROP.test(attr.name)) { el.removeAttribute(attr.name); continue; }
      if (/url\(/.test(attr.value)) {
        el.setAttribute(attr.name, attr.value.replace(/url\(\s*['"]?[^'")]*#([^'")]+)['"]?\s*\)/g,
          (m, id) => renamed[id] ? 'url(#' + renamed[id] + ')' : 'none'));
      }
      if ((attr.name === 'href' || attr.name === 'xlink:href') && attr.value.startsWith('#')) {
        const id = attr.value.slice(1);
        if (renamed[id]) el.setAttribute(attr.name, '#' + renamed[id]); else el.removeAttribute(attr.name);
      }
    }
  });
  // plotly's SVGs (stacked, absolutely placed) laid out as plotly.js lays the figure out in a box of another size:
  // a map fitted, centred, into the plot area (fixed margins) as plotly.js fits its projection; the title where it
  // is (top left), the colour bar as far from the right edge, centred on the height. Any other chart: scaled whole.
  const liveGraphs = graphsOf(entry);
  let fittedXY = false;  // an x/y chart's frame, made anew without plotly.js' classes: none of its style rules apply
  graphsOf(clone).forEach((copy, i) => {
    const gd = liveGraphs[i], full = gd && gd._fullLayout;
    const svgs = [...copy.querySelectorAll('svg.main-svg')];
    copy.querySelectorAll('.plot-container, .svg-container').forEach(div => {  // as large as the graph's box
      div.style.width = '100%'; div.style.height = '100%';
    });
    const place = (svg, css) => {
      svg.removeAttribute('width'); svg.removeAttribute('height');
      const background = svg.style.background ? 'background:' + svg.style.background + ';' : '';
      svg.setAttribute('style', background + 'position:absolute;pointer-events:none;' + css);
    };
    const clip = gd && gd.querySelector('.geolayer .geo[clip-path]') && gd.querySelector('defs clipPath[id$="geo"] rect');
    if (full && svgs.length >= 2 && clip && (full._subplots.geo || []).length === 1) {
      const W = full.width, H = full.height, size = full._size, domain = full.geo.domain;
      const x0 = size.l + domain.x[0] * size.w, x1 = size.l + domain.x[1] * size.w;
      const y0 = size.t + (1 - domain.y[1]) * size.h, y1 = size.t + (1 - domain.y[0]) * size.h;
      const r = ['x', 'y', 'width', 'height'].map(a => Number(clip.getAttribute(a)));
      svgs[0].setAttribute('viewBox', r.join(' '));
      svgs[0].setAttribute('preserveAspectRatio', 'xMidYMid meet');
      place(svgs[0], `left:${x0}px;top:${y0}px;width:calc(100% - ${W - x1 + x0}px);height:calc(100% - ${H - y1 + y0}px)`);
      const bar = svgs[1].cloneNode(true);
      svgs[1].querySelectorAll('.colorbar').forEach(el => el.remove());
      place(svgs[1], `left:0;top:0;width:${W}px;height:${H}px`);
      bar.querySelectorAll('defs, .infolayer > :not(.colorbar), .infolayer ~ *').forEach(el => el.remove());
      place(bar, `left:auto;right:0;top:calc(50% - ${H / 2}px);width:${W}px;height:${H}px`);
      svgs[1].after(bar);
      // A note in the lower half (the flow map's "line width" key, paper-placed under the map) as far from the
      // bottom edge as drawn: a copy of the layer anchored to the bottom, holding only those.
      const top = gd.getBoundingClientRect().top;
      const low = [...gd.querySelectorAll('.infolayer > .annotation')].map(a => {
        const box = a.getBoundingClientRect();
        return box.height > 0 && box.top + box.height / 2 - top > H / 2;
      });
      if (low.some(Boolean)) {
        const foot = svgs[1].cloneNode(true);
        [svgs[1], foot].forEach((svg, copy) => svg.querySelectorAll('.infolayer > .annotation').forEach((a, k) => {
          if (low[k] !== (copy === 1)) a.remove();
        }));
        foot.querySelectorAll('defs, .infolayer > :not(.annotation), .infolayer ~ *').forEach(el => el.remove());
        place(foot, `left:0;top:auto;bottom:0;width:${W}px;height:${H}px`);
        bar.after(foot);
      }
      svgs.slice(2).forEach(svg => svg.remove());  // the hover layer's own
    } else if (full && entry.matches('.js-plotly-plot') && full._has && full._has('cartesian')
               && Object.keys(full._plots || {}).length === 1) {
      // An embed's x/y chart, laid out as plotly.js lays it out in a box of another size (the sizes where it draws
      // the same ticks, labels and margins: the frame's own @container rule, FIT_RANGE_JS): the plot area keeps its
      // margins and what is in it stretches (lines, grid, bars: an SVG fitted to it, lines as wide), while what
      // plotly.js draws at a point keeps its size (markers, tick labels and marks, annotations), placed at that
      // point's fraction of the plot area, or at the same distance from its edge when it lies outside.
      const NS = 'http://www.w3.org/2000/svg';
      const s = full._size, xa = full.xaxis, ya = full.yaxis;
      const num = x => String(Math.round(x * 100) / 100);
      const num4 = x => String(Math.round(x * 10000) / 10000);
      const root = gd.querySelector('svg.main-svg').getScreenCTM().inverse();
      const ctm = el => root.multiply(el.getScreenCTM());
      const matrix = m => m.a === 1 && m.d === 1 && !m.b && !m.c ? `translate(${num(m.e)},${num(m.f)})`
        : 'matrix(' + [m.a, m.b, m.c, m.d, m.e, m.f].map(num).join(',') + ')';
      const make = (tag, attrs) => {
        const el = document.createElementNS(NS, tag);
        Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, v));
        return el;
      };
      // the copy of a live element, placed in the chart's coordinates (its own and its ancestors' transforms)
      const copyOf = live => {
        const c = live.cloneNode(true);
        [c, ...c.querySelectorAll('*')].forEach(el => {
          if (el.classList.contains('crisp')) el.setAttribute('shape-rendering', 'crispEdges');
          ['class', 'id', 'clip-path', 'data-index', 'cursor'].forEach(a => el.removeAttribute(a));
          for (const attr of [...el.attributes]) if (/^(on|data-)/.test(attr.name)) el.removeAttribute(attr.name);
        });
        c.setAttribute('transform', matrix(ctm(live)));
        return c;
      };
      const area = document.createElement('div');
      area.setAttribute('style', `position:absolute;left:${s.l}px;top:${s.t}px;right:${s.r}px;bottom:${s.b}px`);
      const FULL = 'position:absolute;overflow:visible;left:0;top:0;width:100%;height:100%';
      const layer = stretch => area.appendChild(make('svg', stretch
        ? {viewBox: [s.l, s.t, s.w, s.h].map(num).join(' '), preserveAspectRatio: 'none', style: FULL} : {style: FULL}));
      const percent = (px, from, size) => {
        const f = Math.min(1, Math.max(0, (px - from) / size));
        return `calc(${num(f * 100)}% + ${num(px - from - f * size)}px)`;
      };
      const pin = (live, x, y) => {  // at the point (x, y) of the chart as drawn
        const svg = make('svg', {width: 1, height: 1, style: 'position:absolute;overflow:visible;left:'
                                 + percent(x, s.l, s.w) + ';top:' + percent(y, s.t, s.h)});
        const g = make('g', {transform: `translate(${num(-x)},${num(-y)})`});
        g.appendChild(copyOf(live));
        svg.appendChild(g);
        area.appendChild(svg);
      };
      const drawn = el => el.getBoundingClientRect().width > 0 || el.getAttribute('d');
      const stretchAll = (svg, selector, within = gd) => within.querySelectorAll(selector).forEach(el => {
        if (drawn(el) && !/^M0,0$/.test(el.getAttribute('d') || '')) svg.appendChild(copyOf(el));
      });
      // in plotly.js' order: the grid, then each trace's lines and its markers, then the axes' lines and ticks
      stretchAll(layer(true), '.minor-gridlayer path, .gridlayer path, .zerolinelayer path, path.xlines-below, '
                 + 'path.ylines-below');
      // a circle marker (plotly.js' path of radius r about the point) is a circle placed in percent of the plot area,
      // all of a trace's in one SVG; another symbol is pinned like a label
      const CIRCLE = /^M([\d.]+),0A\1,\1 0 1,1 0,-\1A\1,\1 0 0,1 \1,0Z$/;
      gd.querySelectorAll('.cartesianlayer .overplot .trace').forEach(trace => {
        if (!trace.closest('.scatterlayer')) throw new Error('an x/y chart of ' + trace.getAttribute('class') + ': not fitted');
        stretchAll(layer(true), '.js-fill, .js-line, .errorbars path', trace);
        const dots = layer(false);
        trace.querySelectorAll('.points path, .textpoint').forEach(el => {
          const m = ctm(el), round = CIRCLE.exec(el.getAttribute('d') || '');
          if (!round || m.a !== 1 || m.d !== 1 || m.b || m.c) { pin(el, m.e, m.f); return; }
          const dot = make('circle', {cx: num4((m.e - s.l) / s.w * 100) + '%', cy: num4((m.f - s.t) / s.h * 100) + '%',
                                      r: round[1]});
          if (el.getAttribute('style')) dot.setAttribute('style', el.getAttribute('style'));
          dots.appendChild(dot);
        });
        if (!dots.childNodes.length) dots.remove();
      });
      stretchAll(layer(true), '.zerolinelayer-above path, path.xlines-above, path.ylines-above');
      const axisAt = ax => ax._id[0] === 'x' ? (ax.side === 'top' ? s.t : s.t + s.h)
                                             : (ax.side === 'right' ? s.l + s.w : s.l);
      gd.querySelectorAll('.xaxislayer-above .xtick, .yaxislayer-above .ytick').forEach(el => {
        if (!drawn(el)) return;
        const m = ctm(el.tagName === 'g' ? el.querySelector('text') || el : el);
        if (el.classList.contains('xtick')) pin(el, m.e, axisAt(xa)); else pin(el, axisAt(ya), m.f);
      });
      const place = (ref, value, axis, from, size, flip) => {
        if (ref === axis._id) return axis._offset + axis.r2p(value);
        if (ref === 'paper' || ref === axis._id + ' domain') return from + (flip ? 1 - value : value) * size;
        throw new Error('an annotation placed by ' + ref + ': not fitted');
      };
      gd.querySelectorAll('.infolayer > g.annotation').forEach(el => {
        const a = full.annotations[Number(el.getAttribute('data-index'))];
        pin(el, place(a.xref, a.x, xa, s.l, s.w, false), place(a.yref, a.y, ya, s.t, s.h, true));
      });
      const left = [...gd.querySelectorAll('.infolayer text, .legend, .colorbar')]
        .filter(el => !el.closest('g.annotation') && drawn(el) && el.textContent.trim());
      if (left.length) throw new Error('an x/y chart with ' + left.map(el => el.textContent).join(', ') + ': not fitted');
      const range = JSON.parse(gd.getAttribute('data-fit-range'));
      const box = document.createElement('div');
      box.setAttribute('style', 'position:absolute;inset:0;container-type:size');
      box.innerHTML = '<style>[data-embed-fit]{display:none;position:absolute;inset:0}'
        + `@container (min-width:${range.width[0]}px) and (max-width:${range.width[1]}px) and `
        + `(min-height:${range.height[0]}px) and (max-height:${range.height[1]}px){[data-embed-fit]{display:block}}</style>`;
      const fit = document.createElement('div');
      fit.setAttribute('data-embed-fit', '');
      fit.appendChild(area);
      box.appendChild(fit);
      copy.replaceChildren(box);
      fittedXY = true;
    } else {
      svgs.forEach(svg => {
        svg.setAttribute('viewBox', '0 0 ' + svg.getAttribute('width') + ' ' + svg.getAttribute('height'));
        place(svg, 'left:0;top:0;width:100%;height:100%');
      });
    }
  });
  // A frame inside the graph's own box (an embed's) must not look like a plot to plotly.js, which finds its
  // containers by class (`.plot-container`) anywhere under the graph: its wrappers lose their classes.
  if (entry.matches('.js-plotly-plot')) {
    clone.querySelectorAll('div').forEach(div => div.removeAttribute('class'));
  }
  // The style rules the page's scripts added (Dash's components, plotly.js) that match something in the frame.
  const used = [];
  const matches = text => {
    const bare = text.replace(/::?[a-zA-Z-]+(\([^)]*\))?/g, '').trim();
    if (!bare) return false;
    try { return !!entry.querySelector(bare); } catch (e) { return false; }
  };
  const keep = rule => {
    if (rule instanceof CSSStyleRule) {
      return rule.selectorText.split(',').some(matches) ? rule.cssText : '';
    }
    if (rule instanceof CSSMediaRule || rule instanceof CSSSupportsRule) {
      const inner = [...rule.cssRules].map(keep).join('');
      return inner ? rule.cssText.slice(0, rule.cssText.indexOf('{') + 1) + inner + '}' : '';
    }
    if (rule instanceof CSSKeyframesRule) return '';  // nothing moves in a picture
    return rule.cssText;
  };
  for (const sheet of document.styleSheets) {
    if (sheet.href || !sheet.ownerNode || sheet.ownerNode.closest(root) || (skipStyles && sheet.ownerNode.matches(skipStyles))) continue;
    for (const rule of sheet.cssRules) used.push(keep(rule));
  }
  const css = fittedXY ? '' : used.join('');
  return (css ? '<style>' + css + '</style>' : '') + clone.innerHTML;
}"""

# In the page: one frame from a page's two drawings, SANITISE_JS's output at VIEWPORT (`narrow`) and at WIDE_VIEWPORT
# (`wide`). Outside its charts the page is the same HTML at both widths (checked: CSS lays it out); each chart keeps
# its narrow SVGs, marked camr-narrow, and gets the wide ones after them, marked camr-wide (app.css shows one set,
# from `wideFrom` px the wide). A map's countries are drawn once: its narrow SVG, fitted into the plot area by its
# viewBox (the projection's frame), is placed in the wide drawing's plot area by a rule of the frame's own style;
# only its labels (sized by assets/present.js) come in both sizes. The wide SVGs keep no ids; what they refer to (the
# colour bar's gradient) must be defined alike in the narrow drawing.
MERGE_JS = r"""([narrow, wide, wideFrom]) => {
  const parse = html => { const t = document.createElement('template'); t.innerHTML = html; return t; };
  const n = parse(narrow), w = parse(wide);
  const graphs = t => [...t.content.querySelectorAll('.js-plotly-plot')];
  const bare = t => {
    const copy = t.cloneNode(true);
    copy.content.querySelectorAll('.js-plotly-plot').forEach(g => g.replaceChildren());
    return copy.innerHTML;
  };
  const [bn, bw] = [bare(n), bare(w)];
  if (bn !== bw) {
    let at = 0;
    while (bn[at] === bw[at]) at++;
    throw new Error('the page is not the same HTML at both widths outside its charts: '
                    + JSON.stringify([bn.slice(at - 200, at + 100), bw.slice(at - 200, at + 100)]));
  }
  const ng = graphs(n), wg = graphs(w);
  const rules = [];
  ng.forEach((gn, i) => {
    const gw = wg[i];
    const sn = [...gn.querySelectorAll('svg.main-svg')], sw = [...gw.querySelectorAll('svg.main-svg')];
    if (!sn.length || sn.length !== sw.length) throw new Error('graph ' + i + ': not drawn alike at both widths');
    let wideSvgs = sw;
    const front = svg => svg.querySelector('.geolayer .frontplot');
    if (sn[0].hasAttribute('viewBox') && sw[0].hasAttribute('viewBox') && front(sn[0]) && front(sw[0])) {
      const name = 'camr-map-' + i;
      sn[0].classList.add(name);
      const place = sw[0].getAttribute('style').replace(/background:[^;]*;/, '');
      rules.push('svg.' + name + '{' + place.split(';').filter(Boolean)
        .map(d => d + ' !important').join(';') + '}');
      front(sn[0]).classList.add('camr-narrow');
      const labels = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      labels.setAttribute('class', 'main-svg');
      ['viewBox', 'preserveAspectRatio'].forEach(a => labels.setAttribute(a, sw[0].getAttribute(a)));
      labels.setAttribute('style', place);
      labels.appendChild(front(sw[0]));
      wideSvgs = [labels].concat(sw.slice(1));
      sn.slice(1).forEach(svg => svg.classList.add('camr-narrow'));
    } else {
      sn.forEach(svg => svg.classList.add('camr-narrow'));
    }
    const defined = id => n.content.querySelector('[id="' + id + '"]');
    wideSvgs.forEach(svg => {
      svg.classList.add('camr-wide');
      svg.querySelectorAll('[id]').forEach(el => el.removeAttribute('id'));
      svg.querySelectorAll('*').forEach(el => {
        for (const attr of el.attributes) {
          const refs = (attr.value.match(/url\(#[^)]+\)/g) || []).map(r => r.slice(5, -1));
          if ((attr.name === 'href' || attr.name === 'xlink:href') && attr.value.startsWith('#')) refs.push(attr.value.slice(1));
          refs.forEach(id => {
            const mine = defined(id), theirs = w.content.querySelector('[id="' + id + '"]');
            if (!mine || !theirs || mine.outerHTML !== theirs.outerHTML) throw new Error('graph ' + i + ': #' + id + ' differs');
          });
        }
      });
    });
    sn[sn.length - 1].after(...wideSvgs);
  });
  const style = rules.length ? '<style>@media (min-width:' + wideFrom + 'px){' + rules.join('') + '}</style>' : '';
  return style + n.innerHTML;
}"""

# In an embed's page, once its x/y chart is drawn: the box sizes (px, from embed/page.py's chart box: plotly.js'
# width and height) at which plotly.js draws this figure with the same ticks, labels and points and margins within a
# pixel as at the size drawn, found by drawing it at other sizes off screen (outwards in steps of STEP px, then to the pixel). The
# frame is shown only there (its @container rule, SANITISE_JS): elsewhere the reader sees the page as without it.
# Set on the chart as data-fit-range ({"width": [min, max], "height": [min, max]}); null for a chart of another kind.
FIT_RANGE_JS = r"""async ([limits, step]) => {
  const gd = document.querySelector('#embed-chart.js-plotly-plot');
  const full = gd && gd._fullLayout;
  if (!full || !full._has('cartesian') || Object.keys(full._plots || {}).length !== 1) return null;
  const figure = JSON.parse(document.getElementById('embed-data').textContent).figure;
  const div = document.createElement('div');
  div.style.cssText = 'position:absolute;left:-10000px;top:0';
  document.body.appendChild(div);
  const config = {displayModeBar: false, responsive: false, showTips: false};
  const signature = async (width, height) => {
    const copy = JSON.parse(JSON.stringify(figure));
    await window.Plotly.newPlot(div, copy.data, Object.assign(copy.layout, {width, height}), config);
    const s = div._fullLayout._size;
    return [[s.l, s.r, s.t, s.b], JSON.stringify([div.querySelectorAll('.points path').length,
      [...div.querySelectorAll('text')].filter(t => t.getBoundingClientRect().width > 0).map(t => [t.textContent,
        t.getAttribute('text-anchor'), (t.getAttribute('transform') || '').replace(/translate\([^)]*\)/g, ''),
        getComputedStyle(t).fontSize, getComputedStyle(t).opacity])])];
  };
  // alike: the same words, points and angles, margins within a pixel (plotly.js' automargin rounds a label's
  // overhang: the frame is placed as drawn, so ~1 px off there)
  const alike = (a, b) => a[1] === b[1] && a[0].every((m, i) => Math.abs(m - b[0][i]) <= 1);
  const w0 = full.width, h0 = full.height;
  const drawn = await signature(w0, h0);
  const edge = async (at, from, step, limit) => {  // the last size from `from` towards `limit` drawn alike
    let good = from;
    for (let v = from + step; step < 0 ? v >= limit : v <= limit; v += step) {
      if (!alike(await signature(...at(v)), drawn)) {
        let bad = v;
        while (Math.abs(bad - good) > 1) {
          const mid = Math.round((good + bad) / 2);
          if (alike(await signature(...at(mid)), drawn)) good = mid; else bad = mid;
        }
        return good;
      }
      good = v;
    }
    return good;
  };
  const byWidth = v => [v, h0], byHeight = v => [w0, v];
  const range = {width: [await edge(byWidth, w0, -step, limits.width[0]), await edge(byWidth, w0, step, limits.width[1])],
                 height: [await edge(byHeight, h0, -step, limits.height[0]), await edge(byHeight, h0, step, limits.height[1])]};
  for (const w of range.width) for (const h of range.height) {
    if (!alike(await signature(w, h), drawn)) throw new Error(`drawn otherwise at ${w}x${h}: ` + JSON.stringify(range));
  }
  div.remove();
  gd.setAttribute('data-fit-range', JSON.stringify(range));
  return range;
}"""
# Where an embed's x/y frame may be shown (embed/page.py shows frames from 560 px wide) and the search's step.
FIT_LIMITS = {"width": [560, 1920], "height": [120, 1400]}
FIT_STEP = 8

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
GEO_PATH = re.compile(r'(<path class="(?:choroplethlocation|js-line)[^"]*"[^>]*? d=")([^"]*)(")')


# Points closer than this (px) to the line through their neighbours are left out of an outline: invisible at the
# frame's size, and the outlines are most of its bytes.
TOLERANCE = 0.6


def _simplified(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Ramer-Douglas-Peucker within TOLERANCE (iterative: outlines have thousands of points)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        dx, dy = x1 - x0, y1 - y0
        norm = (dx * dx + dy * dy) ** 0.5
        worst, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            dist = abs(dy * (x - x0) - dx * (y - y0)) / norm if norm else ((x - x0) ** 2 + (y - y0) ** 2) ** 0.5
            if dist > worst:
                worst, index = dist, i
        if index is not None and worst > TOLERANCE:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep) if kept]


def _whole_pixels(d: str) -> str:
    """An outline's path simplified within TOLERANCE, in whole pixels, points that fall on the one before dropped
    (plotly writes rings as `Mx,yLx,y…Z`); a path of another shape is kept as it is."""
    rings: list[list[tuple[float, float]]] = []
    closed: list[bool] = []
    for part in re.split(r"(?=[MLZ])", d):
        if not part:
            continue
        command, rest = part[0], part[1:]
        if command == "Z":
            if not rings:
                return d
            closed[-1] = True
            continue
        coords = [float(x) for x in NUMBER.findall(rest)]
        if len(coords) != 2 or (command == "L" and not rings):
            return d
        if command == "M":
            rings.append([])
            closed.append(False)
        rings[-1].append((coords[0], coords[1]))
    out = []
    for ring, is_closed in zip(rings, closed):
        points, last = [], None
        for x, y in _simplified(ring):
            point = (round(x), round(y))
            if point != last:
                points.append(point)
                last = point
        if len(points) < 3 and is_closed:
            continue  # a ring smaller than a pixel
        out.append("M" + "L".join(f"{x},{y}" for x, y in points) + ("Z" if is_closed else ""))
    return "".join(out) or d


def compact(html: str) -> str:
    return GEO_PATH.sub(lambda m: m.group(1) + _whole_pixels(m.group(2)) + m.group(3), html)


# The charts as assets/present.js and titles.js fit them: the same, and none being resized by dcc.Graph (its
# dash-graph--pending class), over this many animation frames (their watcher redraws at most every 30 ms after a
# draw or resize).
SETTLED_FRAMES = 6


def _drawn(browser, base_url: str, url: str, viewport: dict) -> tuple[str, str]:
    """(the page's sanitised HTML, its first-page or embed-data JSON) as drawn at `viewport`."""
    from tests.support.browser import guarded_page, wait_for_dash

    embed = first_frame.is_embed(url)
    root, data = ("#embed-chart", "embed-data") if embed else ("#react-entry-point", "camr-first-page")
    with guarded_page(browser, viewport) as (page, _guard):
        response = page.goto(base_url + url, wait_until="load")
        assert response is not None and response.status == 200, url
        if embed:
            page.wait_for_selector("html[data-embed-drawn]", state="attached")
        else:
            wait_for_dash(page)
        page.wait_for_function(
            "(root) => { const gd = document.querySelector(root + ' .js-plotly-plot')"
            " || document.querySelector(root + '.js-plotly-plot');"
            " return gd && gd._fullLayout && (gd.querySelector('.choroplethlocation') || !gd._fullLayout._has('geo')); }",
            arg=root)
        page.evaluate("""([root, frames]) => new Promise(resolve => {
          const read = () => [...document.querySelectorAll(root + ' .main-svg')].map(s => s.outerHTML.length
            + ':' + s.getAttribute('style')).join('|') + (document.querySelector(root + ' .dash-graph--pending') ? Math.random() : '');
          let last = read(), same = 0;
          const step = () => { const now = read(); same = now === last ? same + 1 : 0; last = now;
            if (same >= frames) resolve(); else requestAnimationFrame(step); };
          requestAnimationFrame(step);
        })""", [root, SETTLED_FRAMES])
        assert not page.evaluate("() => !!document.querySelector('.camr-frame, .embed-frame')"), (
            "drawn under a frame: the page must be drawn live (CAMR_FRAMES=0)")
        if embed:
            fitted = page.evaluate(FIT_RANGE_JS, [FIT_LIMITS, FIT_STEP])
            if fitted:
                print(f"{url}: an x/y chart, its frame shown from {fitted['width'][0]} to {fitted['width'][1]} px wide"
                      f" and {fitted['height'][0]} to {fitted['height'][1]} px high")
        # an embed's own style is in its page already; plotly.js brings its own at run time
        skip = 'style:not([id="plotly.js-style-global"])' if embed else ""
        html = page.evaluate(SANITISE_JS, [root, skip])
        return html, page.evaluate("(id) => document.getElementById(id).textContent", data)


def merged(browser, narrow: str, wide: str) -> str:
    """A page's frame holding its drawings at both widths (MERGE_JS)."""
    page = browser.new_page()
    try:
        return page.evaluate(MERGE_JS, [narrow, wide, first_frame.WIDE_FROM])
    finally:
        page.close()


def draw(base_url: str, urls=first_frame.FRAME_URLS) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    from tests.support.browser import CHROMIUM_ARGS, CHROMIUM_PATH

    frames = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
        try:
            for url in urls:
                embed = first_frame.is_embed(url)
                html, page_text = _drawn(browser, base_url, url, first_frame.viewport(url))
                if not embed:
                    wide, wide_text = _drawn(browser, base_url, url, first_frame.WIDE_VIEWPORT)
                    assert wide_text == page_text, f"{url}: another page at {first_frame.WIDE_VIEWPORT}"
                    html = merged(browser, html, wide)
                html = compact(html)
                frames[url] = {"key": first_frame.frame_key(page_text, embed=embed), "html": html}
                print(f"{url}: {len(html.encode()):,} B as text")
        finally:
            browser.close()
    return frames


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a stored frame is stale; write nothing")
    parser.add_argument("--url", help="a running server started with CAMR_FRAMES=0 (default: start one here)")
    args = parser.parse_args(argv)
    if args.check:
        import os

        os.environ.setdefault("CAMR_PRECOMPUTE", "0")  # the pages only: no callback answers built
        import app  # noqa: F401 - the page is rendered by the app's Dash instance
        stale = [url for url in first_frame.FRAME_URLS
                 if first_frame.stored().get(url, {}).get("key") != first_frame.key_for_url(url)]
        print("stale or missing: " + ", ".join(stale) if stale else "every frame is fresh")
        return 1 if stale else 0
    if args.url:
        frames = draw(args.url.rstrip("/"))
    else:
        from tests.support.server import start_app_server

        with start_app_server(env={"CAMR_PRECOMPUTE": "0", "CAMR_FRAMES": "0"}) as server:
            frames = draw(server.url)
    size = first_frame.write(frames)
    print(f"{first_frame.FRAMES_FILE.relative_to(first_frame.ROOT)}: {size:,} B (brotli)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
