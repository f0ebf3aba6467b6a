"""Country profiles: pure builders from the query API to the facts, tables and small charts of one profile.

Nothing here knows about Dash. One module per thing on screen, like layouts/country/: `headlines` (the headline
table: for each indicator the latest year with data, its value and the source of that value, exactly as the store
has them; missing stays missing), `rank` (the world rank in remittances), `corridors` (the largest corridors),
`groups` (the groups a profile names, the index's groups), `key_figures` (the IOM strategy's figures beside the
curated values), `trends` (the small trend charts), `table` (everything as one table, for the CSV); `series` holds
the country's series they read. Callers import from those modules; this package exports nothing.
"""
