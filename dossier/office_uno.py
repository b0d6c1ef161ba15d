"""Run by LibreOffice's Python (``python3-uno``), not by dossier's: documents to PDF, indexes updated.

    python3 office_uno.py SOFFICE PROFILE_URL OUTDIR FILE.docx ...

Starts a private headless LibreOffice, opens each document hidden, updates its tables of contents
(twice: the first update can move headings to other pages) and its fields, and exports a PDF of
the same stem into OUTDIR. Standard library and ``uno`` only: this file must not import dossier.
"""

import os
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def _prop(name, value):
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _connect(pipe, proc, seconds=90.0):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + seconds
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def convert(desktop, path, outdir):
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True),))
    try:
        indexes = doc.getDocumentIndexes()
        for _ in range(2):
            for i in range(indexes.getCount()):
                indexes.getByIndex(i).update()
            doc.getTextFields().refresh()
        stem = os.path.splitext(os.path.basename(path))[0]
        target = uno.systemPathToFileUrl(os.path.join(os.path.abspath(outdir), stem + ".pdf"))
        doc.storeToURL(target, (_prop("FilterName", "writer_pdf_Export"),))
    finally:
        doc.close(True)


def main(argv):
    soffice, profile, outdir, *files = argv
    pipe = f"dossier-{os.getpid()}"
    command = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--invisible",
        "--nologo",
        "--norestore",
        "--nodefault",
        f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
    ]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = _connect(pipe, proc)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        for path in files:
            convert(desktop, path, outdir)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge closes as LibreOffice quits
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
