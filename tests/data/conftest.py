"""Shared fixtures for the data-layer tests: one fresh build per session, copies for tests that change files."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from data.build.run import build
from data.catalog import RAW_DIR, WDI_API_DIR
from data.query import DataStore
from data.validate.curated import load_curated


def refreshed_files(raw_dir: Path) -> list[Path]:
    return sorted((raw_dir / WDI_API_DIR).glob("WDI_api_*.csv"))


@pytest.fixture(scope="session")
def shipped_raw(tmp_path_factory) -> Path:
    """data/raw without files a real `python -m data.refresh` may have added: the tests pin the defaults and
    values of the shipped sources, which a newer API pull would (rightly) override."""
    if not refreshed_files(RAW_DIR):
        return RAW_DIR
    target = tmp_path_factory.mktemp("shipped") / "raw"
    shutil.copytree(RAW_DIR, target, ignore=shutil.ignore_patterns("WDI_api_*.csv"))
    return target


@pytest.fixture(scope="session")
def built_dir(tmp_path_factory, shipped_raw) -> Path:
    """The curated tables built from the shipped raw files, once per session."""
    out = tmp_path_factory.mktemp("curated")
    build(shipped_raw, out)
    return out


@pytest.fixture(scope="session")
def store(built_dir) -> DataStore:
    return DataStore(built_dir)


@pytest.fixture(scope="session")
def tables(built_dir) -> dict[str, pd.DataFrame]:
    """Typed curated tables (read only: tests must not modify them)."""
    return load_curated(built_dir)


@pytest.fixture
def raw_copy(tmp_path, shipped_raw) -> Path:
    target = tmp_path / "raw"
    shutil.copytree(shipped_raw, target)
    return target


@pytest.fixture
def curated_copy(built_dir, tmp_path) -> Path:
    target = tmp_path / "curated"
    shutil.copytree(built_dir, target)
    return target


@pytest.fixture
def snapshot():
    """Digest of every file under a folder (names and bytes), to prove a failed run changed nothing."""
    def digest(folder: Path) -> dict[str, str]:
        return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
                for path in sorted(folder.rglob("*")) if path.is_file()}
    return digest


@pytest.fixture
def raw_frame():
    """A raw publisher file read with plain pandas (independent of the build's readers)."""
    def read(relative: str) -> pd.DataFrame:
        return pd.read_csv(RAW_DIR / relative, keep_default_na=False, na_values=[""])
    return read
