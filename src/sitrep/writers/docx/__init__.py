"""DOCX: Word templates filled by docxtpl, with runs and footnotes built by sitrep."""
