"""Callback request bodies as Dash's renderer sends them, built from the app's own /_dash-dependencies (so a
callback that gains or moves an input needs no change here)."""
from __future__ import annotations

import json
from functools import cache

ROUTER_OUTPUT = "page-content.children"


@cache
def dependencies() -> tuple[dict, ...]:
    import app

    return tuple(json.loads(app.server.test_client().get("/_dash-dependencies").data))


def outputs_of(spec: str) -> dict | list:
    parts = spec[2:-2].split("...") if spec.startswith("..") else [spec]
    outs = [dict(zip(("id", "property"), part.rsplit(".", 1))) for part in parts]
    return outs if spec.startswith("..") else outs[0]


def request_for(output: str, values: dict[str, object], changed: list[str]) -> dict:
    """The body for the callback writing `output`, `values` keyed "id.property" (missing ones are None)."""
    callback = next(cb for cb in dependencies() if cb["output"] == output)

    def entries(deps):
        return [{"id": d["id"], "property": d["property"], "value": values.get(f"{d['id']}.{d['property']}")}
                for d in deps]

    return {"output": output, "outputs": outputs_of(output), "inputs": entries(callback["inputs"]),
            "state": entries(callback["state"]), "changedPropIds": changed}


def router_request(path: str, search: str) -> dict:
    """What the router receives when the browser opens `path` + `search`."""
    return request_for(ROUTER_OUTPUT, {"url.pathname": path, "url.search": search}, ["url.pathname"])
