"""Fixtures of the corridors view's tests."""
from __future__ import annotations

import pytest
from dash import Dash

from data.query import get_store


@pytest.fixture(scope="module", autouse=True)
def dash_app():
    return Dash(__name__)  # graph configs use get_asset_url, which needs an app's config


@pytest.fixture(scope="module")
def store():
    return get_store()
