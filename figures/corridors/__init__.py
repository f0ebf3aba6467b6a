"""Corridors: who goes where. Pure builders from the corridor query to plotly figures.

One module per thing on screen: `map` (the flow map's figure), `sankey`, `card` (one corridor's series),
`comparison` (the sources side by side); `selection` holds what the map and the Sankey show and the corridor query
behind them, `parts` what several charts use. The flow map's other parts, each one thing: `map_frame` (what it shows
of a selection: a `FlowMap`), `arcs` (a corridor's arc, made once per corridor), `hovers` (the arcs' hover texts),
`map_patch` (the patch a new selection sends). Callers import from the modules themselves; this package exports
nothing.

Figures are built in one go (`go.Figure(traces, layout)`) or as plain dicts; patches carry plain trace dicts. Both
are several times faster than `update_*` chains, which matters for callbacks.
"""
