"""Text in and out: staff Markdown, public form validation and messages, spreadsheets, places.

``markdown``: staff-written Markdown to sanitized HTML (one renderer for every app).
``validators`` and ``plain_errors``: what public forms accept, and errors in plain words.
``spreadsheets``: CSV cells that a spreadsheet opens as text, never as a formula.
``us_states``: U.S. states, DC and territories with their names.
"""
