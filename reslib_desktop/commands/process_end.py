"""What a command leaves to the end of the process instead of freeing it itself.

`reslib` (cli.run_and_exit) ends its process without the interpreter's teardown; a large structure
kept here is then never freed one object at a time (an import's preview of 100,000 records takes
~0.3 s to free): the operating system takes the memory back at once. Called in-process (tests, the
GUI), nothing is kept.
"""

from __future__ import annotations

_kept: list[object] = []
_ends_without_teardown = False


def end_without_teardown() -> None:
    """Say that this process ends with os._exit once the command returns."""
    global _ends_without_teardown
    _ends_without_teardown = True


def keep_until_exit(value: object) -> None:
    """Hold `value` until the process ends, when it ends without teardown; otherwise do nothing."""
    if _ends_without_teardown:
        _kept.append(value)
