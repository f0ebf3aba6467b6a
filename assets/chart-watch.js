/* One watcher for the scripts that adjust a drawn chart to the screen (assets/geo-fit.js, assets/titles.js; Dash
   loads assets alphabetically, so this runs before them): `window.camrWatchCharts(fit)` calls fit(gd) for every
   plotly chart on the page after each draw of it, after the page's DOM changes and when the window is resized,
   at most once per 30 ms for a burst of them. */
(function () {
  'use strict';
  window.camrWatchCharts = function (fit) {
    var pending = null;
    var hooked = '_camrWatched' + Math.random().toString(36).slice(2);  // one afterplot hook per chart per watcher
    function refresh() {
      pending = null;
      var graphs = document.querySelectorAll('.js-plotly-plot');
      for (var i = 0; i < graphs.length; i++) {
        var gd = graphs[i];
        if (!gd[hooked] && gd.on) {
          gd[hooked] = true;
          gd.on('plotly_afterplot', schedule);
        }
        fit(gd);
      }
    }
    function schedule() { if (!pending) { pending = window.setTimeout(refresh, 30); } }
    new MutationObserver(schedule).observe(document.documentElement, {childList: true, subtree: true});
    window.addEventListener('resize', schedule);
  };
})();
