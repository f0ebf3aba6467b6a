/* Names written on a map never cover each other, and a name written beside a point stays its country's.

   A name beside a point (the corridors map's end points: a country's name under its capital) is placed, in the
   figure's order (the largest corridors' countries first), at the first of the places around its own point --
   centred under it (plotly.js' place), under it to the right, to the left, then over it likewise -- that covers no
   name placed before it and no other country's point, stays in the map's frame and has its middle over no other end
   point's country (else the one over fewest). A name whose places all cover another's point or name, or whose best
   place has its middle over another end point's country («Туркменистан» left of Ashgabat lay over Iran and read as
   Iran's name), is written a little further off, joined to its point by a thin line (a leader, as a cartographer
   draws one on a crowded coast: «Турция», Turkmenistan's second corridor, was hidden on its world map, Ankara's
   places all touching Georgia's, Armenia's or Cyprus' points), if such a place is clear of names, points and
   leaders and no part of it is over another end point's country; else hidden: the map's hover still names every
   country. Only the first name (the origin of an
   origin's map) is never hidden: boxed in, it goes level with its point, right or left. The countries under a
   place are found with plotly.js' own polygons of the map's first trace (those of the end points have z = 1) at a
   few points across the name's box; the labels trace's `meta` lists its points' countries
   (figures/corridors/map.py).
   A name without a point (the map's country names, in the middle of their country) that overlaps one placed before
   it moves along the shorter way out, away from it (a few px; on a phone the map is narrower than the names:
   Кыргызстан ran into Узбекистан); one that still overlaps after MAX_MOVES, or would end further from its place
   than MAX_SHIFT (a name written over another country misleads: «Греция» pushed into Libya), is hidden.
   Moves are undone before each pass, so a wider screen gets plotly.js' places back. */
