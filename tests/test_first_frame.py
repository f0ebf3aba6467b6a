"""The drawn first frames (serving/first_frame.py): fresh for today's data and code, served only for their URL and key,
inert (no ids, scripts, handlers, names, off-host URLs), in the page's language."""
import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode

import pytest

from serving import first_frame

FRAME = re.compile(r'<div class="camr-frame" aria-hidden="true" inert data-url="([^"]*)"[^>]*>')
EMBED_FRAME = re.compile(r'<div id="embed-chart"[^>]*><div class="embed-frame" aria-hidden="true" inert '
                         r'data-url="([^"]*)">')


@pytest.fixture(scope="module")
def client():
    import app

    return app.server.test_client()


def get(client, url: str, host: str = "localhost") -> str:
    """The page's HTML; another `host` is another entry of the page cache (serving/pages.py): built now."""
    response = client.get(url, base_url=f"http://{host}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("url", first_frame.FRAME_URLS)
def test_committed_frames_are_fresh(client, url):
    """A change of the data, the page, its CSS or plotly.js' bundle needs the frames drawn again: `python -m
    scripts.draw_first_frames` (else they are not served and the first paint waits for plotly.js again)."""
    stored = first_frame.stored().get(url)
    assert stored is not None, f"no frame drawn for {url}: python -m scripts.draw_first_frames"
    assert stored["key"] == first_frame.key_for_url(url), (
        f"the frame of {url} was drawn from another page, data or CSS: python -m scripts.draw_first_frames")


@pytest.mark.parametrize("url", first_frame.EMBED_URLS)
def test_an_embed_s_frame_is_served_in_its_chart_s_box(client, url):
    html = get(client, url)
    assert [unescape(found) for found in EMBED_FRAME.findall(html)] == [url]
    assert first_frame.stored()[url]["html"] in html
    assert 'class="camr-frame"' not in html


@pytest.mark.parametrize("url", ["/embed/map?indicator=immigrants", "/embed/remittances?scale=log",
                                 "/embed/country/RUS", "/embed/corridors?year=2010", "/embed/map?lang=ru&controls=year"])
def test_no_embed_frame_for_another_url(client, url):
    assert 'class="embed-frame"' not in get(client, url)


@pytest.mark.parametrize("url, drawn", [
    ("/embed/map?lang=en", "/embed/map"),  # what the Share dialog writes for an English page
    ("/embed/country/KGZ?lang=en", "/embed/country/KGZ"),
    ("/embed/map?year=2020&lang=en", "/embed/map?year=2020"),  # README's example
    ("/embed/map?lang=ru&indicator=emigrants&year=2015&scope=region", "/embed/map?year=2015&lang=ru"),
    ("/embed/country/uzb?trend=remittances_gdp&lang=ru", "/embed/country/UZB?lang=ru"),
])
def test_an_embed_s_frame_is_served_for_every_url_of_that_embed(client, url, drawn):
    """A frame is a picture of the embed's data (its key): another URL that resolves to the same embed gets it,
    marked with the URL it is served at (embed-page.js drops a frame marked with another)."""
    html = get(client, url)
    assert [unescape(found) for found in EMBED_FRAME.findall(html)] == [url]
    assert first_frame.stored()[drawn]["html"] in html


def test_the_map_s_years_and_the_central_asian_country_embeds_have_frames():
    """Every earlier year of the map's slider, and each Central Asian country whose embed has a chart."""
    import app  # noqa: F401 - the store and the views
    from embed import charts
    from layouts.map.params import years

    assert list(first_frame.MAP_YEARS) == years()[:-1]
    for iso3 in ("KAZ", "KGZ", "TJK", "TKM", "UZB"):
        has_chart = charts.resolve(f"/country/{iso3}", "").chart.figure is not None
        assert (f"/embed/country/{iso3}" in first_frame.CHART_EMBED_URLS) == has_chart, iso3


@pytest.mark.parametrize("url", first_frame.PAGE_URLS)
def test_the_frame_of_the_url_is_served_before_the_react_entry_point(client, url):
    html = get(client, url)
    found = FRAME.findall(html)
    assert found == [url]
    assert html.index('class="camr-frame"') < html.index('id="react-entry-point"')
    assert first_frame.stored()[url]["html"] in html


@pytest.mark.parametrize("url", ["/map?year=2010", "/map?lang=en", "/remittances", "/map?lang=ru&year=2024",
                                 "/country/KGZ"])
def test_no_frame_for_another_url(client, url):
    assert 'class="camr-frame"' not in get(client, url)


def test_a_frame_with_a_wrong_key_is_not_served(client, monkeypatch):
    stored = first_frame.stored()
    monkeypatch.setattr(first_frame, "stored", lambda: {
        url: {"key": "0" * 32 if url == "/map" else frame["key"], "html": frame["html"]} for url, frame in stored.items()})
    assert 'class="camr-frame"' not in get(client, "/map", host="wrong-key.test")
    assert FRAME.findall(get(client, "/", host="wrong-key.test")) == ["/"]  # the others still are
    monkeypatch.setattr(first_frame, "stored", lambda: {
        url: {"key": "0" * 32 if url == "/embed/map" else frame["key"], "html": frame["html"]}
        for url, frame in stored.items()})
    assert 'class="embed-frame"' not in get(client, "/embed/map", host="wrong-key.test")


def test_no_frame_file_serves_the_page_as_before(client, monkeypatch, tmp_path):
    monkeypatch.setattr(first_frame, "FRAMES_FILE", tmp_path / "none.json.br")
    first_frame.stored.cache_clear()
    try:
        html = get(client, "/map", host="no-file.test")
    finally:
        first_frame.stored.cache_clear()
    assert 'class="camr-frame"' not in html and 'id="camr-first-page"' in html


def test_the_key_follows_the_page_and_the_styles(monkeypatch):
    page = '{"pathname":"/map","page":{"value":1}}'
    key = first_frame.frame_key(page)
    assert first_frame.frame_key(page.replace("1", "2")) != key
    assert first_frame.frame_key(page, embed=True) != key  # another viewport, style and bundle
    # an asset URL's modification time (Dash's fingerprint) differs between checkouts of one commit: not a change
    stub = '"/assets/topojson/world_110m.json?m=%s"'
    assert first_frame.frame_key(stub % "1795986905.3996012") == first_frame.frame_key(stub % "1796039888.38")
    first_frame._assets_digest.cache_clear()
    monkeypatch.setattr(first_frame, "DRAWN_WITH", (*first_frame.DRAWN_WITH, "assets/first-page.js"))
    try:
        assert first_frame.frame_key(page) != key
    finally:
        first_frame._assets_digest.cache_clear()


class Parsed(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.texts: list[str] = []
        self._style = 0
        self.css = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._style += tag == "style"

    def handle_endtag(self, tag):
        self._style -= tag == "style"

    def handle_data(self, data):
        if self._style:
            self.css += data
        elif data.strip():
            self.texts.append(data.strip())


def parsed(url: str) -> Parsed:
    parser = Parsed()
    parser.feed(first_frame.stored()[url]["html"])
    return parser


REFERENCES = {"for", "form", "list", "name", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns",
              "aria-activedescendant", "tabindex", "autofocus", "accesskey"}


@pytest.mark.parametrize("url", first_frame.FRAME_URLS)
def test_a_frame_is_inert(url):
    frame = parsed(url)
    tags = {tag for tag, _ in frame.tags}
    assert not tags & {"script", "iframe", "object", "embed", "link", "template", "noscript", "base", "meta"}
    ids = [attrs["id"] for _, attrs in frame.tags if "id" in attrs]
    assert all(i.startswith("camr-frame-") for i in ids), ids  # plotly's clip paths and gradients, renamed
    assert len(ids) == len(set(ids))
    for tag, attrs in frame.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert not REFERENCES & set(attrs), (tag, attrs)
        assert not any(re.search(r"javascript:", v or "", re.I) for v in attrs.values()), (tag, attrs)
    assert not any("modebar-btn" in (attrs.get("class") or "") for _, attrs in frame.tags)  # the mode bar's buttons


@pytest.mark.parametrize("url", first_frame.FRAME_URLS)
def test_a_frame_names_nothing_off_the_host(url):
    html = first_frame.stored()[url]["html"]
    assert not re.search(r"(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html), re.findall(r"(?i)\w+://[^\s\"')]+", html)
    for _, attrs in parsed(url).tags:
        for name in ("href", "src", "xlink:href", "action", "poster", "srcset"):
            value = attrs.get(name)
            assert value is None or value.startswith(("/", "#", "?")), (name, value)


def english_url(url: str) -> str:
    path, _, query = url.partition("?")
    rest = urlencode([(k, v) for k, v in parse_qsl(query) if k != "lang"])
    return path + ("?" + rest if rest else "")


def test_a_frame_has_only_its_language_s_words():
    english = {url: parsed(url).texts for url in first_frame.FRAME_URLS if "lang=ru" not in url}
    russian = {url: parsed(url).texts for url in first_frame.FRAME_URLS if "lang=ru" in url}
    assert len(russian) == len(english) == len(first_frame.FRAME_URLS) // 2
    for texts in english.values():
        assert not [t for t in texts if re.search("[а-яё]", t, re.I)]
    en_texts = {t for texts in english.values() for t in texts}
    for url, texts in russian.items():
        named = any("Kazakhstan" in t for t in english[english_url(url)])  # a country's chart: numbers
        assert any("Казахстан" in t for t in texts) == named and not any("Kazakhstan" in t for t in texts), url
        latin = [t for t in texts if t in en_texts and re.search("[A-Za-z]{2,}", t)]
        # the language switch's "EN" and "RU" and a licence's name are the same in both
        assert all(t in ("EN", "RU") or "CC BY" in t for t in latin), (url, latin)


def test_a_frame_keeps_the_pages_state_and_only_the_styles_it_uses():
    frame = parsed("/map")
    checked = [attrs.get("value") for tag, attrs in frame.tags if tag == "input" and "checked" in attrs]
    assert checked == ["emigrants", "region"]  # the default indicator and extent (radio state as attributes)
    assert ".camr-frame" not in frame.css and len(frame.css) < 20_000
    assert not [attrs for tag, attrs in parsed("/embed/map").tags if tag == "div" and "class" in attrs]  # not
    # taken by plotly.js for its own containers inside the embed's chart box
    svgs = [attrs for tag, attrs in frame.tags if tag == "svg" and "main-svg" in (attrs.get("class") or "")]
    assert svgs and all("position:absolute" in a["style"] for a in svgs)
    assert "viewBox" in str(svgs) or any("viewbox" in a for a in svgs)


@pytest.mark.parametrize("url", first_frame.PAGE_URLS)
def test_a_page_s_frame_holds_its_chart_drawn_for_the_laptop_and_for_the_projector(url):
    """app.css shows one drawing of each chart (camr-narrow below WIDE_FROM px, camr-wide from it); the map's
    countries are drawn once, placed in the wide drawing's plot area by the frame's own rule from WIDE_FROM px."""
    frame = parsed(url)
    classes = [(attrs.get("class") or "").split() for tag, attrs in frame.tags if tag in ("svg", "g")]
    narrow = [c for c in classes if "camr-narrow" in c]
    wide = [c for c in classes if "camr-wide" in c]
    assert len(narrow) == len(wide) == 3  # the map's labels, the title and the colour bar
    texts = [t for t in frame.texts if t in ("Kazakhstan", "Казахстан")]
    assert len(texts) == 3  # its label in each drawing, and its row of the Central Asia table
    paths = [a for tag, a in frame.tags if tag == "path" and "choroplethlocation" in (a.get("class") or "")]
    assert 50 < len(paths) < 200  # one copy of the region's countries
    rule = re.search(r"@media \(min-width:(\d+)px\)\{svg\.camr-map-0\{([^}]*)\}\}", frame.css)
    assert rule and int(rule.group(1)) == first_frame.WIDE_FROM
    assert "width:calc(100% - " in rule.group(2) and "!important" in rule.group(2)
    app_css = (first_frame.ROOT / "assets/app.css").read_text()
    assert f"(max-width: {first_frame.WIDE_FROM - 0.02}px) {{ .camr-frame .camr-wide {{ display: none; }} }}" in app_css
    assert f"(min-width: {first_frame.WIDE_FROM}px) {{ .camr-frame .camr-narrow {{ display: none; }} }}" in app_css
