"""Fixtures of the corridors view's tests (the store is tests/conftest.py's)."""
from __future__ import annotations

import pytest
from dash import Dash


@pytest.fixture(scope="module", autouse=True)
def dash_app():
    return Dash(__name__)  # graph configs use get_asset_url, which needs an app's config
