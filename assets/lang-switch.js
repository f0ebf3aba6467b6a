// The language switch (EN | RU, layouts/shell.py language_switch) keeps the view: the server wrote its links for
// the URL the page was opened with, but every selection made since then lives only in the address bar
// (callbacks/routing.py writes it with history.replaceState). So when a switch link is about to be used
// (pointer over it, keyboard focus, click), its href becomes the current address with `lang` replaced.
(function () {
    function current(link) {
        var url = new URL(window.location.href);
        var params = new URLSearchParams(url.search);
        params.delete('lang');
        var rest = params.toString();
        var search = '?lang=' + encodeURIComponent(link.getAttribute('data-lang-switch')) + (rest ? '&' + rest : '');
        // Lists stay readable (countries=KAZ,UZB), as callbacks/routing.py writes them.
        return url.pathname + search.replace(/%2C/g, ',') + url.hash;
    }
    function refresh(event) {
        var link = event.target && event.target.closest && event.target.closest('a[data-lang-switch]');
        if (link) { link.setAttribute('href', current(link)); }
    }
    ['mouseover', 'focusin', 'pointerdown', 'click', 'contextmenu'].forEach(function (type) {
        document.addEventListener(type, refresh, true);
    });
})();
