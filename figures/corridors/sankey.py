"""The Sankey: the map's corridors as origins (left) → destinations (right), the largest ones and one band for all
the others."""
from __future__ import annotations

from functools import lru_cache

from dash import Patch

from figures.common import FONT, wrap_hover_line
from figures.corridors.arcs import Arc
from figures.corridors.map_frame import FlowMap
from figures.corridors.parts import OTHER_COLOUR, cut_template, figure_layout, origin_colour
from figures.corridors.selection import Selection, corridor_id, sex_label
from i18n import N_, format_value, t


MAX_SANKEY_LINKS = 12  # the Sankey draws the largest corridors and one band for all the others of the map
OTHERS = "OTHERS"  # the Sankey node of the smaller corridors


@lru_cache(maxsize=64)  # a handful of colours; a quarter of a Sankey's build when parsed per link
def _with_alpha(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def sankey_links(store, frame: FlowMap, selection: Selection, lang: str) -> tuple[list[Arc], str]:
    """The map's arcs as Sankey links: the largest MAX_SANKEY_LINKS, then one band summing the others, and its label.

    In origin mode the others are destinations, in destination mode origins, in the default view corridors.
    """
    arcs = frame.arcs
    if len(arcs) <= MAX_SANKEY_LINKS + 1:
        return list(arcs), ""
    top, rest = arcs[:MAX_SANKEY_LINKS], arcs[MAX_SANKEY_LINKS:]
    total = sum(a.value for a in rest)
    side = {"origin": N_("corridors.others_destinations"),
            "destination": N_("corridors.others_origins")}.get(selection.mode, N_("corridors.others_corridors"))
    label = t(side, lang, n=len(rest))
    origin = selection.origin if selection.mode == "origin" else OTHERS
    destination = selection.destination if selection.mode == "destination" else OTHERS
    hover = wrap_hover_line(t("corridors.others_hover", lang, label=label, value=format_value(total, "persons", lang),
                              sex=sex_label(selection.sex, lang), year=selection.year)) + "<extra></extra>"
    return [*top, Arc(origin, destination, total, [], [], 0.0, OTHER_COLOUR, hover)], label


def sankey_parts(store, frame: FlowMap, selection: Selection, lang: str) -> tuple[list, int, str, list]:
    """What a selection changes of the Sankey: its traces (none without corridors), height, title and annotations
    (the note of no corridors). Origins (left) → destinations (right) for the map's corridors. A country that is
    both an origin and a destination (Kazakhstan) gets a node on each side: the Sankey must not suggest people pass
    through it."""
    links, others_label = sankey_links(store, frame, selection, lang)
    origins = list(dict.fromkeys(a.origin for a in links))
    destinations = list(dict.fromkeys(a.destination for a in links))
    labels = [others_label if c == OTHERS else store.country_name(c, lang) for c in origins + destinations]
    sankey = dict(
        type="sankey", arrangement="snap",
        node=dict(label=labels, x=[0.001] * len(origins) + [0.999] * len(destinations),
                  y=[(i + 0.5) / len(origins) for i in range(len(origins))]
                  + [(i + 0.5) / len(destinations) for i in range(len(destinations))],
                  pad=10, thickness=14, line=dict(width=0),
                  color=[origin_colour(c) for c in origins] + ["#8a8a8a"] * len(destinations),
                  hovertemplate="%{label}: %{value:,.0f}<extra></extra>"),
        link=dict(source=[origins.index(a.origin) for a in links],
                  target=[len(origins) + destinations.index(a.destination) for a in links],
                  value=[a.value for a in links], color=[_with_alpha(a.colour, 0.45) for a in links],
                  # the band of the others has no corridor to open
                  customdata=["" if OTHERS in (a.origin, a.destination) else corridor_id(a.origin, a.destination)
                              for a in links],
                  # plotly's Sankey takes one hovertemplate for all links: each link's text goes in its label
                  label=[a.hovertemplate.removesuffix("<extra></extra>") for a in links],
                  hovertemplate="%{label}<extra></extra>"),
        textfont=dict(family=FONT, size=12),
    )
    annotations = [] if links else [dict(text=t("corridors.no_flows", lang), x=0.5, y=0.5, xref="paper",
                                         yref="paper", showarrow=False, font=dict(size=13, color="#555"))]
    height = max(360, 30 * max(len(origins), len(destinations), 1) + 60)
    return [sankey] if links else [], height, t("corridors.sankey_title", lang, year=selection.year), annotations


def build_sankey(store, frame: FlowMap, selection: Selection, lang: str) -> dict:
    """The whole Sankey (the page's): `sankey_parts` in the project's base look.

    A plain figure dict (`go.Figure(result)` validates it): it is built for each new selection and only ever sent,
    and plotly's validation would be most of the cost."""
    data, height, title, annotations = sankey_parts(store, frame, selection, lang)
    return cut_template(dict(data=data, layout=figure_layout(height, title, lang, annotations=annotations,
                                                             xaxis=dict(visible=False), yaxis=dict(visible=False))))


def _assign(location: list, value) -> dict:
    return {"operation": "Assign", "location": location, "params": {"value": value}}


def sankey_patch(store, frame: FlowMap, selection: Selection, lang: str) -> dict:
    """`patch_sankey(build_sankey(…))` as the data Dash sends for that Patch, made from `sankey_parts` alone: a
    callback sends only these four parts, and the whole layout (the base look copied) was most of the build."""
    data, height, title, annotations = sankey_parts(store, frame, selection, lang)
    return {"__dash_patch_update": "__dash_patch_update",
            "operations": [_assign(["data"], data), _assign(["layout", "height"], height),
                           _assign(["layout", "title", "text"], title), _assign(["layout", "annotations"],
                                                                                annotations)]}


def patch_sankey(figure: dict) -> Patch:
    """A new Sankey (given as a plain figure dict) without re-sending the layout's template: its trace, height,
    title and note (what `sankey_patch` writes as data; the tests compare both)."""
    layout = figure["layout"]
    patch = Patch()
    patch["data"] = figure["data"]
    patch["layout"]["height"] = layout["height"]
    patch["layout"]["title"]["text"] = layout["title"]["text"]
    patch["layout"]["annotations"] = layout.get("annotations", [])
    return patch
