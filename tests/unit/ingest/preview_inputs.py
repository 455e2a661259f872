"""Mixed import inputs for checking that the preview's fast paths change nothing.

`write_inputs` writes real data (../shared/data, tests/data/import), records of other libraries
(tests/unit/ingest/other_libraries.py) and generated records (bench/generate.py) roughly
mutated by a seeded random stream: odd whitespace, non-ASCII text, markup, control characters,
URLs with ports, queries, fragments, upper-case hosts, IPv6 and bad schemes, every date shape,
missing uids, shared listing pages and near-identical titles. `plain_preview` is everything a
user sees of a preview (actions, reasons, targets, records, notes, problems), as JSON values.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import random
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Any

from unit.ingest.helpers import IMPORT_DATA, REPO
from unit.ingest.other_libraries import LIBRARIES, records_of, write_library

REAL_DATA = REPO / "assets" / "library"  # copies of ../shared/data (see DATA-NOTICE.md there)
DEFAULT_LIBRARY = REPO / "tests" / "data" / "library-0001.db"

SPACES = ["", " ", "  ", "\t", "\u00a0", "\u2003", "\n", " \t "]
TITLES = [
    "Résumé of Services", "ÉTUDE sur la traite", "Straße und Gasse", "ﬁnancial ﬂows", "人身売買の報告",
    "Class 7 Guide", "Class 10 Guide", "Phase 2.0 — Update", "Re: fact-sheet_2020!", "<b>Bold</b> title",
    "x<y and z>w", "Bell\x07 title", "   ", "", "A", "Über-Bericht ² ½", "emoji 🚀 report", "Ǆemo Title",
    "=SUM(A1)", "\t=1+1", "Mr. Smith Goes", "ALL CAPS TITLE", "tab\tinside\ttitle", "İstanbul Dİ",
]
DESCRIPTIONS = [
    "One.\n\nTwo paragraphs here.", "<p>Para <em>one</em></p><script>x()</script><p>two</p>", "x<y but no tags",
    "line\r\nwith CRLF", "nul\x00 and del\x7f and C1\x85", "  leading and trailing  ", "", "… cut short",
    "First sentence. Second one! Third?", "Dr. Who met Mr. Smith. Then left.", "\u00a0nbsp\u00a0inside\u00a0",
]
DATES = [
    "February 13, 2024", "September 2020", "2016", "07/09/12", "Current as of 2022", "13/45/2021",
    "February 30, 2020", "2020-02-30", "sometime", "", None, " 2019 ", "Sept. 5th, 2019", "1/2020", "2020-7",
    "5 March 2021", "Published: March 3, 2001.", "0999", "12/31/1999", "Jan 2010", "Juneteenth 2021",
]
TYPES = [
    "report", "Fact Sheets", "Campaign Materials", "State Letter", "policy_and_guidance", "Brand New Kind",
    "", None, "Webinars, Trainings", "ÉTUDE", "fact sheet", "  Toolkit  ", "<b>brief</b>", "type\x01ctl",
]
NAMES = [
    "housing", " Housing ", "HOUSING", "Héalth", "<i>Youth</i>", "", "Substance use", "substance  use",
    "Labor trafficking", "Ünïcode Topic", "\u00a0Educators", "educators", "Survivors", "tab\tname", "İ",
]
URLS = [
    "https://Example.ORG/res/1", "HTTP://www.Example.org:8080/Path/?q=1#frag", "https://site.test/list?page=2",
    "https://site.test/resources/", "/relative/path.pdf", "ftp://files.test/x.pdf", "javascript:alert(1)",
    "http://[::1]:80/x", "http://[broken/x", "https://例え.jp/パス", "https://user@host.test:99/a",
    "mailto:a@b.test", "C:\\docs\\file.pdf", "=HYPERLINK(\"x\")", "https:///nohost", "https://www.site.test",
    "https://site.test/a/b/", "https://site.test/a/b", "  https://site.test/padded  ", "https://site.test/a#x",
    "https://site.test/q?x=1&y=2", "https://WWW.SITE.TEST/UPPER", "http://site.test:8080", "https://site.test/&#106;",
    "https://site.test/has space", "https://site.test/tab\there", "https://site.test/ctl\x01", "//no-scheme.test/x",
    "hTTps://mixed.test/P", "https://site.test/%20enc", "https://site.test/a;b", "https://site.test/é",
    "news:comp.lang", "https://site.test/dup.pdf", "https://SITE.test/dup.pdf", None, "",
]


def _pick(rng: random.Random, values: list) -> Any:
    return values[rng.randrange(len(values))]


def _url(rng: random.Random) -> str | None:
    """Mostly an http(s) URL, sometimes one of the odd ones."""
    if rng.random() < 0.8:
        host = _pick(rng, ["example.org", "Example.ORG", "www.site.test", "site.test:8443", "例え.jp", "[::1]"])
        path = _pick(rng, ["/files/x.pdf", "/", "", "/a/b/", "/P?q=1", "/p#frag", "/é/ü", "/dup.pdf"])
        return f"{_pick(rng, ['https', 'http', 'HTTPS'])}://{host}{path}{rng.randrange(40) if path else ''}"
    return _pick(rng, URLS)


def _spaced(rng: random.Random, text: str) -> str:
    return _pick(rng, SPACES) + text + _pick(rng, SPACES) if rng.random() < 0.3 else text


def _mutated(rng: random.Random, fields: dict, earlier: list[dict]) -> dict:
    """A generated record with a few rough edges of real inputs."""
    record = dict(fields)
    record["description"] = (record["description"] or "")[: rng.randrange(0, 400)]
    if rng.random() < 0.3:
        record["title"] = _spaced(rng, _pick(rng, TITLES) + (f" {rng.randrange(30)}" if rng.random() < 0.5 else ""))
    elif rng.random() < 0.1:
        record["title"] = None
    elif rng.random() < 0.15 and earlier:  # the same or a near-identical title of an earlier record
        other = _pick(rng, earlier)
        record["title"] = str(other["title"] or "x") + ("" if rng.random() < 0.5 else "s")
        record["date"] = other["date"]
    record["title"] = _spaced(rng, record["title"]) if record["title"] else record["title"]
    if rng.random() < 0.3:
        record["description"] = _pick(rng, DESCRIPTIONS) + _spaced(rng, record["description"])
    if rng.random() < 0.4:
        record["date"] = _pick(rng, DATES)
    if rng.random() < 0.3:
        record["type"] = _pick(rng, TYPES)
    if rng.random() < 0.3:
        record["topics"] = [_pick(rng, NAMES) for _ in range(rng.randrange(4))]
    if rng.random() < 0.2:
        record["audience"] = ";".join(_pick(rng, NAMES) for _ in range(rng.randrange(3)))
    if rng.random() < 0.3:
        record["subtitle"] = _spaced(rng, _pick(rng, TITLES))
    if rng.random() < 0.5:
        record["uid"] = None
    elif rng.random() < 0.1:
        record["uid"] = _pick(rng, ["has space", "", "x" * 70, "ctl\x02uid", f" {record['uid']} "])
    elif rng.random() < 0.05 and earlier:
        record["uid"] = _pick(rng, earlier)["uid"]
    if rng.random() < 0.6:
        record["source"] = _url(rng)
    if rng.random() < 0.5:
        attachments = []
        for _ in range(rng.randrange(4)):
            attachment: dict[str, Any] = {"label": _spaced(rng, _pick(rng, [*TITLES, "", "Report (PDF)"]))}
            attachment["url"] = _url(rng)
            if not attachment["label"] and not attachment["url"]:
                attachment["url"] = "https://site.test/fallback.pdf"
            if rng.random() < 0.1:
                attachment["sha256"] = hashlib.sha256(str(rng.randrange(5)).encode()).hexdigest()
            attachments.append(attachment)
        record["attachments"] = attachments
    if rng.random() < 0.03:
        record["title"] = 42  # a wrong type: an error for this record
    if rng.random() < 0.03:
        record["extra_field"] = "ignored"
    if rng.random() < 0.05:
        record["language"] = _pick(rng, [" en ", "", None, "fr\u00a0CA", "x" * 20])
    return record


def generated_records(count: int, seed: int) -> list[dict]:
    if str(REPO) not in sys.path:  # bench/ is a package at the repository's root
        sys.path.insert(0, str(REPO))
    from bench.generate import iter_fields

    rng = random.Random(f"preview-fast-paths:{seed}")
    records: list[dict] = []
    for fields in iter_fields(count, seed):
        records.append(_mutated(rng, fields, records[-50:]))
    return records


def write_inputs(folder: Path) -> list[list[Path]]:
    """Write the mixed inputs into `folder`; returns the imports to preview (each a list of inputs)."""
    folder.mkdir(parents=True, exist_ok=True)
    imports: list[list[Path]] = []
    for seed in (1, 2):
        path = folder / f"generated-{seed}.json"
        path.write_text(json.dumps(generated_records(700, seed), ensure_ascii=seed == 1, indent=1), encoding="utf-8")
        imports.append([path])
    imports += [[REAL_DATA / "otip_records.json"], [REAL_DATA / "otip_enriched.json"]]
    html_inputs = sorted(IMPORT_DATA.glob("*.html"))
    imports.append(html_inputs)
    other = folder / "other"
    other.mkdir(exist_ok=True)
    mixed = []
    for library, fmt in zip(LIBRARIES, ("json", "csv", "html"), strict=True):
        mixed.append(write_library(other, library, fmt, records_of(library, 30)))
    seed_page = folder / "seed.txt"
    shutil.copy(REAL_DATA / "resource-library-type-report.txt", seed_page)
    mixed.append(seed_page)
    imports.append([*mixed, folder / "generated-2.json"])
    return imports


def plain(value: Any) -> Any:
    """A preview value as JSON values (dataclasses as dicts of their fields)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(plain(v) for v in value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def plain_preview(preview: Any) -> dict:
    """Everything a user sees of a preview (the items with their records, the problems, the counts)."""
    return {
        "formats": preview.formats,
        "items": [plain(item) for item in preview.items],
        "problems": [plain(problem) for problem in preview.problems],
        "counts": preview.counts(),
        "mappings": preview.mappings(),
    }


def digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]
