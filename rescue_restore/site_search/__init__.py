"""Search: the site's search page, the per-word filter every search box uses, "did you mean".

``search``: ask each app's ``search.py`` and merge the results, best first.
``text_search``: the accent-insensitive per-word filter (site search, catalog, directory).
``search_suggestions``: a word the site never uses, replaced by the closest one it does.
docs/search.md describes the whole.
"""
