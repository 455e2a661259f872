"""Render the app icon (assets/icons/reslib-desktop.svg) to every file packaging needs.

    python packaging/make_icons.py            # rewrite the icons
    python packaging/make_icons.py --check    # exit 1 if any committed icon is missing or out of date

Writes, under assets/icons/:
- hicolor/<N>x<N>/apps/io.github.reslib.ReslibDesktop.png for N in SIZES (the freedesktop
  icon theme layout: copy hicolor/ into /usr/share/icons/ or ~/.local/share/icons/);
- reslib-desktop.ico (Windows: PNG-compressed entries 16..256, for PyInstaller and Inno Setup);
- reslib-desktop.icns (macOS: PNG entries 16..1024, for the .app bundle).

Uses only PySide6 (QSvgRenderer, QImage), offscreen, so it runs anywhere the app does and
gives the same bytes for the same Qt version.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "assets" / "icons"
SOURCE = ICONS / "reslib-desktop.svg"
APP_ID = "io.github.reslib.ReslibDesktop"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size (the @2x types reuse the bigger renderings).
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256), (b"ic09", 512),
    (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256), (b"ic14", 512),
)


def png_path(size: int, icons: Path = ICONS) -> Path:
    return icons / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render_png(renderer, size: int) -> bytes:
    """The SVG drawn on a transparent size x size image, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG"):
        raise RuntimeError(f"could not encode the {size}px icon as PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico with one PNG-compressed entry per size (Windows Vista and later read these)."""
    sizes = [size for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payload = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset + len(payload))
        payload += data
    return header + entries + payload


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns made of PNG elements."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def build(icons: Path = ICONS) -> dict[Path, bytes]:
    """Every output file and its bytes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise RuntimeError(f"{SOURCE} is not an SVG Qt can render")
    wanted = sorted(set(SIZES) | set(ICO_SIZES) | {size for _kind, size in ICNS_TYPES})
    pngs = {size: render_png(renderer, size) for size in wanted}
    files = {png_path(size, icons): pngs[size] for size in SIZES}
    files[icons / "reslib-desktop.ico"] = ico_bytes(pngs)
    files[icons / "reslib-desktop.icns"] = icns_bytes(pngs)
    return files


def ico_pngs(data: bytes) -> list[bytes]:
    """The PNG entries of an .ico made by ico_bytes, in directory order."""
    _reserved, _kind, count = struct.unpack_from("<HHH", data, 0)
    entries = [struct.unpack_from("<BBBBHHII", data, 6 + 16 * index) for index in range(count)]
    return [data[entry[7]:entry[7] + entry[6]] for entry in entries]


def icns_pngs(data: bytes) -> list[bytes]:
    """The PNG elements of an .icns made by icns_bytes, in file order."""
    pngs, offset = [], 8
    while offset + 8 <= len(data):
        (length,) = struct.unpack_from(">I", data, offset + 4)
        pngs.append(data[offset + 8:offset + length])
        offset += max(length, 8)
    return pngs


def pngs_match(committed: bytes, rendered: bytes, tolerance: int = 2) -> bool:
    """True when two PNGs have the same size and no channel differs by more than `tolerance`.

    Qt's antialiasing rounds differently on different CPUs (SIMD paths), so a byte-for-byte
    comparison would call an up-to-date icon stale on another machine.
    """
    from PySide6.QtGui import QImage

    images = []
    for data in (committed, rendered):
        image = QImage()
        if not image.loadFromData(data, "PNG"):
            return False
        images.append(image.convertToFormat(QImage.Format.Format_RGBA8888))
    first, second = images
    if first.size() != second.size():
        return False
    return all(abs(a - b) <= tolerance for a, b in zip(bytes(first.constBits()), bytes(second.constBits())))


def is_current(path: Path, rendered: bytes) -> bool:
    """Whether the committed file at `path` shows what `rendered` shows."""
    if not path.is_file():
        return False
    committed = path.read_bytes()
    if committed == rendered:
        return True
    if path.suffix == ".png":
        return pngs_match(committed, rendered)
    split = ico_pngs if path.suffix == ".ico" else icns_pngs
    try:
        old, new = split(committed), split(rendered)
    except struct.error:
        return False
    return len(old) == len(new) and all(pngs_match(a, b) for a, b in zip(old, new))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the committed icons match the SVG")
    args = parser.parse_args()
    files = build()
    stale = [path for path, data in files.items() if not is_current(path, data)]
    if args.check:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[path])
        print(f"wrote {path.relative_to(ROOT)}")
    if not stale:
        print("icons are up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
