"""Share and export, on every page: the Share button and dialog (permalink, iframe snippet, embed.js, preview),
the whole dataset as a ZIP, and each chart's PNG/SVG buttons (drawn in the browser by assets/export.js with the
title, the source line and the permalink on the image)."""
from __future__ import annotations

from i18n import t
from layouts import common
from layouts.ids import Share
from layouts.made import dbc, dcc, html


def data_href(path: str, lang: str) -> str:
    """A /data/ download in the page's language (names and labels inside follow it; column names never do)."""
    return path if lang == "en" else f"{path}?lang={lang}"


def tools(lang: str) -> html.Div:
    """The row above each page's content: Share, and all the data as one ZIP."""
    return html.Div([
        dbc.Button(["⤴ ", t("embed.share", lang)], id=Share.OPEN, n_clicks=0, size="sm", color="primary",
                   outline=True, className="share-button"),
        html.A(t("embed.download_zip", lang), href=data_href("/data/dataset.zip", lang), download="", id=Share.ZIP,
               title=t("embed.download_zip_title", lang), className="btn btn-sm btn-link"),
        dialog(lang),
    ], className="page-tools d-flex justify-content-end align-items-center gap-2 no-print")


def _copyable(label: str, field_id: str, button_id: str, lang: str, rows: int = 1) -> html.Div:
    return html.Div([
        dbc.Label(label, html_for=field_id, className="small mb-1"),
        html.Div([
            dcc.Textarea(id=field_id, value="", readOnly=True, rows=rows, className="form-control form-control-sm",
                         style={"fontFamily": "monospace", "resize": "vertical"}),
            html.Button(t("embed.copy", lang), id=button_id, n_clicks=0, type="button",
                        className="btn btn-sm btn-secondary ms-2 copy-button",
                        **{"data-copied": t("embed.copied", lang), "data-copy": t("embed.copy", lang)}),
        ], className="d-flex align-items-start"),
    ], className="mb-2")


def dialog(lang: str) -> dbc.Modal:
    return dbc.Modal([
        dbc.ModalHeader(dbc.ModalTitle(t("embed.share_title", lang))),
        dbc.ModalBody([
            _copyable(t("embed.permalink", lang), Share.LINK, Share.COPY_LINK, lang, rows=2),
            html.Div([
                _copyable(t("embed.embed_code", lang), Share.SNIPPET, Share.COPY_SNIPPET, lang, rows=3),
                _copyable(t("embed.embed_script", lang), Share.SCRIPT, Share.COPY_SCRIPT, lang),
                html.P(t("embed.preview", lang), className="small mb-1"),
                html.Iframe(id=Share.PREVIEW, src="about:blank", title=t("embed.preview", lang),
                            style={"width": "100%", "height": "360px", "border": "1px solid #dee2e6"}),
            ], id=Share.EMBED_SECTION),
        ]),
    ], id=Share.MODAL, is_open=False, size="lg", scrollable=True)


def image_buttons(graph_id: str, lang: str, *, source_from: str, filename: str,
                  selector: str | None = None) -> html.Span:
    """PNG and SVG of a chart, with its title, `source_from`'s source line and the permalink on the image.
    A graph without an id is named by a CSS `selector` instead."""
    target = {"data-export-selector": selector} if selector else {}
    return html.Span([
        html.Button(label, type="button", n_clicks=0,
                    className="btn btn-sm btn-outline-secondary export-image",
                    **{"data-export-graph": graph_id, "data-format": fmt, "data-source-from": source_from,
                       "data-filename": filename, **target})
        for fmt, label in (("png", t("embed.download_png", lang)), ("svg", t("embed.download_svg", lang)))
    ], className="d-inline-flex flex-wrap gap-2 no-print image-downloads")


def machine_data(lang: str) -> html.Section:
    """On the sources page: the plain data URLs (embed/downloads.py), the static images and how to embed."""
    def code(text: str):
        return html.Code(text, lang="zxx")  # an address, not words: no language

    return html.Section([
        html.H2(t("embed.machine_heading", lang), className="h5 mt-4"),
        html.P(t("embed.machine_intro", lang), className="small"),
        html.Ul([
            html.Li([html.A(code("/data/<indicator>.csv"), href=data_href("/data/SM.POP.TOTL.csv", lang)), " — ",
                     t("embed.machine_indicator", lang)]),
            html.Li([html.A(code("/data/corridors.csv"), href=data_href("/data/corridors.csv", lang)), " — ",
                     t("embed.machine_corridors", lang)]),
            html.Li([html.A(code("/data/dataset.zip"), href=data_href("/data/dataset.zip", lang)), " — ",
                     t("embed.machine_zip", lang)]),
            html.Li([code("/image/<view>.png?…"), ", ", code(".svg"), " — ", common.technical(t("embed.machine_image", lang), lang)]),
            html.Li([code("/embed/<view>?…&controls=…"), " — ", t("embed.machine_embed", lang)]),
        ], className="small"),
    ], id="machine-data")