(function () {
  'use strict';
  var MAX_MOVES = 4;
  var GAP = 1;  // px between two names
  var MAX_SHIFT = {x: 0.5, y: 1.5};  // how far a name may move: a share of its own width, a multiple of its height
  var POINT_PAD = 1;  // px kept clear around another country's point
  var SAMPLES = [0.1, 0.3, 0.5, 0.7, 0.9];  // where across a name's box (at mid-height) its countries are looked up

  function overlap(a, b) {
    var w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    var h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return w > 0 && h > 0 ? {w: w, h: h} : null;
  }
  function boxOf(r) { return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }
  function shifted(box, dx, dy) {
    return {left: box.left + dx, right: box.right + dx, top: box.top + dy, bottom: box.bottom + dy};
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
    name.removeAttribute('data-camr-leader');
    name.style.removeProperty('visibility');
  }
  function move(name, dx, dy) {
    var at = name.getAttribute('transform') || '';
    var moved = at + ' translate(' + dx.toFixed(1) + ',' + dy.toFixed(1) + ')';
    name.setAttribute('data-camr-at', at);
    name.setAttribute('data-camr-moved', moved);
    name.setAttribute('transform', moved);
  }
  function hide(name) { name.style.setProperty('visibility', 'hidden'); }

  // Places the names in `order` (each moved off those placed before it, or hidden); returns how many it hid.
  function place(names, order, placed) {
    var hidden = 0;
    order.forEach(function (j) {
      var r = names[j].getBoundingClientRect();
      if (!r.width) { return; }
      var box = boxOf(r), dx = 0, dy = 0, clear = false;
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
          box = shifted(boxOf(r), dx, dy);
          if (Math.abs(dx) > MAX_SHIFT.x * r.width || Math.abs(dy) > MAX_SHIFT.y * r.height) { step = MAX_MOVES; }
          break;
        }
      }
      if (!clear) {
        hide(names[j]);
        hidden++;
        return;
      }
      if (dx || dy) { move(names[j], dx, dy); }
      placed.push(box);
    });
    return hidden;
  }

  // The map's end points' countries: [{loc, polygons}] of the first trace's locations with z = 1 (a corridors
  // map's background), and a function telling which of them a screen point lies in.
  function countriesOf(gd) {
    var geo = gd._fullLayout && gd._fullLayout.geo && gd._fullLayout.geo._subplot;
    var background = gd.calcdata && gd.calcdata[0];
    var svg = gd.querySelector('.main-svg');
    if (!geo || !geo.projection || !geo.projection.invert || !Array.isArray(background) || !svg) { return null; }
    var ends = background.filter(function (c) { return c && c.z === 1 && c._polygons && c.loc; });
    var origin = svg.getBoundingClientRect();
    return function (x, y) {
      var lonlat = geo.projection.invert([x - origin.left, y - origin.top]);
      if (!lonlat || !isFinite(lonlat[0]) || !isFinite(lonlat[1])) { return null; }
      for (var i = 0; i < ends.length; i++) {
        var polygons = ends[i]._polygons;
        for (var j = 0; j < polygons.length; j++) {
          if (polygons[j].contains(lonlat)) { return ends[i].loc; }
        }
      }
      return null;
    };
  }

  // The places tried around a point for a name of `w` × `h` whose plotly.js place is `base`, its top `gap` px under
  // the point: centred under it (plotly.js' place, unless the figure put it aside), under it to the right, to the
  // left, then over it likewise (as close as keeps the move within MAX_SHIFT: a 2.5 px dot's own room). As moves
  // of `base`.
  function placesAround(point, base, gap) {
    var w = base.right - base.left, h = base.bottom - base.top;
    var under = point.y + gap, over = point.y - h - overGap(gap, h);
    return [[point.x - w / 2, under], [point.x, under], [point.x - w, under],
            [point.x - w / 2, over], [point.x, over], [point.x - w, over]].map(function (at) {
      return {dx: at[0] - base.left, dy: at[1] - base.top};
    });
  }
  function overGap(gap, h) { return Math.max(1, Math.min(gap, 0.5 * h - gap + 0.4)); }

  // For a name none of those places fits (it would be hidden), the places between them, SLIDE px apart, nearest
  // the centred one first: under its point, then NUDGE px further down while its box stays NEAR px from the
  // point's centre, then over it likewise. «Turkey» was hidden on Uzbekistan's world map at 1920 px, its six places
  // touching Greece's or Armenia's point (by 0.6 px) or Ukraine's name, with room 10 px to the right, 2 px lower.
  var SLIDE = 2, NUDGE = 2, NEAR = 6;
  function placesBetween(point, base, gap) {
    var w = base.right - base.left, h = base.bottom - base.top, up = overGap(gap, h);
    var under = point.y + gap, over = point.y - h - up, rows = [], places = [];
    for (var d = 0; d === 0 || gap + d <= NEAR; d += NUDGE) { rows.push([under + d, d]); }
    for (d = 0; d === 0 || up + d <= NEAR; d += NUDGE) { rows.push([over - d, d]); }
    rows.forEach(function (row) {
      for (var s = row[1] ? 0 : SLIDE; s <= w / 2; s += SLIDE) {  // (the six places: not again)
        places.push([point.x - w / 2 + s, row[0]]);
        if (s) { places.push([point.x - w / 2 - s, row[0]]); }
      }
    });
    return places.map(function (at) { return {dx: at[0] - base.left, dy: at[1] - base.top}; });
  }

  // For a name none of the places by its point fits: places LEADER_REACH px off, at LEADER_ANGLES directions
  // (straight under the point first, then turning both ways), the name's nearest corner or edge towards the point.
  var LEADER_REACH = [10, 16, 24, 32], LEADER_ANGLES = 16, LEADER_COLOUR = '#555';
  function leaderPlaces(point, base) {
    var w = base.right - base.left, h = base.bottom - base.top, places = [];
    LEADER_REACH.forEach(function (reach) {
      for (var k = 0; k < LEADER_ANGLES; k++) {
        var turn = (k % 2 ? 1 : -1) * Math.ceil(k / 2), angle = Math.PI / 2 + 2 * Math.PI * turn / LEADER_ANGLES;
        var x = point.x + reach * Math.cos(angle), y = point.y + reach * Math.sin(angle);
        var left = Math.cos(angle) > 0.38 ? x : Math.cos(angle) < -0.38 ? x - w : x - w / 2;
        var top = Math.sin(angle) > 0.38 ? y : Math.sin(angle) < -0.38 ? y - h : y - h / 2;
        places.push({dx: left - base.left, dy: top - base.top});
      }
    });
    return places;
  }
  // The leader from a point (outside its 5 px dot) to the nearest point of a name's box.
  function leaderTo(point, box) {
    var x = Math.max(box.left, Math.min(point.x, box.right)), y = Math.max(box.top, Math.min(point.y, box.bottom));
    var length = Math.hypot(x - point.x, y - point.y), start = Math.min(4, length);
    return {x1: point.x + (x - point.x) * start / length, y1: point.y + (y - point.y) * start / length, x2: x, y2: y};
  }
  // Whether a segment crosses a box (sampled every 2 px: a leader is at most ~40 px long).
  function crosses(line, box) {
    var steps = Math.max(1, Math.ceil(Math.hypot(line.x2 - line.x1, line.y2 - line.y1) / 2));
    for (var i = 0; i <= steps; i++) {
      var x = line.x1 + (line.x2 - line.x1) * i / steps, y = line.y1 + (line.y2 - line.y1) * i / steps;
      if (x > box.left && x < box.right && y > box.top && y < box.bottom) { return true; }
    }
    return false;
  }
  // Draws a leader (in the trace's own coordinates: it is moved and scaled with the map) and marks its name. The
  // last pass's leaders (`pool`) are reused: a line added or removed is a change of the page, which calls this
  // script again (assets/chart-watch.js) -- reused, a pass that draws what the last drew changes nothing.
  function drawLeader(trace, name, line, pool) {
    var toLocal = trace.getScreenCTM() && trace.getScreenCTM().inverse();
    if (!toLocal) { return; }
    var svg = trace.ownerSVGElement, a = svg.createSVGPoint(), b = svg.createSVGPoint();
    a.x = line.x1; a.y = line.y1; b.x = line.x2; b.y = line.y2;
    a = a.matrixTransform(toLocal); b = b.matrixTransform(toLocal);
    var leader = pool.length && pool[0].parentNode === trace ? pool.shift() : null;
    if (!leader) {
      leader = document.createElementNS('http://www.w3.org/2000/svg', 'line');
      leader.setAttribute('class', 'camr-leader');
      trace.appendChild(leader);
    }
    leader.setAttribute('x1', a.x.toFixed(1)); leader.setAttribute('y1', a.y.toFixed(1));
    leader.setAttribute('x2', b.x.toFixed(1)); leader.setAttribute('y2', b.y.toFixed(1));
    leader.setAttribute('stroke', LEADER_COLOUR); leader.setAttribute('stroke-width', '0.8');
    leader.style.pointerEvents = 'none';
    name.setAttribute('data-camr-leader', [line.x1, line.y1, line.x2, line.y2].map(function (v) {
      return v.toFixed(1);
    }).join(','));
  }

  // Right and left of a point, level with it (`base` moved).
  function sides(point, base) {
    var w = base.right - base.left, h = base.bottom - base.top, top = point.y - h / 2;
    return [[point.x + 4, top], [point.x - 4 - w, top]].map(function (at) {
      return {dx: at[0] - base.left, dy: at[1] - base.top};
    });
  }

  // Whether a place is as far as a name may move: MAX_SHIFT from its place centred under its point.
  function withinReach(at, centred, base) {
    var w = base.right - base.left, h = base.bottom - base.top;
    return Math.abs(at.dx - centred.dx) <= MAX_SHIFT.x * w + 0.5 &&
      Math.abs(at.dy - centred.dy) <= MAX_SHIFT.y * h + 0.5;
  }

  // Places the names beside their points, in order; the first (the largest corridor's country: the origin of an
  // origin's map) is never hidden for where it stands, only a name after it.
  function placeBeside(gd, trace, names, placed, leaders, pool) {
    var cd = trace.__data__;
    var meta = cd && cd[0] && cd[0].trace && cd[0].trace.meta;
    var codes = Array.isArray(meta) ? meta : [];
    var points = trace.querySelectorAll('path.point');
    var marks = [];
    for (var i = 0; i < points.length; i++) {
      var p = points[i].getBoundingClientRect();
      marks.push({box: {left: p.left - POINT_PAD, right: p.right + POINT_PAD, top: p.top - POINT_PAD,
                        bottom: p.bottom + POINT_PAD},
                  x: (p.left + p.right) / 2, y: (p.top + p.bottom) / 2});
    }
    var frame = gd.querySelector('.geo .bg rect') || gd.querySelector('.main-svg');
    var inside = frame.getBoundingClientRect();
    var countryAt = countriesOf(gd);
    Array.prototype.forEach.call(names, function (name, n) {
      var index = name.__data__ && name.__data__.i;
      var mark = marks[index];
      var r = name.getBoundingClientRect();
      if (!r.width) { return; }
      if (!mark) { place([name], [0], placed); return; }
      var base = boxOf(r), gap = Math.max(2, base.top - mark.y);
      var own = codes[index], best = null;
      var places = placesAround(mark, base, gap), centred = places[0];
      var search = function (at, rank, far) {
        if (!far && !withinReach(at, centred, base)) { return false; }
        var box = shifted(base, at.dx, at.dy), line = far ? leaderTo(mark, box) : null;
        if (box.left < inside.left || box.right > inside.right || box.top < inside.top ||
            box.bottom > inside.bottom) { return false; }
        if (placed.some(function (other) { return overlap(box, other) || (line && crosses(line, other)); })) {
          return false;
        }
        if (marks.some(function (other, k) {
          return k !== index && (overlap(box, other.box) || (line && crosses(line, other.box)));
        })) { return false; }
        if (leaders.some(function (other) { return crosses(other, box); })) { return false; }
        // the countries under it: its middle over another end point's country reads as that country's name
        var mine = 0, others = 0, middle = false, y = (box.top + box.bottom) / 2;
        if (countryAt) {
          SAMPLES.forEach(function (share) {
            var found = countryAt(box.left + share * (box.right - box.left), y);
            if (found && found === own) { mine++; } else if (found) {
              others++;
              if (share === 0.5) { middle = true; }
            }
          });
        }
        var score = [middle ? 1 : 0, others, -mine, rank];
        if (!best || less(score, best.score)) { best = {at: at, box: box, score: score, line: line}; }
        return !middle && others === 0;  // over nobody else's country: the first such place
      };
      places.some(function (at, rank) { return search(at, rank, false); });
      if (n > 0 && (!best || best.score[0])) {  // else hidden: the places between, ranked after the six
        placesBetween(mark, base, gap).some(function (at, rank) { return search(at, places.length + rank); });
      }
      if (n > 0 && (!best || best.score[0])) {  // else hidden: further off, with a leader, over no other's country
        best = null;
        leaderPlaces(mark, base).some(function (at, rank) { return search(at, rank, true); });
        if (best && best.score[1]) { best = null; }
      }
      var misleading = best && best.score[0];
      if (!best || (misleading && n > 0)) {
        if (n > 0) { hide(name); return; }
        // the first name, boxed in by points under and over it: beside it, left or right, as a last resort
        best = sides(mark, base).map(function (at) { return {at: at, box: shifted(base, at.dx, at.dy)}; })
          .filter(function (side) {
            var box = side.box;
            return box.left >= inside.left && box.right <= inside.right &&
              !marks.some(function (other, k) { return k !== index && overlap(box, other.box); });
          })[0] || best || {at: {dx: 0, dy: 0}, box: base};
      }
      if (best.at.dx || best.at.dy) { move(name, best.at.dx, best.at.dy); }
      if (best.line) {
        drawLeader(trace, name, best.line, pool);
        leaders.push(best.line);
      }
      placed.push(best.box);
    });
  }
  function less(a, b) {
    for (var i = 0; i < a.length; i++) { if (a[i] !== b[i]) { return a[i] < b[i]; } }
    return false;
  }

  // Names beside points first (in their figure's order), then the others: the figure's order first; when that
  // hides a name, the reverse, kept if it hides fewer.
  function separate(gd) {
    var traces = gd.querySelectorAll('.trace.scattergeo');
    var beside = [], free = [], pool = Array.prototype.slice.call(gd.querySelectorAll('.camr-leader'));
    for (var t = 0; t < traces.length; t++) {
      var texts = traces[t].querySelectorAll('text');
      if (!texts.length) { continue; }
      for (var i = 0; i < texts.length; i++) { reset(texts[i]); }
      if (traces[t].querySelector('path.point')) { beside.push([traces[t], texts]); } else {
        free.push.apply(free, Array.prototype.slice.call(texts));
      }
    }
    var placed = [], leaders = [];
    beside.forEach(function (pair) { placeBeside(gd, pair[0], pair[1], placed, leaders, pool); });
    pool.forEach(function (unused) { unused.parentNode.removeChild(unused); });
    var order = [];
    for (var j = 0; j < free.length; j++) { order.push(j); }
    var before = placed.slice();
    if (place(free, order, placed)) {
      free.forEach(reset);
      if (place(free, order.slice().reverse(), before.slice()) > 0) {
        free.forEach(reset);
        place(free, order, before.slice());
      }
    }
  }

  window.camrWatchCharts(separate);  // assets/chart-watch.js
})();
