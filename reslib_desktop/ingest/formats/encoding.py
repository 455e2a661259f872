"""Decoding a text file line by line: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252.

Spreadsheets save CSV as UTF-8, UTF-8 with a BOM, or the Windows code page;
a file that mixes the two (rows pasted from different sources) is refused,
naming a line of each kind, rather than read with some rows garbled.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from reslib_desktop.ingest.limits import count
from reslib_desktop.ingest.problems import ImportFormatError
from reslib_desktop.ingest.record import SourceLocation

MAX_LINE_BYTES = 16 * 1024 * 1024
# C0 control bytes that never appear in text (tab, line feed, vertical tab, form feed and carriage return can).
_BINARY_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13))


def _has_binary_controls(line: bytes) -> bool:
    return len(line.translate(None, _BINARY_CONTROLS)) != len(line)


@dataclass
class DecodedLines:
    """Iterates the decoded lines (line ends kept); `encoding` says what was found so far."""

    raw: BinaryIO
    file_name: str
    encoding: str = "ascii"
    _first_utf8_line: int | None = field(default=None, repr=False)
    _first_cp1252_line: int | None = field(default=None, repr=False)

    def __iter__(self) -> Iterator[str]:
        head = self.raw.read(4)
        if head.startswith(codecs.BOM_UTF8):
            self.encoding = "utf-8-sig"
            rest = io.BufferedReader(_Prefixed(head[3:], self.raw))
            yield from self._strict(rest, "utf-8")
            return
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            self.encoding = "utf-16"
            yield from self._utf16(io.BufferedReader(_Prefixed(head, self.raw)))
            return
        yield from self._detect(io.BufferedReader(_Prefixed(head, self.raw)))

    def _lines(self, raw: BinaryIO) -> Iterator[tuple[int, bytes]]:
        """Numbered lines ending in LF, CRLF or a bare CR (old Mac files), ends kept."""
        number = 0
        while True:
            chunk = raw.readline(MAX_LINE_BYTES + 1)
            if not chunk:
                return
            if len(chunk) > MAX_LINE_BYTES:
                raise self._error(
                    number + 1,
                    f"the line is longer than {count(MAX_LINE_BYTES)} bytes (a cell or row too large to import)",
                )
            lines = chunk.splitlines(keepends=True) if b"\r" in chunk else [chunk]  # CRLF stays one line
            for line in lines:
                number += 1
                if _has_binary_controls(line):
                    raise self._error(number, "binary data (control characters): not a text file")
                yield number, line

    def _error(self, line: int, message: str) -> ImportFormatError:
        return ImportFormatError(SourceLocation(self.file_name, line=line), message)

    def _strict(self, raw: BinaryIO, encoding: str) -> Iterator[str]:
        for number, line in self._lines(raw):
            try:
                yield line.decode(encoding)
            except UnicodeDecodeError:
                raise self._error(number, "not UTF-8 text although the file starts with a UTF-8 mark") from None

    def _utf16(self, raw: BinaryIO) -> Iterator[str]:
        text = io.TextIOWrapper(raw, encoding="utf-16", newline="")
        number = 0
        try:
            for line in text:
                number += 1
                if _has_binary_controls(line.encode("utf-8", "replace")):
                    raise self._error(number, "binary data (control characters): not a text file")
                yield line
        except UnicodeDecodeError:
            raise self._error(number + 1, "not UTF-16 text although the file starts with a UTF-16 mark") from None

    def _detect(self, raw: BinaryIO) -> Iterator[str]:
        for number, line in self._lines(raw):
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                yield self._windows_line(number, line)
                continue
            if not text.isascii():
                if self._first_cp1252_line is not None:
                    raise self._mixed(number, self._first_cp1252_line)
                if self._first_utf8_line is None:
                    self._first_utf8_line = number
                    self.encoding = "utf-8"
            yield text

    def _windows_line(self, number: int, line: bytes) -> str:
        if self._first_utf8_line is not None:
            raise self._mixed(self._first_utf8_line, number)
        try:
            text = line.decode("cp1252")
        except UnicodeDecodeError:
            raise self._error(number, "neither UTF-8 nor Windows-1252 text: save the file as UTF-8") from None
        if self._first_cp1252_line is None:
            self._first_cp1252_line = number
            self.encoding = "cp1252"
        return text

    def _mixed(self, utf8_line: int, other_line: int) -> ImportFormatError:
        return self._error(
            max(utf8_line, other_line),
            f"the file mixes encodings: line {utf8_line} is UTF-8 but line {other_line} is not; "
            "save the whole file as UTF-8",
        )


class _Prefixed(io.RawIOBase):
    """A raw stream that first returns some bytes already read."""

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        self._prefix = prefix
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            size = min(len(buffer), len(self._prefix))
            buffer[:size] = self._prefix[:size]
            self._prefix = self._prefix[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
