"""Spreadsheets in and out: the cells of a file (:mod:`~ppsp.io.sheets.workbook`,
:mod:`~ppsp.io.sheets.sheet_scan`, :mod:`~ppsp.io.sheets.cells`), the tables on a sheet
(:mod:`~ppsp.io.sheets.tables`), which layout a sheet holds (:mod:`~ppsp.io.sheets.recognise`)
and how its rows become a document (:mod:`~ppsp.io.sheets.layouts`), a region's folder
(:mod:`~ppsp.io.sheets.importer`), and back out (:mod:`~ppsp.io.sheets.export`,
:mod:`~ppsp.io.sheets.frames`), with the official code lists
(:mod:`~ppsp.io.sheets.codelists`).

Spreadsheet libraries load inside the functions that read or write a file.
"""
