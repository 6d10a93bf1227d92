"""The data stage: record files found, read strictly (YAML), validated against the models, cross-
checked; the problems said in plain words; the editions' languages and the translation checks.
"""
