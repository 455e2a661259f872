"""`python -m bench.generate --size N --out PATH [--seed S]`: a deterministic synthetic library.

Records are written through the real code path (`Library.open(create=True)` +
`ingest.apply.apply_records` in chunks, one transaction), so the schema, sort
keys and FTS index are exactly what the app makes. Libraries are cached under
bench/out/ keyed by size, seed, schema revision and a digest of the writing code.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from bench.vocabulary import AUDIENCES, TOPICS, TYPES, Vocabulary, vocabulary

OUT = Path(__file__).resolve().parent / "out"
GENERATOR_VERSION = 1
CHUNK = 2000
NOW = datetime(2026, 11, 24, 12, 0, 0)
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)
_TYPE_NAMES = tuple(name for name, _ in TYPES)
_TYPE_WEIGHTS = tuple(weight for _, weight in TYPES)
# Topics and audiences are Zipf-ish too: a few are very common.
_TOPIC_WEIGHTS = tuple(1.0 / (rank + 1.5) for rank in range(len(TOPICS)))
_AUDIENCE_WEIGHTS = (5.0, 3.0, 2.0, 1.5, 1.0)


def _words(rng: random.Random, vocab: Vocabulary, count: int, phrase_share: float) -> list[str]:
    """`count` words: runs of real text (phrases) mixed with Zipf-sampled words."""
    words: list[str] = []
    while len(words) < count:
        if rng.random() < phrase_share:
            words.extend(vocab.fragment(rng))
        else:
            words.extend(vocab.sample(rng, rng.randint(2, 7)))
    return words[:count]


def _prose(rng: random.Random, words: list[str]) -> str:
    """Words as sentences: capitalised, 8-24 words each, full stops."""
    sentences: list[str] = []
    start = 0
    while start < len(words):
        end = min(len(words), start + rng.randint(8, 24))
        sentence = " ".join(words[start:end])
        sentences.append(sentence[:1].upper() + sentence[1:] + ".")
        start = end
    return " ".join(sentences)


def _title(rng: random.Random, vocab: Vocabulary, count: int) -> str:
    small = {"a", "an", "and", "the", "of", "to", "for", "in", "on", "with", "by", "or"}
    words = _words(rng, vocab, count, phrase_share=0.55)
    return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _description_length(rng: random.Random) -> int:
    """50-300 words, skewed short (most descriptions are a paragraph)."""
    return max(50, min(300, int(rng.lognormvariate(4.9, 0.45))))


def _date_text(rng: random.Random) -> str | None:
    """1995-2026, more recent years more common; day/month/year/unknown precision."""
    year = 2026 - int(32 * rng.random() ** 1.6)
    year = max(1995, min(2026, year))
    kind = rng.random()
    month = _MONTHS[rng.randrange(12)]
    if kind < 0.45:
        return f"{month} {rng.randint(1, 28)}, {year}"
    if kind < 0.70:
        return f"{month} {year}"
    if kind < 0.90:
        return str(year)
    return None


def record_fields(index: int, seed: int, rng: random.Random, vocab: Vocabulary) -> dict:
    """One resource as a JSON-format object (see ingest/formats/json_format.py)."""
    title = _title(rng, vocab, rng.randint(5, 15))
    subtitle = _title(rng, vocab, rng.randint(3, 8)) if rng.random() < 0.3 else None
    description = _prose(rng, _words(rng, vocab, _description_length(rng), phrase_share=0.4))
    topics = sorted(set(rng.choices(TOPICS, weights=_TOPIC_WEIGHTS, k=rng.randint(1, 3))))
    audiences = sorted(set(rng.choices(AUDIENCES, weights=_AUDIENCE_WEIGHTS, k=rng.randint(0, 2))))
    uid = f"bench-{seed}-{index}"
    attachments = []
    for number in range(rng.randint(1, 3)):
        label = _title(rng, vocab, rng.randint(2, 6)) + (" (PDF)" if rng.random() < 0.85 else "")
        attachments.append({"label": label, "url": f"https://example.org/files/{uid}-{number + 1}.pdf"})
    return {
        "uid": uid,
        "title": title,
        "subtitle": subtitle,
        "date": _date_text(rng),
        "description": description,
        "type": rng.choices(_TYPE_NAMES, weights=_TYPE_WEIGHTS)[0],
        "topics": topics,
        "audience": audiences,
        "language": "en",
        "attachments": attachments,
        "source": None,
    }


def iter_fields(size: int, seed: int) -> Iterator[dict]:
    """All records of a library, in order; the same for the same size and seed."""
    vocab = vocabulary()
    rng = random.Random(seed)
    for index in range(size):
        yield record_fields(index, seed, rng, vocab)


def to_record(fields: dict):
    """A JSON-format object as a ResourceRecord (what the JSON importer would make)."""
    from reslib_desktop.ingest.dates import parse_date
    from reslib_desktop.ingest.record import AttachmentRecord, ResourceRecord

    return ResourceRecord(
        title=fields["title"],
        subtitle=fields["subtitle"],
        description=fields["description"],
        published=parse_date(fields["date"]),
        resource_type=fields["type"],
        topics=list(fields["topics"]),
        audiences=list(fields["audience"]),
        attachments=[AttachmentRecord(a["label"], a["url"]) for a in fields["attachments"]],
        language=fields["language"],
        uid=fields["uid"],
    )


def generate(size: int, out: Path, seed: int = 1, quiet: bool = False) -> dict[str, float]:
    """Write a library of `size` resources to `out` (replaced if it exists); returns timings."""
    from reslib_desktop.ingest.apply import apply_records
    from reslib_desktop.library import Library

    out = Path(out)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(out) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    build = apply = 0.0
    with Library.open(out, create=True) as library, library.engine.begin() as connection:
        fields = iter_fields(size, seed)
        done = 0
        while done < size:
            mark = time.perf_counter()
            records = [to_record(next(fields)) for _ in range(min(CHUNK, size - done))]
            build += time.perf_counter() - mark
            mark = time.perf_counter()
            apply_records(connection, records, NOW)
            apply += time.perf_counter() - mark
            done += len(records)
            if not quiet and sys.stderr.isatty():
                print(f"\r{done:,}/{size:,} records", end="", file=sys.stderr, flush=True)
    total = time.perf_counter() - started
    if not quiet:
        print(f"\r{size:,} records in {total:.1f} s (records {build:.1f} s, apply_records {apply:.1f} s)",
              file=sys.stderr)
    return {"total_s": total, "build_records_s": build, "apply_records_s": apply,
            "apply_records_per_s": size / apply if apply else 0.0}


# The code that decides what a written library contains: a change to any of these makes a new cache entry.
_WRITER_SOURCES = ("ingest/apply.py", "ingest/dates.py", "store/fts.py", "store/schema.py", "store/sortkeys.py")


def _writer_digest() -> str:
    import hashlib

    package = Path(__file__).resolve().parent.parent / "reslib_desktop"
    digest = hashlib.sha1(str(GENERATOR_VERSION).encode())
    for name in _WRITER_SOURCES:
        source = package / name
        digest.update(source.read_bytes() if source.exists() else b"")
    return digest.hexdigest()[:8]


def cache_path(size: int, seed: int = 1) -> Path:
    """bench/out/library-n<size>-s<seed>-<schema revision>-<digest of the writing code>.db"""
    from reslib_desktop.store.database import HEAD_REVISION

    return OUT / f"library-n{size}-s{seed}-{HEAD_REVISION}-{_writer_digest()}.db"


def cached_library(size: int, seed: int = 1) -> tuple[Path, dict[str, float] | None]:
    """The cached library for size+seed, generated first if missing (timings then, else None)."""
    path = cache_path(size, seed)
    if path.exists():
        return path, None
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in OUT.glob(f"library-n{size}-s{seed}-*.db*"):  # made by older code: never used again
        stale.unlink(missing_ok=True)
    partial = path.with_name(path.name + ".partial")
    timings = generate(size, partial, seed)
    os.replace(partial, path)
    return path, timings


def write_json_records(size: int, seed: int, out: Path) -> Path:
    """The same records as a JSON import file (for the import throughput bench)."""
    out = Path(out)
    if not out.exists():
        partial = out.with_name(out.name + ".partial")
        with partial.open("w", encoding="utf-8") as handle:
            handle.write("[\n")
            for index, fields in enumerate(iter_fields(size, seed)):
                handle.write((",\n" if index else "") + json.dumps(fields, ensure_ascii=False))
            handle.write("\n]\n")
        os.replace(partial, out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, required=True, help="number of resources")
    parser.add_argument("--out", type=Path, help="library file to write (default: the bench/out/ cache)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the records as a JSON import file")
    args = parser.parse_args(argv)
    if args.out is None:
        path, _ = cached_library(args.size, args.seed)
        print(path)
    else:
        generate(args.size, args.out, args.seed)
        print(args.out)
    if args.json:
        print(write_json_records(args.size, args.seed, args.json))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
