"""QA: odd links and emptied selections give a working page with a polite notice, never an error (the `page`
fixture fails a test on any console error, page error or HTTP 5xx)."""
from layouts.ids import Remittances, Shell
from tests.support.browser import wait_for_dash


def test_odd_links_give_polite_pages(open_app):
    # A language we don't have gets its own polite sentence; an aggregate as focus country is refused by name.
    page = open_app("/map?focus=WLD&lang=kk&year=2024&year=1990")
    notice = page.locator(f"#{Shell.NOTICE}").inner_text()
    assert "not available in “kk” yet" in notice and "“WLD” is not a valid focus country" in notice
    # The same refusal in Russian, in Russian.
    page = open_app("/map?focus=WLD&lang=ru")
    notice = page.locator(f"#{Shell.NOTICE}").inner_text()
    assert "«WLD» — недопустимое значение" in notice and "not a valid" not in notice


def annotations(page, graph_id: str) -> str:
    return " ".join(page.locator(f"#{graph_id} .annotation-text").all_text_contents())


def test_a_selection_with_nothing_to_draw_says_so_without_freezing_the_page(open_app):
    # Turkmenistan alone: no remittances reported and no corridor priced; the empty cost chart used to log NaN
    # errors and block the page for ~40 s.
    page = open_app("/remittances?countries=TKM")
    assert "Not reported: Turkmenistan" in annotations(page, Remittances.TREND_GRAPH)
    assert "No corridor" in annotations(page, Remittances.COST_GRAPH)
    page.locator(f"#{Remittances.COUNTRIES} .dash-dropdown-clear").click()
    wait_for_dash(page, timeout=8_000)
    assert "Choose at least one country" in annotations(page, Remittances.COST_GRAPH)
