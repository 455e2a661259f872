"""Problems an importer reports: always with a location and a specific message."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from reslib_desktop.ingest.record import ResourceRecord, SourceLocation


class Severity(str, Enum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Problem:
    location: SourceLocation
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message}"


class ImportFormatError(Exception):
    """The input cannot be read at all; carries where and what."""

    def __init__(self, location: SourceLocation, message: str) -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message


@dataclass
class ParseResult:
    records: list[ResourceRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]
