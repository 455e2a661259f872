"""`python -m bench.generate --size N [--out PATH] [--seed S]`: a deterministic synthetic library.

Records are written through the real code path (`Library.open(create=True)` +
`ingest.apply.apply_records` in chunks), so the schema, sort keys and outbox
are exactly what the app makes. Libraries are cached under bench/out/ keyed by
size, seed, generator version and a digest of the code that decides stored
values (dates, sort keys); the app's migrations bring a cached file made under
an older schema up to date when it is opened.

Generation is resumable: each chunk of 2,000 records has its own seeded random
stream (record i is the same at every size, so a small library is a prefix of a
large one), a transaction is committed every 50,000 records into
`<cache name>.partial`, and a killed run continues from the last commit. From
bench.run it runs in a child process under `nice -n 19`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from bench.vocabulary import AUDIENCES, TOPICS, TYPES, Vocabulary, vocabulary

OUT = Path(__file__).resolve().parent / "out"
GENERATOR_VERSION = 2
CHUNK = 2000
COMMIT_EVERY = 50_000  # records per transaction: the unit a killed generation resumes from
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


def _chunk_rng(seed: int, chunk_number: int) -> random.Random:
    """The random stream of one chunk of CHUNK records (so generation can start at any chunk)."""
    return random.Random(f"reslib-bench:{seed}:{chunk_number}")


def iter_fields(size: int, seed: int, start: int = 0) -> Iterator[dict]:
    """Records start..size-1 of a library, in order; record i is the same for every size."""
    vocab = vocabulary()
    for first in range(start - start % CHUNK, size, CHUNK):
        rng = _chunk_rng(seed, first // CHUNK)
        for index in range(first, min(first + CHUNK, size)):
            fields = record_fields(index, seed, rng, vocab)
            if index >= start:
                yield fields


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


def _resume_point(out: Path, size: int, seed: int) -> int:
    """How many records a partial library from an earlier run already holds (0: start afresh)."""
    import sqlite3

    if not out.exists():
        return 0
    try:
        connection = sqlite3.connect(f"file:{out}?mode=ro", uri=True)
        try:
            count, last_uid = connection.execute(
                "SELECT count(*), (SELECT uid FROM resources ORDER BY id DESC LIMIT 1) FROM resources"
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return 0
    if count and (count % CHUNK or count > size or last_uid != f"bench-{seed}-{count - 1}"):
        return 0  # not a prefix this generator wrote: start again
    return count


def generate(size: int, out: Path, seed: int = 1, quiet: bool = False) -> dict[str, float]:
    """Write a library of `size` resources to `out`, continuing a partial one made by an earlier run."""
    from reslib_desktop.ingest.apply import apply_records
    from reslib_desktop.library import Library

    out = Path(out)
    done = _resume_point(out, size, seed)
    if not done:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(out) + suffix).unlink(missing_ok=True)
    elif not quiet:
        print(f"resuming {out.name} at {done:,} records", file=sys.stderr, flush=True)
    resumed_at = done
    started = time.perf_counter()
    build = apply = 0.0
    with Library.open(out, create=not done) as library:
        fields = iter_fields(size, seed, done)
        while done < size:
            with library.engine.begin() as connection:
                batch_end = min(size, done + COMMIT_EVERY)
                while done < batch_end:
                    mark = time.perf_counter()
                    records = [to_record(next(fields)) for _ in range(min(CHUNK, batch_end - done))]
                    build += time.perf_counter() - mark
                    mark = time.perf_counter()
                    apply_records(connection, records, NOW)
                    apply += time.perf_counter() - mark
                    done += len(records)
            if not quiet:
                print(f"{done:,}/{size:,} records ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    total = time.perf_counter() - started
    written = size - resumed_at
    if not quiet:
        print(f"{written:,} records in {total:.1f} s (records {build:.1f} s, apply_records {apply:.1f} s)",
              file=sys.stderr)
    return {"total_s": total, "records_written": written, "resumed_at": resumed_at, "build_records_s": build,
            "apply_records_s": apply, "apply_records_per_s": written / apply if apply else 0.0}


# The code that decides the values a written library holds: a change to any of these makes a new cache entry.
# (Not the schema or the FTS code: migrations bring an older cached file up to date when it is opened.)
_WRITER_SOURCES = ("ingest/dates.py", "store/sortkeys.py")


def _writer_digest() -> str:
    import hashlib

    package = Path(__file__).resolve().parent.parent / "reslib_desktop"
    digest = hashlib.sha1(str(GENERATOR_VERSION).encode())
    for name in _WRITER_SOURCES:
        source = package / name
        digest.update(source.read_bytes() if source.exists() else b"")
    return digest.hexdigest()[:8]


def cache_path(size: int, seed: int = 1) -> Path:
    """bench/out/library-n<size>-s<seed>-g<generator version>-<digest of the value-deciding code>.db"""
    return OUT / f"library-n{size}-s{seed}-g{GENERATOR_VERSION}-{_writer_digest()}.db"


def _remove_stale(size: int, seed: int, keep: Path) -> None:
    """Libraries of this size and seed made by older generators (and their indexes): never used again."""
    import shutil

    for stale in OUT.glob(f"library-n{size}-s{seed}-*"):
        if stale.name.startswith(keep.name):
            continue
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)


def prepare_search_index(path: Path) -> dict[str, float]:
    """Open the library once: migrate an older schema (dropping the backup copy) and build or catch up
    the app's search index, so timed runs start from an index that exists. Seconds taken."""
    from reslib_desktop.library import Library

    started = time.perf_counter()
    with Library.open(path) as library:
        opened = time.perf_counter()
        refresh = getattr(library, "refresh_search_index", None)
        if refresh is not None:
            refresh()
    for backup in path.parent.glob(path.name + ".before-*.bak"):
        backup.unlink(missing_ok=True)
    return {"open_s": opened - started, "index_s": time.perf_counter() - opened}


