"""Sources page: a card for every source (id = source id, so /sources#<id> lands on it), nothing loaded off-host."""
from __future__ import annotations

import pandas as pd
import pytest
from dash import dcc, html
from dash.development.base_component import Component

from data.catalog import CURATED_DIR
from layouts import pages
from layouts import sources as view
from layouts.ids import Sources
from tests.support.components import by_id, components, text_of, walk

# Element types that make a browser fetch what their src/href points to.
LOADING_TYPES = (html.Img, html.Iframe, html.Script, html.Link, html.Embed, html.ObjectEl, html.Video, html.Audio,
                 html.Source)


@pytest.fixture(scope="module")
def page():
    return view.layout({"lang": "en"}, "en")


def test_every_source_of_the_curated_data_has_a_card(page):
    """Nothing missing: each source id in indicators.csv and corridors.csv, plus the map's Natural Earth."""
    used = set()
    for table in ("indicators.csv", "corridors.csv"):
        used |= set(pd.read_csv(CURATED_DIR / table, usecols=["source"])["source"].unique())
    used.add("natural_earth_v4")
    assert len(used) > 10
    card_ids = {c.id for c in components(page) if "source-card" in (getattr(c, "className", "") or "")}
    assert used - card_ids == set()


def test_every_store_source_has_one_card_with_its_metadata(page, store):
    for meta in store.sources().to_dict("records"):
        card = by_id(page, meta["source"])
        text = text_of(card)
        for field in ("title", "publisher", "vintage", "citation"):
            assert meta[field] in text, (meta["source"], field)
        assert meta["licence"] in text
        assert (meta["caveats"] or "None recorded.") in text
        assert (meta["method"] or "Used as published.") in text
        for path in meta["raw_files"]:
            assert path in text


def test_citation_copy_buttons_target_the_citation_text(page, store):
    for source in store.sources()["source"]:
        clipboard = by_id(page, Sources.copy(source))
        assert isinstance(clipboard, dcc.Clipboard)
        assert text_of(by_id(page, clipboard.target_id)) == store.source_meta(source)["citation"]
    cite = by_id(page, Sources.CITE_COPY)
    assert "Central Asia Migration & Remittances Dashboard" in text_of(by_id(page, cite.target_id))


def test_publisher_links_are_plain_links_and_nothing_is_loaded(page, store):
    external = [c for c in components(page) if isinstance(c, html.A) and str(c.href or "").startswith("http")]
    urls = {meta["url"] for meta in store.sources().to_dict("records") if meta["url"]}
    assert {a.href for a in external} == urls
    assert all("noopener" in a.rel and a.target == "_blank" for a in external)
    assert not [c for c in components(page) if isinstance(c, LOADING_TYPES)]


def test_sources_are_grouped_by_publisher_with_derived_ones_beside_their_parent(store):
    groups = view.grouped_sources(store)
    grouped = [meta["source"] for items in groups.values() for meta in items]
    assert sorted(grouped) == sorted(store.sources()["source"])
    un = [meta["source"] for meta in groups[store.source_meta("undesa_ims_2024")["publisher"]]]
    assert {"undesa_ims_2024", "undesa_ims_2024_derived", "undesa_ims_2020"} <= set(un)


def test_indicators_list_their_source_order_as_links_to_the_cards(page, store):
    section = by_id(page, Sources.INDICATORS)
    text = text_of(section)
    for table in ("indicators", "corridors"):
        for meta in store.indicators(table).to_dict("records"):
            assert meta["indicator"] in text and meta["definition"] in text
    hrefs = [c.href for c in components(section) if isinstance(c, html.A)]
    remittance_share = store.indicator_meta("BX.TRF.PWKR.DT.GD.ZS")["source_priority"]
    positions = [hrefs.index(f"#{source}") for source in remittance_share]
    assert positions == sorted(positions)  # shown in priority order
    card_ids = set(store.sources()["source"])
    assert {href[1:] for href in hrefs} <= card_ids


def test_router_renders_the_page_with_the_language_parameter():
    rendered = pages.render("/sources", "?lang=en")
    assert by_id(rendered, Sources.PAGE) is not None
    assert by_id(rendered, "undesa_ims_2024") is not None


def test_download_table_lists_every_source_with_flat_columns(store):
    table = view.sources_table(store)
    assert list(table["source"]) == list(store.sources()["source"])
    derived = table.set_index("source").at["undesa_ims_2024_derived", "derived_from"]
    assert derived == "undesa_ims_2024;wdi_pop_datahub"
    assert isinstance(store.sources().set_index("source").at["undesa_ims_2024_derived", "derived_from"], list)
