// In the page: one frame from a page's two drawings, sanitise.js' output at VIEWPORT (`narrow`) and at WIDE_VIEWPORT
// (`wide`). Outside its charts the page is the same HTML at both widths (checked: CSS lays it out); each chart keeps
// its narrow SVGs, marked camr-narrow, and gets the wide ones after them, marked camr-wide (app.css shows one set,
// from `wideFrom` px the wide). A map's countries are drawn once: its narrow SVG, fitted into the plot area by its
// viewBox (the projection's frame), is placed in the wide drawing's plot area by a rule of the frame's own style;
// only its labels (sized by assets/present.js) come in both sizes. The wide SVGs keep no ids; what they refer to (the
// colour bar's gradient) must be defined alike in the narrow drawing.
([narrow, wide, wideFrom]) => {
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
}
