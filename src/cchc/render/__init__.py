"""Rendering for the terminal: the only package of cchc that imports rich.

Each command has its own module here; they share the console set-up and the
language choice of :mod:`cchc.render._console`.
"""
