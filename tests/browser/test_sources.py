"""Sources and key-figures pages in headless Chromium: anchors land on their card, the FMS figure sits next to UN DESA.

The `page` fixture fails a test on any console error or off-host request, so these also check that the publisher
links on the sources page are only links (nothing is fetched from them).
"""
from __future__ import annotations

import re

from i18n import format_value

IN_VIEWPORT_JS = """(id) => {
  const el = document.getElementById(id);
  if (!el) return false;
  const box = el.getBoundingClientRect();
  return box.top >= -2 && box.top < window.innerHeight / 2;
}"""


def test_anchor_opens_the_sources_page_at_its_card(open_app, page):
    open_app("/sources?lang=en#undesa_ims_2024")
    page.wait_for_function(IN_VIEWPORT_JS, arg="undesa_ims_2024", timeout=5_000)
    card = page.locator("#undesa_ims_2024")
    assert "International Migrant Stock 2024" in card.inner_text()
    assert "CC BY 3.0 IGO" in card.inner_text()
    assert page.evaluate("window.scrollY") > 0  # the card is far down the page: the page really scrolled
    link = card.locator("a[href^='https://']")
    assert link.get_attribute("rel") and "noopener" in link.get_attribute("rel")


def test_fms_figure_next_to_the_un_desa_value_and_its_source_link(open_app, page, store):
    open_app("/key-figures?lang=en")
    row = page.locator("#key-figure-fms_tjk_in_rus_2013")
    text = row.inner_text()
    assert "1.2 million persons" in text  # the strategy's FMS 2013 figure, as quoted
    assert "Russian Federal Migration Service" in text
    undesa = store.corridors("stock_total", origins=["TJK"], destinations=["RUS"], source="undesa_ims_2024")
    for year in (2015, int(undesa["year"].max())):  # nearest year to 2013, and the latest
        value = float(undesa.loc[undesa["year"] == year, "value"].iloc[0])
        assert f"{format_value(value, 'persons', 'en')} in {year}" in text

    # The source link goes to the sources page, which scrolls to that dataset's card.
    row.locator("a[href='/sources?lang=en#undesa_ims_2024']").first.click()
    page.wait_for_url(re.compile(r"/sources\?lang=en#undesa_ims_2024$"))
    page.wait_for_function(IN_VIEWPORT_JS, arg="undesa_ims_2024", timeout=5_000)


def test_topic_filter_narrows_the_tables_and_goes_into_the_url(open_app, page):
    open_app("/key-figures?lang=en&topic=corridor")
    assert page.locator("#key-figures-topic-corridor").count() == 1
    assert page.locator("#key-figures-topic-remittances").count() == 0

    page.locator("#key-figures-topic").click()  # Dash 4 dropdown: a button opening a listbox of options
    page.locator(".dash-dropdown-options").get_by_text("Trafficking", exact=True).click()
    page.wait_for_url(re.compile(r"topic=corridor,trafficking"))
    page.locator("#key-figures-topic-trafficking").wait_for()
    assert page.locator("#key-figures-topic-remittances").count() == 0
