"""The report formats, found through the ``ppsp.renderers`` entry point.

Each format is an entry point of the group :data:`RENDERER_GROUP` whose object is a
:class:`Renderer` (a plain function ``render(report, lang) -> str`` is taken as a text format).
The built-in ones (``text``, ``json``, ``md``, ``html``, ``xlsx``) are declared in ppsp's own
``pyproject.toml``; a package of yours adds one the same way, and ``ppsp check --format NAME``
and ``ppsp formats`` find it without any change to ppsp:

.. code-block:: toml

   [project.entry-points."ppsp.renderers"]
   shout = "my_package.reports:SHOUT"   # SHOUT = Renderer(render=shout_text)

The rules do not import the renderers (they sit above them, in :mod:`ppsp.io.reports`); they
only look them up here, by name, and ``importlib.metadata`` is imported on the first look-up.

>>> text = find_renderer("text")
>>> text.binary, text.suffix
(False, 'text')
>>> find_renderer("xlsx").binary
True
>>> "html" in renderer_names()
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ppsp.errors import PpspError
from ppsp.i18n import N_

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from ppsp.rules.report import Report

__all__ = ["RENDERER_GROUP", "Renderer", "find_renderer", "renderer", "renderer_names"]

#: The entry-point group of report formats (name -> :class:`Renderer`).
RENDERER_GROUP = "ppsp.renderers"


@attrs.frozen(kw_only=True)
class Renderer:
    """One report format.

    :param render: the report as text, ``render(report, lang)``; ``None`` for a binary format
    :param write: a binary format writes the file itself, ``write(report, path, lang) -> path``
    :param fragment: HTML without a page around it (what a notebook shows); only ``html`` has it
    :param suffix: the ending of the default file name (the format's name if empty)
    :param chunks: the text of ``render`` in pieces, made as they are written
        (``chunks(report, lang)``, whose join is ``render``'s text), so that ``ppsp check``
        never holds the whole text of a report of millions of findings; optional
    """

    render: Callable[[Report, str | None], str] | None = None
    write: Callable[[Report, Path, str | None], Path] | None = None
    fragment: Callable[[Report, str | None], str] | None = None
    suffix: str = ""
    chunks: Callable[[Report, str | None], Iterable[str]] | None = None

    def __attrs_post_init__(self) -> None:
        if (self.render is None) == (self.write is None):
            raise PpspError(N_("renderer.render-or-write"))

    @property
    def binary(self) -> bool:
        """Whether the format is written to a file only (never to a terminal)."""
        return self.render is None

    def __call__(self, report: Report, lang: str | None = None) -> str:
        """The report as text: a :class:`Renderer` is called as the plain function it replaces.

        :raises PpspError: a binary format
        """
        if self.render is None:
            raise PpspError(N_("renderer.binary"), suffix=self.suffix)
        return self.render(report, lang)


def _points() -> dict[str, EntryPoint]:
    from importlib.metadata import entry_points

    found: dict[str, EntryPoint] = {}
    for point in entry_points(group=RENDERER_GROUP):
        found.setdefault(point.name, point)  # the first on sys.path wins, as for imports
    return found


def renderer_names() -> list[str]:
    """The names of every registered format, sorted (nothing is imported to list them)."""
    return sorted(_points())


def _load(name: str, point: EntryPoint) -> Renderer:
    try:
        loaded = point.load()
    except Exception as exc:  # a plug-in that cannot load is said, not a traceback
        raise PpspError(
            N_("renderer.cannot-load"), format=name, target=point.value, reason=str(exc)
        ) from None
    if isinstance(loaded, Renderer):
        return attrs.evolve(loaded, suffix=loaded.suffix or name)
    if callable(loaded):  # the plain ``render(report, lang) -> str`` of earlier releases
        return Renderer(render=loaded, fragment=loaded if name == "html" else None, suffix=name)
    raise PpspError(N_("renderer.not-a-renderer"), format=name, target=point.value)


def find_renderer(name: str) -> Renderer:
    """The format registered as ``name``.

    :raises PpspError: no format of that name (the message lists those there are), or one
        that does not load
    """
    points = _points()
    if name not in points:
        raise PpspError(N_("renderer.unknown"), format=name, known=", ".join(sorted(points)) or "-")
    return _load(name, points[name])


def renderer(name: str) -> Renderer | None:
    """The format registered as ``name``, or ``None`` if there is none (a :class:`Renderer`
    is called as ``render(report, lang)``, as the plain functions of earlier releases were)."""
    points = _points()
    return _load(name, points[name]) if name in points else None
