"""Questions asked of the record (``records.Site``): what a page shows, with every read recorded
(``deps``) so an edit re-renders only what it touches; and when each record last changed
(``history``).
"""
