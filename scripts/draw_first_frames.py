"""Draw the first frames the index HTML carries (serving/first_frame.py): each default view as the browser shows it.

    python -m scripts.draw_first_frames            # draw every URL of FRAME_URLS, write serving/first_frames.json.br
    python -m scripts.draw_first_frames --check    # exit 1 if a stored frame's key is not today's (nothing written)

Run it after anything that changes what the landing page shows: a data refresh, the page's layout or texts, the
CSS, the plotly.js bundle (tests/test_first_frame.py fails until then, and a stale frame is not served). Starts the
app (tests/support/server.py, CAMR_FRAMES=0: drawn live) and headless Chromium; how a frame is drawn:
scripts/first_frames/.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.first_frames.drawing import draw  # noqa: E402
from serving import first_frame  # noqa: E402


def stale_urls() -> list[str]:
    """The URLs of FRAME_URLS whose stored frame is missing or drawn from something else than today's page."""
    import os

    os.environ.setdefault("CAMR_PRECOMPUTE", "0")  # the pages only: no callback answers built
    import app  # noqa: F401 - the page is rendered by the app's Dash instance

    return [url for url in first_frame.FRAME_URLS
            if first_frame.stored().get(url, {}).get("key") != first_frame.key_for_url(url)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a stored frame is stale; write nothing")
    parser.add_argument("--url", help="a running server started with CAMR_FRAMES=0 (default: start one here)")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_urls()
        print("stale or missing: " + ", ".join(stale) if stale else "every frame is fresh")
        return 1 if stale else 0
    if args.url:
        frames = draw(args.url.rstrip("/"))
    else:
        from tests.support.server import start_app_server

        with start_app_server(env={"CAMR_PRECOMPUTE": "0", "CAMR_FRAMES": "0"}) as server:
            frames = draw(server.url)
    size = first_frame.write(frames)
    print(f"{first_frame.FRAMES_FILE.relative_to(first_frame.ROOT)}: {size:,} B (brotli)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
