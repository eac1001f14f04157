"""Find the small functions each app offers to the project.

Apps never import each other. What crosses apps (search results, dashboard
counts, sitemap sections, demo content) is gathered here: each project app may
have a module with an agreed name (``search.py``, ``dashboard.py``,
``sitemaps.py``, ``demo.py``) and this helper imports whichever exist.
"""

from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.conf import settings

from rescue_restore.web.page_dependencies import depends_on


def app_modules(module_name: str) -> Iterator[tuple[str, ModuleType]]:
    """Yield ``(app_label, module)`` for each project app that has the module.

    A page rendered with what an app offers (search results, related items) shows
    that app's content: the page cache is told (``depends_on(app_label)``).
    """
    for app in settings.PROJECT_APPS:
        dotted = f"{app}.{module_name}"
        if find_spec(dotted) is not None:
            depends_on(app)
            yield app, import_module(dotted)
