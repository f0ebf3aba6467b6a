"""Checks used at build (raw and curated files) and at load (curated files); every fault is one
`DataValidationError` naming file, row and column.

Rows are counted like a spreadsheet: the header is row 1, the first data row is row 2. Tables read here carry those
row numbers as their index, so a failed check can name the row.

One module per part: `schema` (the curated tables' columns and rules), `errors` (`DataValidationError`), `formats`
(numbers as text), `read` (strict CSV reading and the cell checks), `curated` (`load_curated`: every curated table
validated), `manifest` (what the build wrote, checked at start-up). Callers import from those modules; this package
exports nothing.
"""
