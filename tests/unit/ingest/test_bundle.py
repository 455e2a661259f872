"""Bundles: written with their files and a manifest, verified before anything changes, hostile zips refused."""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import stat
import zipfile
import zlib
from pathlib import Path

import pytest

from reslib_desktop.bundle import (
    BundleError,
    BundleLimits,
    export_bundle,
    import_bundle,
)
from reslib_desktop.ingest.service import ImportService
from reslib_desktop.library import Library, SearchQuery
from reslib_desktop.offline.service import OfflineService
from reslib_desktop.store.schema import CacheState
from unit.ingest.helpers import IRS_PDF, PDFS, library_dump

SHIPPED = Path(__file__).resolve().parents[3] / "resources.db"


def _ids(library: Library) -> list[int]:
    return [row.id for row in library.search(SearchQuery(), 0, 100_000).rows]


def _files(cache: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (cache / "files").rglob("*") if p.is_file()} if cache.exists() else {}


@pytest.fixture
def source(tmp_path: Path) -> tuple[Path, Path]:
    """The shipped library plus a folder of two PDFs imported into it (so two files are cached)."""
    db, cache = tmp_path / "source.db", tmp_path / "source-cache"
    shutil.copy(SHIPPED, db)
    folder = tmp_path / "pdfs"
    folder.mkdir()
    shutil.copy(IRS_PDF, folder / "irs.pdf")
    shutil.copy(PDFS / "trivial.pdf", folder / "trivial.pdf")
    with Library.open(db) as library:
        service = ImportService(library, cache)
        service.apply(service.preview([folder]))
    return db, cache


@pytest.fixture
def bundle(source: tuple[Path, Path], tmp_path: Path) -> Path:
    db, cache = source
    with Library.open(db) as library:
        done = export_bundle(library, cache, tmp_path / "library.zip", _ids(library))
    assert (done.resources, done.files, done.missing_files) == (59, 2, 0)
    return done.path


def test_a_bundle_holds_the_export_the_files_and_a_manifest_of_hashes(bundle: Path) -> None:
    with zipfile.ZipFile(bundle) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        for name, entry in manifest["files"].items():
            data = archive.read(name)
            assert (hashlib.sha256(data).hexdigest(), len(data)) == (entry["sha256"], entry["size"])
    assert names == {"manifest.json", "library.json", *manifest["files"]}
    assert manifest["schema_revision"] and manifest["app_version"] and manifest["resources"] == 59
    assert hashlib.sha256(IRS_PDF.read_bytes()).hexdigest() in {n.removeprefix("files/") for n in names}


def test_importing_a_bundle_into_an_empty_library_gives_the_same_library_and_files(
    source: tuple[Path, Path], bundle: Path, tmp_path: Path
) -> None:
    target, target_cache = tmp_path / "target.db", tmp_path / "target-cache"
    with Library.open(target, create=True) as library:
        done = import_bundle(library, target_cache, bundle)
        assert (done.result.added, len(done.files_added)) == (59, 2)
        offline = OfflineService(library, target_cache)
        cached = offline.attachments_in_state(CacheState.CACHED)
        assert len(cached) == 2 and all(offline.local_path(a) is not None for a in cached)
    assert library_dump(target) == library_dump(source[0])
    assert _files(target_cache) == _files(source[1])


def test_importing_again_merges_by_uid_and_changes_nothing(bundle: Path, tmp_path: Path) -> None:
    target, cache = tmp_path / "target.db", tmp_path / "target-cache"
    with Library.open(target, create=True) as library:
        import_bundle(library, cache, bundle)
        before = library_dump(target)
        again = import_bundle(library, cache, bundle)
    assert (again.result.added, again.result.updated, again.result.unchanged) == (0, 0, 59)
    assert library_dump(target) == before


def test_a_collection_bundle_recreates_the_collection(source: tuple[Path, Path], tmp_path: Path) -> None:
    db, cache = source
    with Library.open(db) as library:
        offline = OfflineService(library, cache)
        offline.create_collection("Training kit")
        chosen = _ids(library)[:3]
        offline.add_to_collection("Training kit", list(reversed(chosen)))
        ids = offline.collection_resource_ids("Training kit")
        done = export_bundle(library, cache, tmp_path / "kit.zip", ids, collection="Training kit")
        titles = [library.resource(i).title for i in ids]
    assert done.resources == 3
    with Library.open(tmp_path / "trainer.db", create=True) as library:
        import_bundle(library, tmp_path / "trainer-cache", done.path)
        offline = OfflineService(library, tmp_path / "trainer-cache")
        assert [library.resource(i).title for i in offline.collection_resource_ids("Training kit")] == titles


