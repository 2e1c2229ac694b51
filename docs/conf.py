"""Sphinx configuration. The test suite builds these docs with -W -n: a broken reference fails."""

from __future__ import annotations

import ppsp

project = "ppsp"
author = "ppsp contributors"
copyright = "2026, ppsp contributors"
release = ppsp.__version__
version = release

extensions = ["sphinx.ext.autodoc", "sphinx.ext.viewcode"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_default_options = {"members": True, "show-inheritance": True}
nitpicky = True
# References into other projects' docs cannot be resolved offline (no intersphinx): ignore
# those, keep every reference into ppsp checked.
nitpick_ignore_regex = [
    (r"py:(class|obj)", r"ppsp\..*\.(T|_E|_T)"),
    (r"py:(class|obj)", r"(ppsp\.domain\.frozen\.)?(K|V)"),
    # private helpers named in public signatures (documented where they are used)
    (r"py:class", r"ppsp\.[a-z.]+\._[A-Z]\w*"),
    (
        r"py:.*",
        r"(decimal|datetime|pendulum|attrs|attr|cattrs|babel|hypothesis|enum|typing|"
        r"collections|types|pathlib|gettext|abc|_?typeshed|concurrent)\b.*",
    ),
    (
        r"py:.*",
        r"(Decimal|Path|Enum|Mapping|Iterator|Iterable|Sequence|Callable|Any|Self|T|_E|"
        r"TypeVar|ClassVar|SearchStrategy|DrawFn|NoneType|ValueError|Exception|object|str|int|"
        r"float|bool|bytes|tuple|dict|list|set|frozenset|type|JsonValue|Date|Time|DateTime|"
        r"Attribute|Final|TypeAlias|EnumType|ParamSpec|Converter)\b.*",
    ),
]
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_static_path: list[str] = []
