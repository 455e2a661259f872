"""`reslib-desktop --self-test`: checks that an installed or frozen app really works, then exits.

Opens the main window (offscreen when there is no display) on a temporary copy of the
bundled library, types one search into it, writes a one-page PDF with QPdfWriter and
renders it back with QtPdf, creates a fresh library (which runs the alembic
migrations from their files), and loads the server driver: psycopg with its libpq
(reports `psycopg.pq.__impl__` and the libpq version, and makes libpq try a
connection to a socket that does not exist, which must fail in libpq itself), and
names the keyring backend (none on a headless machine is not a failure). With
$RESLIB_SELF_TEST_SERVER set to a server URL it also signs in there (as the Join
dialog's Test connection does) and reports the role and the library's size. Prints
one line per check, "ok: ..." on stdout; on the first failure prints
"reslib-desktop self-test FAILED: <check>: <why>" on stderr and returns 1.

Nothing outside a temporary folder is written: not the bundled resources.db, not the
user's library, cache or settings (XDG folders, $RESLIB_CACHE_DIR and QSettings point
into the temporary folder while the test runs).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

SEARCH_TEXT = "trafficking"
PDF_TEXT = "reslib self-test"
TIMEOUT_S = 30.0
SERVER_VARIABLE = "RESLIB_SELF_TEST_SERVER"  # a server URL to sign in to (optional)


class SelfTestFailure(Exception):
    def __init__(self, check: str, message: str) -> None:
        super().__init__(f"{check}: {message}")
        self.check = check


def _use_offscreen_without_display() -> None:
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _isolate_user_folders(folder: Path) -> None:
    """Point every per-user location the app may touch into `folder`."""
    for variable, name in (("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache"), ("XDG_CONFIG_HOME", "config")):
        (folder / name).mkdir()
        os.environ[variable] = str(folder / name)
    os.environ["RESLIB_CACHE_DIR"] = str(folder / "cache" / "reslib-desktop")
    os.environ.pop("RESLIB_DB", None)


def _wait(app, condition: Callable[[], bool], check: str, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise SelfTestFailure(check, f"timed out after {TIMEOUT_S:.0f} s waiting for {what}")
        app.processEvents()
        time.sleep(0.01)


def _check_window(app, window) -> None:
    from PySide6.QtGui import QIcon

    from reslib_desktop.gui.icons import icon
    from reslib_desktop.paths import assets_dir

    window.resize(1280, 760)
    window.show()
    _wait(app, lambda: _settled(window), "window", "the first search of the library")
    if not window.isVisible():
        raise SelfTestFailure("window", "the main window did not show")
    if window.model.total <= 0:
        raise SelfTestFailure("window", "the bundled library shows no resources")
    if icon("app").isNull():
        raise SelfTestFailure("window", "the app's icons (qtawesome fonts) could not be loaded")
    app_icon = QIcon(str(assets_dir() / "icons" / "reslib-desktop.svg"))
    if app_icon.pixmap(64, 64).isNull():
        raise SelfTestFailure(
            "window", "the app icon assets/icons/reslib-desktop.svg could not be drawn (Qt SVG support missing?)"
        )


def _settled(window) -> bool:
    return (
        window.model.query is not None and window.model.query is window.controller.query and not window.controller.busy
    )


def _check_search(app, window) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from reslib_desktop.library import parse_query

    expected = parse_query(SEARCH_TEXT)
    window.search_box.focus()
    QTest.keyClicks(window.search_box.edit, SEARCH_TEXT)
    QTest.keyClick(window.search_box.edit, Qt.Key.Key_Return)

    def shown() -> bool:
        return _settled(window) and window.model.query.text == expected

    _wait(app, shown, "search", f"the results of {SEARCH_TEXT!r}")
    total = window.model.total
    if total <= 0:
        raise SelfTestFailure("search", f"{SEARCH_TEXT!r} found nothing in the bundled library")
    return total


def _write_pdf(path: Path) -> None:
    from PySide6.QtCore import QMarginsF, QRectF, Qt
    from PySide6.QtGui import (
        QColor,
        QFont,
        QPageLayout,
        QPageSize,
        QPainter,
        QPdfWriter,
    )

    writer = QPdfWriter(str(path))
    writer.setTitle(PDF_TEXT)
    writer.setCreator("reslib-desktop --self-test")
    writer.setResolution(72)
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A6), QPageLayout.Orientation.Landscape, QMarginsF(0, 0, 0, 0))
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise SelfTestFailure("pdf render", f"QPdfWriter could not write {path}")
    try:
        area = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
        painter.fillRect(area, QColor("white"))
        painter.setPen(QColor("black"))
        font = QFont()
        font.setPixelSize(28)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, PDF_TEXT)
        painter.drawRect(area.adjusted(12, 12, -12, -12))
    finally:
        painter.end()


def _check_pdf(folder: Path) -> None:
    import numpy
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage
    from PySide6.QtPdf import QPdfDocument

    path = folder / "self-test.pdf"
    _write_pdf(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise SelfTestFailure("pdf render", f"QPdfWriter wrote nothing to {path}")
    document = QPdfDocument()
    try:
        error = document.load(str(path))
        if error != QPdfDocument.Error.None_ or document.status() != QPdfDocument.Status.Ready:
            raise SelfTestFailure(
                "pdf render", f"QPdfDocument could not load the PDF ({error.name}, {document.status().name})"
            )
        if document.pageCount() != 1:
            raise SelfTestFailure("pdf render", f"expected 1 page, QPdfDocument read {document.pageCount()}")
        image = document.render(0, QSize(420, 296))
        if image.isNull():
            raise SelfTestFailure("pdf render", "rendering page 1 gave a null image")
        gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
        width, height = gray.width(), gray.height()
        pixels = numpy.frombuffer(gray.constBits(), dtype=numpy.uint8, count=gray.bytesPerLine() * height)
        pixels = pixels.reshape(height, gray.bytesPerLine())[:, :width]
        dark = int((pixels < 128).sum())
        light = int((pixels > 200).sum())
        # The text and the frame cover a few percent of the page; a blank (or black) page fails.
        if dark < width * height * 0.002 or light < width * height * 0.5:
            raise SelfTestFailure(
                "pdf render", f"the rendered page looks blank ({dark} dark, {light} light of {width * height} pixels)"
            )
    finally:
        document.close()


def _check_migrations(folder: Path) -> str:
    from reslib_desktop.library import HEAD_REVISION, Library, schema_revision

    try:
        with Library.open(folder / "new-library.db", create=True) as library:
            revision = schema_revision(library.engine)
    except Exception as error:  # noqa: BLE001 - report any failure as this check's
        raise SelfTestFailure("migrations", f"creating a new library failed: {type(error).__name__}: {error}") from None
    if revision != HEAD_REVISION:
        raise SelfTestFailure("migrations", f"a new library is at schema {revision}, expected {HEAD_REVISION}")
    return revision


def _check_server_driver(folder: Path) -> str:
    """psycopg and its libpq load and libpq runs; "binary, libpq 170004" (its implementation and version)."""
    try:
        import psycopg
        from psycopg import pq
    except Exception as error:  # noqa: BLE001 - any failure to load is this check's
        raise SelfTestFailure("server driver", f"psycopg cannot load: {type(error).__name__}: {error}") from None
    try:
        psycopg.connect(f"host={folder} port=1 dbname=none user=none connect_timeout=2")
    except psycopg.OperationalError:
        pass  # libpq ran and reported the missing socket: what we want
    except Exception as error:  # noqa: BLE001
        raise SelfTestFailure("server driver", f"libpq did not run: {type(error).__name__}: {error}") from None
    else:
        raise SelfTestFailure("server driver", f"a connection to {folder}, where no server runs, succeeded")
    return f"{pq.__impl__}, libpq {pq.version()}"


def _check_server(url: str) -> str:
    """Sign in to a real server as Test connection does: "reader, 'Our library', 57 resources"."""
    from reslib_desktop.library import probe_server

    try:
        found = probe_server(url)
    except Exception as error:  # noqa: BLE001 - any failure is this check's
        raise SelfTestFailure("server", f"{type(error).__name__}: {error}") from None
    return f"{found.role}, {found.library_name!r}, {found.resources} resources"


def _keyring_backend() -> str:
    """The keyring backend's name ("fail Keyring" on a machine without one: passwords are then asked)."""
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception as error:  # noqa: BLE001 - reported, not a failure: the app asks for the password then
        return f"unusable ({type(error).__name__})"
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _run(folder: Path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from reslib_desktop import __version__
    from reslib_desktop.library import Library
    from reslib_desktop.paths import shipped_db

    source = shipped_db()
    if not source.is_file():
        raise SelfTestFailure("window", f"the bundled library {source} is missing")
    copy = folder / "library.db"
    shutil.copyfile(source, copy)

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "config"))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("reslib-desktop")
    app.setOrganizationName("reslib")
    app.setApplicationVersion(__version__)

    from reslib_desktop.gui.main_window import MainWindow

    library = Library.open(copy)
    window = None
    try:
        window = MainWindow(library)
        _check_window(app, window)
        print("ok: window", flush=True)
        total = _check_search(app, window)
        print(f"ok: search ({total} results)", flush=True)
    finally:
        if window is not None:
            window.close()
            window.deleteLater()
            app.processEvents()
        library.close()
    _check_pdf(folder)
    print("ok: pdf render", flush=True)
    revision = _check_migrations(folder)
    print(f"ok: migrations ({revision})", flush=True)
    print(f"ok: server driver (psycopg {_check_server_driver(folder)})", flush=True)
    print(f"ok: keyring ({_keyring_backend()})", flush=True)
    server = os.environ.get(SERVER_VARIABLE)
    if server:
        print(f"ok: server ({_check_server(server)})", flush=True)


def run() -> int:
    """Run every check; 0 when all pass, 1 (with a message on stderr) on the first failure."""
    _use_offscreen_without_display()
    saved = dict(os.environ)
    try:
        with tempfile.TemporaryDirectory(prefix="reslib-self-test-", ignore_cleanup_errors=True) as name:
            folder = Path(name)
            _isolate_user_folders(folder)
            _run(folder)
    except SelfTestFailure as failure:
        print(f"reslib-desktop self-test FAILED: {failure}", file=sys.stderr, flush=True)
        return 1
    except Exception as error:  # noqa: BLE001 - any crash is a failed self-test, said plainly
        print(f"reslib-desktop self-test FAILED: {type(error).__name__}: {error}", file=sys.stderr, flush=True)
        traceback.print_exc(file=sys.stderr)
        return 1
    finally:
        os.environ.clear()
        os.environ.update(saved)
    print("reslib-desktop self-test passed", flush=True)
    return 0
