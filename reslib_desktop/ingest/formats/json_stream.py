"""Reading the elements of a JSON list one at a time, with their line numbers, in bounded memory.

The document is a list, or an object whose top-level "resources" key holds the
list. Each element is decoded by the standard library's decoder from a buffer
that is refilled as needed, so a file of a million records never sits in
memory whole, and no element may be larger than `max_item_chars`.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any, BinaryIO, Protocol

from reslib_desktop.ingest.limits import count
from reslib_desktop.ingest.problems import ImportFormatError
from reslib_desktop.ingest.record import SourceLocation

_WHITESPACE = " \t\r\n"
_FIRST_READ = 1 << 20
_NUMBER_CHARS = frozenset("0123456789.eE+-")
_EXPECTED = 'expected a list of resources or {"resources": [...]}'


class TextSource(Protocol):
    """What the reader needs of a text stream: read(n) -> up to n characters, '' at the end."""

    def read(self, size: int, /) -> str: ...


class Utf8Text:
    """A byte stream read as UTF-8 text (a leading BOM dropped), in chunks.

    A byte that is not UTF-8 raises ImportFormatError naming the line it is on (a text wrapper's
    error names none: the error comes from a chunk of unknown position).
    """

    def __init__(self, raw: BinaryIO, file_name: str) -> None:
        self._raw = raw
        self._file_name = file_name
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self._lines_before = 1  # the line the next chunk starts on
        self._ended = False

    def read(self, size: int, /) -> str:
        while not self._ended:
            chunk = self._raw.read(max(size, 1))
            self._ended = not chunk
            try:
                text = self._decoder.decode(chunk, final=self._ended)
            except UnicodeDecodeError as error:
                raise self._bad_byte(error) from None
            self._lines_before += chunk.count(b"\n")
            if text:
                return text
        return ""

    def _bad_byte(self, error: UnicodeDecodeError) -> ImportFormatError:
        # error.object is what the decoder was given: bytes held back from the last chunk (part of a
        # character, never a line feed) and this chunk.
        data = bytes(error.object)
        line = self._lines_before + data.count(b"\n", 0, error.start)
        return ImportFormatError(
            SourceLocation(self._file_name, line=line),
            f"not UTF-8 text (byte 0x{data[error.start]:02X}: {error.reason}): save the file as UTF-8",
        )


class _Buffer:
    """A window on the text with absolute line numbers."""

    def __init__(self, stream: TextSource, file_name: str, max_item_chars: int, read_size: int) -> None:
        self.stream = stream
        self.read_size = read_size
        self.file_name = file_name
        self.max_item_chars = max_item_chars
        self.text = ""
        self.pos = 0
        self.eof = False
        self._line = 1  # the line number at self._counted
        self._counted = 0
        self._offset = 0  # where the window starts in the whole text
        self._newline_before = -1  # the last newline before the window, in the whole text

    def line_at(self, pos: int) -> int:
        if pos < self._counted:  # only after an error: count from the window's start
            return self._line - self.text.count("\n", pos, self._counted)
        self._line += self.text.count("\n", self._counted, pos)
        self._counted = pos
        return self._line

    def column_at(self, pos: int) -> int:
        newline = self.text.rfind("\n", 0, pos)
        if newline >= 0:
            return pos - newline
        return self._offset + pos - self._newline_before

    def fail(self, pos: int, message: str) -> ImportFormatError:
        line = self.line_at(min(pos, len(self.text)))
        return ImportFormatError(SourceLocation(self.file_name, line=line), message)

    def read_more(self, at_least: int = 0) -> bool:
        """Append more text (dropping what was consumed); False at the end of the input."""
        if self.eof:
            return False
        try:
            chunk = self.stream.read(max(at_least, self.read_size))
        except UnicodeDecodeError as error:
            raise self.fail(len(self.text), f"not UTF-8 text ({error.reason})") from None
        if not chunk:
            self.eof = True  # the window stays as it is: error positions still refer to it
            return False
        if self.pos > 0:
            self.line_at(self.pos)
            newline = self.text.rfind("\n", 0, self.pos)
            if newline >= 0:
                self._newline_before = self._offset + newline
            self._offset += self.pos
            self.text = self.text[self.pos :]
            self._counted -= self.pos
            self.pos = 0
        self.text += chunk
        return True

    def peek(self) -> str | None:
        """The next character that is not whitespace (not consumed), None at the end."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.read_more():
                return None

    def take(self, char: str) -> None:
        found = self.peek()
        if found != char:
            what = "the end of the file" if found is None else repr(found)
            raise self.fail(
                self.pos, f"not valid JSON: expected {char!r}, found {what} (column {self.column_at(self.pos)})"
            )
        self.pos += 1

    def value(self, decoder: json.JSONDecoder, what: str) -> tuple[Any, int]:
        """Decode the value at the cursor; returns it and the line it starts on."""
        self.peek()
        start_line = self.line_at(self.pos)
        while True:
            try:
                value, end = decoder.raw_decode(self.text, self.pos)
            except RecursionError:
                raise ImportFormatError(
                    SourceLocation(self.file_name, line=start_line),
                    f"{what} is nested too deeply (lists or objects inside one another hundreds of levels deep)",
                ) from None
            except json.JSONDecodeError as error:
                if self._grow(what, start_line):
                    continue
                if error.pos >= len(self.text):
                    raise self.fail(error.pos, "not valid JSON: the file ends in the middle of a value") from None
                raise self.fail(
                    error.pos, f"not valid JSON: {error.msg} (column {self.column_at(error.pos)})"
                ) from None
            if (end == len(self.text) or self.text[end] in _NUMBER_CHARS) and self._grow(what, start_line):
                continue  # a number or literal may go on in the next chunk
            self.pos = end
            return value, start_line

    def _grow(self, what: str, start_line: int) -> bool:
        if len(self.text) - self.pos > self.max_item_chars:
            raise ImportFormatError(
                SourceLocation(self.file_name, line=start_line),
                f"{what} is larger than {count(self.max_item_chars)} characters",
            )
        return self.read_more(2 * (len(self.text) - self.pos))


