"""Components and figures in the form Dash sends them (plain data), and caches that keep such results as JSON bytes."""
from __future__ import annotations

import json
from functools import lru_cache, wraps

import orjson
from plotly.io.json import to_json_plotly


def serialised(item):
    """A component or figure in the JSON-ready form Dash sends it in (plain dicts and lists, via Dash's own encoder).

    For callback outputs cached per selection: Dash then re-encodes plain data, which is many times faster than
    walking components or validating figures on every request. Encoded as Dash encodes answers (serving/fast_json:
    plotly's `to_json_plotly`, byte for byte, without its generic walk over components) and read back by orjson:
    a first-time selection's corridor table went through plotly's walk and the json module, ~60 % of its build.
    """
    from serving.fast_json.answer import to_json  # the encoder alone: importing it starts nothing

    return orjson.loads(to_json(item))


def reference_serialised(item):
    """`serialised` as it was (plotly's encoder, the json module): what tests compare it with."""
    return json.loads(to_json_plotly(item))


def kept_compact(maxsize: int):
    """`lru_cache(maxsize)` for a function that returns what Dash sends (`serialised` data: dicts, lists, text,
    numbers, None), or a tuple of such: each result is kept as its JSON bytes (orjson) and read back at every call.

    A worker's caches of serialised outputs held them as Python dicts and lists, 3–7 × their JSON (a corridor card
    ~166 kB of objects for ~32 kB of JSON) and tens of thousands of objects for the garbage collector to walk; as
    bytes they cost a parse at each hit (orjson.loads, measured at load 8: 0.2 ms for the remittances trend charts,
    1.0 ms for an 80 kB Russian corridor card; a miss builds them in 30–100 ms, a hit was free before). A
    round trip through orjson gives back equal data (it is how `serialised` made it), and each caller gets its own
    copy. `fragment(…)`: the kept bytes as Fragments, for a callback's answer (no parse, no second write).
    `cache_info`, `cache_clear` and `__wrapped__` (the uncached function) as with lru_cache;
    tests/layouts/test_kept_compact.py compares every such cache with the function it wraps."""
    def decorate(function):
        @lru_cache(maxsize=maxsize)
        def encoded(*args, **kwargs):
            result = function(*args, **kwargs)
            if isinstance(result, tuple):
                return tuple(orjson.dumps(part) for part in result)
            return orjson.dumps(result)

        @wraps(function)
        def cached(*args, **kwargs):
            data = encoded(*args, **kwargs)
            return tuple(map(orjson.loads, data)) if isinstance(data, tuple) else orjson.loads(data)

        def fragment(*args, **kwargs):
            """The same kept JSON bytes as `serving.fast_json.fragment.Fragment`s (a tuple of them for a tuple), for a
            callback to return as they are: its answer splices them in, neither parsed back nor written again."""
            from serving.fast_json.fragment import Fragment

            data = encoded(*args, **kwargs)
            return tuple(map(Fragment, data)) if isinstance(data, tuple) else Fragment(data)

        cached.fragment = fragment
        cached.cache_info = encoded.cache_info
        cached.cache_clear = encoded.cache_clear
        cached.cache_parameters = encoded.cache_parameters
        return cached
    return decorate
