"""Appearance: system / light / dark palettes, a focus frame always drawn, text size, WCAG contrast.

`apply_theme(app, "dark")` switches palette and style at run time;
`apply_text_size(app, 150)` scales the application font from the size it had
at start. Light and dark use Fusion (the style that honours a palette
everywhere); "system" keeps the platform's own style and palette. In every
theme a proxy style draws keyboard focus as a solid 2-pixel frame.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QTableView,
    QWidget,
)

from reslib_desktop.gui.icons import icon

THEMES: tuple[str, ...] = ("system", "light", "dark")
TEXT_SIZES: tuple[int, ...] = (100, 125, 150)
FOCUS_WIDTH = 2

_CR = QPalette.ColorRole
_LIGHT = {
    _CR.Window: "#f4f4f5", _CR.WindowText: "#1b1b1f", _CR.Base: "#ffffff", _CR.AlternateBase: "#eef2f7",
    _CR.Text: "#1b1b1f", _CR.Button: "#e6e7ea", _CR.ButtonText: "#1b1b1f", _CR.BrightText: "#ffffff",
    _CR.Highlight: "#0b57d0", _CR.HighlightedText: "#ffffff", _CR.PlaceholderText: "#5b5e66",
    _CR.Link: "#0b57d0", _CR.LinkVisited: "#6b2fa3", _CR.ToolTipBase: "#fffbe6", _CR.ToolTipText: "#1b1b1f",
    _CR.Light: "#ffffff", _CR.Midlight: "#dcdde1", _CR.Mid: "#a3a6ad", _CR.Dark: "#6e717a", _CR.Shadow: "#3c3e44",
    _CR.Accent: "#0b57d0",
}
_DARK = {
    _CR.Window: "#202124", _CR.WindowText: "#e8eaed", _CR.Base: "#17181a", _CR.AlternateBase: "#24262a",
    _CR.Text: "#e8eaed", _CR.Button: "#2e3135", _CR.ButtonText: "#e8eaed", _CR.BrightText: "#ffffff",
    _CR.Highlight: "#1d5fc4", _CR.HighlightedText: "#ffffff", _CR.PlaceholderText: "#a2a6ad",
    _CR.Link: "#8ab4f8", _CR.LinkVisited: "#c9a3f5", _CR.ToolTipBase: "#3a3d42", _CR.ToolTipText: "#f1f3f4",
    _CR.Light: "#4a4e54", _CR.Midlight: "#3a3d42", _CR.Mid: "#5f636a", _CR.Dark: "#101113", _CR.Shadow: "#000000",
    _CR.Accent: "#1d5fc4",
}
_DISABLED_TEXT = {"light": "#7c7f87", "dark": "#8a8e95"}
#: The focus frame: at least 3:1 against Window, Base and Button (WCAG 2.2 non-text contrast).
FOCUS_COLORS = {"light": "#0b57d0", "dark": "#8ab4f8"}
#: Error text, a dark red for light windows and a light red for dark ones: 4.5:1 or more on each (WCAG 1.4.3).
ERROR_COLORS = ("#b3261e", "#f28b82")
TEXT_CONTRAST = 4.5


# --- contrast --------------------------------------------------------------------------------------
def relative_luminance(color: QColor) -> float:
    """WCAG 2.x relative luminance of an opaque colour (0 black … 1 white)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio between two colours (1 … 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


TEXT_PAIRS: tuple[tuple[QPalette.ColorRole, QPalette.ColorRole], ...] = (
    (_CR.WindowText, _CR.Window), (_CR.Text, _CR.Base), (_CR.Text, _CR.AlternateBase),
    (_CR.ButtonText, _CR.Button), (_CR.HighlightedText, _CR.Highlight), (_CR.PlaceholderText, _CR.Base),
    (_CR.Link, _CR.Base), (_CR.LinkVisited, _CR.Base), (_CR.ToolTipText, _CR.ToolTipBase),
)


def contrast_report(palette: QPalette) -> dict[str, float]:
    """Contrast of each text/background pair of the active colour group, e.g. {'Text/Base': 17.4}."""
    group = QPalette.ColorGroup.Active
    return {
        f"{fg.name}/{bg.name}": contrast_ratio(palette.color(group, fg), palette.color(group, bg))
        for fg, bg in TEXT_PAIRS
    }


def error_color(palette: QPalette) -> QColor:
    """The colour of error text on `palette`'s window: the red of ERROR_COLORS that stands out more, or the
    window's text colour when neither reaches 4.5:1 (an unusual system palette)."""
    window = palette.color(QPalette.ColorRole.Window)
    red = max((QColor(name) for name in ERROR_COLORS), key=lambda color: contrast_ratio(color, window))
    return red if contrast_ratio(red, window) >= TEXT_CONTRAST else palette.color(QPalette.ColorRole.WindowText)


# --- palettes --------------------------------------------------------------------------------------
def theme_palette(theme: str) -> QPalette:
    """The palette of "light" or "dark" (the same colours when active and inactive)."""
    colors = {"light": _LIGHT, "dark": _DARK}[theme]
    palette = QPalette()
    for role, value in colors.items():
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
            palette.setColor(group, role, QColor(value))
    disabled = QColor(_DISABLED_TEXT[theme])
    for role in (_CR.WindowText, _CR.Text, _CR.ButtonText, _CR.PlaceholderText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    palette.setColor(QPalette.ColorGroup.Disabled, _CR.Highlight, QColor(colors[_CR.Mid]))
    return palette


def light_palette() -> QPalette:
    return theme_palette("light")


def dark_palette() -> QPalette:
    return theme_palette("dark")


# --- the focus frame -------------------------------------------------------------------------------
class FocusFrameStyle(QProxyStyle):
    """A proxy of any style that draws keyboard focus as a solid frame, whatever the style would do.

    Styles often draw focus faintly, or only after a Tab key press; here a
    focused button, field, list, table, tab or text pane always gets a
    `FOCUS_WIDTH` frame in the focus colour (the palette's Highlight when none is given).
    """

    def __init__(
        self, base: QStyle | None = None, focus_color: QColor | None = None, outline_indicators: bool = False
    ) -> None:
        super().__init__(base)
        self.focus_color = focus_color
        self.outline_indicators = outline_indicators  # our light and dark palettes: see _outline_indicator
        self._radio = False

    def _pen(self, option: QStyleOption, background: QColor | None = None) -> QPen:
        color = self.focus_color or option.palette.color(QPalette.ColorRole.Highlight)
        if background is not None and background.isValid() and contrast_ratio(color, background) < 3:
            # e.g. the current cell of a selected row: the frame must stand out from the selection colour
            candidates = (
                option.palette.color(QPalette.ColorRole.HighlightedText),
                option.palette.color(QPalette.ColorRole.Text),
            )
            color = max(candidates, key=lambda candidate: contrast_ratio(candidate, background))
        pen = QPen(color, FOCUS_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        return pen

    def _frame(self, option: QStyleOption, painter: QPainter, background: QColor | None = None) -> None:
        area = QRect(option.rect)
        if area.width() < 2 * FOCUS_WIDTH or area.height() < 2 * FOCUS_WIDTH:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self._pen(option, background))
        half = FOCUS_WIDTH // 2
        painter.drawRect(area.adjusted(half, half, -half - (FOCUS_WIDTH % 2 == 0), -half - (FOCUS_WIDTH % 2 == 0)))
        painter.restore()

    @staticmethod
    def _focused(option: QStyleOption) -> bool:
        return bool(option.state & QStyle.StateFlag.State_HasFocus)

    def _outline_indicator(self, option: QStyleOption, painter: QPainter) -> None:
        """A check box or radio button outline with at least 3:1 contrast against the field it sits in
        (Fusion derives its outline from the window colour: ~1.1:1 on a dark list)."""
        field = option.palette.color(QPalette.ColorRole.Base)
        outline = option.palette.color(QPalette.ColorRole.PlaceholderText)
        if contrast_ratio(outline, field) < 3:
            outline = option.palette.color(QPalette.ColorRole.Text)
        if not option.state & QStyle.StateFlag.State_Enabled:
            outline.setAlphaF(0.6)
        area = QRect(option.rect)
        side = min(area.width(), area.height())
        box = QRect(0, 0, side, side)
        box.moveCenter(area.center())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(outline, 1))
        if self._radio:
            painter.drawEllipse(box.adjusted(1, 1, -1, -1))
        else:
            painter.drawRoundedRect(box.adjusted(0, 0, -1, -1).toRectF().adjusted(0.5, 0.5, -0.5, -0.5), 2, 2)
        painter.restore()

    _INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
                   QStyle.PrimitiveElement.PE_IndicatorRadioButton)

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            self._frame(option, painter, getattr(option, "backgroundColor", None))
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in self._INDICATORS and self.outline_indicators:
            self._radio = element == QStyle.PrimitiveElement.PE_IndicatorRadioButton
            self._outline_indicator(option, painter)
        if element == QStyle.PrimitiveElement.PE_FrameLineEdit and self._focused(option):
            self._frame(option, painter)

    def drawControl(self, element, option, painter, widget=None) -> None:
        super().drawControl(element, option, painter, widget)
        if not self._focused(option):
            return
        if element in (QStyle.ControlElement.CE_PushButton, QStyle.ControlElement.CE_TabBarTab) or (
            element == QStyle.ControlElement.CE_ShapedFrame and isinstance(widget, QAbstractScrollArea)
        ):
            self._frame(option, painter)

    def drawComplexControl(self, control, option, painter, widget=None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox) and self._focused(option):
            self._frame(option, painter)

    _THEMED_ICONS: ClassVar[dict[QStyle.StandardPixmap, str]] = {QStyle.StandardPixmap.SP_TitleBarCloseButton: "close",
                     QStyle.StandardPixmap.SP_DockWidgetCloseButton: "close",
                     QStyle.StandardPixmap.SP_TitleBarNormalButton: "float"}

    def standardIcon(self, standard_icon, option=None, widget=None) -> QIcon:
        """Our palettes: the dock's float and close buttons in the text colour (Fusion's are ~1.5:1 on dark)."""
        name = self._THEMED_ICONS.get(standard_icon) if self.outline_indicators else None
        if name is not None:
            themed = icon(name)
            if not themed.isNull():
                return themed
        return super().standardIcon(standard_icon, option, widget)

    def pixelMetric(self, metric, option=None, widget=None) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_DefaultFrameWidth and isinstance(widget, QAbstractScrollArea):
            return max(value, FOCUS_WIDTH)  # room for the whole focus frame around lists, tables, text
        return value


