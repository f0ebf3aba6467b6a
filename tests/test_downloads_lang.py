"""/data/ downloads follow ?lang: the same machine column names in every language, Russian names and labels
inside for lang=ru, a Russian README in the ZIP; any other lang is English, never an error."""
from __future__ import annotations

import csv
import io
import zipfile

import pytest


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


def _rows(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def _header(client, url):
    return client.get(url).get_data(as_text=True).splitlines()[0]


@pytest.mark.parametrize("indicator, publisher", [("BX.TRF.PWKR.DT.GD.ZS", "Всемирный банк"),
                                                  ("SM.POP.TOTL", "Департамент ООН")])
def test_indicator_csv_in_russian_keeps_the_header_and_names_things_in_russian(client, indicator, publisher):
    url = f"/data/{indicator}.csv"
    assert _header(client, url + "?lang=ru") == _header(client, url)
    english, russian = _rows(client, url), _rows(client, url + "?lang=ru")
    assert len(english) == len(russian)
    kgz = [row for row in russian if row["iso3"] == "KGZ"]
    assert kgz and {row["country"] for row in kgz} == {"Кыргызстан"}
    assert "Кыргызстан" not in {row["country"] for row in english}
    assert any(row["publisher"].startswith(publisher) for row in russian)
    assert not any(row["publisher"].startswith(publisher) for row in english)
    assert all(row["publisher"] and row["licence"] and row["title"] for row in russian)
    assert russian[0]["indicator_name"] != english[0]["indicator_name"]
    # the numbers and codes are the same; only names and labels differ
    assert [(r["iso3"], r["year"], r["value"], r["source"], r["default"]) for r in english] == \
           [(r["iso3"], r["year"], r["value"], r["source"], r["default"]) for r in russian]


def test_corridors_csv_in_russian_keeps_the_header(client):
    assert _header(client, "/data/corridors.csv?lang=ru") == _header(client, "/data/corridors.csv")
    rows = _rows(client, "/data/corridors.csv?lang=ru")
    assert any(row["origin_name"] == "Кыргызстан" for row in rows if row["origin"] == "KGZ")
    assert any(row["destination_name"] == "Российская Федерация" for row in rows if row["destination"] == "RUS")


@pytest.mark.parametrize("query", ["?lang=xx", "?lang=", "?lang=RU%00", "?lang=en", "?lang=%3Cscript%3E"])
def test_unknown_languages_give_the_english_download(client, query):
    for path in ("/data/BX.TRF.PWKR.DT.GD.ZS.csv", "/data/corridors.csv", "/data/dataset.zip"):
        english, other = client.get(path), client.get(path + query)
        assert other.status_code == 200 and other.data == english.data, path + query


def _zip(client, query=""):
    response = client.get("/data/dataset.zip" + query)
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    return {name.split("/")[-1]: name for name in archive.namelist()}, archive


def test_the_russian_zip_holds_a_russian_readme_beside_the_english_one(client):
    names, archive = _zip(client, "?lang=ru")
    assert "README.txt" in names and "README.ru.txt" in names
    readme = archive.read(names["README.ru.txt"]).decode()
    assert "Как ссылаться" in readme and "Лицензия:" in readme and "Всемирный банк" in readme
    assert "How to cite" not in readme and "Licence:" not in readme
    assert "How to cite" in archive.read(names["README.txt"]).decode()
    english_names, _ = _zip(client)
    assert "README.ru.txt" not in english_names


def test_download_links_on_russian_pages_carry_the_language():
    from layouts import share

    def hrefs(component):
        found = []

        def walk(node):
            if getattr(node, "href", None) and "/data/" in node.href:
                found.append(node.href)
            children = getattr(node, "children", None)
            for child in children if isinstance(children, list) else [children]:
                if child is not None and not isinstance(child, str):
                    walk(child)
        walk(component)
        return found

    russian = hrefs(share.tools("ru")) + hrefs(share.machine_data("ru"))
    assert len(russian) == 4 and all(href.endswith("?lang=ru") for href in russian)
    assert all("lang=" not in href for href in hrefs(share.tools("en")) + hrefs(share.machine_data("en")))
