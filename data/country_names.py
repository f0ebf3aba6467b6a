"""Country, aggregate, region, income-group and capital names in United Nations usage, where the libraries differ.

Country names, English and Russian, are the UN Statistics Division's M49 names («Standard country or area codes for
statistical use», unstats.un.org/unsd/methodology/m49/, the list in English and, with the language switch «Русский»,
in Russian; checked 2026-11-30 against the copies of the M49 download in GitHub datasets/country-codes,
tmp/UNSD-en.csv and tmp/UNSD-ru.csv at commit 25c1991, which already carry the 2022 «Türkiye» and the 2023
«Netherlands (Kingdom of the)» / «Нидерланды (Королевство)»). M49 takes its names from the UN Terminology Database
(UNTERM, unterm.un.org, "Short name"). The names come from pycountry (ISO 3166 English; Debian's iso-codes Russian)
wherever it agrees with M49, and from the override tables below where it does not; tests/data/test_country_names.py
holds the M49 names of every country shown and fails on any difference. IOM and the UN agencies write these names
(Kyrgyzstan, Republic of Moldova, Türkiye), so the World Bank's own ("Kyrgyz Republic", "Egypt, Arab Rep.") are not
shown; they remain in the raw files and in citations of World Bank texts. UN Russian writes «е», never «ё».
Türkiye stays «Турция» in Russian: M49 Russian writes «Турция» (the 2022 change was of the English and French names).

Where M49 has no entry or an evident slip, the comment names what was used instead. The World Bank's aggregates
(World, regions, income groups, lending groups) are World Bank groupings with no UN name: English as the World Bank
names them, Russian as the World Bank writes them in Russian where a World Bank Russian text was found (i18n/GLOSSARY.md,
"World Bank aggregates", says which names are checked and against what).
"""
from __future__ import annotations

# ISO alpha-3 → UN English short name (M49), where pycountry's English name (ISO 3166 `name`) differs or is missing.
NAME_EN_OVERRIDES = {
    "BOL": "Bolivia (Plurinational State of)",          # M49 (pycountry: "Bolivia, Plurinational State of")
    "CHI": "Channel Islands",                           # UN DESA's area 830 (International Migrant Stock); no ISO code
    "COD": "Democratic Republic of the Congo",          # M49 (pycountry: "Congo, The Democratic Republic of the")
    "FSM": "Micronesia (Federated States of)",          # M49 (pycountry: "Micronesia, Federated States of")
    "GBR": "United Kingdom of Great Britain and Northern Ireland",  # M49 = UNTERM short name (pycountry: "United
                                                                    # Kingdom")
    "HKG": "China, Hong Kong Special Administrative Region",  # M49 (pycountry: "Hong Kong")
    "IRN": "Iran (Islamic Republic of)",                # M49 (pycountry: "Iran, Islamic Republic of")
    "KOR": "Republic of Korea",                         # M49 (pycountry: "Korea, Republic of")
    "MAC": "China, Macao Special Administrative Region",  # M49 (pycountry: "Macao")
    "MAF": "Saint Martin (French Part)",                # M49 (pycountry: "Saint Martin (French part)")
    "MDA": "Republic of Moldova",                       # M49 (pycountry: "Moldova, Republic of")
    "NLD": "Netherlands (Kingdom of the)",              # M49 since 2023 (pycountry: "Netherlands")
    "PRK": "Democratic People's Republic of Korea",     # M49 (pycountry: "Korea, Democratic People's Republic of")
    "PSE": "State of Palestine",                        # M49 (pycountry: "Palestine, State of")
    "SHN": "Saint Helena",                              # M49 (pycountry: "Saint Helena, Ascension and Tristan da Cunha")
    "TWN": "China, Taiwan Province of China",           # not in M49; UN DESA's name (International Migrant Stock)
    "TZA": "United Republic of Tanzania",               # M49 (pycountry: "Tanzania, United Republic of")
    "USA": "United States of America",                  # M49 (pycountry: "United States")
    "VAT": "Holy See",                                  # M49 (pycountry: "Holy See (Vatican City State)")
    "VEN": "Venezuela (Bolivarian Republic of)",        # M49 (pycountry: "Venezuela, Bolivarian Republic of")
    "VGB": "British Virgin Islands",                    # M49 (pycountry: "Virgin Islands, British")
    "VIR": "United States Virgin Islands",              # M49 (pycountry: "Virgin Islands, U.S.")
    "WLF": "Wallis and Futuna Islands",                 # M49 (pycountry: "Wallis and Futuna")
    "XKX": "Kosovo",                                    # not in M49 (UN: Kosovo in the sense of SC res. 1244 (1999))
}
# Côte d'Ivoire keeps pycountry's straight apostrophe, as UNTERM writes it (the M49 download has "Côte d’Ivoire").

