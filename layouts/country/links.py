"""The profile's address: links to profiles and into the corridors view, and the country code in the path."""
from __future__ import annotations

import re

from data.query import get_store
from state import Param

ISO3_PATTERN = re.compile(r"[A-Za-z]{3}")


def params() -> list[Param]:
    # The profile's country lives in the path; the language is added by the router. Nothing else to choose.
    return []


def profile_href(iso3: str, lang: str) -> str:
    return f"/country/{iso3}?lang={lang}"


def corridors_href(lang: str, *, origin: str | None = None, destination: str | None = None,
                   corridor: tuple[str, str] | None = None) -> str:
    """Links into the corridors view: all corridors from a country, into one, or one corridor."""
    if corridor:
        return f"/corridors?corridor={corridor[0]}-{corridor[1]}&lang={lang}"
    if origin:
        return f"/corridors?mode=origin&origin={origin}&lang={lang}"
    return f"/corridors?mode=destination&destination={destination}&lang={lang}"


def resolve(raw: str | None) -> str | None:
    """The store's code for a path part (`uzb` → `UZB`), or None if there is no such country or group."""
    if not raw or not ISO3_PATTERN.fullmatch(raw.strip()):
        return None
    code = raw.strip().upper()
    return code if get_store().country(code) is not None else None
