"""The stock Qt approach: every row in a QStandardItemModel, filtered and sorted by proxies.

Columns: title, type, date, topics, description. Facet selections are chained
proxies (type, then topic) under the text proxy, which filters every column
(`setFilterKeyColumn(-1)`), case-insensitively, as a stock app would.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRegularExpression, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from bench.cases import CASES, QueryCase
from bench.timing import measure

TITLE, TYPE, DATE, TOPICS, DESCRIPTION = range(5)
HEADERS = ("Title", "Type", "Date", "Topics", "Description")
DATE_SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE = 200

_ROWS_SQL = """
SELECT r.title, r.resource_type, r.published, r.published_precision, r.published_sort,
       COALESCE((SELECT group_concat(t.name, '; ') FROM resource_topics rt JOIN topics t ON t.id = rt.topic_id
                 WHERE rt.resource_id = r.id), ''),
       r.description
FROM resources r ORDER BY r.published_sort DESC NULLS LAST, r.id DESC
"""


@dataclass
class StockModel:
    model: QStandardItemModel
    type_proxy: QSortFilterProxyModel
    topic_proxy: QSortFilterProxyModel
    proxy: QSortFilterProxyModel  # the text filter; a view shows this one
    load_ms: float


def _proxy(source, column: int) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(source)
    proxy.setFilterKeyColumn(column)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy


def load(db: Path) -> StockModel:
    """Read every resource and fill the model (the stock app's start-up work)."""
    from datetime import date

    from reslib_desktop.ingest.dates import Precision, format_date  # pure: no SQLAlchemy import
    from reslib_desktop.vocabulary import type_label

    started = time.perf_counter()
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = connection.execute(_ROWS_SQL).fetchall()
    connection.close()
    model = QStandardItemModel(len(rows), len(HEADERS))
    model.setHorizontalHeaderLabels(list(HEADERS))
    for number, (title, kind, published, precision, sort_key, topics, description) in enumerate(rows):
        day = date.fromisoformat(published) if published else None
        date_item = QStandardItem(format_date(day, Precision(precision or "unknown")))
        date_item.setData(sort_key or "", DATE_SORT_ROLE)
        model.setItem(number, TITLE, QStandardItem(title))
        model.setItem(number, TYPE, QStandardItem(type_label(kind)))
        model.setItem(number, DATE, date_item)
        model.setItem(number, TOPICS, QStandardItem(topics))
        model.setItem(number, DESCRIPTION, QStandardItem(description))
    stock = StockModel(model, *_chain(model), load_ms=0.0)
    stock.load_ms = (time.perf_counter() - started) * 1000.0
    return stock


def _chain(model: QStandardItemModel) -> tuple[QSortFilterProxyModel, QSortFilterProxyModel, QSortFilterProxyModel]:
    type_proxy = _proxy(model, TYPE)
    topic_proxy = _proxy(type_proxy, TOPICS)
    proxy = _proxy(topic_proxy, -1)
    proxy.rowCount()  # build the proxies' mappings, as a view's first look would
    return type_proxy, topic_proxy, proxy


def _clear(stock: StockModel) -> None:
    """Unfiltered, unsorted proxies. New ones: clearing chained filters costs seconds at 100k."""
    for proxy in (stock.proxy, stock.topic_proxy, stock.type_proxy):
        proxy.setSourceModel(None)
    stock.type_proxy, stock.topic_proxy, stock.proxy = _chain(stock.model)


def _apply(stock: StockModel, case: QueryCase) -> int:
    """Set the case's filters (selections first, then the text) and count the rows."""
    from reslib_desktop.vocabulary import type_label

    for facet, value in case.selections:
        if facet == "type":
            expression = QRegularExpression(
                f"^{QRegularExpression.escape(type_label(value))}$",
                QRegularExpression.PatternOption.CaseInsensitiveOption,
            )
            stock.type_proxy.setFilterRegularExpression(expression)
        elif facet == "topic":
            stock.topic_proxy.setFilterFixedString(value)
    if case.stock_regex:
        stock.proxy.setFilterRegularExpression(
            QRegularExpression(case.stock_pattern, QRegularExpression.PatternOption.CaseInsensitiveOption)
        )
    else:
        stock.proxy.setFilterFixedString(case.stock_pattern)
    return stock.proxy.rowCount()


def filter_latency(stock: StockModel, repeat: int, keys: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Time setting each case's filters + rowCount, from an unfiltered model each run."""
    results: dict[str, Any] = {}
    for case in CASES:
        if keys is not None and case.key not in keys:
            continue
        stats, total = measure(lambda: _apply(stock, case), repeat, warmup=0, before=lambda: _clear(stock))  # noqa: B023 - run now
        results[case.key] = {"total": total, "pattern": case.stock_pattern, "regex": case.stock_regex, **stats}
    _clear(stock)
    return results


def _first_page(proxy: QSortFilterProxyModel) -> int:
    for row in range(min(PAGE, proxy.rowCount())):
        for column in (TITLE, TYPE, DATE):
            proxy.index(row, column).data()
    return proxy.rowCount()


def sort_latency(stock: StockModel, repeat: int, keys: tuple[str, ...] | None = None) -> dict[str, Any]:
    """`proxy.sort(column)` + reading the first page, from an unsorted proxy each run."""
    from bench.search_bench import SORTS

    results: dict[str, Any] = {}
    for sort_name, text in SORTS:
        if keys is not None and f"{sort_name}:{text or '*'}" not in keys:
            continue
        column = TITLE if sort_name == "title" else DATE
        order = Qt.SortOrder.AscendingOrder if sort_name == "title" else Qt.SortOrder.DescendingOrder
        role = Qt.ItemDataRole.DisplayRole if sort_name == "title" else DATE_SORT_ROLE

        # before() and work() run inside this iteration (measure() calls them now): the loop variables are current.
        def before() -> None:
            _clear(stock)
            stock.proxy.setSortRole(role)  # noqa: B023
            stock.proxy.setFilterFixedString(text)  # noqa: B023
            stock.proxy.rowCount()

        def work() -> int:
            stock.proxy.sort(column, order)  # noqa: B023
            return _first_page(stock.proxy)

        stats, total = measure(work, repeat, warmup=0, before=before)
        results[f"{sort_name}:{text or '*'}"] = {"total": total, **stats}
    _clear(stock)
    stock.proxy.setSortRole(Qt.ItemDataRole.DisplayRole)
    return results
