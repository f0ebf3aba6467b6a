"""layouts/common/maps.py: the UN disclaimer under every map, in the page's language."""
import pytest

from layouts import common, pages


UN_DISCLAIMER_EN = ("The boundaries and names shown and the designations used on this map do not imply official "
                    "endorsement or acceptance by the United Nations.")


@pytest.mark.parametrize("route", ["/map", "/corridors"])
def test_every_map_carries_the_un_disclaimer_in_the_pages_language(route):
    from tests.support.components import text_of

    english = text_of(pages.render(route, ""))
    assert UN_DISCLAIMER_EN in english and "Boundaries: Natural Earth (public domain), v4" in english
    russian = text_of(pages.render(route, "?lang=ru"))
    assert ("не подразумевают официального одобрения или признания Организацией Объединенных Наций" in russian
            and "Границы: Natural Earth (общественное достояние), v4" in russian)
    assert "United Nations" not in russian


def test_the_disclaimer_comes_from_the_translation_catalogues():
    from i18n import t

    block = common.map_disclaimer("en").to_plotly_json()["props"]["children"]
    assert block == [t("common.map_disclaimer", "en"), " ", t("common.map_attribution", "en")] and \
        block[0] == UN_DISCLAIMER_EN
    assert common.map_disclaimer("ru").to_plotly_json()["props"]["children"][0].startswith("Границы и названия")


def test_the_base_map_stubs_are_linked_with_their_files_version():
    """The stubs' folder is found from the module's place in the tree (layouts/common/maps.py: two levels down)."""
    import os
    from pathlib import Path

    folder = Path(__file__).resolve().parents[3] / "assets" / "topojson"
    urls = common.topojson_stub_urls()
    assert set(urls) == set(common.TOPOJSON_STUBS)
    for name, url in urls.items():
        assert url.endswith(f"topojson/{name}.json?m={os.path.getmtime(folder / f'{name}.json')}")
