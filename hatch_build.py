"""Build hook: compile the gettext catalogs (``.po`` -> ``.mo``) into the package.

The same as ``pybabel compile -d src/ppsp/i18n/locale -D ppsp``, run by every build (wheel,
sdist and editable installs), so an installed ``ppsp`` never parses ``.po`` files at run time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        locale_dir = Path(self.root) / "src" / "ppsp" / "i18n" / "locale"
        for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/ppsp.po")):
            lang = po_path.parent.parent.name
            with po_path.open("rb") as handle:
                catalog = read_po(handle, locale=lang)
            with po_path.with_suffix(".mo").open("wb") as handle:
                write_mo(handle, catalog)
