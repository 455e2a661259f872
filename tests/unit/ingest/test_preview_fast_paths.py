"""The import preview's fast paths change nothing a user sees.

`preview-snapshot.json` holds, for each mixed import of `preview_inputs.write_inputs` previewed
into an empty library and into tests/data/library-0001.db, a digest of every item (action,
reason, target, record, notes, problems) as the preview made it before the fast paths existed
(commit 'tests: preview snapshot'); regenerate it only for an intended change of behaviour:
`python -m unit.ingest.test_preview_fast_paths` from tests/.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from reslib_desktop.ingest.service import ImportService
from reslib_desktop.ingest.sources import ImportOptions
from reslib_desktop.library import Library
from unit.ingest.preview_inputs import DEFAULT_LIBRARY, digest, plain_preview, write_inputs

SNAPSHOT = Path(__file__).resolve().parent / "preview-snapshot.json"


def previews(folder: Path) -> dict[str, dict]:
    """Each mixed import previewed into an empty library and into the default one, as plain values."""
    found: dict[str, dict] = {}
    imports = write_inputs(folder / "inputs")
    for target in ("empty", "default"):
        for number, paths in enumerate(imports):
            db = folder / f"{target}-{number}.db"
            if target == "default":
                shutil.copy(DEFAULT_LIBRARY, db)
            with Library.open(db, create=target == "empty") as library:
                preview = ImportService(library).preview(paths, ImportOptions())
            found[f"{target}: {' + '.join(p.name for p in paths)}"] = plain_preview(preview)
    return found


def snapshot_of(found: dict[str, dict]) -> dict[str, dict]:
    return {
        name: {
            "items": [[_where(item), digest(item)] for item in preview["items"]],
            "problems": digest(preview["problems"]),
            "formats": preview["formats"],
            "counts": preview["counts"],
            "mappings": digest(preview["mappings"]),
        }
        for name, preview in found.items()
    }


def _where(item: dict) -> str:
    location = item["location"]
    return f"{location['file']}:{location['line']}:{location['item']}"


@pytest.mark.slow
def test_the_preview_of_mixed_inputs_is_what_it_was_before_the_fast_paths(tmp_path: Path) -> None:
    found = previews(tmp_path)
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    now = snapshot_of(found)
    assert sorted(now) == sorted(expected)
    for name, preview in now.items():
        before = expected[name]
        assert preview["formats"] == before["formats"], name
        assert preview["counts"] == before["counts"], name
        assert len(preview["items"]) == len(before["items"]), name
        for number, (item, was) in enumerate(zip(preview["items"], before["items"], strict=True)):
            assert item == was, f"{name}: item {number} differs: {json.dumps(found[name]['items'][number])[:3000]}"
        assert preview["problems"] == before["problems"], f"{name}: problems differ: {found[name]['problems']}"
        assert preview["mappings"] == before["mappings"], f"{name}: mappings differ: {found[name]['mappings']}"


def main() -> None:  # pragma: no cover - regenerates the snapshot
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        snapshot = snapshot_of(previews(Path(folder)))
    SNAPSHOT.write_text(json.dumps(snapshot, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}: {sum(len(p['items']) for p in snapshot.values())} items", file=sys.stderr)


if __name__ == "__main__":
    main()
