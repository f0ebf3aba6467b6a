from state import LANG, Param, choice, integer_in, parse_query, to_query

PARAMS = [LANG, Param("year", 2024, integer_in([1990, 2020, 2024])),
          Param("indicator", "immigrants", choice(["immigrants", "emigrants"])),
          Param("countries", ("KAZ",), choice(["KAZ", "KGZ", "TJK"]), multi=True)]


def test_valid_query_is_read():
    state, notices = parse_query("?year=2020&indicator=EMIGRANTS&countries=kgz,tjk&lang=en", PARAMS)
    assert state == {"lang": "en", "year": 2020, "indicator": "emigrants", "countries": ("KGZ", "TJK")}
    assert notices == []


def test_missing_parameters_take_defaults_silently():
    state, notices = parse_query("", PARAMS)
    assert state["year"] == 2024 and state["countries"] == ("KAZ",)
    assert notices == []


def test_garbage_falls_back_with_one_notice_per_parameter():
    state, notices = parse_query("?year=abc&indicator=<script>&countries=XXX&lang=zz&junk=1", PARAMS)
    assert state == {"lang": "en", "year": 2024, "indicator": "immigrants", "countries": ("KAZ",)}
    assert [n.param for n in notices] == ["lang", "year", "indicator", "countries"]
    assert notices[1].value == "abc" and notices[1].default == "2024"


def test_overlong_value_is_truncated_in_the_notice():
    _, notices = parse_query("?year=" + "9" * 500, PARAMS)
    assert len(notices[0].value) <= 41


def test_round_trip():
    state = {"lang": "en", "year": 2020, "indicator": "emigrants", "countries": ("KGZ", "TJK")}
    assert to_query(state, PARAMS) == "?lang=en&year=2020&indicator=emigrants&countries=KGZ,TJK"
    assert parse_query(to_query(state, PARAMS), PARAMS) == (state, [])


def test_a_list_keeps_its_valid_items_and_names_the_others():
    state, notices = parse_query("?countries=tjk,XXX,KGZ,<b>", PARAMS)
    assert state["countries"] == ("TJK", "KGZ")
    assert [(n.param, n.value) for n in notices] == [("countries", "XXX,<b>")]
    assert notices[0].left_out
