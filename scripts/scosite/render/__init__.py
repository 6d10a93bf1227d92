"""The render stage: a record set -> every page (Markdown, from the templates under
``templates/``), chart, citation file, feed and download, as text. No disk access except
templates.
"""
