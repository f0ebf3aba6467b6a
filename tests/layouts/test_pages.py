import json

import pytest

from i18n import has_key
from layouts import pages


def text(component) -> str:
    return json.dumps(component.to_plotly_json(), default=str)


@pytest.mark.parametrize("view", pages.views(), ids=lambda v: v.key)
def test_every_url_parameter_has_a_translated_name_for_notices(view):
    missing = [p.name for p in view.params() if not has_key(f"params.{p.name}")]
    assert missing == []


@pytest.mark.parametrize("path", ["/nowhere", "/map/extra/parts", "/embed/nothing", "/%3Cscript%3E"])
def test_unknown_paths_get_a_polite_not_found_page(path):
    page = text(pages.render(path, "?lang=en"))
    assert "Page not found" in page


@pytest.mark.parametrize("path, key", [("/", "map"), ("/map", "map"), ("/map/", "map"), ("/remittances", "remittances"),
                                       ("/corridors", "corridors"), ("/country", "countries"),
                                       ("/country/UZB", "countries"), ("/sources", "sources"),
                                       ("/key-figures", "key_figures")])
def test_stable_routes(path, key):
    view, _ = pages.match(path)
    assert view is not None and view.key == key


def test_country_code_is_passed_to_the_profile():
    assert pages.match("/country/uzb")[1] == {"iso3": "uzb"}


# --- QA: notices a reader can understand ----------------------------------------------------------------------
def notice_items(path: str, search: str) -> list[str]:
    from layouts.ids import Shell
    from tests.support.components import by_id, components

    notice = by_id(pages.render(path, search), Shell.NOTICE)
    return [" ".join(str(c) for c in (li.children if isinstance(li.children, list) else [li.children]))
            for li in components(notice) if type(li).__name__ == "Li"]


@pytest.mark.parametrize("view", [v for v in pages.views() if v.params()], ids=lambda v: v.key)
def test_a_bad_value_of_any_parameter_names_the_default_in_words(view):
    path = "/country/UZB" if view.key == "countries" else "/" + view.key.replace("_", "-")
    for param in view.params():
        items = notice_items(path, f"?{param.name}=zz%C2%A7garbage")
        assert len(items) == 1 and "zz§garbage" in items[0], (param.name, items)
        default = items[0].split("showing ", 1)[1].removesuffix(" instead.")
        # Not an internal code ("—", "None", "pct", "KAZ,KGZ,…", "undesa_ims_2024", a catalogue key).
        assert default not in ("—", "None", "", str(param.default)) or isinstance(param.default, int), items
        assert "_" not in default and not has_key(default), items


@pytest.mark.parametrize("path, search, expected", [
    ("/map", "?focus=WLD", "“WLD” is not a valid focus country; showing the map without a focus country instead."),
    ("/map", "?focus=ECS", "“ECS” is not a valid focus country"),
    ("/corridors", "?origin=WLD", "“WLD” is not a valid origin"),
    ("/corridors", "?destination=ecs", "“ecs” is not a valid destination"),
    ("/remittances", "?countries=nowhere", "is not a valid country list; showing Central Asia 5 instead."),
])
def test_aggregates_are_not_countries_where_a_country_is_expected(path, search, expected):
    assert any(expected in item for item in notice_items(path, search))


def test_lowercase_country_codes_are_fine():
    assert notice_items("/map", "?focus=uzb") == [] and notice_items("/corridors", "?origin=tjk") == []


@pytest.mark.parametrize("path", ["/map", "/remittances", "/corridors", "/country/UZB", "/key-figures", "/sources"])
def test_a_language_not_there_yet_falls_back_to_english_politely(path):
    items = notice_items(path, "?lang=de")
    assert items == ["The dashboard is not available in “de” yet, so it is shown in English."]


@pytest.mark.parametrize("path", ["/map", "/remittances", "/corridors", "/country/UZB", "/key-figures", "/sources",
                                  "/embed/map", "/nowhere"])
def test_russian_is_offered_without_a_notice(path):
    from layouts.ids import Shell
    from tests.support.components import by_id

    assert notice_items(path, "?lang=ru") == []
    meta = by_id(pages.render(path, "?lang=ru"), Shell.PAGE_META)
    assert meta.data["lang"] == "ru" and "Центральной Азии" in meta.data["title"]


def test_the_language_switch_keeps_the_view():
    from layouts.shell import language_switch, switched_href

    assert switched_href("/map?indicator=emigrants&year=2020&lang=en", "ru") == \
        "/map?lang=ru&indicator=emigrants&year=2020"
    assert switched_href("/remittances?countries=KAZ,UZB", "ru") == "/remittances?lang=ru&countries=KAZ,UZB"
    links = language_switch("ru", "/corridors?lang=ru&origin=TJK").children
    hrefs = {link.lang: link.href for link in links if getattr(link, "href", None)}
    assert hrefs == {"en": "/corridors?lang=en&origin=TJK", "ru": "/corridors?lang=ru&origin=TJK"}


@pytest.mark.parametrize("path, title", [
    ("/map", "Migrant stocks · Central Asia Migration & Remittances"),
    ("/", "Migrant stocks · Central Asia Migration & Remittances"),
    ("/remittances", "Remittances · Central Asia Migration & Remittances"),
    ("/country/uzb", "Uzbekistan · Countries · Central Asia Migration & Remittances"),
    ("/country/KAS", "Countries · Central Asia Migration & Remittances"),
    ("/embed/corridors", "Corridors · Central Asia Migration & Remittances"),
    ("/nowhere", "Page not found · Central Asia Migration & Remittances"),
])
def test_every_page_names_itself_for_the_browser_tab(path, title):
    from layouts.ids import Shell
    from tests.support.components import by_id

    meta = by_id(pages.render(path, ""), Shell.PAGE_META)
    assert meta.data == {"title": title, "lang": "en"}


def test_an_embed_of_an_unknown_view_stays_an_embed():
    page = pages.render("/embed/nothing", "")
    assert "Page not found" in text(page) and "navbar" not in text(page).lower()
    from tests.support.components import components

    links = [c.href for c in components(page) if type(c).__name__ == "Link"]
    assert links == ["/embed/map?lang=en"]  # its link stays inside the iframe's kind of page


def test_the_first_stop_of_the_tab_key_skips_the_navigation():
    from tests.support.components import components

    links = [c for c in components(pages.render("/map", "")) if type(c).__name__ == "A"]
    assert links[0].href == "#main" and links[0].children == "Skip to content"


def test_the_footer_link_is_dark_enough_on_the_grey_footer():
    from tests.support.components import components

    footer = [c for c in components(pages.render("/map", "")) if type(c).__name__ == "Footer"][0]
    links = [c for c in components(footer) if type(c).__name__ == "Link"]
    assert links and all("link-dark" in (c.className or "") for c in links)  # Bootstrap blue: 4.1:1 on #f3f4f6