def cached_library(size: int, seed: int = 1, nice: bool = True) -> tuple[Path, dict[str, float] | None]:
    """The cached library for size+seed, generated first if missing (timings then, else None).

    With `nice` the generation runs in a child process under `nice -n 19` (it is long at 1M and the
    machine is shared); a killed generation resumes where its last commit ended.
    """
    path = cache_path(size, seed)
    timings: dict[str, float] | None = None
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        _remove_stale(size, seed, keep=path)
        if nice:
            command = ["nice", "-n", "19", sys.executable, "-m", "bench.generate", "--size", str(size),
                       "--seed", str(seed), "--in-process"]
            process = subprocess.run(command, cwd=OUT.parent.parent, stdout=subprocess.PIPE, text=True, check=True)
            timings = json.loads(process.stdout.strip().splitlines()[-1])
        else:
            timings = _generate_cached(path, size, seed)
    return path, timings


def _largest_prefix(size: int, seed: int) -> Path | None:
    """A cached smaller library of the same seed to start from (it holds the first records of this one)."""
    smaller = [(n, cache_path(n, seed)) for n in (1_000, 10_000, 100_000, 1_000_000)
               if n < size and n % CHUNK == 0 and cache_path(n, seed).exists()]
    return max(smaller)[1] if smaller else None


def _generate_cached(path: Path, size: int, seed: int) -> dict[str, float]:
    import shutil

    partial = path.with_name(path.name + ".partial")
    prefix = _largest_prefix(size, seed)
    if prefix is not None and _resume_point(partial, size, seed) < _resume_point(prefix, size, seed):
        shutil.copyfile(prefix, partial)  # closed cleanly, so the file alone holds every record
    timings = generate(size, partial, seed)
    os.replace(partial, path)
    timings.update({f"prepare_{key}": value for key, value in prepare_search_index(path).items()})
    return timings


def write_json_records(size: int, seed: int, out: Path) -> Path:
    """The same records as a JSON import file (for the import throughput bench)."""
    out = Path(out)
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
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
    parser.add_argument("--in-process", action="store_true",
                        help="generate the cached library in this process (prints its timings as JSON)")
    args = parser.parse_args(argv)
    if args.out is not None:
        generate(args.size, args.out, args.seed)
        print(args.out)
    elif args.in_process:
        path = cache_path(args.size, args.seed)
        timings = _generate_cached(path, args.size, args.seed) if not path.exists() else {}
        print(json.dumps(timings))
    else:
        path, _ = cached_library(args.size, args.seed)
        print(path)
    if args.json:
        print(write_json_records(args.size, args.seed, args.json))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
