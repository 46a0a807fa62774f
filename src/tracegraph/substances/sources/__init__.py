"""Importers of the official lists: each reads one source's files and yields records and problems."""
