"""PDF: HTML laid out by WeasyPrint; `writer` builds the job, `engine` runs it (or `process`)."""
