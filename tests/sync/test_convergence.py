"""Random offline edits and deletes on two admin laptops, synced in random order: both end equal to the server."""

from __future__ import annotations

import random

from reslib_desktop.library import KEEP_MINE, KEEP_SERVER
from sync.laptops import delete, edit, empty_library, ids_by_uid, server_records, shipped_copy, snapshot


def test_two_laptops_converge_to_the_server_whatever_the_order(server, tmp_path) -> None:
    rng = random.Random(20261205)
    first = shipped_copy(tmp_path, "first")
    first.share_existing_resources()
    first.sync(server.admin)
    second = empty_library(tmp_path, "second")
    second.sync(server.admin)
    laptops = [first, second]
    for round_number in range(6):
        for number, laptop in enumerate(laptops):
            uids = sorted(ids_by_uid(laptop))
            for uid in rng.sample(uids, 3):
                change = rng.choice(["title", "description", "delete"])
                if change == "delete" and rng.random() < 0.3:
                    delete(laptop, uid)
                elif change == "description":
                    edit(laptop, uid, description=f"Description {round_number}.{number}")
                else:
                    edit(laptop, uid, title=f"Title {round_number}.{number} {uid}")
        for laptop in rng.sample(laptops, 2):
            laptop.sync()
            for conflict in laptop.sync_conflicts():
                laptop.resolve_sync_conflict(conflict.id, rng.choice([KEEP_MINE, KEEP_SERVER]))
    for _ in range(3):  # uploads of chosen values, then everyone catches up
        for laptop in laptops:
            laptop.sync()
    assert first.sync_conflicts() == [] and second.sync_conflicts() == []
    assert first.sync_status().pending == second.sync_status().pending == 0
    assert snapshot(first) == snapshot(second)
    on_server = server_records(server.owner)
    assert {uid: values[0] for uid, values in snapshot(first).items()} == {
        uid: record["title"] for uid, record in on_server.items()
    }
    first.close()
    second.close()
