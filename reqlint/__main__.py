"""``python -m reqlint``."""

import sys

from reqlint.cli import main

sys.exit(main())
