"""The build stage: the generator (load, check, render, write each edition's tree), the editions'
configurations, the engine's steps in processes, the search index and the output checks.
"""
