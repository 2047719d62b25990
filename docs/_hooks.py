"""mkdocs hooks: show the Sphinx roles of cchc's docstrings as plain code in the API pages.

The docstrings write ``:class:`~cchc.ModelError``` for Sphinx; mkdocstrings renders the
backquoted part as code but leaves the role and the ``~`` in front of it.
"""

from __future__ import annotations

import re
from typing import Any

_ROLE = re.compile(r":(?:class|attr|func|meth|data|mod|exc):(?=<code>)")
_TILDE = re.compile(r"<code>~(?:[\w.]+\.)?")


def on_page_content(html: str, **_: Any) -> str:
    """Drop the role names and the ``~`` prefixes from a rendered page."""
    return _TILDE.sub("<code>", _ROLE.sub("", html))
