"""How `python -m scripts.draw_first_frames` draws the first frames the HTML carries (serving/first_frame.py), one
thing per file:

- drawing.py: the loop: the app's pages (and embeds) opened in headless Chromium (/usr/bin/chromium) at
  serving.first_frame.VIEWPORT and again at WIDE_VIEWPORT (an embed at EMBED_VIEWPORT only), the live chart waited
  for and settled, the inert copy taken, a page's two drawings merged into one frame, each with its key;
- sanitise.js, merge.js, fit_range.js, settled.js: the JavaScript it runs in the page, one function each (in_page.py
  reads them): the react entry point's rendered DOM (an embed's chart's) made inert (every id renamed or removed,
  no scripts, event handlers, names or label targets, form states as attributes, plotly's mode bar's buttons and its
  hover and drag layers dropped, its SVGs laid out for their box, the injected style rules the frame uses); a page's
  two drawings in one frame; the box sizes where an embed's x/y chart is drawn alike; the charts settled;
- outlines.py: the geo outlines' coordinates in whole pixels (most of a frame's bytes).

The store (serving/first_frames.json.br, brotli) is read and written by serving/first_frame.py.
"""
