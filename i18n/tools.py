"""Catalogue maintenance: `python -m i18n.tools <command>` (run from the repository root). See i18n/README.md.

    json2po   turn leftover JSON catalogues i18n/<lang>/<ns>.json into .po entries, then `all`
    extract   `pybabel extract` over the code, then one template i18n/locale/<ns>.pot per domain
    update    `pybabel update` every language's .po from its domain's template (new keys arrive empty)
    compile   `pybabel compile` every .po into its .mo (the app reads the .mo)
    all       extract, update, compile (the usual command after editing a .po)
    status    untranslated or fuzzy entries per language
    resolve   after a merge or rebase stopped on catalogue conflicts: merge each conflicted .po entry by entry
              (both sides' new keys and changed texts kept), take either side of a .pot/.mo, then `all`

Each command prints the pybabel command lines it runs, so they can be run by hand as well.
"""
from __future__ import annotations

import json
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

from i18n.catalogs import LOCALE_DIR, SOURCE_LANG, domain_of

ROOT = Path(__file__).resolve().parent.parent
I18N_DIR = ROOT / "i18n"
BABEL_CFG = I18N_DIR / "babel.cfg"
# Where layouts, figures and callbacks call t()/tn(); a new top-level package that translates goes here too.
SOURCES = ("app.py", "state.py", "layouts", "callbacks", "figures", "data", "geo", "embed", "i18n/__init__.py")
KEYWORDS = ("t", "tn", "N_")
PROJECT = "Central Asia Migration & Remittances Dashboard"
# A fixed date in every header: regenerating the catalogues must not change files nobody edited (merges stay quiet).
HEADER_DATE = datetime(2026, 11, 29, tzinfo=timezone.utc)
ENGLISH_COMMENT = "en: "


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES").is_dir())


def po_path(lang: str, domain: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


def pybabel(*args: str) -> None:
    print("pybabel", " ".join(args), flush=True)
    status = CommandLineInterface().run(["pybabel", "-q", *args])
    if status:
        raise SystemExit(f"pybabel {args[0]} failed")


def read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=path.stem)


def write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        # No wrapping: one line per message, so a diff or a merge shows whole strings.
        write_po(handle, catalog, width=0, sort_output=True)


def header_comment(domain: str, lang: str | None) -> str:
    what = f"{lang} catalogue" if lang else "template"
    return (f"# {PROJECT}: {what} of the domain '{domain}'.\n"
            "# Message ids are keys; edit the texts, then run `python -m i18n.tools all` (see i18n/README.md).")


def new_catalog(domain: str, lang: str | None) -> Catalog:
    catalog = Catalog(locale=lang, domain=domain, project=PROJECT, version="1", copyright_holder=PROJECT,
                      creation_date=HEADER_DATE, revision_date=HEADER_DATE, fuzzy=False,
                      msgid_bugs_address="", last_translator="", language_team="")
    catalog.header_comment = header_comment(domain, lang)
    return catalog


def flags_for(text: str) -> set[str]:
    return {"python-brace-format"} if "{" in text else set()


# --- json2po -----------------------------------------------------------------------------------------------------

def json2po() -> list[Path]:
    """Merge every i18n/<lang>/<ns>.json into i18n/locale/<lang>/LC_MESSAGES/<ns>.po (the JSON text wins: it is the
    newer work), delete the JSON, and return the files converted. A list value is a plural entry (its forms)."""
    converted = []
    json_files = sorted(I18N_DIR.glob("*/*.json"), key=lambda p: (p.parent.name != SOURCE_LANG, str(p)))
    for path in json_files:
        lang, domain = path.parent.name, path.stem
        if lang == "locale":
            continue
        target = po_path(lang, domain)
        catalog = read(target, lang) if target.exists() else new_catalog(domain, lang)
        catalog.fuzzy = False
        for key, text in json.loads(path.read_text(encoding="utf-8")).items():
            msgid = f"{domain}.{key}"
            string = tuple(text) if isinstance(text, list) else text
            ident = (msgid, msgid) if isinstance(string, tuple) else msgid
            flags = flags_for(" ".join(string) if isinstance(string, tuple) else string)
            old = catalog.get(msgid)
            if old is not None and isinstance(old.id, (tuple, list)) == isinstance(ident, tuple):
                old.string, old.flags = string, flags  # Catalog.add would keep the old text
                continue
            if old is not None:
                catalog.delete(msgid)
            catalog.add(ident, string, flags=flags)
        write(target, catalog)
        path.unlink()
        converted.append(path)
        print(f"converted {path.relative_to(ROOT)} → {target.relative_to(ROOT)}")
    for folder in I18N_DIR.iterdir():
        if folder.is_dir() and folder.name != "locale" and not any(folder.iterdir()):
            folder.rmdir()
    return converted


