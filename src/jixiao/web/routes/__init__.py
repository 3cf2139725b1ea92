"""Routers: pages by role (auth, department, review, audits, admin) and the JSON API."""
