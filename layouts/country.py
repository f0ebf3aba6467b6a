"""country view (being built): a function of (state, lang)."""
from __future__ import annotations

from i18n import t
from layouts import shell
from state import Param


def params() -> list[Param]:
    return []


def layout(state: dict, lang: str, **_):
    return shell.message_page(t("common.placeholder_title", lang), t("common.placeholder_body", lang), lang)