# --- extract / update / compile -------------------------------------------------------------------------------

def extract() -> list[str]:
    """Keys used in the code (`pybabel extract`) plus every key of the English catalogues (the base: keys built at
    run time are declared there) → one template per domain. Returns the domains. No `#: file:line` references: with
    several people editing code at once they would make every catalogue conflict on every rebase (`git grep` the
    key instead)."""
    with tempfile.TemporaryDirectory() as tmp:
        code_pot = Path(tmp) / "code.pot"
        keywords = [arg for k in KEYWORDS for arg in ("-k", k)]
        pybabel("extract", "-F", str(BABEL_CFG.relative_to(ROOT)), "--no-default-keywords", *keywords,
                "--omit-header", "--sort-output", "-o", str(code_pot), *SOURCES)
        code = read(code_pot)
    english = {p.stem: read(p, SOURCE_LANG) for p in sorted((LOCALE_DIR / SOURCE_LANG / "LC_MESSAGES").glob("*.po"))}
    used: dict[str, dict[str, list]] = {}
    for message in code:
        if not message.id or "." not in message.id:
            continue
        # t("a.x" if c else "a.y") reaches the extractor as one string "a.xa.y": not a key.
        if any(f"{domain}." in message.id[1:] for domain in english):
            where = ", ".join(f"{f}:{n}" for f, n in message.locations)
            print(f"skipped {message.id!r} ({where}): write t(...) in each branch of the condition")
            continue
        used.setdefault(domain_of(message.id), {})[message.id] = message.locations
    domains = sorted(set(english) | set(used))
    for domain in domains:
        template = new_catalog(domain, None)
        base = english.get(domain)
        keys = {m.id[0] if isinstance(m.id, tuple) else m.id: m for m in base if m.id} if base else {}
        for key in sorted(set(keys) | set(used.get(domain, {}))):
            entry = keys.get(key)
            plural = entry is not None and isinstance(entry.id, tuple)
            text = entry.string if entry is not None else ""
            english_text = " | ".join(text) if isinstance(text, tuple) else text
            comments = [ENGLISH_COMMENT + english_text] if english_text else []
            if entry is None:
                print(f"new key {key}: write its English text in {po_path(SOURCE_LANG, domain).relative_to(ROOT)}")
            template.add((key, key) if plural else key, ("", "") if plural else "",
                         auto_comments=comments, flags=flags_for(english_text))
        write(LOCALE_DIR / f"{domain}.pot", template)
    for stale in LOCALE_DIR.glob("*.pot"):
        if stale.stem not in domains:
            stale.unlink()
    return domains


def update(domains: list[str]) -> None:
    for domain in domains:
        for lang in languages():
            pybabel("update", "-i", f"i18n/locale/{domain}.pot", "-d", "i18n/locale", "-D", domain, "-l", lang,
                    "--init-missing", "--no-fuzzy-matching", "--ignore-obsolete", "--no-wrap")
            # pybabel update writes in template order but rewrites the header: keep it stable.
            path = po_path(lang, domain)
            catalog = read(path, lang)
            catalog.revision_date = catalog.creation_date = HEADER_DATE
            catalog.fuzzy = False
            catalog.last_translator = catalog.language_team = ""
            catalog.header_comment = header_comment(domain, lang)
            if lang == SOURCE_LANG:  # the English text is the entry itself
                for message in catalog:
                    message.auto_comments = [c for c in message.auto_comments if not c.startswith(ENGLISH_COMMENT)]
            write(path, catalog)


