"""Fixtures of the country view's tests."""
from __future__ import annotations

import pytest

from data.query import get_store


@pytest.fixture(scope="module")
def store():
    return get_store()
