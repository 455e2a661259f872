"""An import up to its preview: parse -> normalise -> validate -> match.

The preview lists every record of the inputs as new, update, unchanged,
duplicate (a possible duplicate, handled by the duplicate policy) or error,
with the reason and where in the input it came from. Nothing is written here;
`ingest/batches.py` applies a preview in one transaction.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Connection, func, select

from reslib_desktop.collector import only_python_froze
from reslib_desktop.ingest.formats.detect import detect_format
from reslib_desktop.ingest.identity import (
    assign_uid,
    canonical_url,
    listing_pages,
    title_date_uid,
    undated_title_uid,
)
from reslib_desktop.ingest.limits import MAX_RECORDS, count
from reslib_desktop.ingest.match import (
    Found,
    Known,
    RecordKeys,
    ResourceIndex,
    record_keys,
)
from reslib_desktop.ingest.normalise import NameSpellings, Vocabulary, normalise_record
from reslib_desktop.ingest.problems import ImportFormatError, Problem, Severity
from reslib_desktop.ingest.record import ResourceRecord, SourceLocation
from reslib_desktop.ingest.sources import (
    DuplicatePolicy,
    ImportOptions,
    MatchBy,
    read_source,
)
from reslib_desktop.ingest.stored import content_key, ids_of_uids, stored_records
from reslib_desktop.store.schema import Attachment, Audience, Resource, Topic
from reslib_desktop.textnorm import fold
from reslib_desktop.vocabulary import TYPE_LABELS

Progress = Callable[[int, int], None]


class Action(StrEnum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"  # a possible duplicate: the policy decides
    ERROR = "error"


@dataclass
class PreviewItem:
    """One record of the input and what applying the import would do with it."""

    location: SourceLocation
    action: Action
    reason: str = ""
    record: ResourceRecord | None = None
    explicit_uid: bool = False
    target: Known | None = None  # the resource updated, or the one this may duplicate
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    keys: RecordKeys | None = None

    @property
    def title(self) -> str:
        return self.record.title or "" if self.record is not None else ""

    @property
    def valid(self) -> bool:
        return self.record is not None and (
            not self.problems or not any(p.severity is Severity.ERROR for p in self.problems)
        )


@dataclass
class ImportPreview:
    inputs: list[Path]
    formats: list[str]
    options: ImportOptions
    items: list[PreviewItem]
    problems: list[Problem]  # every error and warning, in input order (file-level ones included)
    library_state: tuple | None = None  # what the library looked like when matched (see library_state())

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    def counts(self) -> dict[str, int]:
        found = Counter(item.action.value for item in self.items)
        return {action.value: found.get(action.value, 0) for action in Action}

    def mappings(self) -> dict[str, int]:
        """Each value mapping applied ('type "Fact Sheets" → fact_sheet') and how many records it touched."""
        return dict(Counter(note for item in self.items for note in item.notes))


def _vocabulary(connection: Connection) -> Vocabulary:
    return Vocabulary(
        topics=NameSpellings.of(connection.execute(select(Topic.name).order_by(Topic.id)).scalars()),
        audiences=NameSpellings.of(connection.execute(select(Audience.name).order_by(Audience.id)).scalars()),
        types=set(TYPE_LABELS)
        | {
            kind for kind in connection.execute(select(Resource.resource_type).distinct()).scalars() if kind is not None
        },
    )


def read_inputs(
    paths: Sequence[Path], options: ImportOptions, vocabulary: Vocabulary
) -> tuple[list[PreviewItem], list[Problem], list[str]]:
    """Parse, normalise and validate every input; file-level failures become located errors."""
    from reslib_desktop.ingest.validate import validate_record

    items: list[PreviewItem] = []
    problems: list[Problem] = []
    formats: list[str] = []
    for path in paths:
        try:
            fmt, parsed = read_source(Path(path), options)
        except ImportFormatError as error:
            problems.append(Problem(error.location, error.message))
            formats.append(_format_named(Path(path), options))
            continue
        formats.append(fmt)
        for problem in parsed.problems:
            problems.append(problem)
            if problem.severity is Severity.ERROR:
                items.append(PreviewItem(problem.location, Action.ERROR, problem.message, problems=[problem]))
        for record in parsed.records:
            location = record.location or SourceLocation(Path(path).name)
            explicit_uid = bool(record.uid)  # as written, before normalising
            normalised = normalise_record(record, vocabulary)
            checked = validate_record(record)
            found: list[Problem] = []
            if normalised.warnings or checked.warnings or checked.errors:
                found = [Problem(location, m, Severity.WARNING) for m in normalised.warnings + checked.warnings]
                found += [Problem(location, m) for m in checked.errors]
                problems.extend(found)
            item = PreviewItem(
                location, Action.NEW, record=record, explicit_uid=explicit_uid, notes=normalised.notes, problems=found
            )
            if not item.valid:
                item.action, item.reason = Action.ERROR, checked.errors[0]
            else:
                item.keys = record_keys(record)
            items.append(item)
        if sum(1 for i in items if i.record is not None) > MAX_RECORDS:
            problems.append(
                Problem(
                    SourceLocation(Path(path).name), f"more than {count(MAX_RECORDS)} records in one import: split it"
                )
            )
            break
    order = _order(paths)
    items.sort(key=lambda i: order(i.location))
    problems.sort(key=lambda p: order(p.location))
    return items, problems, formats


def _format_named(path: Path, options: ImportOptions) -> str:
    """The format an unreadable input was read as (for the report)."""
    if options.format != "auto":
        return options.format
    try:
        return detect_format(path, options.column_map)
    except (ImportFormatError, OSError, ValueError):
        return "unknown"


def _order(paths: Sequence[Path]) -> Callable[[SourceLocation], tuple]:
    """A sort key putting locations in input order: file, then line, then item."""
    index: dict[str, int] = {}
    for number, path in enumerate(paths):
        index.setdefault(Path(path).name, number)

    def key(location: SourceLocation) -> tuple:
        return index.get(location.file.split("/")[0], len(index)), location.line or 0, location.item or 0

    return key


def settle_identities(items: list[PreviewItem], library: ResourceIndex) -> None:
    """Assign uids, a page named with different titles (in the import or the library) being a listing.

    A page the import names with one title and one stored resource names with another is no identity
    either, but the record is marked as possibly that resource retitled (RecordKeys.shared_page)."""
    valid = [item for item in items if item.valid and item.keys is not None]
    pages = [(keys.page, keys.title_key) for item in valid if not item.explicit_uid and (keys := item.keys) is not None]
    named = {page for page, _ in pages if page is not None}
    in_import = listing_pages(pages)
    stored = {page: library.titles_on(page) for page in named}
    listings = listing_pages(pages + [(page, title) for page, titles in stored.items() for title in titles])
    for item in valid:
        assert item.record is not None and item.keys is not None
        page = item.keys.page
        if page in listings:
            retitled = page not in in_import and len(stored.get(page, ())) == 1
            item.keys = replace(item.keys, page=None, shared_page=page if retitled else None)
        assign_uid(item.record, listings)
    _tell_apart_by_source(valid)


def _tell_apart_by_source(items: list[PreviewItem]) -> None:
    """Records of one title and date (the uid made of them) that name different pages as their source
    (catalogue items such as `…?biblionumber=101` and `…=102`, which are no identity) are not known to be
    one resource: the record of each page after the first gets a uid of its own, and is a possible
    duplicate for the duplicate policy, instead of an error refusing the import. A page the import names
    with different titles is a listing, which tells nothing apart."""
    computed = [(item.record, canonical_url(item.record.source_url)) for item in items
                if not item.explicit_uid and item.record is not None and (item.record.uid or "").startswith("t-")]
    titles: dict[str, set[str]] = defaultdict(set)
    for record, source in computed:
        if source is not None:
            titles[source].add(fold(record.title))
    first_source: dict[str, str | None] = {}
    for record, source in computed:
        own = source if source is not None and len(titles[source]) == 1 else None
        assert record.uid is not None
        seen = first_source.setdefault(record.uid, own)
        if own is not None and seen is not None and own != seen:
            record.uid = title_date_uid(record, own)


def _computed_uid_reason(uid: str, record: ResourceRecord) -> str:
    if uid.startswith("u-"):
        return f"the same resource page {record.source_url}"
    if uid.startswith("f-"):
        return "the same file"
    return "the same title and date"


def _same_what(kind: str, written: str | None, uid: str, explicit_uid: bool, record: ResourceRecord) -> str:
    """What two records of an import share, as the error says it."""
    if kind == "uid":
        return f'the same uid "{uid}"' if explicit_uid else _computed_uid_reason(uid, record)
    if kind == "page":
        return f"the same resource page {written}"
    if kind == "url":
        return f"the same attachment URL {written}"
    return "the same file"


def check_within_import(items: list[PreviewItem], problems: list[Problem]) -> None:
    """Two records of the import that are the same resource: the later one is an error naming the first."""
    seen: dict[str, tuple[PreviewItem, str]] = {}  # key -> the first item with it, and its uid
    for item in items:
        if not item.valid:
            continue
        record = item.record
        assert record is not None
        uid = assign_uid(record)
        found = item.keys
        assert found is not None
        # (key, what it is, as written): the reason is only spelled out for a key seen before.
        keys: list[tuple[str, str, str | None]] = [(f"uid:{uid}", "uid", uid)]
        if not item.explicit_uid:
            if found.page:
                keys.append((f"page:{found.page}", "page", record.source_url))
            keys += [(f"url:{c}", "url", written) for c, written in found.urls]
        keys += [(f"file:{sha}", "file", None) for sha in found.local_files]
        for key, kind, written in keys:
            if key in seen:
                first, first_uid = seen[key]
                if item.explicit_uid and first.explicit_uid and first_uid != uid and kind != "file":
                    continue
                what = _same_what(kind, written, uid, item.explicit_uid, record)
                message = f"the same resource as {first.location} ({what}): remove one of them"
                problem = Problem(item.location, message)
                item.problems.append(problem)
                problems.append(problem)
                item.action, item.reason = Action.ERROR, message
                break
        else:
            for key, _kind, _written in keys:
                seen.setdefault(key, (item, uid))


def match_items(
    items: list[PreviewItem],
    library: ResourceIndex,
    match_by: MatchBy,
    problems: list[Problem],
    progress: Progress | None = None,
) -> None:
    """Decide new / update / duplicate for each valid item against the library and earlier items."""
    batch = ResourceIndex()
    claimed: dict[str, PreviewItem] = {}
    total = len(items)
    title_uids = _unique_title_uids(items)
    for number, item in enumerate(items, start=1):
        if progress is not None and number % 2000 == 0:
            progress(number, total)
        if not item.valid or item.action is Action.ERROR:
            continue
        record = item.record
        assert record is not None
        item.action, item.reason, item.target = Action.NEW, "", None
        uid = assign_uid(record)
        keys = item.keys
        assert keys is not None
        if match_by is MatchBy.ALL:
            title_uid = title_uids.get(id(item))
            found = library.same_resource(keys, uid, item.explicit_uid, record.source_url, title_uid)
            if found is None and title_uid is not None and record.published.value is not None:
                found = library.once_undated(undated_title_uid(record), record.published.text)
        else:
            found = Found(library.known[uid], "same uid") if uid in library.known else None
        if found:
            other = claimed.get(found.known.uid)
            if other is not None:
                message = f'updates the same resource "{found.known.title}" as {other.location}: remove one of them'
                item.action, item.reason = Action.ERROR, message
                item.problems.append(Problem(item.location, message))
                problems.append(item.problems[-1])
                continue
            claimed[found.known.uid] = item
            item.action, item.reason, item.target = Action.UPDATE, found.reason, found.known
        elif match_by is MatchBy.ALL and not item.explicit_uid:
            duplicate = library.possible_duplicate(keys) or batch.possible_duplicate(keys)
            if duplicate is not None:
                item.action, item.reason, item.target = Action.DUPLICATE, duplicate.reason, duplicate.known
        if item.action is not Action.UPDATE:
            batch.add_record(record, keys, uid, item.location)


def _unique_title_uids(items: list[PreviewItem]) -> dict[int, str]:
    """The title-and-date uid of each record (by id of its item) that no other record of the import
    shares: only such a record may be taken for a stored resource known by its title and date alone."""
    uids = {id(item): title_date_uid(item.record) for item in items
            if item.valid and not item.explicit_uid and item.record is not None}
    counts = Counter(uids.values())
    return {key: uid for key, uid in uids.items() if counts[uid] == 1}


def mark_unchanged(connection: Connection, items: list[PreviewItem]) -> None:
    """Updates that would change nothing become 'unchanged'."""
    updates = {item.target.uid: item for item in items if item.action is Action.UPDATE and item.target}
    ids = ids_of_uids(connection, list(updates))
    by_id = {resource_id: uid for uid, resource_id in ids.items()}
    for resource_id, stored in stored_records(connection, list(by_id)):
        item = updates[by_id[resource_id]]
        assert item.record is not None
        if content_key(stored) == content_key(item.record) and not _new_files(item.record, stored):
            item.action = Action.UNCHANGED


def _new_files(record: ResourceRecord, stored: ResourceRecord) -> bool:
    stored_shas = {a.sha256 for a in stored.attachments if a.sha256}
    return any(a.sha256 and a.sha256 not in stored_shas for a in record.attachments)


def build_preview(
    connection: Connection, paths: Sequence[Path], options: ImportOptions, progress: Progress | None = None
) -> ImportPreview:
    """Read the inputs and match them against the library (read-only)."""
    options = options.checked()
    with bulk_allocation():
        state = library_state(connection)
        items, problems, formats = read_inputs(paths, options, _vocabulary(connection))
        library = ResourceIndex.of_library(connection)
        settle_identities(items, library)
        check_within_import(items, problems)
        match_items(items, library, options.match_by, problems, progress)
        problems.sort(key=lambda p: _order(paths)(p.location))
        mark_unchanged(connection, items)
    return ImportPreview([Path(p) for p in paths], formats, options, items, problems, state)


def replan(connection: Connection, preview: ImportPreview) -> list[Problem]:
    """Match the preview's records again against the library as it is now (inside the apply transaction).

    Returns new errors (two records now updating one resource); the caller then refuses to apply.
    """
    if preview.library_state is not None and preview.library_state == library_state(connection):
        return []  # nothing changed since the preview: its matches stand
    problems: list[Problem] = []
    match_items(preview.items, ResourceIndex.of_library(connection), preview.options.match_by, problems)
    mark_unchanged(connection, preview.items)
    return problems


def library_state(connection: Connection) -> tuple:
    """A cheap fingerprint of what matching reads: it changes when resources or attachments do."""
    resources = connection.execute(
        select(func.count(), func.max(Resource.id), func.max(Resource.updated_at), func.max(Resource.created_at))
    ).one()
    attachments = connection.execute(
        select(func.count(), func.max(Attachment.id), func.max(Attachment.cache_updated_at))
    ).one()
    return tuple(resources) + tuple(attachments)


@contextmanager
def bulk_allocation() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large import builds its records.

    Hundreds of thousands of small objects that live until the import ends would
    otherwise be scanned again and again; reference counting still frees garbage.
    On the way out they go straight to the oldest generation (a freeze and an unfreeze
    move them there without scanning them), so the first collections after the preview
    do not scan them either (a young-generation pass over 100k records took 0.56 s).
    Any garbage cycle among them is found by the next full collection.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if only_python_froze():  # else an unfreeze would thaw what someone else froze
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


__all__ = ["Action", "DuplicatePolicy", "ImportPreview", "PreviewItem", "build_preview", "replan"]
