"""`python scripts/bench` or `python -m bench` (with PYTHONPATH=scripts)."""

import sys
from pathlib import Path

if not __package__:  # run as a folder: make ``bench`` and ``scosite`` importable, not this folder's modules
    here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
    sys.path.insert(0, str(here.parent))

from bench.main import main

sys.exit(main())
