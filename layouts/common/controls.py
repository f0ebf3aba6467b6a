"""Controls' texts and values: dcc.Dropdown's own texts in the page's language, a slider's value snapped to its
marks."""
from __future__ import annotations

from i18n import N_, t


DROPDOWN_LABELS = {"select_all": N_("common.dropdown_select_all"), "deselect_all": N_("common.dropdown_deselect_all"),
                   "selected_count": N_("common.dropdown_selected_count"), "search": N_("common.dropdown_search"),
                   "clear_search": N_("common.dropdown_clear_search"),
                   "clear_selection": N_("common.dropdown_clear_selection"),
                   "no_options_found": N_("common.dropdown_no_options_found")}


def dropdown_labels(lang: str) -> dict:
    """dcc.Dropdown's own texts ("3 selected", "Search", "Clear selection") in the page's language: Dash writes
    them in English unless given. `{num_selected}` is filled in by the dropdown itself."""
    return {name: t(key, lang) for name, key in DROPDOWN_LABELS.items()}


def snap_to_options(value, previous, options):
    """The option a slider value stands for. Dash's slider with `step=None` (marks only) moves by a fraction of its
    range on the arrow keys (2024 → 2023.8) instead of to the next mark: a value between marks therefore means the
    next mark in the direction it moved from `previous`. Anything that is not a number gives `previous` (or the
    last option when `previous` is not one either)."""
    options = sorted(options)
    fallback = previous if previous in options else options[-1]
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value in options:
        return options[options.index(value)]  # the option itself: 2020, not 2020.0
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return fallback
    if previous in options:
        if value < previous:
            return max((o for o in options if o < previous), default=previous)
        return min((o for o in options if o > previous), default=previous)
    return min(options, key=lambda option: abs(option - value))
