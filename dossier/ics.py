"""An iCalendar file (RFC 5545) of a meeting plan: all-day events with stable UIDs.

The UID of an event is derived from the product and the event (and the meeting stage), so
importing a revised plan updates the events a calendar already holds instead of adding copies.
DTSTAMP comes from the product file's date, never the clock, so the same file gives the same
bytes. Lines end in CRLF and are folded at 75 octets without splitting a character.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from dossier.plan import Plan

PRODID = "-//dossier//CDE meeting plan//ZH"
DOMAIN = "dossier.invalid"  # a UID's right-hand side: ours, never a real host


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """A content line folded into pieces of at most 75 octets, joined by CRLF and a space."""
    out, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with one space
        if size + n > limit:
            out.append(current)
            current, size = "", 0
        current += ch
        size += n
    out.append(current)
    return "\r\n ".join(out)


def uid(product: str, stage: str, event_id: str) -> str:
    """A stable UID for one event of one product's meeting at one stage."""
    digest = hashlib.sha256(f"{product}\x1f{stage}\x1f{event_id}".encode()).hexdigest()[:20]
    return f"{digest}-{event_id}@{DOMAIN}"


def sequence(stamp: dt.date) -> int:
    """A revision number that grows with the file's date, so a later plan replaces an earlier one."""
    return max(0, (stamp - dt.date(2000, 1, 1)).days)


def _day(d: dt.date) -> str:
    return d.strftime("%Y%m%d")


def calendar_bytes(p: Plan, lang: str, stamp: dt.date, title: str) -> bytes:
    """The plan as an .ics file."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(title)}",
    ]
    for e in p.events:
        summary = f"{title}：{e.title(lang)}" if lang != "en" else f"{title}: {e.title(lang)}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid(p.product, p.stage, e.id)}",
            f"DTSTAMP:{_day(stamp)}T000000Z",
            f"SEQUENCE:{sequence(stamp)}",
            f"DTSTART;VALUE=DATE:{_day(e.date)}",
            f"DTEND;VALUE=DATE:{_day(e.date + dt.timedelta(days=1))}",
            f"SUMMARY:{escape(summary)}",
        ]
        if e.basis(lang):
            lines.append(f"DESCRIPTION:{escape(e.basis(lang))}")
        lines += [f"CATEGORIES:{escape(e.id)}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