def iter_resource_elements(
    stream: TextSource, file_name: str, max_item_chars: int, read_size: int = _FIRST_READ
) -> Iterator[tuple[Any, int]]:
    """Yield (element, line) for each element of the resource list; ImportFormatError if unreadable."""
    buffer = _Buffer(stream, file_name, max_item_chars, read_size)
    decoder = json.JSONDecoder()
    first = buffer.peek()
    if first is None:
        raise ImportFormatError(SourceLocation(file_name), "the file is empty")
    if first == "[":
        yield from _array(buffer, decoder)
    elif first == "{":
        yield from _resources_of_object(buffer, decoder)
    else:
        buffer.value(decoder, "the top-level value")  # a syntax error is reported as such
        raise ImportFormatError(SourceLocation(file_name, line=1), _EXPECTED)
    if buffer.peek() is not None:
        raise buffer.fail(
            buffer.pos, f"not valid JSON: extra data after the end (column {buffer.column_at(buffer.pos)})"
        )


def _array(buffer: _Buffer, decoder: json.JSONDecoder) -> Iterator[tuple[Any, int]]:
    buffer.take("[")
    if buffer.peek() == "]":
        buffer.pos += 1
        return
    number = 0
    while True:
        number += 1
        yield buffer.value(decoder, f"item {number}")
        following = buffer.peek()
        if following == ",":
            buffer.pos += 1
            if buffer.peek() == "]":
                raise buffer.fail(buffer.pos, "not valid JSON: a ',' before ']' (a trailing comma)")
            continue
        buffer.take("]")
        return


def _resources_of_object(buffer: _Buffer, decoder: json.JSONDecoder) -> Iterator[tuple[Any, int]]:
    buffer.take("{")
    found = False
    if buffer.peek() == "}":
        buffer.pos += 1
    else:
        while True:
            if buffer.peek() != '"':
                raise buffer.fail(buffer.pos, "not valid JSON: expected a key in double quotes")
            key, _ = buffer.value(decoder, "a key")
            buffer.take(":")
            if key == "resources" and not found and buffer.peek() == "[":
                found = True
                yield from _array(buffer, decoder)
            else:
                buffer.value(decoder, f'the value of "{key}"')
            if buffer.peek() == ",":
                buffer.pos += 1
                continue
            buffer.take("}")
            break
    if not found:
        raise ImportFormatError(SourceLocation(buffer.file_name, line=1), _EXPECTED)
