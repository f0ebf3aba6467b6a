"""Russian pages show the Russian metadata (names, publishers, definitions, capitals, statements); publishers' own
English citations are kept, inside elements marked lang="en"."""
from __future__ import annotations

import re

import pytest
from dash.development.base_component import Component

import i18n
from data.query import get_store
from figures.country.table import profile_table
from figures.map.table import map_table
from layouts import country, key_figures, sources
from tests.support.components import components, text_of, walk

LATIN_WORDS = re.compile(r"\b[A-Za-z][a-z]{3,}\b")
# Common English words of the metadata (a subset of the browser test's list): one outside a lang-marked element means
# an untranslated text or an identifier left unmarked.
ENGLISH = {"the", "and", "of", "source", "year", "data", "total", "value", "stock", "male", "female", "origin",
           "destination", "estimate", "derived", "cost", "gdp", "flows", "remittances", "migrant", "country"}


@pytest.fixture(autouse=True)
def russian_enabled(monkeypatch):
    monkeypatch.setattr(i18n, "LANGUAGES", tuple(dict.fromkeys((*i18n.LANGUAGES, "ru"))))


def english_passages(tree) -> list[str]:
    return [text_of(node) for node in components(tree) if getattr(node, "lang", None) == "en"]


def text_outside_english(tree) -> str:
    """Visible text, leaving out what sits inside lang="en" elements."""
    def visit(node):
        if isinstance(node, Component):
            if getattr(node, "lang", None) == "en":
                return
            children = getattr(node, "children", None)
            for child in children if isinstance(children, (list, tuple)) else [children]:
                if child is not None:
                    yield from visit(child)
        elif isinstance(node, (str, int, float)) and not isinstance(node, bool):
            yield str(node)
    return " ".join(visit(tree))


def test_sources_page_names_publishers_in_russian_and_marks_english_citations():
    page = sources.layout({"lang": "ru"}, "ru")
    text = text_outside_english(page)
    for name in ("Всемирный банк", "Департамент ООН по экономическим и социальным вопросам, Отдел народонаселения",
                 "УВКБ ООН", "МОМ", "Natural Earth", "Показатели мирового развития", "Численность международных "
                 "мигрантов, всего", "Сальдо миграции"):
        assert name in text, name
    english = english_passages(page)
    assert any(passage.startswith("United Nations Department of Economic and Social Affairs") for passage in english)
    assert "International Migrant Stock 2024 (POP/DB/MIG/Stock/Rev.2024)" not in text
    assert "Рассчитано по данным" in text   # the project's own citations are translated
    assert "World Bank" not in text and "Population Division" not in text


def english_words(text: str) -> set[str]:
    return {word.lower() for word in re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
            if not (word.isupper() and len(word) > 1) and word.lower() in ENGLISH}


@pytest.mark.parametrize("render", [
    lambda: sources.layout({"lang": "ru"}, "ru"),
    lambda: key_figures.layout({"lang": "ru", "topic": ()}, "ru"),
    lambda: country.layout({"lang": "ru"}, "ru", iso3="TJK"),
], ids=["sources", "key-figures", "country"])
def test_identifiers_and_quoted_names_in_metadata_are_marked(render):
    """Method and caveat texts keep file names, column names and ids (stock_total, «Inward remittance flows»): they
    sit in elements marked lang="zxx" / lang="en", so no English word is left in the Russian text."""
    page = render()
    assert english_words(text_outside_english_or_code(page)) == set()


def text_outside_english_or_code(tree) -> str:
    def visit(node):
        if isinstance(node, Component):
            if getattr(node, "lang", None) in ("en", "zxx"):
                return
            for attr in ("children", "title"):
                value = getattr(node, attr, None)
                for child in value if isinstance(value, (list, tuple)) else [value]:
                    if child is not None:
                        yield from visit(child)
        elif isinstance(node, (str, int, float)) and not isinstance(node, bool):
            yield str(node)
    return " ".join(visit(tree))


def test_technical_passages_are_marked_only_in_other_languages():
    from layouts.common import technical
    span = technical("Строки (лист «Inward remittance flows»); коридоры stock_total и Data360; 2025-02.", "ru")
    assert isinstance(span, Component) and all(not isinstance(part, list) for part in span.children)
    marked = {(part.children, part.lang) for part in span.children if isinstance(part, Component)}
    assert marked == {("«Inward remittance flows»", "en"), ("stock_total", "zxx"), ("Data360", "zxx")}
    assert technical("Rows (sheet 'Inward remittance flows'), stock_total.", "en") == \
        "Rows (sheet 'Inward remittance flows'), stock_total."


def test_country_profile_in_russian():
    page = country.layout({"lang": "ru"}, "ru", iso3="KGZ")
    text = text_outside_english(page)
    for name in ("Кыргызстан", "Бишкек", "Европа и Центральная Азия", "уровень дохода ниже среднего"):
        assert name in text, name
    assert "Bishkek" not in text and "Kyrgyzstan" not in text and "Lower middle income" not in text
    # The strategy's figures: Russian statement and unit, the cited English publication marked lang="en".
    assert "Полученные личные денежные переводы" in text and "% ВВП" in text
    assert any("World Bank" in passage for passage in english_passages(page))


def test_ukraine_capital_is_kyiv_in_english_and_kiev_in_russian():
    assert "Киев" in text_of(country.layout({"lang": "ru"}, "ru", iso3="UKR"))
    english = text_of(country.layout({"lang": "en"}, "en", iso3="UKR"))
    assert "Kyiv" in english and "Kiev" not in english


def test_key_figures_page_in_russian():
    page = key_figures.layout({"lang": "ru", "topic": ()}, "ru")
    text = text_outside_english(page)
    assert "Граждане страны, находящиеся в России" in text
    assert "Citizens of the country present in Russia" not in text
    assert any("Russian Federal Migration Service" in passage for passage in english_passages(page))
    names = {"KNOMAD", "gdidata", "Financial", "Times"}  # a partnership, a data package, a newspaper
    assert [w for w in LATIN_WORDS.findall(text) if w not in names] == []


def test_downloads_keep_machine_columns_with_russian_names_and_labels():
    store = get_store()
    table = map_table(store, "immigrants", 2020, ("KGZ", "KAZ"), None, "ru")
    assert list(table.columns[:3]) == ["iso3", "country", "year"]
    assert "Кыргызстан" in set(table["country"])
    assert set(table["publisher"]) == {"Департамент ООН по экономическим и социальным вопросам, Отдел народонаселения"}
    assert table["indicator_name"].iloc[0] == "Численность международных мигрантов, всего"
    profile = profile_table(store, "KGZ", "ru")
    assert "Всемирный банк" in set(profile["publisher"]) and "World Bank" not in set(profile["publisher"])
    assert list(profile_table(store, "KGZ").columns) == list(profile.columns)


def test_embedded_key_figures_list_statements_in_russian():
    from embed.charts import _key_figures
    chart = _key_figures({"topic": ()}, "ru")
    labels = [label for label, _, _ in chart.rows]
    assert labels and all(re.search("[А-Яа-я]", label.split(": ", 1)[1]) for label in labels)
    assert not any("Personal remittances" in label for label in labels)
