"""Remittances view: pure builders from curated values to plotly figures and to the tables behind them.

Five charts, each with the table of exactly what it draws (the table alternative and the CSV download). One module
per thing on screen:
  trend    personal remittances received, % of GDP or US$, for the chosen countries and aggregates; Russia's
           personal remittances paid, on the same time axis (the same builder);
  economy  Russia's real GDP growth and the rouble's depreciation against the US$, bars on the same time axis;
  ranking  the top recipients by % of GDP in one year, Central Asia highlighted, with each one's world rank;
  cost     the average total cost of sending 200 US$ from Russia, per corridor and period (RPW);
`parts` holds what several of them use (indicators, names and source labels, value texts, tables, the shared axis).
Callers import from the modules themselves; this package exports nothing.

Nothing here knows about Dash callbacks; the store is only read. Figures are built in one go
(`go.Figure(traces, layout)`): a chain of `update_*` calls costs several times more, on every interaction.
Lookups that depend only on the store (names, source labels, which cells several sources cover) are cached.
"""
