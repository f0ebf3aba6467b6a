"""Test-session settings shared by every test (and the app servers tests start, which inherit the environment)."""
import os

# Callback answers are not built at start-up in tests (serving/precompute.py: ~15 s of CPU per app process);
# tests/test_precompute.py builds a sample itself. The bench/ scripts measure with it on.
os.environ.setdefault("CAMR_PRECOMPUTE", "0")
