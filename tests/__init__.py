"""The tests (pytest; see conftest.py) and what they share (support/)."""
