"""The window's language: which one to speak, the translators that speak it, dates and numbers in it.

`install_language(app, preference)` picks the language (the system's when the preference is
"system", else "en" or "es"), makes it QLocale's default (numbers, month names) and installs
Qt's own translation (standard buttons) and ours (for English only its plural forms). Our `.qm`
comes from the bundle when the build compiled one, else it is compiled from `translations/reslib_<lang>.ts` with the
`lrelease` of the PySide6 wheel into the user cache folder, once per change of the `.ts`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from platformdirs import user_cache_dir
from PySide6.QtCore import QCoreApplication, QDate, QLibraryInfo, QLocale, QTranslator

LANGUAGES: tuple[str, ...] = ("system", "en", "es")  # the Settings choices
TRANSLATED: tuple[str, ...] = ("es",)  # languages with a translations/reslib_<lang>.ts
SOURCE_LANGUAGE = "en"
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
_INSTALLED = "reslib_translators"  # application property keeping the translators alive


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # the name lupdate looks for
    """Mark `source` for translation in `context` without translating it now (typed, unlike PySide's)."""
    return source


def translate(context: str, source: str, n: int = -1) -> str:
    """`source` in the window's language (`n` picks the plural form and replaces %n)."""
    return QCoreApplication.translate(context, source, None, n)


# --- which language ------------------------------------------------------------------------------
def resolve_language(preference: str, system: QLocale | None = None) -> str:
    """The language to show: the preference, or for "system" the first of the system's UI
    languages we have (English when none)."""
    if preference in TRANSLATED or preference == SOURCE_LANGUAGE:
        return preference
    for name in (system or QLocale.system()).uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code == SOURCE_LANGUAGE or code in TRANSLATED:
            return code
    return SOURCE_LANGUAGE


def locale_for(language: str, system: QLocale | None = None) -> QLocale:
    """The system's locale when it speaks `language` (its own number and date habits), else the language's."""
    system = system or QLocale.system()
    if QLocale.languageToCode(system.language()) == language:
        return system
    return QLocale(language)


# --- compiled translations -----------------------------------------------------------------------
def lrelease_path() -> Path | None:
    """The `lrelease` shipped in the PySide6 wheel (None in a frozen build, which ships .qm files)."""
    import PySide6

    folder = Path(PySide6.__file__).resolve().parent
    for candidate in (folder / "lrelease", folder / "lrelease.exe", folder / "Qt" / "bin" / "lrelease"):
        if candidate.is_file():
            return candidate
    return None


def compile_ts(ts: Path, qm: Path) -> None:
    """Compile `ts` into `qm` with lrelease, written whole or not at all."""
    tool = lrelease_path()
    if tool is None:
        raise FileNotFoundError("lrelease is not in the PySide6 package")
    qm.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=qm.name + ".", suffix=".part", dir=qm.parent)
    os.close(handle)
    try:
        subprocess.run([str(tool), "-silent", str(ts), "-qm", partial], check=True, capture_output=True, timeout=60)
        os.replace(partial, qm)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)


def compiled_cache_dir() -> Path:
    return Path(user_cache_dir("reslib-desktop", appauthor=False)) / "translations"


def qm_file(language: str, translations: Path = TRANSLATIONS_DIR, cache: Path | None = None) -> Path | None:
    """Our compiled translation for `language`: the bundle's when current, else one compiled into
    the cache when missing or older than its `.ts`; None when there is none."""
    ts, bundled = translations / f"reslib_{language}.ts", translations / f"reslib_{language}.qm"
    if bundled.is_file() and (not ts.is_file() or bundled.stat().st_mtime >= ts.stat().st_mtime):
        return bundled
    if not ts.is_file():
        return None
    cached = (cache or compiled_cache_dir()) / bundled.name
    written = ts.stat().st_mtime
    if not cached.is_file() or cached.stat().st_mtime < written:
        try:
            compile_ts(ts, cached)
            if cached.stat().st_mtime < written:  # a .ts dated in the future: compile it once, not every start
                os.utime(cached, (written, written))
        except (OSError, subprocess.SubprocessError) as error:
            print(f"reslib-desktop: could not compile {ts}: {error}", file=sys.stderr)
            return None
    return cached


