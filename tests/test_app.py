"""The app itself: it starts on the bundled data and refuses invalid data with one clear sentence."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "data" / "curated"


def start(tmp_path, corrupt) -> subprocess.CompletedProcess:
    curated = tmp_path / "curated"
    shutil.copytree(CURATED, curated)
    corrupt(curated)
    # As if the build had written them: these tests are about the load-time validation behind the manifest check.
    sys.path.insert(0, str(ROOT))
    from data.validate.manifest import MANIFEST, manifest_entries
    from data.validate.schema import TABLE_ORDER
    (curated / MANIFEST).write_text(json.dumps({"files": manifest_entries(curated, TABLE_ORDER)}), encoding="utf-8")
    env = {**os.environ, "CAMR_CURATED_DIR": str(curated), "PORT": "1"}  # never gets as far as listening
    return subprocess.run([sys.executable, "app.py"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def duplicate_last_row(curated):
    path = curated / "indicators.csv"
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines) + lines[-1])


def unknown_country(curated):
    path = curated / "corridors.csv"
    lines = path.read_text().splitlines(keepends=True)
    lines[5] = "XXX" + lines[5][3:]
    path.write_text("".join(lines))


def truncated(curated):
    path = curated / "countries.csv"
    path.write_text(path.read_text()[:-4000].rsplit("\n", 1)[0] + '\nKAZ,"Kaz')


@pytest.mark.parametrize("corrupt, file", [(duplicate_last_row, "indicators.csv"), (unknown_country, "corridors.csv"),
                                           (truncated, "countries.csv")])
def test_app_refuses_invalid_curated_data_with_a_clear_message(tmp_path, corrupt, file):
    result = start(tmp_path, corrupt)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("The data could not be loaded") and file in message and "row" in message


def test_wsgi_entry_point_exposes_the_flask_server():
    import app

    assert app.server is app.app.server
    client = app.server.test_client()
    response = client.get("/map?year=garbage")
    assert response.status_code == 200
    assert b'<html lang="en">' in response.data and b"<title>Central Asia Migration" in response.data
    css = client.get("/assets/vendor/bootstrap.min.css")
    assert css.status_code == 200
    css.close()


def test_geometry_is_served_once_with_a_long_cache_life():
    import json

    import app
    import geo

    client = app.server.test_client()
    response = client.get(f"/geo/region.json?v={geo.version('region')}")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.cache_control.max_age >= 86_400 and response.cache_control.public
    assert {f["id"] for f in json.loads(response.data)["features"]} >= {"KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS"}
    assert client.get("/geo/moon.json").status_code == 404
