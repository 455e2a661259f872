"""reslib-desktop: an offline-first desktop browser for a library of resources."""

__version__ = "0.1.0"
