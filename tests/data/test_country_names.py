"""Country names in UN usage, English and Russian (data/country_names.py), and metadata texts in Russian
(data/metadata_i18n.py)."""
import csv
import dataclasses
import re
from pathlib import Path

import pytest

from data import catalog, country_names, metadata_i18n
from data.build.countries import meta_tables, russian
from data.validate.errors import DataValidationError

# Names a Russian-speaking ministry reader checks first: the UN's short names, not CLDR's or pycountry's.
UN_NAMES = {
    "KGZ": "Кыргызстан", "MDA": "Республика Молдова", "USA": "Соединенные Штаты Америки",
    "RUS": "Российская Федерация", "IRN": "Иран (Исламская Республика)", "KOR": "Республика Корея",
    "GBR": "Соединенное Королевство Великобритании и Северной Ирландии", "TUR": "Турция", "SYR": "Сирийская Арабская Республика",
    "VEN": "Венесуэла (Боливарианская Республика)", "BOL": "Боливия (Многонациональное Государство)",
    "TZA": "Объединенная Республика Танзания", "LAO": "Лаосская Народно-Демократическая Республика",
    "KAZ": "Казахстан", "TJK": "Таджикистан", "TKM": "Туркменистан", "UZB": "Узбекистан", "AFG": "Афганистан",
    "BLR": "Беларусь", "UKR": "Украина", "CHN": "Китай", "ARE": "Объединенные Арабские Эмираты",
}


@pytest.mark.parametrize("iso3, name", sorted(UN_NAMES.items()))
def test_curated_russian_names_follow_un_usage(store, iso3, name):
    assert store.country_name(iso3, "ru") == name


# The UN Statistics Division's M49 list (unstats.un.org/unsd/methodology/m49/) in English and in Russian: ISO
# alpha-3, "Country or Area" of the English download, the same of the Russian download (copies in GitHub
# datasets/country-codes, tmp/UNSD-en.csv and tmp/UNSD-ru.csv, commit 25c1991; 2023 names).
M49 = {row["iso3"]: row for row in csv.DictReader(
    (Path(__file__).parent / "fixtures" / "un_m49_names.csv").read_text(encoding="utf-8").splitlines())}
# Where the app knowingly differs from the M49 download, and why (data/country_names.py says the same).
NOT_M49 = {
    ("CIV", "en"): "Côte d'Ivoire",        # UNTERM's and pycountry's straight apostrophe (the download: ’)
    ("CYM", "ru"): "Каймановы острова",    # the download's «Кайман острова» is a slip
}
NO_M49_ENTRY = {"CHI", "TWN", "XKX"}     # UN DESA areas without an M49 country entry


def test_every_country_shown_has_its_un_m49_name_in_english_and_russian(tables):
    countries = tables["countries"]
    countries = countries[countries["kind"] == "country"]
    assert set(countries["iso3"]) - set(M49) == NO_M49_ENTRY
    differences = []
    for row in countries.itertuples():
        if row.iso3 in NO_M49_ENTRY:
            assert row.iso3 in country_names.NAME_EN_OVERRIDES and row.iso3 in country_names.NAME_RU_OVERRIDES
            continue
        for lang, shown in (("en", row.name_en), ("ru", row.name_ru)):
            expected = NOT_M49.get((row.iso3, lang), M49[row.iso3][f"name_{lang}"])
            if shown != expected:
                differences.append((row.iso3, lang, shown, expected))
    assert differences == []


def test_english_names_are_the_uns_not_the_world_banks(store):
    for iso3, name in {"KGZ": "Kyrgyzstan", "EGY": "Egypt", "RUS": "Russian Federation", "TUR": "Türkiye",
                       "MDA": "Republic of Moldova", "USA": "United States of America", "SVK": "Slovakia",
                       "IRN": "Iran (Islamic Republic of)", "KAZ": "Kazakhstan", "WLD": "World"}.items():
        assert store.country_name(iso3) == name
    assert country_names.name_en("KGZ", "Kyrgyzstan") == "Kyrgyzstan"  # pycountry where M49 agrees
    assert country_names.name_en("MDA", "Moldova, Republic of") == "Republic of Moldova"


def test_overrides_win_over_the_library_and_no_name_keeps_a_yo():
    assert country_names.name_ru("KGZ", "Киргизия") == "Кыргызстан"
    assert country_names.name_ru("RUS", "Российская Федерация") == "Российская Федерация"
    assert country_names.name_ru("GBR", "Соединённое Королевство") == \
        "Соединенное Королевство Великобритании и Северной Ирландии"
    assert country_names.name_ru("XYZ", "Объединённые Острова") == "Объединенные Острова"
    assert country_names.name_ru("XYZ", "") == ""


@pytest.mark.parametrize("name", ["NAME_EN_OVERRIDES", "NAME_RU_OVERRIDES"])
def test_every_override_records_its_source(name):
    """Each entry of the override tables carries a comment saying where the name comes from."""
    text = Path(country_names.__file__).read_text(encoding="utf-8")
    table = text[text.index(f"{name} = {{"):text.index("\n}", text.index(f"{name} = {{"))]
    for iso3 in getattr(country_names, name):
        line = next(line for line in table.splitlines() if f'"{iso3}":' in line)
        assert "#" in line and ("M49" in line or "UN" in line or "pycountry" in line), iso3


