"""dossier: CDE communication-meeting packages for cell and gene therapy products."""

__version__ = "0.1.0"
