"""What the cyclic garbage collector held frozen when the program started, before it froze anything itself.

Python 3.12 starts with some of its own objects (a few hundred tuples) in the permanent generation; 3.11
and 3.13 start with none. Code that freezes and unfreezes around its own work compares against this, not
against zero, to tell whether someone else froze objects it must not thaw.
"""

from __future__ import annotations

import gc

FROZEN_AT_START = gc.get_freeze_count()


def only_python_froze() -> bool:
    """True when no more objects are frozen than when the program started."""
    return gc.get_freeze_count() <= FROZEN_AT_START