# ISO alpha-3 → UN Russian short name (M49), where pycountry's Russian differs (or is missing).
NAME_RU_OVERRIDES = {
    "AIA": "Ангилья",                                   # M49
    "ARE": "Объединенные Арабские Эмираты",             # M49 (pycountry: «Объединённые»)
    "ASM": "Американское Самоа",                        # M49 (pycountry: «Американские Самоа»)
    "BHS": "Багамские Острова",                         # M49 (pycountry: «Багамы»)
    "BMU": "Бермудские острова",                        # M49 (pycountry: «Бермуды»)
    "BOL": "Боливия (Многонациональное Государство)",   # M49
    "BRN": "Бруней-Даруссалам",                         # M49
    "CAF": "Центральноафриканская Республика",          # M49 (pycountry: «Центрально-африканская республика»)
    "CHI": "Нормандские острова",                       # UN DESA's area 830 (Channel Islands); not in M49, no ISO code
    "COM": "Коморские Острова",                         # M49 (pycountry: «Коморы»)
    "CYM": "Каймановы острова",                         # pycountry's; the M49 download's «Кайман острова» is a slip
                                                        # (the adjective uninflected), like its «Аландских островов»
    "DOM": "Доминиканская Республика",                  # M49
    "FSM": "Микронезия (Федеративные Штаты)",           # M49
    "GBR": "Соединенное Королевство Великобритании и Северной Ирландии",  # M49 = UNTERM short name
    "HKG": "Китай, Специальный административный район Гонконг",  # M49
    "IRN": "Иран (Исламская Республика)",               # M49
    "KGZ": "Кыргызстан",                                # M49 (pycountry: «Киргизия»)
    "KOR": "Республика Корея",                          # M49 (pycountry: «Южная Корея»)
    "LAO": "Лаосская Народно-Демократическая Республика",  # M49 (pycountry: «Лаос»)
    "MAC": "Китай, Специальный административный район Макао",  # M49
    "MAF": "Сен-Мартен (французская часть)",            # M49
    "MDA": "Республика Молдова",                        # M49 (pycountry: «Молдавия»)
    "MDV": "Мальдивские Острова",                       # M49 (pycountry: «Мальдивы»)
    "MHL": "Маршалловы Острова",                        # M49 (pycountry: «Маршалловы острова»)
    "MNP": "Северные Марианские острова",               # M49
    "MYT": "Остров Майотта",                            # M49 (pycountry: «Майотта»)
    "NLD": "Нидерланды (Королевство)",                  # M49 since 2023 (English «Netherlands (Kingdom of the)»)
    "PNG": "Папуа-Новая Гвинея",                        # M49 (pycountry and UNTERM: «Папуа — Новая Гвинея»)
    "PRK": "Корейская Народно-Демократическая Республика",  # M49 (pycountry: «Северная Корея»)
    "PSE": "Государство Палестина",                     # M49
    "SHN": "Остров Святой Елены",                       # M49
    "SXM": "Синт-Мартен (нидерландская часть)",         # M49
    "SYC": "Сейшельские Острова",                       # M49 (pycountry: «Сейшелы»)
    "SYR": "Сирийская Арабская Республика",             # M49 (pycountry: «Сирия»)
    "TCA": "Острова Теркс и Кайкос",                    # M49
    "TLS": "Тимор-Лешти",                               # M49 (pycountry: «Восточный Тимор»)
    "TWN": "Китай, провинция Тайвань",                  # not in M49; UN DESA's «China, Taiwan Province of China»
    "TZA": "Объединенная Республика Танзания",          # M49 (pycountry: «Танзания»)
    "USA": "Соединенные Штаты Америки",                 # M49 (pycountry: «Соединённые штаты»)
    "VAT": "Святой Престол",                            # M49
    "VEN": "Венесуэла (Боливарианская Республика)",     # M49
    "VGB": "Британские Виргинские острова",             # M49
    "VIR": "Виргинские острова Соединенных Штатов",     # M49
    "WLF": "Острова Уоллис и Футуна",                   # M49
    "XKX": "Косово",                                    # not in M49 (UN: «Косово» in the sense of SC res. 1244)
}

