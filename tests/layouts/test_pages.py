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
