"""``python -m reqlint``."""

import sys

from reqlint._start import main

sys.exit(main())
