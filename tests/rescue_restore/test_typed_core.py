"""The typed core: every public function and method in it is annotated.

The modules below are the ones mypy checks strictly (pyproject.toml, [[tool.mypy.overrides]]):
each app's services, the kernel's mechanisms and the views' helpers. A function counts as
annotated when every parameter (bar a method's ``self`` or ``cls``) and its return carry a
type. Every one of them is annotated: there is no list of functions allowed to wait.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

TYPED_CORE = [
    # Each app's domain actions.
    "campaign.services",
    "coalitions.services",
    "listserv.services",
    "materials.services",
    "screening.services",
    "rescue_restore.accounts.services",
    # The kernel's mechanisms.
    "rescue_restore.kernel.workflow",
    "rescue_restore.outbox.mail",
    "rescue_restore.outbox.postmark",
    "rescue_restore.outbox.provider",
    "rescue_restore.web.antiabuse",
    "rescue_restore.web.pagecache",
    "rescue_restore.web.pagecache_tags",
    "rescue_restore.web.pagecache_gzip",
    "rescue_restore.web.sessions",
    "rescue_restore.web.cache_health",
    "rescue_restore.web.form_clock",
    "rescue_restore.web.page_dependencies",
    "rescue_restore.ops.scheduler",
    "rescue_restore.ops.worker",
    "rescue_restore.accounts.admin",
    "rescue_restore.accounts.apps",
    "rescue_restore.accounts.emails",
    "rescue_restore.accounts.forms",
    "rescue_restore.accounts.lockout",
    "rescue_restore.accounts.middleware",
    "rescue_restore.accounts.signals",
    "rescue_restore.accounts.urls",
    "rescue_restore.accounts.views",
    "rescue_restore.kernel.clearance",
    "rescue_restore.kernel.clearance_admin",
    "rescue_restore.kernel.revisions",
    "rescue_restore.kernel.drafts",
    "rescue_restore.kernel.clearance_drafts_admin",
    "rescue_restore.ops.health",
    "rescue_restore.ops.retention",
    "rescue_restore.ops.backups",
    "rescue_restore.site_search.search",
    "rescue_restore.site_search.text_search",
    "rescue_restore.site_search.search_suggestions",
    # Stock, fulfilment and clearance steps: service code that lives beside services.py.
    "materials.stock",
    "materials.fulfilment",
    "materials.forms",
    "materials.models.orders",
    "materials.admin.orders",
    "materials.images",
    "materials.clearance",
    "materials.admin.drafts",
    "campaign.clearance",
    "listserv.clearance",
    # The views' helpers.
    "campaign.audiences",
    "coalitions.reverification",
    "coalitions.states",
    "listserv.tokens",
    "materials.addresses",
    "materials.order_list",
    "materials.pagecache",
    "rescue_restore.web.context_processors",
    "rescue_restore.kernel.discovery",
    "rescue_restore.i18n.languages",
    "rescue_restore.web.privacy",
    "rescue_restore.text.us_states",
    "screening.answers",
]


def _module_path(module):
    base = ROOT.joinpath(*module.split("."))
    package = base / "__init__.py"
    return package if package.exists() else base.with_suffix(".py")


def _is_public(name):
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__"))


def _is_annotated(function, *, method):
    arguments = function.args
    positional = [*arguments.posonlyargs, *arguments.args]
    static = any(
        isinstance(decorator, ast.Name) and decorator.id == "staticmethod" for decorator in function.decorator_list
    )
    if method and not static and positional:
        positional = positional[1:]  # self or cls
    parameters = [*positional, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg]
    return function.returns is not None and all(p.annotation is not None for p in parameters if p is not None)


def _public_functions(body, prefix="", *, method=False):
    """Yield (qualified name, annotated?) for the public functions and methods defined in ``body``."""
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _is_public(node.name):
            yield prefix + node.name, _is_annotated(node, method=method)
        elif isinstance(node, ast.ClassDef) and _is_public(node.name):
            yield from _public_functions(node.body, f"{prefix}{node.name}.", method=True)
        elif isinstance(node, ast.If | ast.Try):  # definitions under `if TYPE_CHECKING:` or a guarded import
            yield from _public_functions(node.body, prefix, method=method)


def _census(module):
    tree = ast.parse(_module_path(module).read_text(encoding="utf-8"))
    return dict(_public_functions(tree.body))


def test_the_census_sees_unannotated_parameters_returns_and_methods():
    tree = ast.parse(
        "def ok(a: int, *rest: str, flag: bool = False, **extra: int) -> None: ...\n"
        "def no_return(a: int): ...\n"
        "def bare_kwargs(a: int, **extra) -> None: ...\n"
        "def _private(a): ...\n"
        "class Thing:\n"
        "    def method(self, a: int) -> int: ...\n"
        "    @staticmethod\n"
        "    def static(a) -> int: ...\n"
        "    def __str__(self): ...\n"
    )
    assert dict(_public_functions(tree.body)) == {
        "ok": True,
        "no_return": False,
        "bare_kwargs": False,
        "Thing.method": True,
        "Thing.static": False,
        "Thing.__str__": False,
    }


def test_every_typed_core_module_exists_and_is_in_the_strict_mypy_list():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for module in TYPED_CORE:
        assert _module_path(module).exists(), module
        assert f'"{module}"' in pyproject, f"{module} is not in pyproject.toml's strict mypy modules"


@pytest.mark.parametrize("module", TYPED_CORE)
def test_every_public_function_in_the_typed_core_is_annotated(module):
    census = _census(module)
    unannotated = sorted(name for name, annotated in census.items() if not annotated)
    assert not unannotated, f"{module}: annotate {unannotated}"


def test_the_census_counts_the_whole_core():
    total = sum(len(_census(module)) for module in TYPED_CORE)
    assert total > 400  # the census really reads the modules
    print(f"typed core: {total} of {total} public functions annotated, in {len(TYPED_CORE)} modules")
