"""``cchc completion bash|zsh|fish``: a shell completion script, built from the parser.

The script is made from the argument parser itself, so it completes exactly the commands
and options this version has: commands, their options, the choices of an option
(``--lang vi|en``), and file names where a file or folder is asked for (``PATH``,
``--ics FILE``).  It needs nothing but the shell: the tables are written into the script,
so pressing Tab never starts Python.
"""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING

from cchc.cli._common import EXIT_OK, path_argument

if TYPE_CHECKING:
    from cchc.cli._common import Env

HELP = "print a shell completion script for cchc (bash, zsh or fish)"

SHELLS = ("bash", "zsh", "fish")
"""The shells a script can be printed for."""

PROG = "cchc"
"""The command completed: the console script (``python -m cchc`` is not a command name)."""

FLAG = "flag"
"""The kind of an option that takes no value."""
FILE = "file"
"""The kind of a value that names a file (or a folder holding plans)."""
DIR = "dir"
"""The kind of a value that names a folder."""
NONE = "none"
"""The kind of a value with nothing to offer (a key, a date, a number)."""
WORDS = "words "
"""The prefix of a kind that is one of listed words: ``words vi en``."""

_FILE_METAVARS = frozenset({"PATH", "FILE", "PLAN"})
"""Metavars that name a file: ``PATH`` (a plan file or a folder), ``FILE``, ``-o PLAN``."""
_SAFE_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+-]*")
"""A choice written into a script as is: nothing a shell would read as syntax."""


class Node:
    """What can follow a command (``cchc``, ``cchc records``, ``cchc records import``).

    A plain class, not a dataclass: importing dataclasses (and inspect with it) would cost
    every command's start-up, since the parser loads this module for ``--help``.
    """

    def __init__(self) -> None:
        self.options: dict[str, str] = {}
        """Each option string (``-o``, ``--output``) and the kind of its value."""
        self.helps: dict[str, str] = {}
        """Each option string and its help, cut to one line."""
        self.commands: dict[str, tuple[str, Node]] = {}
        """Each subcommand, its help and what can follow it."""
        self.positionals: list[str] = []
        """The kind of each positional argument, in order."""


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``completion``."""
    parser.add_argument("shell", choices=SHELLS, help="the shell to complete in")


def execute(args: argparse.Namespace, env: Env) -> int:
    """Print the script for the shell asked."""
    from cchc.cli import build_parser

    env.stdout.write(script(args.shell, build_parser(PROG)))
    return EXIT_OK


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script of *parser* for *shell* (one of :data:`SHELLS`)."""
    tree = node(parser)
    if shell == "fish":
        return _fish(tree)
    head = _ZSH_HEAD if shell == "zsh" else _BASH_HEAD
    main = _ZSH_MAIN if shell == "zsh" else _BASH_MAIN
    return head + _tables(tree) + main


def node(parser: argparse.ArgumentParser) -> Node:
    """What the parser of one command accepts, with its subcommands', as completion needs it."""
    result = Node()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                result.commands[name] = (_one_line(helps.get(name, "")), node(sub))
            continue
        if action.help == argparse.SUPPRESS:
            continue
        if action.option_strings:
            for option in action.option_strings:
                result.options[option] = value_kind(action)
                result.helps[option] = _one_line(action.help or "")
        else:
            result.positionals.append(value_kind(action))
    return result


def value_kind(action: argparse.Action) -> str:
    """What the value of *action* is, for completion: a flag, a file, a folder, words or none."""
    if action.nargs == 0:
        return FLAG
    if action.choices is not None:
        words = [str(choice) for choice in action.choices]
        if all(_SAFE_WORD.fullmatch(word) for word in words):
            return WORDS + " ".join(words)
        return NONE
    metavar = action.metavar if isinstance(action.metavar, str) else ""
    if metavar == "DIR":
        return DIR
    # A value read as a path, or shown as one in the help, is completed as a file name.
    if metavar in _FILE_METAVARS or metavar.startswith("FILE.") or _reads_a_path(action):
        return FILE
    return NONE


def _reads_a_path(action: argparse.Action) -> bool:
    from pathlib import Path

    return action.type is path_argument or action.type is Path


def _one_line(text: str) -> str:
    """A help as one short line: its first clause, at most 70 characters."""
    line = " ".join(text.replace("%%", "%").split())
    line = re.split(r";| \(", line, maxsplit=1)[0].strip()
    return line if len(line) <= 70 else line[:69].rstrip() + "…"


def _walk(tree: Node, path: str = "") -> list[tuple[str, Node]]:
    """Every command path of *tree* (``""``, ``"records"``, ``"records import"``) and its node."""
    found = [(path, tree)]
    for name, (_, sub) in tree.commands.items():
        found.extend(_walk(sub, f"{path} {name}".strip()))
    return found


# -- bash and zsh: the tables as shell functions, then the shell's own driver ----------------


