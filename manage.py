#!/usr/bin/env python
"""Django's manage.py; `trellis` (the console script) does the same."""

from trellis.cli import main

if __name__ == "__main__":
    main()
