"""`reslib-desktop`: opens the main window on a library."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from reslib_desktop import __version__

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from reslib_desktop.gui.crash_log import CrashReporter


def keep_start_up_out_of_collections() -> None:
    """Exclude every object alive once the window is up (modules, classes, widgets: ~140,000, nearly all
    kept until the app quits) from the cyclic garbage collector's full collections, which otherwise rescan
    them on the GUI thread for ~50 ms each time, a stall while typing or scrolling. Reference counting still
    frees them; only a reference cycle among them would now be kept until exit."""
    import gc

    import reslib_desktop.collector  # noqa: F401  (reads what Python froze itself, before this freezes more)

    gc.freeze()


def _parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="reslib-desktop", description="Browse a resource library.")
    parser.add_argument("--version", action="version", version=f"reslib-desktop {__version__}")
    parser.add_argument("--db", metavar="PATH", help="library file (default: $RESLIB_DB, else your library)")
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="offline attachment cache (default: $RESLIB_CACHE_DIR, else your cache folder)",
    )
    parser.add_argument("--self-test", action="store_true", help="check the app works (window, search, PDF rendering) "
                        "on a temporary copy of the bundled library, then exit")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Open the window; returns the process exit code."""
    args = _parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.self_test:
        from reslib_desktop.gui.self_test import run as run_self_test

        return run_self_test()
    from PySide6.QtWidgets import QApplication

    # instance() is typed QCoreApplication; this process only ever creates a QApplication.
    app = cast("QApplication", QApplication.instance()) or QApplication(sys.argv[:1])
    app.setApplicationName("reslib-desktop")
    app.setOrganizationName("reslib")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.reslib.ReslibDesktop")  # Wayland: match the window to its menu entry
    from reslib_desktop.gui.settings_store import (
        app_settings,
        apply_preferences,
        load_preferences,
    )

    settings = app_settings()
    preferences = load_preferences(settings)
    apply_preferences(app, preferences)  # theme and text size, before any widget exists
    from reslib_desktop.gui.i18n import install_language

    install_language(app, preferences.language)
    crash_reporter = install_crash_reporting()
    try:
        return _run_window(app, args, settings, crash_reporter)
    finally:
        if crash_reporter is not None:
            crash_reporter.uninstall()


def install_crash_reporting() -> CrashReporter | None:
    """Log unexpected errors (and fatal crashes) in the user's data folder and show them in the error dialog."""
    from reslib_desktop.gui.crash_log import install
    from reslib_desktop.paths import log_dir

    return install(log_dir())


def explain_library_errors(reporter: CrashReporter | None, path: Path) -> None:
    """Let the crash dialog say in one line what a storage error means (full disk, read-only, damaged index)."""
    if reporter is None:
        return
    import shlex

    from reslib_desktop.library import failure_line

    rebuild = f"reslib --db {shlex.quote(str(path))} db rebuild-index"
    reporter.explain = lambda error: failure_line(error, path, rebuild)


def _run_window(
    app: QApplication, args: argparse.Namespace, settings: QSettings, crash_reporter: CrashReporter | None
) -> int:
    from reslib_desktop.gui.library_upgrade import open_library
    from reslib_desktop.library import LibraryError
    from reslib_desktop.paths import resolve_db

    try:
        path, _explicit = resolve_db(args.db)
        explain_library_errors(crash_reporter, path)
        library = open_library(path)
    except (LibraryError, OSError) as error:
        from reslib_desktop.gui.error_dialog import show_error

        print(f"reslib-desktop: {error}", file=sys.stderr)
        show_error(None, "reslib-desktop", app.translate("App", "The library could not be opened."), str(error))
        return 1
    from reslib_desktop.gui.assemble import assemble_window
    from reslib_desktop.paths import cache_dir

    assembled = assemble_window(library, library.offline_service(cache_dir(args.cache_dir)), settings)
    assembled.window.show()
    keep_start_up_out_of_collections()
    code = app.exec()
    from reslib_desktop.gui.task_runner import wait_for_all

    wait_for_all(10_000)  # background tasks finish before the library they use is closed
    library.close()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
