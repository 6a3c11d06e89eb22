"""Bounded reading and parsing: every file the checker opens, and every YAML or JSON document it parses.

- Only regular files are opened (a FIFO would block, a device never end): the file is opened with
  O_NONBLOCK and refused unless fstat says it is a regular file; at most `max_bytes` are read, and a
  hash is computed by streaming within the same limit.
- YAML is composed to nodes first (aliases are not expanded there) and checked before any value is
  built: no aliases or anchors at all (refused before expansion, so an alias bomb costs nothing), at
  most MAX_DEPTH levels, MAX_NODES nodes, integers of at most MAX_INT_DIGITS digits, and mapping keys
  that are scalars.
- JSON (decision records) is parsed with the same depth and integer limits.
Messages are Swedish and quote at most a short excerpt of the input.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.errors import excerpt

if TYPE_CHECKING:  # PyYAML is imported where a document is parsed: a check of cached files parses none
    import yaml

MAX_DEPTH = 64  # nesting levels in a YAML or JSON document; the bundled files use at most 12
MAX_NODES = 200_000  # values in one YAML document; the largest bundled file has about 3 000
MAX_INT_DIGITS = 100  # digits of an integer in a YAML or JSON document
MAX_YAML_BYTES = 2 * 1024 * 1024  # a policy, rule, profile or context file
_CHUNK = 1024 * 1024


class Refused(Exception):
    """A file or document the checker will not read; the message is one Swedish line (without the file name)."""


def _open_regular(path: Path) -> int:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise Refused("filen finns inte") from None
    except PermissionError:
        raise Refused("filen kan inte läsas: behörighet saknas") from None
    except IsADirectoryError:
        raise Refused("sökvägen är en mapp, inte en fil") from None
    except OSError as exc:
        raise Refused(f"filen kan inte läsas: {_reason(exc)}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise Refused("sökvägen är en mapp, inte en fil")
        kind = "en namngiven rörledning (FIFO)" if stat.S_ISFIFO(mode) else "ingen vanlig fil (en enhet eller sockel)"
        raise Refused(f"filen är {kind} och läses inte")
    return fd


def _reason(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ENAMETOOLONG:
        return "filnamnet är för långt"
    return exc.strerror or type(exc).__name__


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; Refused otherwise (FIFO, device, too large)."""
    from checker.reading.limits import size_label

    fd = _open_regular(path)
    try:
        size = os.fstat(fd).st_size
        if size > max_bytes:
            raise Refused(f"filen är större än gränsen {size_label(max_bytes)} (den är {size_label(size)})")
        parts: list[bytes] = []
        total = 0
        while True:
            block = os.read(fd, min(_CHUNK, max_bytes + 1 - total))
            if not block:
                break
            parts.append(block)
            total += len(block)
            if total > max_bytes:  # it grew while being read
                raise Refused(f"filen är större än gränsen {size_label(max_bytes)}")
    except OSError as exc:
        raise Refused(f"filen kan inte läsas: {_reason(exc)}") from None
    finally:
        os.close(fd)
    return b"".join(parts)


def hash_regular(path: Path, max_bytes: int) -> str:
    """The SHA-256 of a regular file, read in blocks (never held whole), within `max_bytes`."""
    from checker.reading.limits import size_label

    fd = _open_regular(path)
    digest = hashlib.sha256()
    total = 0
    try:
        if os.fstat(fd).st_size > max_bytes:
            raise Refused(f"filen är större än gränsen {size_label(max_bytes)}")
        while True:
            block = os.read(fd, _CHUNK)
            if not block:
                break
            total += len(block)
            if total > max_bytes:
                raise Refused(f"filen är större än gränsen {size_label(max_bytes)}")
            digest.update(block)
    except OSError as exc:
        raise Refused(f"filen kan inte läsas: {_reason(exc)}") from None
    finally:
        os.close(fd)
    return digest.hexdigest()


def is_file(path: Path) -> bool:
    """Path.is_file that says False, not OSError, for a name too long or otherwise impossible."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


# --------------------------------------------------------------------------- YAML

_INT_TAG = "tag:yaml.org,2002:int"


def check_yaml_nodes(root: yaml.Node) -> None:
    """Refuse a composed YAML document before any value is built (see the module's docstring)."""
    import yaml

    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            where = node.start_mark
            raise Refused(f"rad {where.line + 1}: YAML-alias (*namn) och ankare (&namn) tillåts inte – skriv ut värdet")
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            raise Refused(f"dokumentet har fler än {MAX_NODES} värden")
        if depth > MAX_DEPTH:
            raise Refused(f"rad {node.start_mark.line + 1}: nästlat djupare än {MAX_DEPTH} nivåer")
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _INT_TAG and len(node.value) > MAX_INT_DIGITS:
                raise Refused(
                    f"rad {node.start_mark.line + 1}: ett heltal med fler än {MAX_INT_DIGITS} siffror tillåts inte"
                )
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    line = key.start_mark.line + 1
                    raise Refused(f"rad {line}: en nyckel ska vara text, inte en lista eller mappning")
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))


def load_yaml(text: str, loader_cls: Any) -> Any:
    """Parse one YAML document with `loader_cls`, checking its nodes before construction.

    Raises Refused for a document over the limits and yaml.YAMLError for invalid YAML."""
    loader = loader_cls(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        check_yaml_nodes(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


# --------------------------------------------------------------------------- JSON


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"ett heltal med fler än {MAX_INT_DIGITS} siffror")
    return int(digits)


def _depth_ok(value: Any) -> bool:
    stack = [(value, 1)]
    while stack:
        v, d = stack.pop()
        if d > MAX_DEPTH:
            return False
        if isinstance(v, dict):
            stack.extend((x, d + 1) for x in v.values())
        elif isinstance(v, list):
            stack.extend((x, d + 1) for x in v)
    return True


def _nesting_prescan(text: str) -> bool:
    """Whether brackets nest at most MAX_DEPTH deep (strings skipped), before the parser recurses."""
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def load_json(text: str) -> Any:
    """json.loads within the depth and integer limits; Refused or ValueError when it is not such JSON."""
    if text.count("[") + text.count("{") > MAX_DEPTH and not _nesting_prescan(text):
        raise Refused(f"nästlat djupare än {MAX_DEPTH} nivåer")
    try:
        value = json.loads(text, parse_int=_bounded_int)
    except RecursionError:
        raise Refused(f"nästlat djupare än {MAX_DEPTH} nivåer") from None
    if not _depth_ok(value):
        raise Refused(f"nästlat djupare än {MAX_DEPTH} nivåer")
    return value


__all__ = [
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "MAX_NODES",
    "MAX_YAML_BYTES",
    "Refused",
    "excerpt",
    "hash_regular",
    "is_dir",
    "is_file",
    "load_json",
    "load_yaml",
    "read_regular",
]
