"""Callback answers baked in idle time (issue 14): a selection nobody has made yet is usually already stored.

Start-up builds every selection one click from each view's default page (serving/precompute.py); a selection two
clicks away cost 4–18 ms the first time. Under gunicorn, a separate process (`start`, from gunicorn.conf.py's
`when_ready`, forked from the master with the app loaded) builds more of them while nobody needs the CPU and
writes them where every worker looks: the shared answers (serving/shared_cache.py's files, or Redis when
REDIS_URL is set), under the key a request from Dash's renderer maps to (the response cache's, by selection:
callbacks/selections.py). A worker then answers them as stored, with `X-Cache: baked`.

- What, in which order: each view (map, remittances, corridors) in each language; every value each of its
  controls (`BAKE_CONTROLS` beside its callbacks, else `PRECOMPUTE_CONTROLS`; `BAKE_REQUIRES`: those that only
  matter with another's value; `BAKE_CHANGES`: requests the browser chains to a selection's answers, such as the
  corridors' open table) offers (`space`: a list of countries offers one country fewer, a group or one country more), nearest
  the default page first — one change, then two — and within a distance the values listed first (the latest
  years, the target countries) first, the languages alternating (`plan`). The requests are those the renderer
  sends on the last click of the way there, with the values the page then holds (what the first click's answers
  wrote: the page state, the corridor map's frame).
- Following the visitors (CAMR_BAKE_FOLLOW=0: not): a worker that answers a request carrying a view's whole
  selection (`follow_outputs`), stored or not, writes its raw body to a small file of slots beside the shared
  answers (serving/shared_cache.Hints: one pwrite, a few µs; the master makes the file, so without a baker nothing
  is written). Before each step of its plan the baker reads the new ones (at most every POLL_S) and bakes first
  what is one click from the newest visitor's selection, in that visitor's language (`Follower`: every other value
  of each control from there, the nearest years and the country added last first, as the renderer requests them
  after that selection's answers). A visitor who pauses a second between clicks then finds the next one stored,
  however far from the default page. Bounded whatever is sent: only values the view offers, each selection once per
  FOLLOW_REPEAT_S, FOLLOW_REQUESTS requests around it, FOLLOW_PENDING waiting, none older than FOLLOW_MAX_AGE_S;
  once its plan has stopped the baker stays to follow them, at the same idle priority.
- How much: until the shared store holds half its bound (`BAKE_SHARE` of CAMR_SHARED_CACHE_MB; with Redis, until
  that many bytes were written by the baker), leaving the rest to the workers' own answers; then it stops. Every
  selection two clicks away is far more than that (`python -m bench.bench_bake` counts them).
- Never in the way: it waits for the workers to start (`DELAY_S`), runs at nice 19 under SCHED_IDLE (Linux: only
  CPU that no other process wants), at brotli quality 5 (idle time: smaller answers, more of them in the bound);
  it dies with the master (PR_SET_PDEATHSIG, and the master stops it on exit); any failure is logged and ends the
  baking, never a request. CAMR_BAKE=0 turns it off; `python app.py` (one process, no shared store) never bakes.

One module per part: `plan` (what to bake, in which order: `space`, `states`, `plan`, `requests_for`), `follow`
(following the visitors: `follow_outputs`, `Follower`), `baker` (the baking: `bake`, its `Tally`), `process` (the
process from gunicorn's master: `enabled`, `start`, `stop`, `lower_priority`). Callers import from those modules;
this package exports nothing.
"""
