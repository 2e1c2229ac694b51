"""The report renderers: text, JSON and Markdown (:mod:`~ppsp.io.reports.text`), one HTML page
(``ppsp.io.reports.html``, with :mod:`~ppsp.io.reports.evidence`), an Excel workbook
(:mod:`~ppsp.io.reports.xlsx`), and the traceability of a report as data
(:mod:`~ppsp.io.reports.traceability`).
"""
