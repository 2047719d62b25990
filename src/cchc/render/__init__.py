"""Rendering for the terminal and as JSON: the only package of cchc that imports rich.

Each command has its own module here; they share the console set-up and the
language choice of :mod:`cchc.render._console`.  Every ``--json`` document comes from
the one converter of :mod:`cchc.render._json`.
"""
