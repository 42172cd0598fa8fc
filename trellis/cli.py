"""The `trellis` console script: every Django management command, one name.

`trellis import-roster staff.csv` runs the `import_roster` command; hyphens and
underscores are interchangeable in command names.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    args[0] = "trellis"
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
    from django.core.management import execute_from_command_line

    from trellis.env import EnvError

    try:
        execute_from_command_line(args)
    except EnvError as error:
        # A setting Trellis cannot use (read at start-up): one line saying which and what
        # to do, not a traceback.
        sys.stderr.write(f"trellis: {error}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
