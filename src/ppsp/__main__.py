"""``python -m ppsp``: the ``ppsp`` command, for environments without its script on the path."""

from __future__ import annotations

import sys

from ppsp.cli import main

if __name__ == "__main__":
    sys.exit(main())
