"""What the page cache must know about the guide (rescue_restore.web.pagecache).

Its addresses carry what a visitor answered in their query strings, so no cache
key may hold them: they are never looked up or stored, in any language.
"""

FORM_PAGES: set[str] = set()
NEVER_CACHED_PATHS = {"/could-this-be-trafficking/"}