def _rewrite(bundle: Path, out: Path, change) -> Path:
    """A copy of the bundle with its entries passed through `change(name, data) -> [(ZipInfo|name, data)]`."""
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            for new_info, data in change(info.filename, source.read(info)):
                target.writestr(new_info, data)
    return out


def _manifest_listing(extra: dict[str, bytes]):
    def change(name: str, data: bytes):
        if name == "manifest.json":
            manifest = json.loads(data)
            for extra_name, extra_data in extra.items():
                manifest["files"][extra_name] = {
                    "sha256": hashlib.sha256(extra_data).hexdigest(),
                    "size": len(extra_data),
                }
            data = json.dumps(manifest).encode()
        return [(name, data)] + ([(n, d) for n, d in extra.items()] if name == "library.json" else [])
    return change


def _symlink_entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (_manifest_listing({"../evil.txt": b"x"}), "'../evil.txt': a path that climbs out of the folder"),
        (_manifest_listing({"files/../../evil": b"x"}), "zip slip"),
        (_manifest_listing({"/etc/passwd": b"x"}), "'/etc/passwd': an absolute path"),
        (_manifest_listing({"files\\evil.exe": b"x"}), "a backslash in the name"),
        (_manifest_listing({"C:/Windows/evil.exe": b"x"}), "'C:/Windows/evil.exe': a drive letter"),
        (_manifest_listing({"notes.txt": b"x"}), "'notes.txt': not part of a bundle"),
        (
            lambda n, d: [(_symlink_entry(n), b"/etc/passwd")] if n == "library.json" else [(n, d)],
            "'library.json': a symbolic link",
        ),
        (lambda n, d: [(n, d), (n, d)] if n == "library.json" else [(n, d)], "'library.json': the name appears twice"),
        (
            lambda n, d: [(n, d.replace(b"Housing", b"Hacking", 1))] if n == "library.json" else [(n, d)],
            "'library.json': its sha256 does not match the manifest",
        ),
        (lambda n, d: [(n, d + b"%")] if n.startswith("files/") else [(n, d)], "the zip declares"),
        (lambda n, d: [] if n.startswith("files/") else [(n, d)], "listed in manifest.json but not in the zip"),
        (lambda n, d: [] if n == "manifest.json" else [(n, d)], "no manifest.json in the bundle"),
    ],
)
@pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")
def test_hostile_or_damaged_bundles_are_refused_and_nothing_changes(
    bundle: Path, tmp_path: Path, change, reason: str
) -> None:
    bad = _rewrite(bundle, tmp_path / "bad.zip", change)
    target, cache = tmp_path / "target.db", tmp_path / "target-cache"
    shutil.copy(SHIPPED, target)
    before = library_dump(target)
    with Library.open(target) as library, pytest.raises(BundleError) as refused:
        import_bundle(library, cache, bad)
    assert reason in str(refused.value)
    assert library_dump(target) == before
    assert _files(cache) == {} and not list(tmp_path.rglob("*.tmp"))
    assert not (tmp_path / "evil.txt").exists()