# World Bank aggregate codes → Russian name. Checked against the World Bank's own Russian (i18n/GLOSSARY.md, "World
# Bank aggregates", lists each source): «Европа и Центральная Азия» (its Russian «Доклад об экономике региона Европы и
# Центральной Азии», spring 2021), «Восточная Азия и Тихоокеанский регион» and «Южная Азия», «страны с низким и
# средним уровнем дохода», «страны с высоким уровнем дохода» (its Russian press releases on remittances of
# 8 April 2019 and 26 June 2024, vsemirnyjbank.org). The other names follow the same pattern and are not yet checked.
AGGREGATE_NAMES_RU = {
    "AFE": "Восточная и Южная Африка",
    "AFW": "Западная и Центральная Африка",
    "ARB": "Арабский мир",
    "CEB": "Центральная Европа и страны Балтии",
    "CSS": "Малые государства Карибского бассейна",
    "EAP": "Восточная Азия и Тихоокеанский регион (без стран с высоким уровнем дохода)",
    "EAR": "Страны на ранней стадии демографического дивиденда",
    "EAS": "Восточная Азия и Тихоокеанский регион",
    "ECA": "Европа и Центральная Азия (без стран с высоким уровнем дохода)",
    "ECS": "Европа и Центральная Азия",
    "EMU": "Зона евро",
    "EUU": "Европейский союз",
    "FCS": "Нестабильные и затронутые конфликтами страны",
    "HIC": "Страны с высоким уровнем дохода",
    "HPC": "Бедные страны с крупной задолженностью (БСКЗ)",
    "IBD": "Только МБРР",
    "IBT": "МАР и МБРР, всего",
    "IDA": "МАР, всего",
    "IDB": "Смешанное финансирование МАР",
    "IDX": "Только МАР",
    "LAC": "Латинская Америка и Карибский бассейн (без стран с высоким уровнем дохода)",
    "LCN": "Латинская Америка и Карибский бассейн",
    "LDC": "Наименее развитые страны (классификация ООН)",
    "LIC": "Страны с низким уровнем дохода",
    "LMC": "Страны с уровнем дохода ниже среднего",
    "LMY": "Страны с низким и средним уровнем дохода",
    "LTE": "Страны на поздней стадии демографического дивиденда",
    "MEA": "Ближний Восток и Северная Африка",
    "MIC": "Страны со средним уровнем дохода",
    "MNA": "Ближний Восток и Северная Африка (без стран с высоким уровнем дохода)",
    "NAC": "Северная Америка",
    "OED": "Члены ОЭСР",
    "OSS": "Прочие малые государства",
    "PRE": "Страны до наступления демографического дивиденда",
    "PSS": "Малые островные государства Тихого океана",
    "PST": "Страны после демографического дивиденда",
    "SAS": "Южная Азия",
    "SSA": "Африка к югу от Сахары (без стран с высоким уровнем дохода)",
    "SSF": "Африка к югу от Сахары",
    "SST": "Малые государства",
    "TEA": "Восточная Азия и Тихоокеанский регион (МАР и МБРР)",
    "TEC": "Европа и Центральная Азия (МАР и МБРР)",
    "TLA": "Латинская Америка и Карибский бассейн (МАР и МБРР)",
    "TMN": "Ближний Восток и Северная Африка (МАР и МБРР)",
    "TSA": "Южная Азия (МАР и МБРР)",
    "TSS": "Африка к югу от Сахары (МАР и МБРР)",
    "UMC": "Страны с уровнем дохода выше среднего",
    "WLD": "Мир",
}

