"""`DataValidationError`: a data fault, located by file, row (header = row 1) and column."""
from __future__ import annotations

from pathlib import Path


class DataValidationError(Exception):
    """A data fault, located by file, row (header = row 1) and column."""

    def __init__(self, path: Path | str, row: int | None, column: str | None, problem: str):
        self.path, self.row, self.column, self.problem = Path(path), row, column, problem
        where = [display_path(path)]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(f"{', '.join(where)}: {problem}")


def display_path(path: Path | str) -> str:
    """The path relative to the working directory when it is inside it (shorter messages)."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