def compile_all(domains: list[str]) -> None:
    pybabel("compile", "-d", "i18n/locale", "-D", " ".join(domains), "--statistics")


def status() -> dict[str, list[str]]:
    """Untranslated or fuzzy keys per language (English included)."""
    gaps: dict[str, list[str]] = {}
    for lang in languages():
        for path in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
            for message in read(path, lang):
                if not message.id:
                    continue
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                if message.fuzzy or not all(s.strip() for s in strings):
                    gaps.setdefault(lang, []).append(message.id[0] if isinstance(message.id, tuple) else message.id)
    return gaps


def _catalog_at(stage: int, path: Path, lang: str) -> Catalog | None:
    """The version of a conflicted file at a merge stage (1 base, 2 ours, 3 theirs), or None if absent there."""
    import io
    import subprocess
    shown = subprocess.run(["git", "show", f":{stage}:{path.relative_to(ROOT)}"], cwd=ROOT, capture_output=True)
    return read_po(io.BytesIO(shown.stdout), locale=lang, domain=path.stem) if shown.returncode == 0 else None


def _key(message) -> str:
    return message.id[0] if isinstance(message.id, (tuple, list)) else message.id


def resolve() -> list[Path]:
    """Three-way merge of every conflicted catalogue file, entry by entry: a key added or changed on either side is
    kept (when both changed one, ours wins and is reported), a key deleted on one side and unchanged on the other
    goes. Templates and compiled files are rewritten by `all` afterwards, so either side of them will do."""
    import subprocess
    listed = subprocess.run(["git", "diff", "--name-only", "--diff-filter=U"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.split()
    resolved = []
    for name in listed:
        path = ROOT / name
        if not name.startswith("i18n/locale/") or path.suffix not in (".po", ".pot", ".mo"):
            continue
        if path.suffix != ".po":
            subprocess.run(["git", "checkout", "--ours", "--", name], cwd=ROOT, check=True)
        else:
            lang = path.parent.parent.name
            base, ours, theirs = (_catalog_at(stage, path, lang) for stage in (1, 2, 3))
            merged = ours or theirs
            before = {_key(m): m for m in base if m.id} if base else {}
            mine = {_key(m): m for m in ours if m.id} if ours else {}
            for key, message in ({_key(m): m for m in theirs if m.id} if theirs and ours else {}).items():
                old, current = before.get(key), mine.get(key)
                if current is None and old is None:
                    merged[message.id] = message
                elif current is not None and (old is None or old.string != message.string):
                    if old is not None and current.string != old.string and current.string != message.string:
                        print(f"{name}: {key} changed on both sides; kept {current.string!r}")
                    else:
                        current.string = message.string
            for key in set(before) - {_key(m) for m in theirs if m.id} if theirs else ():
                if key in mine and mine[key].string == before[key].string:
                    merged.delete(mine[key].id)
            write(path, merged)
        subprocess.run(["git", "add", "--", name], cwd=ROOT, check=True)
        resolved.append(path)
        print(f"resolved {name}")
    return resolved


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "all"
    import os
    os.chdir(ROOT)
    if command == "json2po":
        json2po()
        command = "all"
    if command == "resolve":
        resolve()
        command = "all"
    if command == "status":
        for lang, keys in status().items():
            print(f"{lang}: {len(keys)} untranslated or fuzzy: {', '.join(keys[:20])}{' …' if len(keys) > 20 else ''}")
        return 0
    if command not in ("extract", "update", "compile", "all"):
        print(__doc__)
        return 2
    domains = extract() if command in ("extract", "update", "all") else sorted(p.stem for p in LOCALE_DIR.glob("*.pot"))
    if command in ("update", "all"):
        update(domains)
    if command in ("compile", "all"):
        compile_all(domains)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
