"""``python -m evals [CASES...] [--json OUT] [--markdown OUT] [--target module:function]``."""

import sys

from evals.cli import main

sys.exit(main())
