"""After a pull, the attachments a case worker keeps offline (a pinned collection) are downloaded."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reslib_desktop.library import AttachmentEdit
from sync.laptops import empty_library, ids_by_uid, server_records, shipped_copy
from unit.offline.http_fixture import FileServer

PDF = "trivial.pdf"


@pytest.fixture
def files(tmp_path):
    from pathlib import Path

    pdfs = Path(__file__).resolve().parents[1] / "data" / "pdfs"
    running = FileServer({PDF: (pdfs / PDF).read_bytes()}).start()
    yield running
    running.stop()


def test_a_new_attachment_of_a_resource_in_a_pinned_collection_downloads_after_the_sync(
    server, files, tmp_path
) -> None:
    from reslib_desktop.ingest.editing import edit_of

    admin = shipped_copy(tmp_path, "admin")
    admin.share_existing_resources()
    admin.sync(server.admin)
    worker = empty_library(tmp_path, "worker")
    worker.sync(server.reader)
    uid = sorted(server_records(server.owner))[0]
    offline = worker.offline_service(tmp_path / "cache")
    offline.set_local_server(True)  # the test's file server is on this computer
    offline.create_collection("Training kit")
    offline.add_to_collection("Training kit", [ids_by_uid(worker)[uid]])
    offline.set_collection_pinned("Training kit", True)

    identifier = ids_by_uid(admin)[uid]
    edit = edit_of(admin.resource(identifier))
    admin.save_resource(
        identifier, replace(edit, attachments=(*edit.attachments, AttachmentEdit("New guide", files.url(PDF))))
    )
    admin.sync()

    report = worker.sync()
    fetched = worker.download_synced_offline(report, tmp_path / "cache")
    assert fetched is not None and len(fetched.cached) == 1 and fetched.ok
    [new] = [a for a in worker.resource(ids_by_uid(worker)[uid]).attachments if a.label == "New guide"]
    assert offline.local_path(new.id).read_bytes() == files.files[PDF]
    assert worker.download_synced_offline(worker.sync(), tmp_path / "cache") is None  # nothing more to fetch
    admin.close()
    worker.close()
