"""Report writers: one content model (``content``), several renderers (docx, Markdown, xlsx, charts, PDF)."""
