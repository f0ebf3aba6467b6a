// In the page (page.evaluate): resolves once the charts under `root` are as assets/present.js and titles.js fit them:
// their SVGs the same, and none being resized by dcc.Graph (its dash-graph--pending class), over `frames` animation
// frames in a row.
([root, frames]) => new Promise(resolve => {
  const read = () => [...document.querySelectorAll(root + ' .main-svg')].map(s => s.outerHTML.length
    + ':' + s.getAttribute('style')).join('|') + (document.querySelector(root + ' .dash-graph--pending') ? Math.random() : '');
  let last = read(), same = 0;
  const step = () => { const now = read(); same = now === last ? same + 1 : 0; last = now;
    if (same >= frames) resolve(); else requestAnimationFrame(step); };
  requestAnimationFrame(step);
})