# --- applying --------------------------------------------------------------------------------------
_START_STYLE = "reslib_start_style"
_START_FONT = "reslib_start_font"
_THEME = "reslib_theme"


def current_theme(app: QApplication) -> str:
    """The theme last applied with `apply_theme` ("system" before any)."""
    value = app.property(_THEME)
    return value if value in THEMES else "system"


def apply_theme(app: QApplication, theme: str) -> None:
    """Switch the whole application to "system", "light" or "dark" (unknown names: "system")."""
    theme = theme if theme in THEMES else "system"
    start_style = app.property(_START_STYLE)
    if not start_style:
        start_style = app.style().name() or "fusion"  # a proxy style has no name of its own
        app.setProperty(_START_STYLE, start_style)
    hints = QGuiApplication.styleHints()
    if theme == "system":
        hints.unsetColorScheme()
        app.setStyle(FocusFrameStyle(QStyleFactory.create(start_style)))
        app.setPalette(QPalette())  # back to the platform's palette
    else:
        hints.setColorScheme(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
        app.setStyle(
            FocusFrameStyle(QStyleFactory.create("Fusion"), QColor(FOCUS_COLORS[theme]), outline_indicators=True)
        )
        app.setPalette(theme_palette(theme))
    app.setProperty(_THEME, theme)


def apply_text_size(app: QApplication, percent: int) -> None:
    """Scale the application font to `percent` of the size it had before the first call."""
    start = app.property(_START_FONT)
    if not isinstance(start, QFont):
        start = QFont(app.font())
        app.setProperty(_START_FONT, start)
    font = QFont(start)
    factor = max(50, min(int(percent), 300)) / 100
    if start.pointSizeF() > 0:
        font.setPointSizeF(start.pointSizeF() * factor)
    else:
        font.setPixelSize(max(1, round(start.pixelSize() * factor)))
    app.setFont(font)
    for window in app.topLevelWidgets():
        for table in window.findChildren(QTableView):
            fit_rows_to_font(table)


def fit_rows_to_font(table: QTableView) -> None:
    """Rows tall enough for the table's current font (after a text size change)."""
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)


def focus_color(widget: QWidget) -> QColor:
    """The colour focus frames are drawn in for this widget."""
    style = widget.style()
    if isinstance(style, FocusFrameStyle) and style.focus_color is not None:
        return QColor(style.focus_color)
    return widget.palette().color(QPalette.ColorRole.Highlight)
