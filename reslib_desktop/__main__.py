"""`python -m reslib_desktop` opens the desktop window."""

from reslib_desktop.gui.app import main

if __name__ == "__main__":
    raise SystemExit(main())
