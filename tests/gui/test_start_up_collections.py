"""Once reslib-desktop's window is up, full garbage collections (which run on the GUI thread) no longer
rescan the ~140,000 objects start-up made (modules, classes, widgets): each such pass took ~50 ms, a
stall while typing or scrolling."""

from __future__ import annotations

from pathlib import Path

from support import start_window_then

# Once main() reaches its event loop: what start-up left out of full collections, and what they still walk.
REPORT = """
import gc

def report(*_args):
    print(gc.get_freeze_count(), len(gc.get_objects()), flush=True)
    return 0
"""


def test_what_start_up_made_is_left_out_of_full_collections(tmp_path: Path, library_copy: Path) -> None:
    printed = start_window_then(tmp_path, library_copy, REPORT)
    left_out, still_scanned = map(int, printed.split())
    assert left_out > 50_000  # modules, classes, widgets: kept until the app quits anyway
    assert still_scanned < 5_000  # what a full collection still walks once the window is up
