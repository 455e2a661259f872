"""Remembering how the user left the window, in QSettings (organisation "reslib", app "reslib-desktop").

`WindowStateStore(settings).attach(window)` restores geometry, splitter
sizes, table columns (order, widths, hidden), sort and open facet groups now,
and saves them when the window closes. `Preferences` (theme, text size) are
application-wide and applied before any window exists (`apply_preferences`).
The cache size limit is not kept here: the offline service stores it with the
cache (`window.offline.limit()` / `set_limit()`). `NewSinceLastVisit` finds
the resources added since the previous session started.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableView,
    QWidget,
)

from reslib_desktop.gui.i18n import LANGUAGES
from reslib_desktop.gui.saved_searches import user_state_for
from reslib_desktop.gui.task_runner import TaskRunner, database_lane, failure_text
from reslib_desktop.gui.theme import TEXT_SIZES, THEMES, apply_text_size, apply_theme
from reslib_desktop.library import SortKey

if TYPE_CHECKING:
    from reslib_desktop.gui.main_window import MainWindow

ORGANISATION = "reslib"
APPLICATION = "reslib-desktop"

_GEOMETRY = "window/geometry"
_SPLITTER = "window/splitter"
_COLUMNS = "table/columns"
_SORT = "search/sort"
_FACETS = "sidebar/expanded"
_THEME = "appearance/theme"
_TEXT_SIZE = "appearance/text_size"
_LANGUAGE = "appearance/language"
SESSION_KEY = "session/started_at"
LAYOUT_KEYS = (_SPLITTER, _COLUMNS, _FACETS)  # what "Reset layout" forgets (not the window's size)
DATE_RANGE_GROUP = "published"  # the date range's header, kept with the facet groups

log = logging.getLogger(__name__)


def app_settings() -> QSettings:
    """The user's settings in the platform's usual place."""
    return QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def _get_json(settings: QSettings, key: str) -> Any:
    raw = settings.value(key)
    if not isinstance(raw, str):
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _put_json(settings: QSettings, key: str, value: Any) -> None:
    settings.setValue(key, json.dumps(value))


# --- application-wide preferences -------------------------------------------------------------------
@dataclass(frozen=True)
class Preferences:
    theme: str = "system"  # one of theme.THEMES
    text_size: int = 100  # percent, one of theme.TEXT_SIZES
    language: str = "system"  # one of i18n.LANGUAGES; applied at the next start


def load_preferences(settings: QSettings) -> Preferences:
    theme = settings.value(_THEME, "system")
    try:
        size = int(str(settings.value(_TEXT_SIZE, 100)))
    except (TypeError, ValueError):
        size = 100
    language = settings.value(_LANGUAGE, "system")
    return Preferences(
        theme if theme in THEMES else "system",
        size if size in TEXT_SIZES else 100,
        language if language in LANGUAGES else "system",
    )


def save_preferences(settings: QSettings, preferences: Preferences) -> None:
    settings.setValue(_THEME, preferences.theme)
    settings.setValue(_TEXT_SIZE, int(preferences.text_size))
    settings.setValue(_LANGUAGE, preferences.language)
    settings.sync()


def apply_preferences(app: QApplication, preferences: Preferences) -> None:
    """Theme and text size for the whole application (call before creating the window)."""
    apply_theme(app, preferences.theme)
    apply_text_size(app, preferences.text_size)


# --- table columns -----------------------------------------------------------------------------------
def column_state(table: QTableView) -> dict[str, Any]:
    """Order (logical columns in visual order), widths and hidden columns of a table."""
    header = table.horizontalHeader()
    count = header.count()
    return {
        "count": count,
        "order": [header.logicalIndex(visual) for visual in range(count)],
        "widths": [header.sectionSize(logical) for logical in range(count)],
        "hidden": [logical for logical in range(count) if header.isSectionHidden(logical)],
    }


def set_column_state(table: QTableView, state: dict[str, Any]) -> None:
    """Apply what `column_state` returned; columns the state does not know keep their place."""
    header = table.horizontalHeader()
    count = header.count()
    order = [c for c in state.get("order", []) if isinstance(c, int) and 0 <= c < count]
    for visual, logical in enumerate(dict.fromkeys(order)):
        header.moveSection(header.visualIndex(logical), visual)
    for logical, width in enumerate(state.get("widths", [])[:count]):
        if isinstance(width, int) and width > 0 and header.sectionResizeMode(logical) != QHeaderView.ResizeMode.Stretch:
            header.resizeSection(logical, width)
    hidden = {c for c in state.get("hidden", []) if isinstance(c, int) and 0 <= c < count}
    if len(hidden) >= count:
        hidden = set()  # never hide every column
    for logical in range(count):
        header.setSectionHidden(logical, logical in hidden)


def columns_menu(table: QTableView, parent: QWidget | None = None, menu: QMenu | None = None) -> QMenu:
    """A menu of checkable columns (shown/hidden), new or refilled; the last shown column cannot be hidden."""
    header = table.horizontalHeader()
    model = table.model()
    if menu is None:
        menu = QMenu(parent if parent is not None else table)
        menu.setTitle(QCoreApplication.translate("SettingsDialog", "&Columns"))
    menu.clear()
    menu.setAccessibleName(QCoreApplication.translate("SettingsDialog", "Columns"))
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    for visual in range(header.count()):
        logical = header.logicalIndex(visual)
        title = str(model.headerData(logical, header.orientation())) if model is not None else str(logical)
        action = menu.addAction(title)
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(logical))
        action.setEnabled(shown != [logical])
        action.toggled.connect(lambda checked, c=logical: header.setSectionHidden(c, not checked))
    return menu


def install_column_menu(table: QTableView) -> None:
    """Right-click on the table's header: a menu to show or hide columns."""
    header = table.horizontalHeader()
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(position) -> None:
        menu = columns_menu(table, header)
        menu.exec(header.mapToGlobal(position))
        menu.deleteLater()

    header.customContextMenuRequested.connect(show)


