"""The frozen program's entry point: the same `yard_console.cli.main` as the pip-installed one."""

import multiprocessing
import sys

from yard_console.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
