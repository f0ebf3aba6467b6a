"""Test-session settings shared by every test (and the app servers tests start, which inherit the environment)."""
import os

import pytest

# Callback answers are not built at start-up in tests (serving/precompute.py: ~15 s of CPU per app process);
# tests/test_precompute.py builds a sample itself. The bench/ scripts measure with it on.
os.environ.setdefault("CAMR_PRECOMPUTE", "0")
# Nor baked in idle time by the gunicorn servers tests start (serving/bake/): tests/test_bake.py turns it on.
os.environ.setdefault("CAMR_BAKE", "0")


@pytest.fixture(scope="module")
def store():
    """The app's data store (tests/data/ has its own, over a store it builds)."""
    from data.query import get_store  # imported by the tests that use it: some tests need no data at all

    return get_store()
