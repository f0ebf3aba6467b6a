// In the page, on the live DOM (page.evaluate): the inert copy's HTML of the react entry point, or of an embed's chart.
// Every id renamed (plotly's clip paths and gradients, referenced by url(#…)) or removed, no scripts, event
// handlers, names or label targets, radio and checkbox states written as attributes, plotly's mode bar's buttons
// and its hover and drag layers dropped, its SVGs laid out for their box (a map fitted as plotly.js fits its
// projection, an embed's x/y chart as plotly.js lays it out: FIT_RANGE in fit_range.js), and the style rules the
// page's scripts injected that the frame uses (Dash's components and plotly.js bring theirs at run time).
([root, skipStyles]) => {
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
}
