"""The Settings dialog (theme, text size, language, offline cache limit, local library server, reset
layout) and the About box.

`install_settings(window, settings, state_store)` adds File → Settings… (Ctrl+,),
View → Columns and View → Reset layout to a MainWindow. The cache limit is
read and written through `window.offline` off the GUI thread.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop import __version__
from reslib_desktop.gui.dialog_fit import fit_to_screen
from reslib_desktop.gui.i18n import LANGUAGES, QT_TRANSLATE_NOOP
from reslib_desktop.gui.settings_store import (
    Preferences,
    WindowStateStore,
    apply_preferences,
    columns_menu,
    load_preferences,
    save_preferences,
)
from reslib_desktop.gui.shortcuts import window_menu
from reslib_desktop.gui.task_runner import TaskRunner, database_lane
from reslib_desktop.gui.theme import TEXT_SIZES, THEMES

MB = 1024 * 1024
MAX_LIMIT_MB = 1024 * 1024  # 1 TB
_THEME_LABELS = {
    "system": QT_TRANSLATE_NOOP("SettingsDialog", "Same as the system"),
    "light": QT_TRANSLATE_NOOP("SettingsDialog", "Light"),
    "dark": QT_TRANSLATE_NOOP("SettingsDialog", "Dark"),
}
_LANGUAGE_LABELS = {  # each language named in itself, so anyone finds their own
    "system": QT_TRANSLATE_NOOP("SettingsDialog", "Same as the system"),
    "en": QT_TRANSLATE_NOOP("SettingsDialog", "English"),
    "es": QT_TRANSLATE_NOOP("SettingsDialog", "Español"),
}


class SettingsDialog(QDialog):
    """Theme, text size and cache limit; OK applies and remembers them, "Reset layout" acts at once."""

    def __init__(self, window, settings: QSettings, state_store: WindowStateStore | None = None) -> None:
        super().__init__(window)
        self.window_ = window
        self.settings = settings
        self.state_store = state_store
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        self._tasks = TaskRunner(self)
        self._loaded_limit: int | None = None
        preferences = load_preferences(settings)

        self.theme = QComboBox(self)
        for theme in THEMES:
            self.theme.addItem(self.tr(_THEME_LABELS[theme]), theme)
        self.theme.setCurrentIndex(THEMES.index(preferences.theme))
        self.theme.setAccessibleName(self.tr("Theme"))
        self.text_size = QComboBox(self)
        for size in TEXT_SIZES:
            self.text_size.addItem(self.tr("%1%").replace("%1", str(size)), size)
        self.text_size.setCurrentIndex(TEXT_SIZES.index(preferences.text_size))
        self.text_size.setAccessibleName(self.tr("Text size"))
        self.text_size.setAccessibleDescription(self.tr("Size of all text, from 100% to 150%"))
        self.language = QComboBox(self)
        for language in LANGUAGES:
            self.language.addItem(self.tr(_LANGUAGE_LABELS[language]), language)
        self.language.setCurrentIndex(LANGUAGES.index(preferences.language))
        self.language.setAccessibleName(self.tr("Language"))
        self.language_note = QLabel(self.tr("A new language shows the next time the app starts."), self)
        self.language_note.setWordWrap(True)
        self.language.setAccessibleDescription(self.language_note.text())

        self.cache_limit = QSpinBox(self)
        self.cache_limit.setRange(1, MAX_LIMIT_MB)
        self.cache_limit.setSuffix(self.tr(" MB"))
        self.cache_limit.setValue(1024)
        self.cache_limit.setAccessibleName(self.tr("Offline cache limit in megabytes"))
        self.cache_limit.lineEdit().setAccessibleName(self.tr("Offline cache limit in megabytes"))
        self.no_limit = QCheckBox(self.tr("&No limit"), self)
        self.no_limit.setAccessibleDescription(self.tr("Keep every downloaded attachment, however much space it takes"))
        self.no_limit.toggled.connect(lambda checked: self.cache_limit.setEnabled(not checked))
        self.no_limit.setChecked(True)
        for widget in (self.cache_limit, self.no_limit):
            widget.setEnabled(False)  # until the current limit is known
        self.local_server = QCheckBox(self.tr("Library &server on this computer or local network"), self)
        self.local_server.setAccessibleDescription(
            self.tr("Allow downloads from this computer and private network addresses; "
                    "leave off unless your organisation's library server is there")
        )
        self.local_server.setEnabled(False)  # until the library's setting is known
        self._loaded_local_server: bool | None = None
        limit_row = QHBoxLayout()
        limit_row.addWidget(self.cache_limit, 1)
        limit_row.addWidget(self.no_limit)

        self.reset_button = QPushButton(self.tr("&Reset layout"), self)
        self.reset_button.setAccessibleDescription(
            self.tr("Puts panes, columns and filter groups back as they were when first installed")
        )
        self.reset_button.setEnabled(state_store is not None)
        self.reset_button.clicked.connect(self.reset_layout)

        form = QFormLayout()
        form.addRow(self._label(self.tr("&Theme:"), self.theme), self.theme)
        form.addRow(self._label(self.tr("Te&xt size:"), self.text_size), self.text_size)
        form.addRow(self._label(self.tr("&Language:"), self.language), self.language)
        form.addRow("", self.language_note)
        form.addRow(self._label(self.tr("Offline &cache limit:"), self.cache_limit), limit_row)
        form.addRow(QLabel(self.tr("Downloads:"), self), self.local_server)
        form.addRow(QLabel(self.tr("Layout:"), self), self.reset_button)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        offline = getattr(window, "offline", None)
        if offline is not None:
            self._run(offline.limit, self._show_limit)
            self._run(offline.local_server, self._show_local_server)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _show_limit(self, limit: int | None) -> None:
        self._loaded_limit = limit
        self.no_limit.setEnabled(True)
        self.no_limit.setChecked(limit is None)
        self.cache_limit.setEnabled(limit is not None)
        if limit is not None:
            self.cache_limit.setValue(max(1, round(limit / MB)))

    def _show_local_server(self, on: bool) -> None:
        self._loaded_local_server = on
        self.local_server.setChecked(on)
        self.local_server.setEnabled(True)

    def _run(self, work: Callable[[], Any], then: Callable[[Any], object] | None = None) -> None:
        self._tasks.run(work, then, lambda error: self._show_failure(str(error)), lane=database_lane())

    def _show_failure(self, message: str) -> None:
        self.window_.statusBar().showMessage(
            self.tr("Could not change the offline cache: %1").replace("%1", message), 8000
        )

    def wait(self, msecs: int = 5000) -> bool:
        """Wait for the cache limit to be read or written (tests)."""
        return self._tasks.wait(msecs)

    # --- values ---------------------------------------------------------------------------------------
    def preferences(self) -> Preferences:
        return Preferences(self.theme.currentData(), int(self.text_size.currentData()), self.language.currentData())

    def limit_bytes(self) -> int | None:
        return None if self.no_limit.isChecked() else self.cache_limit.value() * MB

    def reset_layout(self) -> None:
        if self.state_store is not None:
            self.state_store.reset_layout(self.window_)

    def accept(self) -> None:
        """Remember and apply the choices, then close."""
        preferences = self.preferences()
        if preferences != load_preferences(self.settings):
            save_preferences(self.settings, preferences)
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_preferences(app, preferences)
        offline = getattr(self.window_, "offline", None)
        if offline is not None and self.no_limit.isEnabled():
            new, old = self.limit_bytes(), self._loaded_limit
            if new != old:
                shrink = new is not None and (old is None or new < old)
                self._run(lambda: (offline.set_limit(new), offline.evict() if shrink else None))
        local = self.local_server.isChecked()
        if offline is not None and self._loaded_local_server is not None and local != self._loaded_local_server:
            self._run(lambda: offline.set_local_server(local))
        super().accept()


# --- About ----------------------------------------------------------------------------------------------
def about_html(library_path: Any = None) -> str:
    """The About text: version, where the data comes from and under what terms, the parts used."""

    parts = [
        f"<h2>reslib-desktop {html.escape(__version__)}</h2>",
        "<p>"
        + html.escape(
            QCoreApplication.translate(
                "AboutDialog",
                "An offline-first browser for a library of resources: reports, briefs, fact sheets "
                "and toolkits, with their PDF attachments.",
            )
        )
        + "</p>",
        "<h3>" + html.escape(QCoreApplication.translate("AboutDialog", "Data")) + "</h3>",
        "<p>"
        + html.escape(
            QCoreApplication.translate(
                "AboutDialog",
                "The library shipped with the app holds records of the resource library of the "
                "U.S. Department of Health and Human Services, Office on Trafficking in Persons "
                "(OTIP). As works of the U.S. federal government they are in the public domain.",
            )
        )
        + "</p>",
        "<p>"
        + html.escape(
            QCoreApplication.translate(
                "AboutDialog", "Attachments are downloaded from the addresses the records give, only when you ask."
            )
        )
        + "</p>",
    ]
    if library_path is not None:
        parts.append(
            "<p>"
            + html.escape(
                QCoreApplication.translate("AboutDialog", "Library file: %1").replace("%1", str(library_path))
            )
            + "</p>"
        )
    parts += [
        "<h3>" + html.escape(QCoreApplication.translate("AboutDialog", "Software")) + "</h3>",
        "<p>"
        + html.escape(
            QCoreApplication.translate(
                "AboutDialog",
                "reslib-desktop is MIT-licensed. It uses Qt and Qt for Python %1 (LGPL-3.0), "
                "SQLAlchemy and Alembic (MIT), NumPy (BSD-3-Clause), pypdfium2 and PDFium "
                "(Apache-2.0 / BSD-3-Clause), RapidFuzz (MIT), platformdirs (MIT) and QtAwesome "
                "(MIT; icon fonts under the SIL Open Font License).",
            ).replace("%1", pyside_version)
        )
        + "</p>",
    ]
    return "\n".join(parts)


class AboutDialog(QDialog):
    """Version, data sources and licences, readable by screen readers (a focusable text pane)."""

    def __init__(self, parent: QWidget | None = None, library_path: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About reslib-desktop"))
        self.setAccessibleName(self.tr("About reslib-desktop"))
        self.text = QTextBrowser(self)
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(about_html(library_path))
        self.text.setAccessibleName(self.tr("About reslib-desktop"))
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        fit_to_screen(self, QSize(metrics.averageCharWidth() * 72, metrics.height() * 26))


def show_about(window) -> None:
    """Help → About (modal)."""
    dialog = AboutDialog(window, getattr(getattr(window, "library", None), "path", None))
    dialog.exec()
    dialog.deleteLater()


# --- wiring -------------------------------------------------------------------------------------------
def open_settings(window, settings: QSettings, state_store: WindowStateStore | None = None) -> SettingsDialog:
    dialog = SettingsDialog(window, settings, state_store)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def install_settings(window, settings: QSettings, state_store: WindowStateStore | None = None) -> dict[str, QAction]:
    """File → Settings… (Ctrl+,), View → Columns, View → Reset layout; returns the actions by name."""
    settings_action = QAction(QCoreApplication.translate("SettingsDialog", "&Settings…"), window)
    settings_action.setShortcut(QKeySequence("Ctrl+,"))
    settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    settings_action.triggered.connect(lambda: open_settings(window, settings, state_store))
    window.addAction(settings_action)
    file_menu = window_menu(window, "&File")
    if file_menu.actions():
        file_menu.insertAction(file_menu.actions()[0], settings_action)
    else:
        file_menu.addAction(settings_action)
    view_menu = window_menu(window, "&View")
    view_menu.addSeparator()
    columns: QMenu = view_menu.addMenu(QCoreApplication.translate("SettingsDialog", "&Columns"))

    columns.aboutToShow.connect(lambda: columns_menu(window.table, menu=columns))
    reset_action = QAction(QCoreApplication.translate("SettingsDialog", "&Reset layout"), window)
    reset_action.setEnabled(state_store is not None)
    if state_store is not None:
        reset_action.triggered.connect(lambda: state_store.reset_layout(window))
    view_menu.addAction(reset_action)
    return {"settings": settings_action, "reset-layout": reset_action, "columns": columns.menuAction()}
