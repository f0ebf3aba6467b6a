"""Curated data layer: raw publisher files → validated curated tables → query API (see docs/architecture.md)."""
