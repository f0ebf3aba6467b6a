"""The manifest: the SHA-256 and row count of every curated table as the build wrote it, checked at start-up."""
from __future__ import annotations

from pathlib import Path

from data.validate.errors import DataValidationError
from data.validate.schema import TABLE_ORDER


MANIFEST = "manifest.json"


def file_digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def manifest_entries(directory: Path, names) -> dict[str, dict]:
    """{file name: {rows, sha256}} of curated CSV files (rows = data rows, header not counted)."""
    entries = {}
    for name in names:
        path = Path(directory) / f"{name}.csv"
        data = path.read_bytes()
        entries[path.name] = {"rows": data.count(b"\n") - 1, "sha256": file_digest(path)}
    return entries


def verify_manifest(directory: Path) -> None:
    """The app's start-up check: every curated table is byte for byte what `python -m data.build` wrote."""
    import json

    directory = Path(directory)
    path = directory / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        files = manifest["files"]
    except FileNotFoundError:
        raise DataValidationError(path, None, None, "the build's manifest is missing, so the curated files cannot "
                                  "be trusted: run python -m data.build") from None
    except (ValueError, KeyError, TypeError):
        raise DataValidationError(path, None, None, "the build's manifest is not readable: run python -m "
                                  "data.build") from None
    for name in TABLE_ORDER:
        target = directory / f"{name}.csv"
        expected = files.get(target.name)
        if expected is None or not target.exists() or file_digest(target) != expected.get("sha256"):
            raise DataValidationError(target, None, None, "this curated file was not written by the build (it "
                                      f"differs from {MANIFEST}); refusing to serve it: run python -m data.build")
