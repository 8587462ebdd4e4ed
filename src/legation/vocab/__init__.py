"""Controlled vocabularies kept as data, and their loader."""
