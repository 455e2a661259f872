"""PySide6 6.12.0 on CPython 3.11 drops a reference to None per QComboBox.addItem and dies
("Fatal Python error: none_dealloc"). We pin 6.11; this test tells when a newer pin is safe.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap


def test_adding_ten_thousand_combo_items_exits_cleanly() -> None:
    script = textwrap.dedent(
        """
        from PySide6.QtWidgets import QApplication, QComboBox
        app = QApplication([])
        box = QComboBox()
        for number in range(10_000):
            box.addItem(f"item {number}")
        assert box.count() == 10_000
        print("done")
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "done"
