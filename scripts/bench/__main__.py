"""`python scripts/bench` or `python -m bench` (with PYTHONPATH=scripts)."""

import sys
from pathlib import Path

here = Path(__file__).resolve().parent
if not __package__:  # run as a folder: make ``bench`` and ``scosite`` importable, not this folder's modules
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
    sys.path.insert(0, str(here.parent))
# The helpers shared with the tests (tests/support) are imported from the repository's root,
# wherever the benchmark is started from.
if str(here.parents[1]) not in (str(Path(p or ".").resolve()) for p in sys.path):
    sys.path.append(str(here.parents[1]))

from bench.main import main  # noqa: E402

sys.exit(main())
