"""``python -m ppsp.cli``: the command line, as ``ppsp``."""

import sys

from ppsp.cli import main

sys.exit(main())
