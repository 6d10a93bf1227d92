"""Editors' and developers' tools on top of the stages: the translation catalogs and the stamps of
reviewed translations.
"""
