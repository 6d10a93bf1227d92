"""The tests of the built site in a browser, and of the built folder without one (see conftest.py)."""
