// In an embed's page, once its x/y chart is drawn: the box sizes (px, from embed/page.py's chart box: plotly.js'
// width and height) at which plotly.js draws this figure with the same ticks, labels and points and margins within a
// pixel as at the size drawn, found by drawing it at other sizes off screen (outwards in steps of `step` px, then to
// the pixel, within `limits`). The frame is shown only there (its @container rule, sanitise.js): elsewhere the reader
// sees the page as without it. Set on the chart as data-fit-range ({"width": [min, max], "height": [min, max]});
// null for a chart of another kind.
async ([limits, step]) => {
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
}
