"""Screenshots of the real window on the shipped library, for the README.

    python -m reslib_desktop.gui.screenshots --out docs/screenshots

Runs offscreen (no display needed) on a temporary copy of resources.db. Besides the usual
light window it renders the dark theme and 150% text on a 1024x600 screen.
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


def _settle(app, rounds: int = 30) -> None:
    """Let layouts, deferred fits and repaints run."""
    for _ in range(rounds):
        app.processEvents()


class _Session:
    """One assembled window on the library copy, at a theme, text size and window size."""

    def __init__(self, app, library, offline, folder: Path, theme: str, text_size: int, size: tuple[int, int]) -> None:
        from PySide6.QtCore import QSettings

        from reslib_desktop.gui.assemble import assemble_window
        from reslib_desktop.gui.theme import apply_text_size, apply_theme

        apply_theme(app, theme)
        apply_text_size(app, text_size)
        settings = QSettings(str(folder / f"settings-{theme}-{text_size}.ini"), QSettings.Format.IniFormat)
        self.app = app
        self.window = assemble_window(library, offline, settings).window
        self.window.resize(*size)
        self.window.show()
        self.settled()
        _wait(app, lambda: self.window.offline_controller.last_status is not None)

    def settled(self) -> None:
        window = self.window
        _wait(self.app, lambda: window.model.query is window.controller.query and not window.controller.busy)
        _settle(self.app)

    def select_row(self, row: int) -> None:
        self.window.table.selectRow(row)
        _wait(self.app, lambda: self.window.details.detail is not None)
        _settle(self.app)

    def row_with_attachments(self) -> int:
        model = self.window.model
        return next(
            (n for n in range(model.rowCount()) if (row := model.resource_at(n)) is not None and row.attachment_count),
            0,
        )

    def save(self, path: Path) -> None:
        _settle(self.app)
        self.window.grab().save(str(path))

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()
        _settle(self.app)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--sample-pdf", type=Path, default=Path("tests/data/pdfs/irs-i1040nr-instructions.pdf"),
                        help="a PDF shown in the Document tab screenshot")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from reslib_desktop.library import Library
    from reslib_desktop.paths import shipped_db

    width, height = (int(part) for part in args.size.split("x"))
    size = (width, height)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        copy = folder / "library.db"
        shutil.copyfile(shipped_db(), copy)
        with Library.open(copy) as library:
            offline = library.offline_service(folder / "cache")
            light = _Session(app, library, offline, folder, "light", 100, size)
            window = light.window
            light.select_row(0)
            light.save(args.out / "main-window.png")

            window.search_box.set_text("environmental scan")
            light.settled()
            window.sidebar.groups["type"].check_value("report")
            light.settled()
            light.select_row(0)
            light.save(args.out / "search-and-filter.png")

            # A PDF in the Document tab (a sample public-domain PDF put into the cache as the attachment).
            sample = args.sample_pdf
            if sample is not None and sample.is_file():
                detail = window.details.detail
                assert detail is not None  # select_row waited for it
                attachment = detail.attachments[0]
                offline.add_local_file(attachment.id, sample)
                window.offline_controller.refresh_status()
                window.model.refresh_rows({detail.id})
                window.collections_panel.create_collection("Training kit")
                window.open_attachment(attachment.id, 2)
                _wait(app, lambda: window.pdf_pane.is_showing_document())
                light.save(args.out / "document.png")
            light.close()

            # Dark theme: a filter checked, a resource with its attachments.
            dark = _Session(app, library, offline, folder, "dark", 100, size)
            dark.window.sidebar.groups["type"].check_value("report")
            dark.settled()
            dark.select_row(dark.row_with_attachments())
            dark.save(args.out / "dark.png")
            dark.close()

            # 150% text on a 1024x600 screen, dark.
            large = _Session(app, library, offline, folder, "dark", 150, (1024, 600))
            large.select_row(large.row_with_attachments())
            large.save(args.out / "large-text-1024x600.png")
            large.close()
    print(f"saved screenshots to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
