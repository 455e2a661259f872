"""Errors the store raises; each message is one clear line for a user."""


class LibraryError(Exception):
    """A library cannot be opened or used; the message says which file and why."""


class NewerLibraryError(LibraryError):
    """The file was made by a newer version of the app; it is left untouched."""