def qt_translation_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install_language(app: QCoreApplication, preference: str = "system", cache: Path | None = None) -> str:
    """Speak the preferred language from now on (call before widgets exist); returns its code.
    English loads only its plural forms ("1 resource", "2 resources"); `cache` is where a
    `.ts` is compiled (default: the user cache folder)."""
    for old in app.property(_INSTALLED) or []:
        app.removeTranslator(old)
    language = resolve_language(preference)
    QLocale.setDefault(locale_for(language))
    translators: list[QTranslator] = []
    if language != SOURCE_LANGUAGE:
        qt_own = QTranslator(app)
        if qt_own.load(f"qtbase_{language}", qt_translation_dir()):
            translators.append(qt_own)
    ours = QTranslator(app)
    path = qm_file(language, cache=cache)
    if path is not None and ours.load(str(path)):
        translators.append(ours)
    for translator in translators:
        app.installTranslator(translator)
    app.setProperty(_INSTALLED, translators)
    return language


# --- the library's own vocabulary ---------------------------------------------------------------
TYPE_TEXTS = {  # vocabulary.TYPE_LABELS, marked for translation (the core never imports Qt)
    "report": QT_TRANSLATE_NOOP("Vocabulary", "Report"),
    "fact_sheet": QT_TRANSLATE_NOOP("Vocabulary", "Fact sheet"),
    "policy_and_guidance": QT_TRANSLATE_NOOP("Vocabulary", "Policy and guidance"),
    "brief": QT_TRANSLATE_NOOP("Vocabulary", "Brief"),
    "toolkit": QT_TRANSLATE_NOOP("Vocabulary", "Toolkit"),
    "campaign_materials": QT_TRANSLATE_NOOP("Vocabulary", "Campaign materials"),
    "state_letter": QT_TRANSLATE_NOOP("Vocabulary", "State letter"),
    "training": QT_TRANSLATE_NOOP("Vocabulary", "Training"),
    "webinar": QT_TRANSLATE_NOOP("Vocabulary", "Webinar"),
    "infographic": QT_TRANSLATE_NOOP("Vocabulary", "Infographic"),
    "": QT_TRANSLATE_NOOP("Vocabulary", "Unspecified"),
}


def type_text(value: str | None) -> str:
    """A resource type as the window shows it: the canonical types in the window's language,
    a type only this library has as the library spells it."""
    from reslib_desktop.library import type_label

    if (value or "") in TYPE_TEXTS:
        return translate("Vocabulary", TYPE_TEXTS[value or ""])
    return type_label(value)


# --- dates and numbers ---------------------------------------------------------------------------
def local_number(value: int) -> str:
    """An integer with the language's digit grouping ('1,234' / '1234' or '1.234')."""
    return QLocale().toString(int(value))


def local_date(value: date | None, precision: str, short: bool = False) -> str:
    """A date at its precision ('2016', 'September 2020', '11 de noviembre de 2022') in the
    window's language; `short` abbreviates the month (tables)."""
    if value is None or precision not in ("day", "month", "year"):
        return ""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        form = (QCoreApplication.translate("Dates", "MMM yyyy", "month and year, short month name (Qt date format)")
                if short else QCoreApplication.translate("Dates", "MMMM yyyy", "month and year (Qt date format)"))
    else:
        form = (QCoreApplication.translate("Dates", "MMM d, yyyy", "a day, short month name (Qt date format)")
                if short else QCoreApplication.translate("Dates", "MMMM d, yyyy", "a day (Qt date format)"))
    return QLocale().toString(QDate(value.year, value.month, value.day), form)
