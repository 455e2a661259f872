"""Sync → Join a server…: address, account, password (system keyring only), TLS; Test connection; Join.

The dialog only tries the server (in a worker: `Library.probe_server`); joining
itself is the window's sync controller's job (`joinRequested`), so the first pull
shows its progress in the status bar and the window stays usable. Joining keeps
this library's own resources (see `explanation`): the same as `reslib sync --server`.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reslib_desktop.gui.dialog_fit import fit_height_to_content, fit_to_screen
from reslib_desktop.gui.i18n import QT_TRANSLATE_NOOP
from reslib_desktop.gui.task_runner import TaskRunner, database_lane, failure_text
from reslib_desktop.library import (
    SSL_MODES,
    Library,
    ServerProbe,
    ServerUnreachable,
    SyncError,
    join_address,
    keyring_available,
    sslmode_of,
    user_of,
)

_SSL_TEXTS = {
    "prefer": QT_TRANSLATE_NOOP("JoinServerDialog", "Use TLS when the server offers it (prefer)"),
    "require": QT_TRANSLATE_NOOP("JoinServerDialog", "Always use TLS (require)"),
    "verify-full": QT_TRANSLATE_NOOP("JoinServerDialog", "TLS and check the server's certificate (verify-full)"),
    "disable": QT_TRANSLATE_NOOP("JoinServerDialog", "No TLS (disable)"),
}

# What a refusal means, by ServerRefused.kind; libpq's own line follows in the dialog.
_REFUSALS = {
    "unreachable": QT_TRANSLATE_NOOP(
        "JoinServerDialog",
        "The server cannot be reached: check the address and port, and that this computer is "
        "online (on the organisation's network or VPN).",
    ),
    "wrong-password": QT_TRANSLATE_NOOP("JoinServerDialog", "Wrong user name or password."),
    "password-needed": QT_TRANSLATE_NOOP("JoinServerDialog", "The server asks for a password: type it above."),
    "unknown-user": QT_TRANSLATE_NOOP("JoinServerDialog", "The server has no account of that name."),
    "no-database": QT_TRANSLATE_NOOP("JoinServerDialog", "The server has no database of that name."),
    "no-access": QT_TRANSLATE_NOOP(
        "JoinServerDialog", "This account may not read the library: ask an administrator for access."
    ),
    "not-reslib": QT_TRANSLATE_NOOP(
        "JoinServerDialog", "This is a PostgreSQL server, but that database holds no reslib library."
    ),
    "tls-required": QT_TRANSLATE_NOOP(
        "JoinServerDialog",
        "The server does not accept this connection without TLS (or not from this computer at all): choose "
        "“Always use TLS”, else ask its administrator.",
    ),
    "not-allowed": QT_TRANSLATE_NOOP(
        "JoinServerDialog", "The server does not accept this account from this computer: ask its administrator."
    ),
    "tls-unavailable": QT_TRANSLATE_NOOP(
        "JoinServerDialog", "The server does not offer TLS, but the TLS setting requires it."
    ),
    "tls-untrusted": QT_TRANSLATE_NOOP(
        "JoinServerDialog",
        "The server's TLS certificate could not be checked (unknown authority or another host name).",
    ),
    "bad-setting": QT_TRANSLATE_NOOP(
        "JoinServerDialog", "The address has a setting the server library does not understand."
    ),
}


class JoinServerDialog(QDialog):
    """Emits `joinRequested(url, password, remember)` once the server answered and the user chose Join."""

    joinRequested = Signal(str, str, bool)

    def __init__(self, library: Library, parent: QWidget | None = None, *, keyring_ok: bool | None = None) -> None:
        """`keyring_ok`: whether a system keyring can keep the password; None: find out in a worker (keyring's
        first look for a backend may ask D-Bus)."""
        super().__init__(parent)
        self.library = library
        self.keyring_ok = keyring_ok
        self.probe: ServerProbe | None = None
        self._probed_for: tuple | None = None  # the fields the probe answered for
        self._join_after_probe = False
        self._local_count: int | None = None
        self.setWindowTitle(self.tr("Join a server"))
        self.setAccessibleName(self.tr("Join a server"))
        self._tasks = TaskRunner(self)
        self._build()
        self._connect()
        fit_to_screen(self, QSize(620, 520))
        self._enable()
        self._tasks.run(library.resource_count, self._show_local_count, lambda _e: None, lane=database_lane())
        if keyring_ok is None:
            self._tasks.run(keyring_available, self.show_keyring, lambda _e: self.show_keyring(False))
        else:
            self.show_keyring(keyring_ok)

    # --- layout ---------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setAccessibleName(self.tr("What joining does"))
        self.explanation.setText(self._explain(None))
        self.server = QLineEdit(self)
        self.server.setPlaceholderText(self.tr("host name, or postgresql://user@host/database"))
        self.server.setAccessibleName(self.tr("Server address"))
        self.port = QLineEdit("5432", self)
        self.port.setValidator(QIntValidator(1, 65535, self.port))
        self.port.setAccessibleName(self.tr("Port"))
        self.database = QLineEdit("reslib", self)
        self.database.setAccessibleName(self.tr("Database"))
        self.user = QLineEdit(self)
        self.user.setAccessibleName(self.tr("User name"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.remember = QCheckBox(self.tr("&Save the password in the system keyring"), self)
        self.remember.setAccessibleName(self.tr("Save the password in the system keyring"))
        self.keyring_note = QLabel(self)
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setAccessibleName(self.tr("Where the password is kept"))
        self.remember.setEnabled(False)
        self.keyring_note.setText(self.tr("Looking for the system keyring…"))
        self.ssl = QComboBox(self)
        self.ssl.setAccessibleName(self.tr("TLS"))
        for mode in SSL_MODES:
            self.ssl.addItem(self.tr(_SSL_TEXTS[mode]), mode)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Se&rver:"), self.server)
        form.addRow(self.tr("P&ort:"), self.port)
        form.addRow(self.tr("&Database:"), self.database)
        form.addRow(self.tr("&User name:"), self.user)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow("", self.remember)
        # An empty label, not "" (no label): without one QFormLayout gives the note three lines' height.
        form.addRow(QLabel(self), self.keyring_note)
        form.addRow(self.tr("&TLS:"), self.ssl)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(self.tr("Connection test result"))
        self.test_button = QPushButton(self.tr("T&est connection"), self)
        self.join_button = QPushButton(self.tr("&Join"), self)
        self.join_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(self.join_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        for field in (self.server, self.database, self.user, self.password):
            field.textChanged.connect(self._fields_changed)
        self.port.textChanged.connect(self._fields_changed)
        self.ssl.currentIndexChanged.connect(self._fields_changed)
        self.server.textEdited.connect(self._follow_typed_url)
        self.test_button.clicked.connect(self.test_connection)
        self.join_button.clicked.connect(self.join)
        self.cancel_button.clicked.connect(self.reject)

    def show_keyring(self, available: bool) -> None:
        """Offer to save the password in the system keyring, or say it is asked each time (no keyring)."""
        self.keyring_ok = available
        self.remember.setEnabled(available)
        self.remember.setChecked(available)
        if available:
            self.keyring_note.setText(self.tr("The password is never written to a file."))
        else:
            self.keyring_note.setText(
                self.tr(
                    "This computer has no system keyring, so the password cannot be saved: it is asked each time "
                    "the app starts (kept in memory only)."
                )
            )
        fit_height_to_content(self)  # the note may be three lines where the first was one

    # --- what the fields say ----------------------------------------------------------------------------------
    def address(self) -> tuple[str, str]:
        """(URL without password, password) from the fields; SyncError when the address is not one."""
        typed = join_address(
            self.server.text(),
            port=self.port_number(),
            database=self.database.text(),
            user=self.user.text().strip(),
            sslmode=self.ssl.currentData(),
        )
        return typed.url, self.password.text() or typed.password or ""

    def port_number(self) -> int:
        """The port typed (5432, PostgreSQL's, when empty)."""
        return int(self.port.text()) if self.port.text().isdigit() else 5432

    def _follow_typed_url(self, text: str) -> None:
        """A whole URL typed or pasted: its port and database fields stand aside, its user and sslmode show."""
        is_url = text.strip().lower().startswith(("postgresql://", "postgres://"))
        self.port.setEnabled(not is_url)
        self.database.setEnabled(not is_url)
        if is_url:
            index = self.ssl.findData(sslmode_of(text.strip()))
            if index >= 0:
                self.ssl.setCurrentIndex(index)
            user = user_of(text.strip())
            if user:
                self.user.setText(user)

    def _fields(self) -> tuple:
        return (
            self.server.text(),
            self.port.text(),
            self.database.text(),
            self.user.text(),
            self.password.text(),
            self.ssl.currentData(),
        )

    def _fields_changed(self) -> None:
        if self._probed_for is not None and self._probed_for != self._fields():
            self.probe, self._probed_for = None, None
            self.result_label.clear()
        self._enable()

    def _enable(self) -> None:
        busy = self._tasks.busy("probe")
        filled = bool(self.server.text().strip())
        for widget in (self.test_button, self.join_button):
            widget.setEnabled(filled and not busy)

    # --- trying the server ------------------------------------------------------------------------------------
    def test_connection(self) -> None:
        """Try the server in a worker; the result line says what it found or why it refused."""
        self._join_after_probe = False
        self._start_probe()

    def join(self) -> None:
        """Try the server (unless just tried), then hand over to the window's sync."""
        if self.probe is not None and self._probed_for == self._fields():
            self._hand_over()
            return
        self._join_after_probe = True
        self._start_probe()

    def _start_probe(self) -> None:
        try:
            url, password = self.address()
        except SyncError as error:
            self._show_failure(error)
            return
        self.result_label.setText(self.tr("Connecting to the server…"))
        fit_height_to_content(self)
        fields = self._fields()
        library = self.library
        self._tasks.run(
            lambda: library.probe_server(url, password or None),
            lambda found: self._show_probe(found, fields),
            self._show_failure,
            key="probe",
        )
        self._enable()

    def _show_probe(self, found: ServerProbe, fields: tuple) -> None:
        self.probe, self._probed_for = found, fields
        role = self.tr("administrator (may import and edit)") if found.is_admin else self.tr("read-only")
        connected = self.tr("Connected as %1: %2.").replace("%1", found.user).replace("%2", role)
        holds = self.tr("Library “%1”: %Ln resources.", "", found.resources).replace("%1", found.library_name)
        self.result_label.setText(f"{connected}\n{holds}")
        self.explanation.setText(self._explain(self._local_count))
        fit_height_to_content(self)
        self._enable()
        if self._join_after_probe:
            self._hand_over()

    def _show_failure(self, error: BaseException) -> None:
        self.probe, self._probed_for, self._join_after_probe = None, None, False
        if isinstance(error, SyncError):
            kind = "unreachable" if isinstance(error, ServerUnreachable) else error.kind
            meaning = _REFUSALS.get(kind)
            headline = self.tr(meaning) if meaning else self.tr("The server refused the connection.")
            self.result_label.setText(f"{headline}\n{error}")
        else:
            self.result_label.setText(failure_text(error))
        fit_height_to_content(self)
        self._enable()

    def _hand_over(self) -> None:
        url, password = self.address()
        self.joinRequested.emit(url, password, self.remember.isChecked())
        self.accept()

    # --- what joining does to this library --------------------------------------------------------------------
    def _show_local_count(self, count: int) -> None:
        self._local_count = count
        self.explanation.setText(self._explain(count))
        fit_height_to_content(self)

    def _explain(self, local: int | None) -> str:
        intro = self.tr(
            "This library becomes a copy of the organisation's library: the server's resources "
            "arrive here, stay usable offline, and the app keeps them up to date."
        )
        if not local:
            return intro
        return (
            intro
            + " "
            + self.tr(
                "The %Ln resources already in this library stay on this computer and are not uploaded. Where the "
                "server has the same resource, fields changed on only one side are kept; a field changed on both "
                "shows the server's value and waits in Sync → Conflicts with yours. A copy of the library as it "
                "is now is kept beside it (.before-join.bak).",
                "",
                local,
            )
        )
