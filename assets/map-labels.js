/* Names written on a map never cover each other. On a phone the map is narrower than the names (app.css writes
   them at 10 px there): Кыргызстан ran into Узбекистан, «Российская Федерация» into «Казахстан» on the world map.
   After each draw, each name that overlaps one placed before it moves along the shorter way out, away from it
   (a few px); a name that still overlaps after MAX_MOVES, or would end further from its place than MAX_SHIFT (a
   name written over another country misleads: «Греция» pushed into Libya), is hidden (the map's hover still names
   the country).
   Moves are undone before each pass, so a wider screen gets plotly.js' places back. */
(function () {
  'use strict';
  var MAX_MOVES = 4;
  var GAP = 1;  // px between two names
  var MAX_SHIFT = {x: 0.5, y: 1.5};  // how far a name may move: a share of its own width, a multiple of its height

  function overlap(a, b) {
    var w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    var h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return w > 0 && h > 0 ? {w: w, h: h} : null;
  }

  // plotly.js places a name by its transform attribute (a CSS transform would replace it): a move is appended to
  // it, and undone only while the attribute is still the one written here (a redraw writes plotly.js' own).
  function reset(name) {
    var mine = name.getAttribute('data-camr-moved');
    if (mine !== null && name.getAttribute('transform') === mine) {
      name.setAttribute('transform', name.getAttribute('data-camr-at'));
    }
    name.removeAttribute('data-camr-moved');
    name.removeAttribute('data-camr-at');
    name.style.removeProperty('visibility');
  }
  function move(name, dx, dy) {
    var at = name.getAttribute('transform') || '';
    var moved = at + ' translate(' + dx.toFixed(1) + ',' + dy.toFixed(1) + ')';
    name.setAttribute('data-camr-at', at);
    name.setAttribute('data-camr-moved', moved);
    name.setAttribute('transform', moved);
  }

  // Places the names in `order` (each moved off those placed before it, or hidden); returns how many it hid.
  function place(names, order) {
    var placed = [], hidden = 0;
    for (var i = 0; i < names.length; i++) { reset(names[i]); }
    order.forEach(function (j) {
      var r = names[j].getBoundingClientRect();
      if (!r.width) { return; }
      var box = {left: r.left, right: r.right, top: r.top, bottom: r.bottom}, dx = 0, dy = 0, clear = false;
      for (var step = 0; step <= MAX_MOVES && !clear; step++) {
        clear = true;
        for (var k = 0; k < placed.length; k++) {
          var o = overlap(box, placed[k]);
          if (!o) { continue; }
          clear = false;
          if (step === MAX_MOVES) { break; }
          var other = placed[k];
          if (o.w <= o.h) {  // the shorter way out: sideways
            dx += box.left + box.right >= other.left + other.right ? o.w + GAP : -(o.w + GAP);
          } else {
            dy += box.top + box.bottom >= other.top + other.bottom ? o.h + GAP : -(o.h + GAP);
          }
          box = {left: r.left + dx, right: r.right + dx, top: r.top + dy, bottom: r.bottom + dy};
          if (Math.abs(dx) > MAX_SHIFT.x * r.width || Math.abs(dy) > MAX_SHIFT.y * r.height) { step = MAX_MOVES; }
          break;
        }
      }
      if (!clear) {
        names[j].style.setProperty('visibility', 'hidden');
        hidden++;
        return;
      }
      if (dx || dy) { move(names[j], dx, dy); }
      placed.push(box);
    });
    return hidden;
  }

  // The figure's order first (Central Asia's five, then the destinations); when that hides a name, the reverse,
  // kept if it hides fewer.
  function separate(gd) {
    var names = gd.querySelectorAll('.trace.scattergeo text');
    var order = [];
    for (var i = 0; i < names.length; i++) { order.push(i); }
    if (place(names, order) && place(names, order.slice().reverse()) > 0) { place(names, order); }
  }

  window.camrWatchCharts(separate);  // assets/chart-watch.js
})();
