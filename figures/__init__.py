"""Pure figure builders: curated values in, plotly figures out. No Dash callbacks, no file reading."""
