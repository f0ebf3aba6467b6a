// In an embed's page, once its x/y chart is drawn: the box sizes (px, from embed/page.py's chart box: plotly.js'
// width and height) at which plotly.js draws this figure with the same ticks, labels and points, margins within a
// pixel, and every word and marker within `tolerance` px of where the frame puts it, found by drawing it at other
// sizes off screen (outwards in steps of `step` px, then to the pixel, within `limits`). The frame is shown only
// there (its @container rule, sanitise.js): elsewhere the reader sees the page as without it. Set on the chart as
// data-fit-range ({"width": [min, max], "height": [min, max]}); null for a chart of another kind.
async ([limits, step, tolerance]) => {
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
    const full = div._fullLayout, s = full._size, xa = full.xaxis, ya = full.yaxis;
    const texts = [...div.querySelectorAll('text')].filter(t => t.getBoundingClientRect().width > 0);
    const points = [...div.querySelectorAll('.points path')];
    const box = div.getBoundingClientRect();
    const centre = el => { const r = el.getBoundingClientRect();
      return [r.left + r.width / 2 - box.left, r.top + r.height / 2 - box.top]; };
    // the point sanitise.js pins each at: a tick label's on its axis, an annotation's where it is placed, any
    // other's own (a marker's centre)
    const root = div.querySelector('svg.main-svg').getScreenCTM().inverse();
    const ctm = el => root.multiply(el.getScreenCTM());
    const axisAt = ax => ax._id[0] === 'x' ? (ax.side === 'top' ? s.t : s.t + s.h)
                                           : (ax.side === 'right' ? s.l + s.w : s.l);
    const place = (ref, value, axis, from, size, flip) => ref === axis._id ? axis._offset + axis.r2p(value)
      : from + (flip ? 1 - value : value) * size;
    const pin = el => {
      const tick = el.closest('.xtick, .ytick'), note = el.closest('g.annotation'), m = ctm(el);
      if (tick) return tick.classList.contains('xtick') ? [m.e, axisAt(xa)] : [axisAt(ya), m.f];
      if (note) {
        const a = full.annotations[Number(note.getAttribute('data-index'))];
        return [place(a.xref, a.x, xa, s.l, s.w, false), place(a.yref, a.y, ya, s.t, s.h, true)];
      }
      return [m.e, m.f];
    };
    return [[s.l, s.r, s.t, s.b], JSON.stringify([points.length, texts.map(t => [t.textContent,
        t.getAttribute('text-anchor'), (t.getAttribute('transform') || '').replace(/translate\([^)]*\)/g, ''),
        getComputedStyle(t).fontSize, getComputedStyle(t).opacity])]),
      [...texts, ...points].map(el => [...centre(el), ...pin(el)]), [width, height]];
  };
  // Where the frame drawn as `d` puts a point drawn at c in a box of another size: its plot area keeps the drawn
  // margins, a point in it is placed at its fraction of the plot area, one outside at the same distance from its
  // edge (sanitise.js' percent()); a word or marker keeps its offset from the point it is pinned at.
  const moved = (c, from, size, size2) => {
    const f = Math.min(1, Math.max(0, (c - from) / size));
    return from + f * size2 + (c - from - f * size);
  };
  // alike: the same words, points and angles, margins within a pixel (plotly.js' automargin rounds a label's
  // overhang), and each word and marker within `tolerance` px of the frame's place for it (plotly.js pads an axis'
  // range by its markers' size in px: the chart does not stretch exactly, and the frame drifts as the box grows)
  const alike = (a, d) => {
    if (a[1] !== d[1] || !a[0].every((m, i) => Math.abs(m - d[0][i]) <= 1)) return false;
    const [l, r, t, b] = d[0], [W, H] = d[3], [W2, H2] = a[3];
    return a[2].every(([x, y], i) => {
      const [cx, cy, px, py] = d[2][i];
      return Math.abs(cx + moved(px, l, W - l - r, W2 - l - r) - px - x) <= tolerance
        && Math.abs(cy + moved(py, t, H - t - b, H2 - t - b) - py - y) <= tolerance;
    });
  };
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
}