def test_every_country_and_aggregate_shown_has_a_russian_name_without_yo(tables):
    countries = tables["countries"]
    assert (countries["name_ru"] != "").all()
    assert not countries["name_ru"].str.contains("ё|Ё").any()
    assert not countries["name_ru"].str.contains("[A-Za-z]").any()
    aggregates = countries.set_index("iso3")["name_ru"]
    assert aggregates["WLD"] == "Мир" and aggregates["ECS"] == "Европа и Центральная Азия"
    assert aggregates["UMC"] == "Страны с уровнем дохода выше среднего"


# The World Bank's own Russian for its groupings, each seen in a World Bank Russian text (i18n/GLOSSARY.md names it).
WORLD_BANK_RUSSIAN = {"ECS": "Европа и Центральная Азия", "EAS": "Восточная Азия и Тихоокеанский регион",
                      "SAS": "Южная Азия", "LMY": "Страны с низким и средним уровнем дохода",
                      "HIC": "Страны с высоким уровнем дохода"}


def test_world_bank_aggregates_and_regions_in_the_world_banks_russian(tables):
    countries = tables["countries"].set_index("iso3")
    for code, name in WORLD_BANK_RUSSIAN.items():
        assert countries.loc[code, "name_ru"] == name, code
    regions = dict(zip(countries["wb_region"], countries["wb_region_ru"]))
    assert regions["East Asia & Pacific"] == WORLD_BANK_RUSSIAN["EAS"]
    assert regions["Europe & Central Asia"] == WORLD_BANK_RUSSIAN["ECS"]
    assert not countries["name_ru"].str.contains("Тихий океан").any()  # our earlier rendering of "& Pacific"


def test_capitals_in_un_spelling_and_in_russian(tables):
    countries = tables["countries"].set_index("iso3")
    assert (countries.loc["UKR", "capital"], countries.loc["UKR", "capital_ru"]) == ("Kyiv", "Киев")
    for iso3, capital in {"KAZ": "Астана", "KGZ": "Бишкек", "TJK": "Душанбе", "TKM": "Ашхабад", "UZB": "Ташкент",
                          "RUS": "Москва"}.items():
        assert countries.loc[iso3, "capital_ru"] == capital
    with_capital = countries[countries["capital"] != ""]
    assert (with_capital["capital_ru"] != "").all()
    assert countries.loc["KAZ", "wb_region_ru"] == "Европа и Центральная Азия"


# --- metadata ----------------------------------------------------------------------------------------------------
def test_metadata_texts_have_russian_columns(tables):
    sources = tables["meta_sources"].set_index("source")
    assert sources.loc["wdi_2023_05", "publisher_ru"] == "Всемирный банк"
    assert sources.loc["unhcr_2024", "publisher_ru"] == "УВКБ ООН"
    assert sources.loc["iom_ca_strategy", "publisher_ru"] == "МОМ"
    assert sources.loc["natural_earth_v4", "publisher_ru"] == "Natural Earth"
    assert sources.loc["undesa_ims_2024", "publisher_ru"] == \
        "Департамент ООН по экономическим и социальным вопросам, Отдел народонаселения"
    indicators = tables["meta_indicators"].set_index("indicator")
    assert indicators.loc["BX.TRF.PWKR.DT.GD.ZS", "name_ru"] == "Личные денежные переводы, полученные (% ВВП)"
    for column in ("name_ru", "definition_ru"):
        assert indicators[column].str.contains("[А-Яа-я]").all(), column


def test_a_text_without_russian_stops_the_build_naming_it(monkeypatch, shipped_raw):
    changed = dataclasses.replace(catalog.INDICATORS[0], definition="A definition nobody translated.")
    monkeypatch.setattr(catalog, "INDICATORS", (changed,) + catalog.INDICATORS[1:])
    with pytest.raises(DataValidationError, match=r"metadata\.po.*definition of indicator BX\.TRF\.PWKR\.DT\.GD\.ZS"
                                                  r".*“A definition nobody translated\.”"):
        meta_tables(shipped_raw)


def test_dates_in_texts_share_one_catalogue_entry():
    """A refreshed WDI source's texts carry its date: one entry with {date} serves every refresh."""
    assert russian("World Bank open data, CC BY 4.0", "licence") == "Открытые данные Всемирного банка, CC BY 4.0"
    assert russian("2023-05-10", "vintage") == "2023-05-10"
    assert metadata_i18n.template("retrieved on 2026-01-31.") == "retrieved on {date}."
    citation = "World Bank, World Development Indicators, retrieved from the World Bank API on 2031-12-24."
    assert russian(citation, "citation", required=False) == ""   # a publisher's citation may stay English


def test_the_catalogue_has_no_fuzzy_or_stale_entries():
    """Every entry of the Russian catalogue is in the template, and every required template entry translated."""
    from babel.messages.pofile import read_po

    with open(metadata_i18n.LOCALE_DIR / "metadata.pot", "rb") as handle:
        template = read_po(handle)
    with open(metadata_i18n.po_path("ru"), "rb") as handle:
        russian_po = read_po(handle, locale="ru")
    ids = {message.id for message in template if message.id}
    assert {message.id for message in russian_po if message.id} == ids
    assert not [message.id for message in russian_po if message.id and message.fuzzy]
    for message in template:
        optional = any("optional" in comment for comment in message.auto_comments)
        if message.id and not optional:
            assert russian_po[message.id].string, message.id
    extracted = {re.sub(metadata_i18n.DATE, "{date}", text)
                 for text, _, _ in metadata_i18n.catalog_texts() if re.search("[A-Za-z]", text)}
    assert extracted <= ids, sorted(extracted - ids)[:3]
