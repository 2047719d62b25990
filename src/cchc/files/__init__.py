"""Plan files: YAML and JSON to the model and back, bounded reading, the one atomic writer.

The public face of ``cchc.files``: every name below is documented in the API reference;
the underscore modules behind it are internal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cchc._faces import lazy

if TYPE_CHECKING:
    from cchc.files._dump import (
        dump_plan,
        dumps_plan,
    )
    from cchc.files._load import (
        MAX_FILE_BYTES,
        bundled_corpus_path,
        load_corpus,
        load_plan,
    )
    from cchc.files._paths import (
        item_path,
    )
    from cchc.files._reading import (
        ReadError,
        read_bounded,
        read_stream_bounded,
    )
    from cchc.files._tree import (
        FolderWriteError,
        write_tree,
    )
    from cchc.files._write import (
        OutputExistsError,
        WriteError,
        write_bytes,
        write_text,
    )

__all__ = [
    "MAX_FILE_BYTES",
    "FolderWriteError",
    "OutputExistsError",
    "ReadError",
    "WriteError",
    "bundled_corpus_path",
    "dump_plan",
    "dumps_plan",
    "item_path",
    "load_corpus",
    "load_plan",
    "read_bounded",
    "read_stream_bounded",
    "write_bytes",
    "write_text",
    "write_tree",
]

# Only at run time: to a type checker a face has exactly the names imported above.
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy(
        __name__,
        {
            "FolderWriteError": "cchc.files._tree",
            "MAX_FILE_BYTES": "cchc.files._load",
            "OutputExistsError": "cchc.files._write",
            "ReadError": "cchc.files._reading",
            "WriteError": "cchc.files._write",
            "bundled_corpus_path": "cchc.files._load",
            "dump_plan": "cchc.files._dump",
            "dumps_plan": "cchc.files._dump",
            "item_path": "cchc.files._paths",
            "load_corpus": "cchc.files._load",
            "load_plan": "cchc.files._load",
            "read_bounded": "cchc.files._reading",
            "read_stream_bounded": "cchc.files._reading",
            "write_bytes": "cchc.files._write",
            "write_text": "cchc.files._write",
            "write_tree": "cchc.files._tree",
        },
    )
