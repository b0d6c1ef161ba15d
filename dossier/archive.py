"""Deterministic zip archives: fixed timestamps, stable order, so the same input gives the same bytes.

Office files (.docx, .xlsx) and the package's own .zip are all zip archives; writing them here
lets packages be diffed and audited.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

_FIRST = "[Content_Types].xml"


def zip_bytes(members: dict[str, bytes], when: dt.date) -> bytes:
    """A zip of ``members`` stamped with ``when``; [Content_Types].xml first, the rest sorted."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(members, key=lambda n: (n != _FIRST, n)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, members[name])
    return out.getvalue()


def members(data: bytes) -> dict[str, bytes]:
    """The entries of a zip held in memory."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return {name: source.read(name) for name in source.namelist()}


def normalise(data: bytes, when: dt.date) -> bytes:
    """Rewrite a zip with fixed timestamps and a stable entry order."""
    return zip_bytes(members(data), when)
