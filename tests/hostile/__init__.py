"""A hostile web site for end-to-end tests: see server.py (serving) and cases.py (the table)."""
