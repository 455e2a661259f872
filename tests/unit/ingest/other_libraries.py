"""Made-up resource libraries whose records name the listing page they were found on as their `source`.

Each library has its own URL shape; `write_library` writes its 42 records as JSON, CSV, a saved
listing page (HTML) or the page's text (seed text), the four formats a user imports.
"""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass
from pathlib import Path

SUBJECTS = ("Labor Exploitation", "Survivor Housing", "Youth Outreach", "Court Advocacy",
            "Migrant Workers", "Online Recruitment", "Health Screening")
KINDS = ("Toolkit", "Fact Sheet", "Annual Report", "Training Manual", "Policy Brief", "Resource Guide")
MONTHS = ("January", "March", "May", "July", "September", "November")


@dataclass(frozen=True)
class OtherLibrary:
    name: str
    listing: str  # the page every record names as its source
    files: str  # where its PDFs live


LIBRARIES = (
    OtherLibrary("coalition", "https://example.org/library?page=2", "https://example.org/files/"),
    OtherLibrary("ngo", "https://ngo.example/resources/", "https://ngo.example/uploads/"),
    OtherLibrary("institute", "https://x.example/pubs#list", "https://cdn.x.example/pubs/"),
)
FORMATS = ("json", "csv", "html", "seed")


def records_of(library: OtherLibrary, count: int = 42, first: int = 0) -> list[dict]:
    """`count` distinct resources, all found on the library's one listing page."""
    records = []
    for number in range(first, first + count):
        subject, kind = SUBJECTS[number % len(SUBJECTS)], KINDS[(number // len(SUBJECTS)) % len(KINDS)]
        title = f"{subject} {kind}" if number < 42 else f"{subject} {kind} Supplement {number}"
        slug = f"{library.name}-{number:03d}"
        records.append({
            "title": title,
            "date": f"{MONTHS[number % len(MONTHS)]} {2010 + number % 13}",
            "description": f"Guidance from the {library.name} on {subject.lower()} ({kind.lower()}).",
            "source": library.listing,
            "attachments": [{"label": f"{title} (PDF)", "url": f"{library.files}{slug}.pdf"}],
        })
    return records


def write_library(folder: Path, library: OtherLibrary, fmt: str, records: list[dict]) -> Path:
    """The records written in one import format; returns the file."""
    path = folder / f"{library.name}.{ {'seed': 'txt'}.get(fmt, fmt) }"
    if fmt == "json":
        path.write_text(json.dumps(records, indent=1), encoding="utf-8")
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["title", "date", "description", "source", "attachment_labels", "attachment_urls"])
        for r in records:
            a = r["attachments"][0]
            writer.writerow([r["title"], r["date"], r["description"], r["source"], a["label"], a["url"]])
        path.write_text(out.getvalue(), encoding="utf-8")
    elif fmt == "html":
        items = "\n".join(
            f"<article>\n  <h3>{html.escape(r['title'])}</h3>\n  <p class=\"date\">{r['date']}</p>\n"
            f"  <p>{html.escape(r['description'])}</p>\n"
            f"  <p><a href=\"{r['attachments'][0]['url']}\">{html.escape(r['attachments'][0]['label'])}</a></p>\n"
            "</article>"
            for r in records
        )
        path.write_text(
            f'<!DOCTYPE html>\n<html><head><title>Publications</title>\n'
            f'<link rel="canonical" href="{html.escape(library.listing)}"></head>\n'
            f"<body><main>\n<h1>Publications</h1>\n{items}\n</main></body></html>\n",
            encoding="utf-8",
        )
    else:
        blocks = [
            f"{r['title']}\n{r['date']}\n{r['description']}\n{r['attachments'][0]['label']}" for r in records
        ]
        path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return path
