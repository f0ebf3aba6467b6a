"""data/query/localise.py: metadata, countries and key figures in Russian."""
from __future__ import annotations


def test_metadata_in_russian(store):
    meta = store.indicator_meta("SM.POP.TOTL", "ru")
    assert meta["name"] == "Численность международных мигрантов, всего" and meta["unit"] == "persons"
    assert meta["unit_label"] == "чел." and meta["definition"].startswith("Лица, проживающие в стране")
    assert store.indicator_meta("SM.POP.TOTL")["name"] == meta["name_en"] == "International migrant stock, total"
    source = store.source_meta("undesa_ims_2024", "ru")
    assert source["publisher"] == "Департамент ООН по экономическим и социальным вопросам, Отдел народонаселения"
    assert source["vintage"] == "пересмотр 2024 г."
    # The publisher's own citation stays English, and says so; the project's own citations are translated.
    assert source["citation_lang"] == "en" and source["citation"].startswith("United Nations Department")
    assert store.source_meta("undesa_ims_2024_derived", "ru")["citation"].startswith("Рассчитано")
    assert store.source_meta("undesa_ims_2024_derived", "ru")["citation_lang"] == "ru"
    assert list(store.sources("ru")["publisher"])[:1] == ["Всемирный банк"]
    assert store.country("UKR", "ru")["capital"] == "Киев" and store.country("UKR")["capital"] == "Kyiv"
    assert store.country("KAZ", "ru")["income_group"] == "уровень дохода выше среднего"
    assert store.key_figures("ru")["statement"].str.contains("[А-Яа-я]").all()