# A country's World Bank region and income group, as shown in its profile ("Европа и Центральная Азия · доход выше
# среднего"). Keys are the World Bank's English names as in its country metadata.
REGIONS_RU = {
    "East Asia & Pacific": "Восточная Азия и Тихоокеанский регион",
    "Europe & Central Asia": "Европа и Центральная Азия",
    "Latin America & Caribbean": "Латинская Америка и Карибский бассейн",
    "Middle East & North Africa": "Ближний Восток и Северная Африка",
    "North America": "Северная Америка",
    "South Asia": "Южная Азия",
    "Sub-Saharan Africa": "Африка к югу от Сахары",
}
INCOME_GROUPS_RU = {
    "High income": "высокий уровень дохода",
    "Upper middle income": "уровень дохода выше среднего",
    "Lower middle income": "уровень дохода ниже среднего",
    "Low income": "низкий уровень дохода",
}

# Natural Earth's capital names where the UN's English differs (UNTERM "capital city"; Kyiv since 2019).
CAPITAL_EN_OVERRIDES = {
    "UKR": "Kyiv",
    "DNK": "Copenhagen",      # NE: København
    "TCD": "N'Djamena",       # NE: Ndjamena
    "TON": "Nuku'alofa",      # NE: Nukualofa
    "CMR": "Yaoundé",         # NE: Yaounde
    "COL": "Bogotá",          # NE: Bogota
}

