"""Entry script of the frozen app (PyInstaller): the same as the `reslib-desktop` command."""

from reslib_desktop.gui.app import main

if __name__ == "__main__":
    raise SystemExit(main())
