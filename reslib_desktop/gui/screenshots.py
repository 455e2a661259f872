"""Screenshots of the real window on the shipped library, for the README.

    python -m reslib_desktop.gui.screenshots --out docs/screenshots

Runs offscreen (no display needed) on a temporary copy of resources.db.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path


def _wait(app, condition, timeout_s: float = 10.0) -> None:
    import time

    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not settle")
        app.processEvents()
        time.sleep(0.01)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--sample-pdf", type=Path, default=Path("tests/data/pdfs/irs-i1040nr-instructions.pdf"),
                        help="a PDF shown in the Document tab screenshot")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from reslib_desktop.gui.assemble import assemble_window
    from reslib_desktop.library import Library
    from reslib_desktop.paths import shipped_db

    width, height = (int(part) for part in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "library.db"
        shutil.copyfile(shipped_db(), copy)
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        with Library.open(copy) as library:
            offline = library.offline_service(Path(folder) / "cache")
            window = assemble_window(library, offline, settings).window
            window.resize(width, height)
            window.show()

            def settled() -> bool:
                return window.model.query is window.controller.query and not window.controller.busy

            _wait(app, settled)
            _wait(app, lambda: window.offline_controller.last_status is not None)
            window.table.selectRow(0)
            _wait(app, lambda: window.details.detail is not None)
            window.grab().save(str(args.out / "main-window.png"))

            window.search_box.set_text("environmental scan")
            _wait(app, settled)
            window.sidebar.groups["type"].check_value("report")
            _wait(app, settled)
            window.table.selectRow(0)
            app.processEvents()
            window.grab().save(str(args.out / "search-and-filter.png"))

            # A PDF in the Document tab (a sample public-domain PDF put into the cache as the attachment).
            sample = args.sample_pdf
            if sample is not None and sample.is_file():
                window.table.selectRow(0)
                _wait(app, lambda: window.details.detail is not None)
                attachment = window.details.detail.attachments[0]
                offline.add_local_file(attachment.id, sample)
                window.offline_controller.refresh_status()
                window.model.refresh_rows({window.details.detail.id})
                window.collections_panel.create_collection("Training kit")
                window.open_attachment(attachment.id, 2)
                _wait(app, lambda: window.pdf_pane.is_showing_document())
                for _ in range(30):
                    app.processEvents()
                window.grab().save(str(args.out / "document.png"))
            window.close()
    print(f"saved screenshots to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