def _bomb(path: Path, size: int) -> Path:
    library = b"[]"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        manifest = {"format": "reslib-bundle", "version": 1, "files": {
            "library.json": {"sha256": hashlib.sha256(library).hexdigest(), "size": len(library)},
            "files/" + "0" * 64: {"sha256": "0" * 64, "size": size}}}
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("library.json", library)
        with archive.open("files/" + "0" * 64, "w", force_zip64=True) as entry:
            chunk = b"\0" * (1 << 20)
            for _ in range(size // len(chunk)):
                entry.write(chunk)
    return path


def test_a_zip_bomb_is_refused_by_its_compression_ratio(tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "bomb.zip", 64 * 1024 * 1024)
    assert bomb.stat().st_size < 1024 * 1024
    with Library.open(tmp_path / "t.db", create=True) as library, pytest.raises(BundleError, match="zip bomb"):
        import_bundle(library, tmp_path / "cache", bomb)
    assert _files(tmp_path / "cache") == {}


def test_declared_sizes_over_the_limits_are_refused(bundle: Path, tmp_path: Path) -> None:
    with Library.open(tmp_path / "t.db", create=True) as library:
        with pytest.raises(BundleError, match=r"declares .* more than the 100,000 allowed"):
            import_bundle(library, tmp_path / "cache", bundle, limits=BundleLimits(max_entry_bytes=100_000))
        with pytest.raises(BundleError, match="more than 200,000 bytes in all"):
            import_bundle(library, tmp_path / "cache", bundle, limits=BundleLimits(max_total_bytes=200_000))


def test_a_lying_header_is_caught_while_reading(bundle: Path, tmp_path: Path) -> None:
    """The central directory says a file is small; reading stops at the manifest's size and the hash fails."""
    data = bytearray(bundle.read_bytes())
    sha = hashlib.sha256(IRS_PDF.read_bytes()).hexdigest().encode()
    at = data.rfind(b"PK\x01\x02", 0, data.rfind(b"files/" + sha))
    size = IRS_PDF.stat().st_size
    data[at + 24 : at + 28] = (size // 2).to_bytes(4, "little")  # declared uncompressed size
    lying = tmp_path / "lying.zip"
    lying.write_bytes(bytes(data))
    with Library.open(tmp_path / "t.db", create=True) as library:
        with pytest.raises(BundleError) as refused:
            import_bundle(library, tmp_path / "cache", lying)
        assert library.info().counts["resources"] == 0  # asked while the library is open
    assert f"files/{sha.decode()}" in str(refused.value)
    assert _files(tmp_path / "cache") == {}


def test_not_a_zip_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"PK\x03\x04 not really")
    with (
        Library.open(tmp_path / "t.db", create=True) as library,
        pytest.raises(BundleError, match="not a readable zip"),
    ):
        import_bundle(library, tmp_path / "cache", fake)


def test_a_dry_run_verifies_and_changes_nothing(bundle: Path, tmp_path: Path) -> None:
    with Library.open(tmp_path / "t.db", create=True) as library:
        done = import_bundle(library, tmp_path / "cache", bundle, dry_run=True)
        assert done.result is None and done.preview.counts()["new"] == 59
        assert library.info().counts["resources"] == 0
    assert _files(tmp_path / "cache") == {}


def _deflated_copy(bundle: Path, out: Path) -> Path:
    """The same bundle with every entry deflated (as another zip tool might write it)."""
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    return out


def _damage_compressed_data(path: Path, entry: str) -> None:
    """Flip bits inside an entry's compressed data, as a bad disk would: its first deflate block gets the
    reserved block type, so decompressing fails (zlib.error) rather than merely giving wrong bytes."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(entry)
    assert info.compress_type == zipfile.ZIP_DEFLATED
    data = bytearray(path.read_bytes())
    name_length, extra_length = (
        int.from_bytes(data[info.header_offset + at : info.header_offset + at + 2], "little") for at in (26, 28)
    )
    start = info.header_offset + 30 + name_length + extra_length
    data[start] |= 0b110  # BTYPE = 11
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive, pytest.raises(zlib.error):
        archive.read(entry)


@pytest.mark.parametrize("which", ["library.json", "the IRS PDF"])
def test_a_damaged_compressed_entry_is_one_line_naming_bundle_and_entry_and_changes_nothing(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], which: str
) -> None:
    from reslib_desktop.cli import main

    damaged = _deflated_copy(bundle, tmp_path / "damaged.zip")
    entry = "library.json" if which == "library.json" else f"files/{hashlib.sha256(IRS_PDF.read_bytes()).hexdigest()}"
    _damage_compressed_data(damaged, entry)
    target, cache = tmp_path / "target.db", tmp_path / "target-cache"
    shutil.copy(SHIPPED, target)
    before = library_dump(target)
    code = main(["--db", str(target), "--cache-dir", str(cache), "bundle", "import", str(damaged)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "damaged.zip" in err and repr(entry) in err and "damaged" in err and "nothing was changed" in err
    assert library_dump(target) == before
    assert _files(cache) == {} and not list(tmp_path.rglob("*.tmp"))


MIB = 1024 * 1024


def bundle_of(path: Path, contents: list[bytes], referenced: bool, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A well-formed bundle (manifest hashes right) of these attachment files; library.json has one
    resource per file that refers to it by sha256 when `referenced`, else one resource with no file."""
    shas = [hashlib.sha256(data).hexdigest() for data in contents]
    if referenced:
        records = [
            {"uid": f"padded-{n}", "title": f"Padded file {n}", "description": "A file.", "type": "report",
             "attachments": [{"label": f"File {n} (PDF)", "url": None, "sha256": sha}]}
            for n, sha in enumerate(shas)
        ]
    else:
        records = [{"uid": "padded", "title": "No files", "description": "A resource without files.", "type": "report"}]
    library = json.dumps(records).encode()
    entries = {"library.json": library, **{f"files/{sha}": data for sha, data in zip(shas, contents)}}
    manifest = {"format": "reslib-bundle", "version": 1, "resources": len(records), "files": {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)} for name, data in entries.items()}}
    with zipfile.ZipFile(path, "w", compression) as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def _padded_pdf(number: int, size: int) -> bytes:
    head = b"%PDF-1.4\n% file " + str(number).encode() + b"\n"
    return head + b"\0" * (size - len(head) - 6) + b"%%EOF\n"


