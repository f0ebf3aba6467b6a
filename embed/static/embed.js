/* Central Asia Migration & Remittances — optional helper for pages that embed our charts.
   Include once, with the address the Share dialog gives: <script src="…/embed.js" async></script>
   Each of our embeds posts {type: "embed-size", height, url} when it loads and whenever its width changes;
   this sets the height of the iframe that sent it, so the chart shows at its natural shape without scrolling.
   It touches nothing else on the page. */
(function () {
  'use strict';
  if (window.__camrEmbedResizer) return;
  window.__camrEmbedResizer = true;
  window.addEventListener('message', function (event) {
    var msg = event.data;
    if (!msg || msg.type !== 'embed-size' || typeof msg.height !== 'number' || !isFinite(msg.height)) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow !== event.source) continue;
      var height = Math.max(120, Math.min(4000, Math.ceil(msg.height)));
      if (frames[i].style.height !== height + 'px') {
        frames[i].style.height = height + 'px';
        frames[i].setAttribute('height', String(height));
      }
    }
  });
})();