def _tables(tree: Node) -> str:
    """The shell functions (POSIX syntax, read alike by bash and zsh) holding the tables.

    ``case`` statements rather than associative arrays, which the bash of macOS (3.2) lacks.
    """
    nodes = _walk(tree)
    lines = ["_cchc_options() {", '    case "$1" in']
    for path, each in nodes:
        lines.append(f"        '{path}') echo '{' '.join(each.options)}' ;;")
    lines += ["    esac", "}", "", "_cchc_commands() {", '    case "$1" in']
    for path, each in nodes:
        if each.commands:
            lines.append(f"        '{path}') echo '{' '.join(each.commands)}' ;;")
    lines += ["    esac", "}", "", "_cchc_value() {", '    case "$1 $2" in']
    for path, each in nodes:
        for option, kind in each.options.items():
            if kind != FLAG:
                lines.append(f"        '{path} {option}') echo '{kind}' ;;")
    lines += [f"        *) echo '{FLAG}' ;;", "    esac", "}", ""]
    lines += ["_cchc_positional() {", '    case "$1 $2" in']
    for path, each in nodes:
        for index, kind in enumerate(each.positionals):
            lines.append(f"        '{path} {index}') echo '{kind}' ;;")
    lines += [f"        *) echo '{NONE}' ;;", "    esac", "}", ""]
    return "\n".join(lines) + "\n"


_BASH_HEAD = """\
# bash completion for cchc, printed by `cchc completion bash`.
# Load it with:  source <(cchc completion bash)
# or save it as ~/.local/share/bash-completion/completions/cchc

"""

_BASH_MAIN = """\
_cchc_reply() {
    # $1 a kind from the tables, $2 the text typed so far.
    local line
    COMPREPLY=()
    case "$1" in
        'words '*)
            while IFS= read -r line; do COMPREPLY+=("$line"); done \\
                < <(compgen -W "${1#words }" -- "$2")
            ;;
        file|dir)
            compopt -o filenames 2>/dev/null
            while IFS= read -r line; do COMPREPLY+=("$line"); done \\
                < <(if [ "$1" = dir ]; then compgen -d -- "$2"; else compgen -f -- "$2"; fi)
            ;;
    esac
}

_cchc() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="" cmd="" n=0 i=1 word kind opt="" rest=0
    [ "$COMP_CWORD" -gt 0 ] && prev="${COMP_WORDS[COMP_CWORD-1]}"
    # Walk the words before the cursor: commands deepen the path, option values are skipped
    # (bash splits --opt=value into --opt, =, value), other words are positionals.
    while [ "$i" -lt "$COMP_CWORD" ]; do
        word="${COMP_WORDS[i]}"
        if [ "$rest" = 0 ] && [ "$word" = "--" ]; then
            rest=1
        elif [ "$rest" = 0 ] && [ "${word#-}" != "$word" ] && [ "$word" != "-" ]; then
            kind="$(_cchc_value "$cmd" "$word")"
            if [ "$kind" != flag ]; then
                if [ "${COMP_WORDS[i+1]}" = "=" ]; then i=$((i + 1)); fi
                i=$((i + 1))
            fi
        elif [ "$n" = 0 ] && [ "$rest" = 0 ] \\
            && [[ " $(_cchc_commands "$cmd") " == *" $word "* ]]; then
            cmd="${cmd:+$cmd }$word"
        else
            n=$((n + 1))
        fi
        i=$((i + 1))
    done
    if [ "$rest" = 0 ]; then
        if [ "$cur" = "=" ]; then
            opt="$prev"
            cur=""
        elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -gt 1 ]; then
            opt="${COMP_WORDS[COMP_CWORD-2]}"
        elif [ "${prev#-}" != "$prev" ]; then
            opt="$prev"
        fi
    fi
    if [ -n "$opt" ]; then
        kind="$(_cchc_value "$cmd" "$opt")"
        if [ "$kind" != flag ]; then
            _cchc_reply "$kind" "$cur"
            return 0
        fi
    fi
    if [ "$rest" = 0 ] && [ "${cur#-}" != "$cur" ]; then
        _cchc_reply "words $(_cchc_options "$cmd")" "$cur"
    elif [ "$n" = 0 ] && [ -n "$(_cchc_commands "$cmd")" ]; then
        _cchc_reply "words $(_cchc_commands "$cmd")" "$cur"
    else
        _cchc_reply "$(_cchc_positional "$cmd" "$n")" "$cur"
    fi
    return 0
}

complete -F _cchc cchc
"""

_ZSH_HEAD = """\
#compdef cchc
# zsh completion for cchc, printed by `cchc completion zsh`.
# Save it as _cchc in a folder of $fpath (before compinit runs), or, after compinit,
# load it with:  source <(cchc completion zsh)

"""