def _import_refused(tmp_path: Path, bundle: Path, limits: BundleLimits | None = None) -> str:
    """Import into a copy of the shipped library; returns the refusal after checking that nothing changed."""
    target, cache = tmp_path / "target.db", tmp_path / "target-cache"
    shutil.copy(SHIPPED, target)
    before = library_dump(target)
    with Library.open(target) as library, pytest.raises(BundleError) as refused:
        import_bundle(library, cache, bundle, limits=limits)
    assert library_dump(target) == before
    assert not (cache / "files").exists() and not list(tmp_path.rglob("*.tmp"))
    return str(refused.value)


@pytest.mark.parametrize("referenced", [False, True], ids=["unreferenced", "referenced"])
def test_a_small_zip_of_a_hundred_one_mib_entries_writes_nothing(tmp_path: Path, referenced: bool) -> None:
    """131 KB that would unpack to 100 MiB: every entry is held to the ratio, however small."""
    bomb = bundle_of(tmp_path / "bomb.zip", [_padded_pdf(n, MIB) for n in range(100)], referenced)
    assert bomb.stat().st_size < 200_000
    reason = _import_refused(tmp_path, bomb)
    assert reason.startswith("entry 'files/") and "to 1, more than 200 to 1" in reason


def test_files_no_resource_refers_to_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    contents = [bytes(random.Random(n).randbytes(256 * 1024)) for n in range(5)]
    unused = bundle_of(tmp_path / "unused.zip", contents, referenced=False, compression=zipfile.ZIP_STORED)
    reason = _import_refused(tmp_path, unused)
    first = min(hashlib.sha256(data).hexdigest() for data in contents)
    assert reason == f"entry 'files/{first}': no resource in library.json refers to it"


def test_sizes_in_the_zip_must_be_the_sizes_in_the_manifest(bundle: Path, tmp_path: Path) -> None:
    data = bytearray(bundle.read_bytes())
    sha = hashlib.sha256(IRS_PDF.read_bytes()).hexdigest()
    at = data.rfind(b"PK\x01\x02", 0, data.rfind(b"files/" + sha.encode()))
    size = IRS_PDF.stat().st_size
    data[at + 20 : at + 28] = (size + 1).to_bytes(4, "little") * 2  # compressed and uncompressed sizes
    (tmp_path / "lying.zip").write_bytes(bytes(data))
    reason = _import_refused(tmp_path, tmp_path / "lying.zip")
    assert reason == f"entry 'files/{sha}': the zip declares {size + 1:,} bytes, its manifest states {size:,}"


def test_a_bundle_that_would_not_fit_on_the_disk_is_refused(bundle: Path, tmp_path: Path) -> None:
    reason = _import_refused(tmp_path, bundle, BundleLimits(keep_free_bytes=1 << 60))
    assert reason.startswith("the bundle's files need ") and " free there" in reason


def test_a_library_json_nested_too_deeply_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reslib_desktop.cli import main

    library = b'[{"title": "Deep", "description": "Nested", "topics": ' + b"[" * 100_000 + b"]" * 100_000 + b"}]"
    manifest = {"format": "reslib-bundle", "version": 1, "files": {
        "library.json": {"sha256": hashlib.sha256(library).hexdigest(), "size": len(library)}}}
    with zipfile.ZipFile(tmp_path / "deep.zip", "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("library.json", library)
    target = tmp_path / "target.db"
    shutil.copy(SHIPPED, target)
    before = library_dump(target)
    assert (
        main(
            [
                "--db",
                str(target),
                "--cache-dir",
                str(tmp_path / "cache"),
                "bundle",
                "import",
                str(tmp_path / "deep.zip"),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("reslib: refused deep.zip: library.json:1: error: item 1 is nested too deeply")
    assert library_dump(target) == before


def test_a_manifest_nested_a_thousand_deep_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reslib_desktop.cli import main

    with zipfile.ZipFile(tmp_path / "deep-manifest.zip", "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("manifest.json", '{"format": "reslib-bundle", "files": ' + "[" * 100_000 + "]" * 100_000 + "}")
        archive.writestr("library.json", "[]")
    target = tmp_path / "target.db"
    shutil.copy(SHIPPED, target)
    before = library_dump(target)
    bundle = tmp_path / "deep-manifest.zip"
    assert main(["--db", str(target), "--cache-dir", str(tmp_path / "cache"), "bundle", "import", str(bundle)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "manifest.json is nested too deeply" in err
    assert library_dump(target) == before