# ISO alpha-3 → capital in Russian (the seat catalog.CAPITAL_SEATS chooses where Natural Earth lists several).
CAPITALS_RU = {
    "AFG": "Кабул", "AGO": "Луанда", "ALB": "Тирана", "AND": "Андорра-ла-Велья", "ARE": "Абу-Даби",
    "ARG": "Буэнос-Айрес", "ARM": "Ереван", "ATG": "Сент-Джонс", "AUS": "Канберра", "AUT": "Вена", "AZE": "Баку",
    "BDI": "Бужумбура", "BEL": "Брюссель", "BEN": "Котону", "BFA": "Уагадугу", "BGD": "Дакка", "BGR": "София",
    "BHR": "Манама", "BHS": "Нассау", "BIH": "Сараево", "BLR": "Минск", "BLZ": "Бельмопан", "BMU": "Гамильтон", "BOL": "Ла-Пас",
    "BRA": "Бразилиа", "BRB": "Бриджтаун", "BRN": "Бандар-Сери-Бегаван", "BTN": "Тхимпху", "BWA": "Габороне",
    "CAF": "Банги", "CAN": "Оттава", "CHE": "Берн", "CHL": "Сантьяго", "CHN": "Пекин", "CIV": "Ямусукро",
    "CMR": "Яунде", "COD": "Киншаса", "COG": "Браззавиль", "COL": "Богота", "COM": "Морони", "CPV": "Прая",
    "CRI": "Сан-Хосе", "CUB": "Гавана", "CYP": "Никосия", "CZE": "Прага", "DEU": "Берлин", "DJI": "Джибути",
    "DMA": "Розо", "DNK": "Копенгаген", "DOM": "Санто-Доминго", "DZA": "Алжир", "ECU": "Кито", "EGY": "Каир",
    "ERI": "Асмэра", "ESH": "Бир-Лелу", "ESP": "Мадрид", "EST": "Таллин", "ETH": "Аддис-Абеба", "FIN": "Хельсинки",
    "FJI": "Сува", "FRA": "Париж", "FSM": "Паликир", "GAB": "Либревиль", "GBR": "Лондон", "GEO": "Тбилиси",
    "GHA": "Аккра", "GIN": "Конакри", "GMB": "Банжул", "GNB": "Бисау", "GNQ": "Малабо", "GRC": "Афины",
    "GRD": "Сент-Джорджес", "GTM": "Гватемала", "GUY": "Джорджтаун", "HND": "Тегусигальпа", "HRV": "Загреб",
    "HTI": "Порт-о-Пренс", "HUN": "Будапешт", "IDN": "Джакарта", "IND": "Нью-Дели", "IRL": "Дублин",
    "IRN": "Тегеран", "IRQ": "Багдад", "ISL": "Рейкьявик", "ISR": "Иерусалим", "ITA": "Рим", "JAM": "Кингстон",
    "JOR": "Амман", "JPN": "Токио", "KAZ": "Астана", "KEN": "Найроби", "KGZ": "Бишкек", "KHM": "Пномпень",
    "KIR": "Тарава", "KNA": "Бастер", "KOR": "Сеул", "KWT": "Эль-Кувейт", "LAO": "Вьентьян", "LBN": "Бейрут",
    "LBR": "Монровия", "LBY": "Триполи", "LCA": "Кастри", "LIE": "Вадуц", "LKA": "Коломбо", "LSO": "Масеру",
    "LTU": "Вильнюс", "LUX": "Люксембург", "LVA": "Рига", "MAR": "Рабат", "MCO": "Монако", "MDA": "Кишинев",
    "MDG": "Антананариву", "MDV": "Мале", "MEX": "Мехико", "MHL": "Маджуро", "MKD": "Скопье", "MLI": "Бамако",
    "MLT": "Валлетта", "MMR": "Нейпьидо", "MNE": "Подгорица", "MNG": "Улан-Батор", "MOZ": "Мапуту",
    "MRT": "Нуакшот", "MUS": "Порт-Луи", "MWI": "Лилонгве", "MYS": "Куала-Лумпур", "NAM": "Виндхук",
    "NER": "Ниамей", "NGA": "Абуджа", "NIC": "Манагуа", "NLD": "Амстердам", "NOR": "Осло", "NPL": "Катманду",
    "NZL": "Веллингтон", "OMN": "Маскат", "PAK": "Исламабад", "PAN": "Панама", "PER": "Лима", "PHL": "Манила",
    "PLW": "Мелекеок", "PNG": "Порт-Морсби", "POL": "Варшава", "PRK": "Пхеньян", "PRT": "Лиссабон",
    "PRY": "Асунсьон", "QAT": "Доха", "ROU": "Бухарест", "RUS": "Москва", "RWA": "Кигали", "SAU": "Эр-Рияд",
    "SDN": "Хартум", "SEN": "Дакар", "SGP": "Сингапур", "SLB": "Хониара", "SLE": "Фритаун", "SLV": "Сан-Сальвадор",
    "SMR": "Сан-Марино", "SOM": "Могадишо", "SRB": "Белград", "SSD": "Джуба", "STP": "Сан-Томе",
    "SUR": "Парамарибо", "SVK": "Братислава", "SVN": "Любляна", "SWE": "Стокгольм", "SWZ": "Мбабане",
    "SYC": "Виктория", "SYR": "Дамаск", "TCD": "Нджамена", "TGO": "Ломе", "THA": "Бангкок", "TJK": "Душанбе",
    "TKM": "Ашхабад", "TLS": "Дили", "TON": "Нукуалофа", "TTO": "Порт-оф-Спейн", "TUN": "Тунис", "TUR": "Анкара",
    "TUV": "Фунафути", "TWN": "Тайбэй", "TZA": "Дар-эс-Салам", "UGA": "Кампала", "UKR": "Киев",
    "URY": "Монтевидео", "USA": "Вашингтон", "UZB": "Ташкент", "VAT": "Ватикан", "VCT": "Кингстаун",
    "VEN": "Каракас", "VNM": "Ханой", "VUT": "Порт-Вила", "WSM": "Апиа", "XKX": "Приштина", "YEM": "Сана",
    "ZAF": "Претория", "ZMB": "Лусака", "ZWE": "Хараре",
}


def name_en(iso3: str, library_name: str) -> str:
    """The UN English short name: the override where there is one, else pycountry's ISO name."""
    return NAME_EN_OVERRIDES.get(iso3) or library_name


def name_ru(iso3: str, library_name: str) -> str:
    """The UN Russian name: the override where there is one, else the library's name (with «ё» → «е»)."""
    name = NAME_RU_OVERRIDES.get(iso3) or AGGREGATE_NAMES_RU.get(iso3) or library_name
    return name.replace("ё", "е").replace("Ё", "Е")


def capital_en(iso3: str, natural_earth_name: str) -> str:
    return CAPITAL_EN_OVERRIDES.get(iso3, natural_earth_name)
