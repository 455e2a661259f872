"""Keep the window's translations in step with its code.

    python packaging/translations.py update            # gui/ strings -> reslib_desktop/translations/reslib_<lang>.ts
    python packaging/translations.py compile [DIR]     # .ts -> .qm (next to the .ts, or into DIR)
    python packaging/translations.py check             # exit 1 if a .ts is stale, unfinished or inconsistent

`update` runs the PySide6 wheel's lupdate over every module of reslib_desktop/gui (obsolete
entries dropped, no line numbers: the files change with every edit otherwise); translate the new
entries with `pyside6-linguist` or any editor. `check` (run by the tests) fails when the code
has strings the .ts lacks or vice versa, an entry is unfinished, or a translation loses a
placeholder (%1, %n) or an accelerator (&).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUI = ROOT / "reslib_desktop" / "gui"
TRANSLATIONS = ROOT / "reslib_desktop" / "translations"
LANGUAGES = ("en", "es")  # English: plural forms only ("%n resources" -> "1 resource")
PLACEHOLDER = re.compile(r"%L?(?:\d+|n)")


def _pyside_tool(name: str) -> Path:
    import PySide6

    folder = Path(PySide6.__file__).resolve().parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "bin" / name):
        if candidate.is_file():
            return candidate
    raise SystemExit(f"translations.py: {name} is not in the PySide6 package at {folder}")


def sources() -> list[Path]:
    """Every GUI module, in a stable order."""
    return sorted(p for p in GUI.rglob("*.py") if "__pycache__" not in p.parts)


def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"reslib_{language}.ts"


def run_lupdate(ts: Path, language: str) -> str:
    """Merge the code's strings into `ts` (created when missing); returns lupdate's summary."""
    files = [str(p.relative_to(ROOT)) for p in sources()]
    command = [str(_pyside_tool("lupdate")), "-no-obsolete", "-locations", "none",
               "-source-language", "en", "-target-language", language, *files, "-ts", str(ts)]
    if language == "en":
        command.insert(1, "-pluralonly")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def update(languages: tuple[str, ...] = LANGUAGES) -> None:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for language in languages:
        print(run_lupdate(ts_path(language), language))


def compile_all(out_dir: Path | None = None, languages: tuple[str, ...] = LANGUAGES) -> list[Path]:
    """lrelease every .ts; returns the .qm files written."""
    written = []
    for language in languages:
        ts = ts_path(language)
        qm = (out_dir or TRANSLATIONS) / f"reslib_{language}.qm"
        qm.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(_pyside_tool("lrelease")), "-silent", str(ts), "-qm", str(qm)], check=True)
        written.append(qm)
    return written


def _texts(element: ET.Element) -> list[str]:
    forms = element.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [element.text or ""]


def problems_in(ts: Path) -> list[str]:
    """What is wrong inside one .ts file: unfinished or obsolete entries, lost placeholders or accelerators."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        if not name.lstrip("_")[:1].isupper():  # `window.tr("…")` gives lupdate the variable's name, Qt the class's
            found.append(f"{ts.name}: context {name!r} is no class name: use QCoreApplication.translate('Class', '…')")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            where = f"{ts.name}: {name}: {source!r}"
            kind = translation.get("type") if translation is not None else "unfinished"
            if translation is None or kind in ("unfinished", "obsolete", "vanished"):
                found.append(f"{where}: {kind or 'missing'}")
                continue
            wanted = set(PLACEHOLDER.findall(source))
            # a plural form may leave the count out ("Delete this resource?"), never another placeholder
            optional = {"%n", "%Ln"} if message.get("numerus") == "yes" else set()
            for text in _texts(translation):
                have = set(PLACEHOLDER.findall(text))
                if not text.strip():
                    found.append(f"{where}: empty translation")
                elif not (wanted - optional <= have <= wanted):
                    found.append(f"{where}: placeholders {sorted(wanted)} became {sorted(have)}")
                elif ("&" in source.replace("&&", "")) != ("&" in text.replace("&&", "")) and "<" not in source:
                    found.append(f"{where}: the accelerator (&) is lost or added in {text!r}")
    return found


def check(languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    """Every problem of the shipped translations (empty when all is well)."""
    found = []
    for language in languages:
        ts = ts_path(language)
        if not ts.is_file():
            found.append(f"{ts}: missing (run: python packaging/translations.py update)")
            continue
        with tempfile.TemporaryDirectory() as scratch:
            fresh = Path(scratch) / ts.name
            shutil.copyfile(ts, fresh)
            run_lupdate(fresh, language)
            if fresh.read_bytes() != ts.read_bytes():
                found.append(f"{ts.name}: out of step with the code (run: python packaging/translations.py update, "
                             "then translate the new entries)")
        found += problems_in(ts)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Update, compile or check the window's translations.")
    parser.add_argument("command", choices=("update", "compile", "check"))
    parser.add_argument("out_dir", nargs="?", type=Path, help="compile: where to write the .qm files")
    args = parser.parse_args(argv)
    if args.command == "update":
        update()
    elif args.command == "compile":
        for qm in compile_all(args.out_dir):
            print(qm)
    else:
        found = check()
        for line in found:
            print(line, file=sys.stderr)
        if found:
            return 1
        print("translations: up to date, every entry translated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
