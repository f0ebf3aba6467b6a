"""data/query/countries.py: country records, names and groups."""
from __future__ import annotations


def test_countries_names_and_groups(store):
    kaz = store.country("KAZ")
    assert kaz["capital"] == "Astana" and kaz["groups"] == ["ca5", "almaty_member", "customs_union_2013",
                                                              "main_destinations"]
    assert isinstance(kaz["capital_lat"], float)
    assert store.country("ZZZ") is None
    assert store.country("WLD")["capital_lat"] is None
    assert store.country_name("KGZ") == "Kyrgyzstan"
    assert store.country_name("KGZ", "ru") == "Кыргызстан"  # UN usage, not pycountry's «Киргизия»
    assert store.country_name("WLD", "ru") == "Мир"
    assert store.country_name("XKX", "de") == "Kosovo"      # no such language column: English
    assert store.country_name("ZZZ") == "ZZZ"               # unknown: the code itself
    countries = store.countries()
    assert set(countries["kind"]) == {"country"} and "WLD" not in set(countries["iso3"])
    assert "WLD" in set(store.countries("aggregate")["iso3"])
    assert len(store.countries(None)) == len(countries) + len(store.countries("aggregate"))
    assert store.group_members("ca5") == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert store.group_members("almaty_observer") == ["IRN", "PAK"]
    assert store.group_members("customs_union_2013") == ["BLR", "KAZ", "RUS"]
    assert store.group_members("no_such_group") == []
