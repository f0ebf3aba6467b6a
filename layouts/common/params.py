"""Pieces of the views' URL parameters (state.Param): a country code's parser and a default named in the notice."""
from __future__ import annotations


def country_code(raw: str) -> str:
    """URL parser of a country code (any case). Aggregates (WLD, ECS …) are not countries: a view that maps or
    profiles countries gets a ValueError for them, hence the parameter's default and a notice."""
    from data.query import get_store  # here, so that importing this module loads no data

    code = raw.strip().upper()
    if (get_store().country(code) or {}).get("kind") != "country":
        raise ValueError(raw)
    return code


def describe(key_template: str | dict[str, str]):
    """A Param's `describe_default` that names the default by its catalogue key (`key_template` formatted with the
    value, or the value's key in a {value: key} mapping of literal keys, which extraction sees), so the notice shows
    "Immigrants living in the country" rather than "immigrants", in the reader's language (layouts/shell.py
    translates it)."""
    if isinstance(key_template, dict):
        return lambda value: key_template[value]
    return lambda value: key_template.format(value=value)
