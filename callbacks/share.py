"""The Share dialog, all in the browser: it reads the address bar (which always holds the page's state, see
callbacks/routing.py) when opened, so the link and the snippet are of what is on screen."""
from __future__ import annotations

from dash import Input, Output, State

from layouts.ids import Share

# Views with an embed (embed/charts.py), and the iframe height that shows the whole chart at 800 px wide
# without embed.js (the embed fits its chart to any height; embed.js then sets the natural one).
OPEN_DIALOG = """
function(n) {
    if (!n) { return window.dash_clientside.no_update; }
    const heights = {map: 560, remittances: 520, corridors: 560, 'key-figures': 560, country: 460};
    let path = window.location.pathname.replace(/\\/$/, '') || '/map';
    const match = path.match(/^\\/(map|remittances|corridors|key-figures|country\\/[A-Za-z]{3})$/);
    const origin = window.location.origin;
    const permalink = origin + path + window.location.search;
    if (!match) { return [true, permalink, '', '', 'about:blank', {display: 'none'}]; }
    const params = new URLSearchParams(window.location.search);
    const lang = params.get('lang') || document.documentElement.lang || 'en';
    if (!params.get('lang')) { params.set('lang', lang); }
    const src = origin + '/embed' + path + '?' + params.toString().replace(/%2C/g, ',');
    const height = heights[match[1].split('/')[0]];
    const escape = s => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    const snippet = '<iframe src="' + escape(src) + '" title="' + escape(document.title) + '" lang="' + lang +
        '" loading="lazy" width="100%" height="' + height + '" style="width:100%;height:' + height +
        'px;border:0"></iframe>';
    const script = '<script src="' + origin + '/embed.js" async></' + 'script>';
    return [true, permalink, snippet, script, src, {}];
}
"""

# One click copies: the Clipboard API where the page may use it, else the old select-and-copy.
COPY = """
function(n, text) {
    if (!n) { return window.dash_clientside.no_update; }
    const button = window.dash_clientside.callback_context.triggered_id;
    const el = document.getElementById(button);
    const done = () => { if (el) { el.textContent = el.dataset.copied;
                                   setTimeout(() => { el.textContent = el.dataset.copy; }, 2000); } };
    const fallback = () => {
        const area = document.createElement('textarea');
        area.value = text; area.setAttribute('readonly', ''); area.style.position = 'fixed'; area.style.opacity = '0';
        document.body.appendChild(area); area.select();
        try { document.execCommand('copy'); } catch (e) {}
        document.body.removeChild(area); done();
    };
    if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, fallback);
    } else { fallback(); }
    return '';
}
"""


def register(app) -> None:
    app.clientside_callback(
        OPEN_DIALOG,
        Output(Share.MODAL, "is_open"), Output(Share.LINK, "value"), Output(Share.SNIPPET, "value"),
        Output(Share.SCRIPT, "value"), Output(Share.PREVIEW, "src"), Output(Share.EMBED_SECTION, "style"),
        Input(Share.OPEN, "n_clicks"), prevent_initial_call=True)
    for button, field in ((Share.COPY_LINK, Share.LINK), (Share.COPY_SNIPPET, Share.SNIPPET),
                          (Share.COPY_SCRIPT, Share.SCRIPT)):
        app.clientside_callback(COPY, Output(button, "title"), Input(button, "n_clicks"), State(field, "value"),
                                prevent_initial_call=True)