def default_splitter_sizes(splitter, designed: list[int]) -> list[int]:
    """The designed pane sizes fitted to the splitter's width as it is now: panes that do not
    stretch (the sidebar) keep their size while it leaves room; the others share the rest in proportion."""
    total = sum(splitter.sizes()) or sum(designed)
    fixed = [splitter.widget(n).sizePolicy().horizontalStretch() == 0 for n in range(splitter.count())]
    fixed_total = sum(size for size, keep in zip(designed, fixed) if keep)
    if not any(fixed) or fixed_total > total * 0.4 or all(fixed):
        scale = total / (sum(designed) or 1)
        return [round(size * scale) for size in designed]
    rest, shared = total - fixed_total, sum(size for size, keep in zip(designed, fixed) if not keep) or 1
    return [size if keep else round(size * rest / shared) for size, keep in zip(designed, fixed)]


# --- new since last visit -------------------------------------------------------------------------
def begin_session(settings: QSettings, now: datetime | None = None) -> datetime | None:
    """Record that a session starts now (naive UTC); returns when the previous one started."""
    raw = settings.value(SESSION_KEY)
    try:
        previous = datetime.fromisoformat(raw) if isinstance(raw, str) and raw else None
    except ValueError:
        previous = None
    now = now or datetime.now(UTC).replace(tzinfo=None)  # naive UTC, as the library stores times
    settings.setValue(SESSION_KEY, now.isoformat(timespec="seconds"))
    settings.sync()
    return previous


def _not_found(error: BaseException) -> None:
    log.warning("could not read what is new since the last visit: %s", failure_text(error))


class NewSinceLastVisit(QObject):
    """Resource ids added since the previous session started; `ready(frozenset)` once known."""

    ready = Signal(object)

    def __init__(
        self, library: Any, settings: QSettings, parent: QObject | None = None, now: datetime | None = None
    ) -> None:
        super().__init__(parent)
        self.since = begin_session(settings, now)
        self.ids: frozenset[int] = frozenset()
        self._tasks = TaskRunner(self)
        if self.since is not None:
            store = user_state_for(library)
            since = self.since
            self._tasks.run(lambda: store.created_since(since), self._found, _not_found, lane=database_lane())

    def _found(self, ids: frozenset[int]) -> None:
        self.ids = frozenset(ids)
        self.ready.emit(self.ids)

    def is_new(self, resource_id: int) -> bool:
        return resource_id in self.ids


# --- the window -----------------------------------------------------------------------------------
@dataclass
class _Defaults:
    splitter: list[int] | None  # known once the window has been laid out (shown)
    columns: dict[str, Any]
    expanded: dict[str, bool]


def _expandable(window) -> dict[str, Any]:
    """Facet group headers by facet, and the date range's header."""
    headers = {facet: group.header for facet, group in window.sidebar.groups.items()}
    date_range = getattr(window.sidebar, "date_range", None)
    if date_range is not None:
        headers[DATE_RANGE_GROUP] = date_range.header
    return headers


