"""Shared test settings: Hypothesis profiles and a clean environment for rendering."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# "ci" is quick and is what `nox` runs by default; "thorough" is for an on-demand deep run:
# HYPOTHESIS_PROFILE=thorough nox -s tests
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True)
settings.register_profile(
    "thorough",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# The output cache (cchc.cli._cache) is off for the suite: tests run commands under
# monkeypatched code and fixed settings that its key does not see, and nothing is written
# to the user's cache folder.  tests/test_cache.py turns it on in folders of its own.
os.environ["CCHC_NO_CACHE"] = "1"
