"""Cells for CSV files staff open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is read by Excel, LibreOffice or Google Sheets as a formula (CSV
injection: ``=HYPERLINK(...)`` in an organization name). ``safe_cell`` writes
such a cell with a leading single quote, which spreadsheets show as text.
Every export passes every cell through it, since the public typed most of them.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as text, with a leading quote if a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
