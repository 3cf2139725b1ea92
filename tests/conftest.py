"""Shared fixtures; plain helpers live in tests/helpers.py (imported as ``tests.helpers``)."""
