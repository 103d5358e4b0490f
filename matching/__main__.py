"""``python -m matching`` entry point."""

import sys

from matching.cli import main

sys.exit(main())
