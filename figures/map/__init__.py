"""Migrant-stock map: pure builders from curated values to a plotly choropleth, one module per step.

The figure has four traces over the project's own geometry:
  0. every country of the map's extent, coloured by value; countries without data get a value just below the
     scale, drawn grey and labelled "No data" on the colour bar (so no-data never looks like zero);
  1. the focus country's outline (empty when there is no focus);
  2. the five Central Asian countries outlined (the story of the dashboard, whatever the colours say);
  3. their names, and Russia's, on the map itself, at label points computed from the geometry (geo/labels.json).
Changing year, indicator or focus changes only arrays of these traces, so callbacks send a small `Patch`;
the geometry is sent once, with the page.

`indicators` (what the map shows, as named in the URL), `scale` (the colour scale and its ticks), `partners` (a focus
country's bilateral partners), `frame` (a selection's values: `map_frame`), `figure` (the whole figure), `patch` (what
a new selection changes), `table` (the CSV's table); `parts` (the plain indexes the frame and the panel are made
from, in the master), `focus` (a focus country's patch written at once) and `reference` (the frame through pandas:
the tests' reference). Callers import from those modules; the package exports nothing.
"""