_ZSH_MAIN = """\
_cchc_reply() {
    # $1 a kind from the tables; compadd and _files match what is typed.
    case "$1" in
        'words '*) compadd -- ${=${1#words }} ;;
        file) _files ;;
        dir) _files -/ ;;
        *) return 1 ;;
    esac
}

_cchc() {
    local cur="${words[CURRENT]}" cmd="" n=0 i=2 word kind opt="" rest=0 subs
    # Walk the words before the cursor: commands deepen the path, option values are
    # skipped, other words are positionals.
    while (( i < CURRENT )); do
        word="${words[i]}"
        if (( ! rest )) && [[ "$word" == "--" ]]; then
            rest=1
        elif (( ! rest )) && [[ "$word" == -?* ]]; then
            if [[ "$word" != *=* ]] && [[ "$(_cchc_value "$cmd" "$word")" != flag ]]; then
                (( i++ ))
            fi
        elif (( n == 0 )) && [[ " $(_cchc_commands "$cmd") " == *" $word "* ]]; then
            cmd="${cmd:+$cmd }$word"
        else
            (( n++ ))
        fi
        (( i++ ))
    done
    if (( ! rest )) && [[ "$cur" == --*=* ]]; then
        opt="${cur%%=*}"
        compset -P '*='
    elif (( ! rest )) && (( CURRENT > 2 )) && [[ "${words[CURRENT-1]}" == -?* ]]; then
        opt="${words[CURRENT-1]}"
    fi
    if [[ -n "$opt" ]]; then
        kind="$(_cchc_value "$cmd" "$opt")"
        if [[ "$kind" != flag ]]; then
            _cchc_reply "$kind"
            return
        fi
    fi
    subs="$(_cchc_commands "$cmd")"
    if (( ! rest )) && [[ "$cur" == -* ]]; then
        _cchc_reply "words $(_cchc_options "$cmd")"
    elif (( n == 0 )) && [[ -n "$subs" ]]; then
        _cchc_reply "words $subs"
    else
        _cchc_reply "$(_cchc_positional "$cmd" "$n")"
    fi
}

if [[ "${funcstack[1]}" == "_cchc" ]]; then
    _cchc "$@"
else
    compdef _cchc cchc
fi
"""


# -- fish: one complete line per command and option -----------------------------------------


def _fish_quote(text: str) -> str:
    """*text* as one single-quoted fish word."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish_condition(path: str, tree: Node) -> str:
    """The fish condition that holds while completing after the command *path*."""
    if not path:
        return "__fish_use_subcommand"
    names = path.split()
    parts = [f"__fish_seen_subcommand_from {name}" for name in names]
    # Not yet inside one of this command's own subcommands.
    sub = tree
    for name in names:
        sub = sub.commands[name][1]
    if sub.commands:
        parts.append("not __fish_seen_subcommand_from " + " ".join(sub.commands))
    return "; and ".join(parts)


def _fish_option(condition: str, options: list[str], kind: str, help_: str) -> str:
    """The ``complete`` line of one option (its short and long spellings) and its value."""
    words = [f"complete -c cchc -n {condition}"]
    for option in options:
        words.append(f"-l {option[2:]}" if option.startswith("--") else f"-s {option[1:]}")
    if kind.startswith(WORDS):
        words.append(f"-x -a {_fish_quote(kind[len(WORDS) :])}")
    elif kind == FILE:
        words.append("-r -F")
    elif kind == DIR:
        words.append("-x -a '(__fish_complete_directories)'")
    elif kind == NONE:
        words.append("-x")
    words.append(f"-d {_fish_quote(help_)}")
    return " ".join(words)


def _fish_positional(condition: str, kinds: list[str]) -> str | None:
    """The ``complete`` line of a command's positional arguments, if they have a completion."""
    start = f"complete -c cchc -n {condition}"
    if FILE in kinds:
        return f"{start} -F"
    if DIR in kinds:
        return f"{start} -a '(__fish_complete_directories)'"
    words = [kind[len(WORDS) :] for kind in kinds if kind.startswith(WORDS)]
    return f"{start} -a {_fish_quote(' '.join(words))}" if words else None


def _fish(tree: Node) -> str:
    """The fish script: each command and option a ``complete`` line under its condition."""
    lines = [
        "# fish completion for cchc, printed by `cchc completion fish`.",
        "# Load it with:  cchc completion fish | source",
        "# or save it as ~/.config/fish/completions/cchc.fish",
        "",
        "complete -c cchc -f",
    ]
    for path, each in _walk(tree):
        condition = _fish_quote(_fish_condition(path, tree))
        lines.append("")
        for name, (help_, _) in each.commands.items():
            lines.append(f"complete -c cchc -n {condition} -a {name} -d {_fish_quote(help_)}")
        # -h and --help are one line: options grouped by their action (same help, same kind).
        grouped: dict[tuple[str, str], list[str]] = {}
        for option, kind in each.options.items():
            grouped.setdefault((each.helps[option], kind), []).append(option)
        for (help_, kind), options in grouped.items():
            lines.append(_fish_option(condition, options, kind, help_))
        positional = None if each.commands else _fish_positional(condition, each.positionals)
        if positional is not None:
            lines.append(positional)
    return "\n".join(lines) + "\n"
