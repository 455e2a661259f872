"""Fixtures for GUI tests: a real main window on a real library file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyleFactory

from reslib_desktop.gui.task_runner import wait_for_all
from reslib_desktop.ingest.apply import apply_records
from reslib_desktop.library import Library
from support import synthetic_records, wait_for_results


@pytest.fixture(scope="session", autouse=True)
def english(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The window as an English reader sees it: English with its plural forms ("1 resource")."""
    from reslib_desktop.gui.i18n import install_language

    install_language(qapp, "en", cache=tmp_path_factory.mktemp("translations"))


@pytest.fixture
def library(library_copy: Path) -> Iterator[Library]:
    with Library.open(library_copy) as opened:
        yield opened
        wait_for_all(10_000)  # background work that reads it ends before it closes, as when the app quits


@pytest.fixture
def window(qtbot, library: Library):
    from reslib_desktop.gui.main_window import MainWindow

    main_window = MainWindow(library)
    qtbot.addWidget(main_window)
    main_window.resize(1366, 768)
    main_window.show()
    wait_for_results(qtbot, main_window)
    yield main_window
    main_window.close()  # before the library fixture waits for background work and closes, as the app quits


@pytest.fixture
def big_library(tmp_path: Path) -> Iterator[Library]:
    """A library of 1,500 synthetic resources."""
    with Library.open(tmp_path / "big.db", create=True) as opened:
        with opened.engine.begin() as connection:
            apply_records(connection, synthetic_records(1500), now=datetime(2026, 1, 1))
        yield opened
        wait_for_all(10_000)


@pytest.fixture
def pdf_server():
    """A real HTTP server on 127.0.0.1 serving the test PDFs (faults can be injected)."""
    from unit.offline.http_fixture import FileServer

    pdfs = Path(__file__).resolve().parents[1] / "data" / "pdfs"
    running = FileServer({path.name: path.read_bytes() for path in pdfs.glob("*.pdf")}).start()
    yield running
    running.stop()


class _RestoredStyle(QProxyStyle):
    """The style a test found, drawn as it was, through a proxy made in Python.

    Qt deletes the application's style when the next one is set. An object made in Python tells the bindings
    so; a plain `QStyle` does not, and its wrapper (which `setStyle` keeps) stays behind, so a later object at
    the same address can be taken for it. A suspect for the rare segfault in test_accessibility while a window
    is built right after a theme switch (twice in many runs: in `QComboBox.addItem`, in `QListWidget()`).
    """


@pytest.fixture
def pristine_appearance(qapp: QApplication) -> Iterator[None]:
    """Whatever a test does to the theme or text size, later tests get the application as it was."""
    style, font = qapp.style().name() or "fusion", qapp.font()
    yield
    qapp.setStyle(_RestoredStyle(QStyleFactory.create(style)))
    qapp.setPalette(QPalette())
    qapp.setFont(font)
    QGuiApplication.styleHints().unsetColorScheme()
    for name in ("reslib_theme", "reslib_start_font", "reslib_start_style"):
        qapp.setProperty(name, None)
