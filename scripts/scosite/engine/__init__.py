"""The engine glue: the MkDocs plugin, the live preview's state, the Markdown subset of generated
pages, page compaction, and the one adapter to MkDocs' private attributes.
"""
