"""Portable libraries: a zip of resources, their cached attachment files and a manifest of hashes."""

from reslib_desktop.bundle.reader import BundleImport, import_bundle
from reslib_desktop.bundle.safety import BundleError, BundleLimits
from reslib_desktop.bundle.writer import BundleExport, LeftOut, export_bundle

__all__ = [
    "BundleError", "BundleExport", "BundleImport", "BundleLimits", "LeftOut", "export_bundle", "import_bundle",
]
