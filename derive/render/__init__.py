"""Renderers: each walks the neutral document model and writes one format.

:data:`FORMATS` maps a format name to its renderer; nothing here computes.
"""