class WindowStateStore(QObject):
    """Saves and restores one main window's layout and sort in `settings`."""

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._defaults: _Defaults | None = None
        self._pending_splitter: list[int] | None = None

    # --- wiring ---------------------------------------------------------------------------------
    def attach(self, window: MainWindow) -> WindowStateStore:
        """Restore `window` now and save it whenever it closes (the store becomes the window's child)."""
        self.setParent(window)
        self.restore(window)
        window.installEventFilter(self)
        return self

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        window = self.parent()
        if watched is window and isinstance(window, QMainWindow):
            if event.type() == QEvent.Type.Close:
                self.save(window)  # type: ignore[arg-type]  # the MainWindow given to attach()
            elif event.type() == QEvent.Type.Show:
                QTimer.singleShot(0, lambda: self._on_shown(window))  # type: ignore[arg-type]
        return False

    def _on_shown(self, window: MainWindow) -> None:
        if self._defaults is not None and self._defaults.splitter is None:
            self._defaults.splitter = window.splitter.sizes()  # as the window lays itself out
        if self._pending_splitter:
            sizes, self._pending_splitter = self._pending_splitter, None
            window.splitter.setSizes(sizes)

    # --- saving ---------------------------------------------------------------------------------
    def save(self, window: MainWindow) -> None:
        """Write geometry, splitter, columns, sort and open groups."""
        settings = self.settings
        settings.setValue(_GEOMETRY, window.saveGeometry())
        _put_json(settings, _SPLITTER, window.splitter.sizes())
        _put_json(settings, _COLUMNS, column_state(window.table))
        query = window.controller.query
        _put_json(settings, _SORT, {"key": query.sort.value, "descending": bool(query.descending)})
        _put_json(settings, _FACETS, {name: header.isChecked() for name, header in _expandable(window).items()})
        settings.sync()

    # --- restoring ------------------------------------------------------------------------------
    def capture_defaults(self, window: MainWindow) -> None:
        """Remember the window's layout as built, for `reset_layout` (done by `restore` once)."""
        self._defaults = _Defaults(
            splitter=window.splitter.sizes() if window.isVisible() else None,
            columns=column_state(window.table),
            expanded={name: header.isChecked() for name, header in _expandable(window).items()},
        )

    def restore(self, window: MainWindow) -> bool:
        """Apply what was saved; False when nothing was (a first start)."""
        if self._defaults is None:
            self.capture_defaults(window)
        settings = self.settings
        restored = False
        geometry = settings.value(_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            restored = window.restoreGeometry(geometry) or restored
        expanded = _get_json(settings, _FACETS)
        if isinstance(expanded, dict):
            for name, header in _expandable(window).items():
                if isinstance(expanded.get(name), bool):
                    header.setChecked(expanded[name])
            restored = True
        columns = _get_json(settings, _COLUMNS)
        if isinstance(columns, dict):
            set_column_state(window.table, columns)
            restored = True
        sizes = _get_json(settings, _SPLITTER)
        if isinstance(sizes, list) and len(sizes) == window.splitter.count() and all(isinstance(s, int) for s in sizes):
            if window.isVisible():
                window.splitter.setSizes(sizes)
            else:
                self._pending_splitter = sizes  # once shown: showing lays the splitter out anew
            restored = True
        restored = self._restore_sort(window) or restored
        return restored

    def _restore_sort(self, window: MainWindow) -> bool:
        sort = _get_json(self.settings, _SORT)
        if not isinstance(sort, dict):
            return False
        try:
            key = SortKey(sort.get("key"))
        except ValueError:
            return False
        descending = bool(sort.get("descending", True))
        # Relevance and "newest first" are what the window chooses by itself (relevance while
        # words are typed, newest first otherwise); asking for them would pin that choice.
        if key in (SortKey.RELEVANCE, SortKey.POSITION) or (key is SortKey.DATE and descending):
            return True
        window.controller.set_sort(key, descending)
        return True

    def reset_layout(self, window: MainWindow) -> None:
        """Panes, columns and filter groups as the window was built (its size stays); the saved layout is forgotten."""
        for key in LAYOUT_KEYS:
            self.settings.remove(key)
        self.settings.sync()
        defaults = self._defaults
        if defaults is None:
            return
        set_column_state(window.table, defaults.columns)
        fitter = getattr(window, "column_fitter", None)
        if fitter is not None:
            fitter.forget_choices()  # widths fitted to the table again, not the ones dragged to
        for name, header in _expandable(window).items():
            if name in defaults.expanded:
                header.setChecked(defaults.expanded[name])
        fit_panes = getattr(window, "fit_panes", None)
        if callable(fit_panes):
            fit_panes()  # as a new window of this width and text size lays them out (columns shown again)
        elif defaults.splitter:
            window.splitter.setSizes(default_splitter_sizes(window.splitter, defaults.splitter))
