"""Policy, rule and profile files → a validated, hashed PolicySet.

Loading is strict: YAML is parsed safely with duplicate keys rejected, every file is checked against
its JSON Schema (all errors at once), then cross-checked (cited clauses exist, facts are declared,
enum values are allowed, ids are unique). Every problem becomes one line: file, field, what is
allowed. Rule files are data and are never executed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker import __version__
from checker.errors import PolicyError, Problem, cut, excerpt
from checker.facts import FACTS
from checker.models import ContextNetwork, ContextPartner, Frozen, PriorityArea, ProfileContext

SCHEMA_DIR = Path(__file__).parent / "schemas"
BUNDLED_PROFILES = ("solna", "generic")


def data_root() -> Path:
    """Where the bundled policies/ and rules/ live: inside the installed package, or the source tree."""
    installed = Path(__file__).parent / "bundled"
    if (installed / "policies").is_dir():
        return installed
    return Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------- YAML


if TYPE_CHECKING:  # PyYAML is imported when a file is parsed: a check of cached files parses none
    import yaml


@cache
def _strict_loader() -> type[yaml.SafeLoader]:
    """Safe YAML loader that refuses duplicate keys instead of silently keeping the last one (libyaml's
    C loader when present: several times faster at start-up)."""
    import yaml

    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _StrictLoader(base):  # type: ignore[valid-type,misc]
        """Safe YAML loader that refuses duplicate keys instead of silently keeping the last one."""

    _StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    # Dates stay ISO strings: the schemas check their format, and the engine compares strings.
    _StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _date_as_string)
    return _StrictLoader


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    import yaml

    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {excerpt(key)} (also on line {seen[key] + 1})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


def _date_as_string(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


def parse_yaml_text(text: str, file: str) -> Any:
    """Parse YAML (or JSON, which is YAML) strictly and within the limits of checker.bounded (no aliases,
    bounded depth, node count and integer size, checked before any value is built); raise PolicyError
    with one line on failure."""
    import yaml

    from checker.bounded import Refused, load_yaml

    try:
        return load_yaml(text, _strict_loader())
    except Refused as exc:
        raise PolicyError([Problem(file, "", str(exc))]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        what = cut(exc.problem or exc.context or "invalid YAML", 200)
        raise PolicyError([Problem(file, where, f"invalid YAML: {what}")]) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        raise PolicyError([Problem(file, "", f"invalid YAML: {cut(str(exc), 200)}")]) from None


def parse_yaml_bytes(raw: bytes, display: str) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PolicyError([Problem(display, "", "file is not UTF-8 text")]) from None
    return parse_yaml_text(text, display)


def read_yaml(path: Path, display: str) -> tuple[Any, bytes]:
    from checker.bounded import MAX_YAML_BYTES, Refused, read_regular

    try:
        raw = read_regular(path, MAX_YAML_BYTES)
    except Refused as exc:
        raise PolicyError([Problem(display, "", f"cannot read file: {exc}")]) from None
    return parse_yaml_bytes(raw, display), raw


# --------------------------------------------------------------------------- JSON Schema


@cache
def schema(name: str) -> dict[str, Any]:
    with open(SCHEMA_DIR / f"{name}.schema.json", encoding="utf-8") as fh:
        loaded: dict[str, Any] = json.load(fh)
    return loaded


@cache
def _validator(name: str) -> Any:
    import jsonschema

    cls = jsonschema.validators.validator_for(schema(name))
    return cls(schema(name), format_checker=cls.FORMAT_CHECKER)


def _path(parts: Any) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top level)"


def _describe(error: Any) -> tuple[str, str]:
    """Turn one jsonschema error into (field path, message saying what is allowed)."""
    # A failed oneOf (e.g. a condition) hides the useful error in its context: take the deepest one
    # among the branches that got furthest.
    while error.validator in ("oneOf", "anyOf") and error.context:
        error = max(error.context, key=lambda e: (len(e.absolute_path), -len(e.schema_path)))
    where = _path(error.absolute_path)
    v = error.validator
    sch = error.schema
    if v == "additionalProperties":
        allowed = sorted(sch.get("properties", {}))
        # keys that are not text (null, numbers: `? ` or `1:` in YAML) are sorted by their text, never compared
        extra = sorted(set(error.instance) - set(allowed), key=str) if isinstance(error.instance, dict) else []
        return where, f"unexpected property {', '.join(excerpt(x) for x in extra[:5])}; allowed: {', '.join(allowed)}"
    if v == "required":
        hint = "; a rule's title needs Swedish and English" if where.endswith(".title") else ""
        return where, f"{error.message}; required: {', '.join(sch.get('required', []))}{hint}"
    if v == "enum":
        return where, f"{excerpt(error.instance)} is not allowed; allowed: {', '.join(map(str, sch['enum']))}"
    if v == "pattern":
        return where, f"{excerpt(error.instance)} does not match the required form {sch['pattern']}"
    if v == "type" and isinstance(error.instance, bool) and "string" in str(sch.get("type")):
        return where, (
            f"{error.message}; YAML reads NO, YES, ON, OFF, Y and N as true or false: "
            'write the text in quotes, e.g. country_code: "NO"'
        )
    if v == "type" and where.endswith(".title") and isinstance(error.instance, str):
        return where, "a rule's title needs Swedish and English: write title: {sv: …, en: …}"
    if v == "format":
        return where, f"{excerpt(error.instance)} is not a valid {sch['format']} (use YYYY-MM-DD)"
    if v in ("minProperties", "maxProperties") and isinstance(error.instance, dict):
        allowed = sorted(k for k in sch.get("properties", {}) if k not in sch.get("required", []))
        return (
            where,
            f"needs exactly one test besides {', '.join(sch.get('required', []))}; allowed: {', '.join(allowed)}",
        )
    return where, cut(error.message, 300)


MAX_PROBLEMS = 100  # lines reported for one file; the rest are counted


def validate(doc: Any, schema_name: str, file: str) -> list[Problem]:
    errors = sorted(_validator(schema_name).iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    problems = []
    for err in errors[:MAX_PROBLEMS]:
        where, msg = _describe(err)
        problems.append(Problem(file, where, msg))
    if len(errors) > MAX_PROBLEMS:
        problems.append(Problem(file, "", f"and {len(errors) - MAX_PROBLEMS} more problems"))
    return problems


# --------------------------------------------------------------------------- models


@dataclass(frozen=True)
class Clause:
    uid: str  # "<policy id>/<clause id>"
    number: str
    text: str
    heading: str | None
    verified: bool
    excerpt: bool
    amended_by: str | None
    in_force_from: str
    in_force_until: str | None
    url: str | None
    reference_only: bool = False  # names the provision without quoting it
    source_note: str | None = None
    examined: bool = True  # a limit a proposal is examined against (False: a consequence or procedure)

    def in_force_on(self, day: str) -> bool:
        """Whether this wording was in force on the ISO date `day`."""
        return self.in_force_from <= day and (self.in_force_until is None or day < self.in_force_until)


@dataclass(frozen=True)
class Policy:
    id: str
    kind: str
    title: str
    short: str
    url: str | None
    verified: bool
    doc: dict[str, Any]
    clauses: dict[str, Clause]  # the latest wording of each clause
    versions: dict[str, tuple[Clause, ...]] = field(default_factory=dict)  # every wording, oldest first

    def clause_on(self, clause_id: str, day: str) -> Clause | None:
        """The wording of a clause in force on the ISO date `day`, or None when none was."""
        for version in self.versions.get(clause_id, ()):
            if version.in_force_on(day):
                return version
        return None


@dataclass(frozen=True)
class Rule:
    """One rule as loaded; `doc` is the validated YAML mapping (conditions stay data)."""

    id: str
    file: str
    index: int
    doc: dict[str, Any]

    @property
    def concern(self) -> str:
        return str(self.doc["concern"])

    @property
    def severity(self) -> str:
        return str(self.doc["severity"])

    @property
    def effect(self) -> str:
        default = "none" if self.severity == "notering" else "avslå"
        return str(self.doc.get("effect", default))

    @property
    def title(self) -> str:
        """The rule's title in Swedish (the language of the rule files and the docs)."""
        return self.title_in("sv")

    def title_in(self, lang: str) -> str:
        """The rule's title in `lang` (the loader requires both sv and en)."""
        title = self.doc["title"]
        return str(title.get(lang) or title["sv"]) if isinstance(title, dict) else str(title)

    def text(self, key: str, lang: str) -> str | None:
        entry = self.doc.get(key)
        if entry is None:
            return None
        return str(entry.get(lang) or entry["sv"])


@dataclass(frozen=True)
class PolicySet:
    profile_id: str
    profile: dict[str, Any]
    policies: dict[str, Policy]
    rules: tuple[Rule, ...]
    context: ProfileContext | None
    files: dict[str, str]  # display path -> sha256 of its bytes
    hash: str  # sha256 over tool version, profile and every file's hash
    root: str
    profile_file: str = ""  # the profile file's key in `files`
    scenarios: tuple[tuple[str, int, dict[str, Any]], ...] = ()  # (rule file, index, whole-proposal case)

    def clause(self, uid: str) -> Clause:
        policy_id, clause_id = uid.split("/", 1)
        return self.policies[policy_id].clauses[clause_id]

    def clause_on(self, uid: str, day: str) -> Clause | None:
        """The wording of clause `uid` in force on the ISO date `day` (None: no wording was in force)."""
        policy_id, clause_id = uid.split("/", 1)
        return self.policies[policy_id].clause_on(clause_id, day)

    def rule(self, rule_id: str) -> Rule | None:
        for r in self.rules:
            if r.id == rule_id or rule_id in r.doc.get("aliases", ()):
                return r
        return None

    def profile_values(self) -> dict[str, list[str]]:
        """The profile parameters rules may name with `{profile: …}`."""
        ctx = self.context
        if ctx is None:
            return {"priority_themes": [], "partner_keys": [], "network_keys": []}
        themes = sorted({t for a in ctx.priority_areas for t in a.themes})
        partners = sorted({name_key(n) for p in ctx.partners for n in (p.name, *p.aliases)})
        networks = sorted({name_key(n) for net in ctx.networks for n in (net.name, *net.aliases)})
        return {"priority_themes": themes, "partner_keys": partners, "network_keys": networks}


@lru_cache(maxsize=1 << 14)  # asked for every place and name of every verdict; the answer never changes
def name_key(name: str) -> str:
    """Comparison key for names: NFC, case-folded, single spaces, no hyphen variants."""
    return re.sub(r"[\s\-–]+", " ", unicodedata.normalize("NFC", name).casefold()).strip()


# --------------------------------------------------------------------------- who is responsible for what


class Remit(Frozen):
    """One area a board or committee is responsible for, as the profile states it, with its source."""

    area_sv: str
    area_en: str
    source: str
    terms: tuple[tuple[str, ...], ...] = ()  # word groups: an att-sats matches with a word of every group
    international_cooperation: bool = False  # cooperation with a place abroad lies within this remit


class Body(Frozen):
    """A board or committee and its remit."""

    name: str
    aliases: tuple[str, ...] = ()
    remit: tuple[Remit, ...] = ()


class OngoingWork(Frozen):
    """An assignment under way or planned: a proposal that asks for it is typically anse besvarad."""

    id: str
    body: str
    text_sv: str
    source: str
    terms: tuple[tuple[str, ...], ...]
    text_en: str | None = None


class MunicipalContext(ProfileContext):
    """A profile's context with who is responsible for what (KL 6 kap. 1 and 3 §§) and the work under way.

    Kept beside the shared context model so the facts about who decides stay with the legal rules."""

    bodies: tuple[Body, ...] = ()
    ongoing_work: tuple[OngoingWork, ...] = ()


# --------------------------------------------------------------------------- loading


def _find(name: str, kind: str, dirs: list[Path]) -> Path | None:
    from checker.bounded import is_file

    if not isinstance(name, str) or "\0" in name:
        return None
    for d in dirs:
        for ext in (".yaml", ".yml", ".json"):
            candidate = d / f"{name}{ext}"
            if is_file(candidate):  # a name over 255 characters is not found, never an OSError
                return candidate
            if os.path.lexists(candidate):  # there but no regular file (a folder, a loop of links, a link to
                return candidate  # nothing): the load reports it, never passing it over for a file further on
    return None


def resolve_profile(profile: str | Path) -> tuple[Path, list[Path], list[Path]]:
    """Find the profile file and the folders to search for its policies and rules.

    `profile` is a bundled name ("solna", "generic") or a path to a user's folder (holding
    profile.yaml and optionally policies/ and rules/) or to a profile file. User folders are searched
    before the bundled ones, so a municipality can add its own sources and reuse the statutes.
    """
    from checker.bounded import is_dir, is_file

    root = data_root()
    bundled_pol = [root / "policies"]
    bundled_rules = [root / "rules"]
    p = Path(profile)
    # A plain name is a bundled profile, whatever folders of that name the current directory holds;
    # a path (with a slash, or starting with a dot) is the user's own profile.
    if isinstance(profile, str) and re.fullmatch(r"[a-z0-9][a-z0-9-]*", profile):
        found = _find(profile, "profile", [root / "policies" / "profiles"])
        if found is not None:
            return found, bundled_pol, bundled_rules
        if not is_dir(p):
            available = sorted(x.stem for x in (root / "policies" / "profiles").glob("*.yaml"))
            raise PolicyError(
                [
                    Problem(
                        "--profile",
                        "",
                        f"okänd profil {profile!r}; medföljande: {', '.join(available)}, "
                        "eller ange sökvägen till en egen profilmapp",
                    )
                ]
            )
    if is_dir(p):
        prof = _find("profile", "profile", [p])
        if prof is None:
            raise PolicyError([Problem(str(p), "", "profilmappen saknar profile.yaml")])
        return prof, [p / "policies", p, *bundled_pol], [p / "rules", p, *bundled_rules]
    if is_file(p):
        return p, [p.parent / "policies", p.parent, *bundled_pol], [p.parent / "rules", p.parent, *bundled_rules]
    raise PolicyError(
        [
            Problem(
                cut(str(p)), "", "profilen finns inte: ange en medföljande profil (solna, generic) eller en profilmapp"
            )
        ]
    )


# --------------------------------------------------------------------------- parsed-file cache
# Parsing and schema validation are a pure function of a file's bytes, its schema, the jsonschema
# version and this loader's code. A file that parsed and validated is stored as its parsed *content*
# (JSON) under a key digested from all of those, so an unchanged policy set loads without YAML parsing
# and without importing jsonschema. An entry is used only when every doubt is cleared: the folder and
# the entry belong to this user and nobody else may write them, the entry's header line is in this
# cache format and names the key asked for, and the content after it has the length and SHA-256 the
# header gives (so a torn, truncated or altered entry is never read as content). Anything else (a bare
# marker from an older build, a file planted by someone else, a torn write, a flipped byte) is ignored,
# the file is parsed and validated in full, and the entry is written again. Content that passed all of
# that and still cannot be used (it would have to be the writer's own mistake) is handled by each
# reader the same way: it is ignored and the source parsed. `council-check validate` never uses the cache.

CACHE_FORMAT = "council-checker parsed-file cache 3"


def _cache_dir() -> Path | None:
    if os.environ.get("COUNCIL_CHECKER_NO_CACHE"):
        return None
    own = os.environ.get("COUNCIL_CHECKER_CACHE_DIR")
    if own:
        return Path(own) / "parsed"
    xdg = os.environ.get("XDG_CACHE_HOME")
    try:
        return (Path(xdg) if xdg else Path.home() / ".cache") / "council-checker" / "parsed"
    except (RuntimeError, KeyError):  # no home folder to be found (no HOME, no password entry): no cache
        return None


@cache
def _schema_digest(name: str) -> str:
    return hashlib.sha256((SCHEMA_DIR / f"{name}.schema.json").read_bytes()).hexdigest()


def source_digest(*paths: str) -> str:
    """SHA-256 over the given source files' bytes ("no source" for one that cannot be read: installed
    without sources). Called when a module is imported, so that it describes the code that is running,
    not the file as it may have been edited since: a process started before an edit must not store what
    it builds under the key of the edited code."""
    h = hashlib.sha256()
    for path in paths:
        try:
            code = Path(path).read_bytes()
        except OSError:
            code = b"no source"
        h.update(hashlib.sha256(code).digest())
    return h.hexdigest()


_CODE_DIGEST = hashlib.sha256(f"{__version__}\0{source_digest(__file__)}".encode()).hexdigest()


def code_digest() -> str:
    """The tool version and this loader's own source as it was imported: a development build that changes
    how files are parsed (the version is not bumped for every commit) never reads what an older one stored."""
    return _CODE_DIGEST


def dist_version(module: str, dist: str) -> str:
    """The installed version of a distribution, read from its METADATA next to the module, without
    importing the module or importlib.metadata (with email, a large part of a cold start)."""
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is not None and spec.origin:
        found = metadata_version(Path(spec.origin).resolve().parent.parent, dist)
        if found is not None:
            return found
    try:
        from importlib.metadata import version

        return version(dist)
    except Exception:  # no metadata at all: a version that never matches a stored key
        return "unknown"


def metadata_version(site: Path, dist: str) -> str | None:
    """The Version of ``dist`` in a `<dist>-<version>.dist-info/METADATA` of the folder ``site`` (the
    folder listed once, not globbed), or None."""
    try:
        names = sorted(n for n in os.listdir(site) if n.startswith(f"{dist}-") and n.endswith(".dist-info"))
    except OSError:
        return None
    for name in names:
        try:
            with open(site / name / "METADATA", encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("Version:"):
                        return line.split(":", 1)[1].strip()
                    if not line.strip():
                        break
        except OSError:
            continue
    return None


@cache
def _jsonschema_version() -> str:
    return dist_version("jsonschema", "jsonschema")


def cache_key(raw: bytes, kind: str) -> str:
    """The key of a file's parsed content: cache format, tool and loader code, what the content is
    (a schema name with the schema's digest and the jsonschema version, or a data file's kind), bytes."""
    if kind.startswith("data:"):
        what = kind
    else:
        what = f"schema:{kind}\0{_schema_digest(kind)}\0jsonschema {_jsonschema_version()}"
    h = hashlib.sha256(f"{CACHE_FORMAT}\0{code_digest()}\0{what}\0".encode())
    h.update(raw)
    return h.hexdigest()


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else (always true where there are no owners)."""
    uid = getattr(os, "geteuid", None)
    return (uid is None or st.st_uid == uid()) and not st.st_mode & 0o022


def cache_get(key: str) -> tuple[bool, Any]:
    """(True, content) for a trusted, intact entry of exactly this key, else (False, None)."""
    d = _cache_dir()
    if d is None:
        return False, None
    try:
        if not _private(d.stat()):
            return False, None
        fd = os.open(d / f"{key}.json", os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not (stat.S_ISREG(st.st_mode) and _private(st)):
                return False, None
            data = fh.read()
        head, sep, body = data.partition(b"\n")
        header = json.loads(head) if sep else None
        if (
            not isinstance(header, dict)
            or header.get("format") != CACHE_FORMAT
            or header.get("key") != key
            or header.get("length") != len(body)
            or header.get("sha256") != hashlib.sha256(body).hexdigest()
        ):
            return False, None
        return True, json.loads(body)
    except (OSError, ValueError, RecursionError):  # unreadable, not JSON (or not UTF-8), nested beyond reading
        return False, None


def cache_entry(key: str, content: Any) -> bytes | None:
    """The bytes of the entry for ``content`` under ``key``: a header line (format, key, the content's length
    and SHA-256), then the content as JSON. None for content that JSON would not give back unchanged
    (non-text keys, tuples, NaN)."""
    try:
        body = json.dumps(content, ensure_ascii=False).encode("utf-8")
        if json.loads(body) != content:
            return None
    except (TypeError, ValueError, RecursionError):
        return None
    header = {"format": CACHE_FORMAT, "key": key, "length": len(body), "sha256": hashlib.sha256(body).hexdigest()}
    return json.dumps(header).encode("ascii") + b"\n" + body


def cache_put(key: str, content: Any) -> None:
    """Store ``content`` under ``key`` atomically (a private temporary file renamed into place), replacing
    whatever entry was there. Content that JSON would not give back unchanged is not stored."""
    d = _cache_dir()
    if d is None:
        return
    data = cache_entry(key, content)
    if data is None:
        return
    try:
        d.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(d.stat()):
            return
        import tempfile  # only when something is stored: a check with a filled cache stores nothing

        fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, d / f"{key}.json")
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:  # a read-only or full disk only costs speed
        pass


def load_policy_set(profile: str | Path = "solna", *, use_cache: bool = True) -> PolicySet:
    """Load, validate and cross-check a profile with its policies, rules and context.

    With the cache, a load that fails after it read any entry is made again with every file parsed from
    its source (and its entry written again): what an entry holds can never decide how a load fails."""
    if not use_cache:
        return _load_policy_set(profile, read_cache=False, write_cache=False)
    hits: list[str] = []
    try:
        return _load_policy_set(profile, read_cache=True, write_cache=True, hits=hits)
    except Exception:
        if not hits:  # nothing came from the cache: the failure is the files' own
            raise
    return _load_policy_set(profile, read_cache=False, write_cache=True)


def _load_policy_set(
    profile: str | Path, *, read_cache: bool, write_cache: bool, hits: list[str] | None = None
) -> PolicySet:
    root = data_root()
    prof_path, pol_dirs, rule_dirs = resolve_profile(profile)
    problems: list[Problem] = []
    files: dict[str, str] = {}

    own = prof_path.parent.resolve()
    real_root = root.resolve()
    real: dict[Path, Path] = {}  # each path resolved once in this load (names, hashes, messages)

    def resolved(path: Path) -> Path:
        found = real.get(path)
        if found is None:
            try:
                found = path.resolve()
            except (OSError, RuntimeError):  # a loop of links: named as given, and refused when it is read
                found = path.absolute()
            real[path] = found
        return found

    def file_key(path: Path) -> str:
        """The file's name in hashes and provenance: bundled files relative to the package data, a user
        profile's files relative to its folder, so the same profile gives the same hashes wherever it lies."""
        at = resolved(path)
        for base, prefix in ((real_root, ""), (own, "profile:")):
            if at.is_relative_to(base):
                return prefix + at.relative_to(base).as_posix()
        return at.as_posix()

    def display_of(path: Path) -> str:
        """As display_of(path)."""
        try:
            return str(resolved(path).relative_to(real_root))
        except ValueError:
            return str(path)

    def load(path: Path, schema_name: str) -> dict[str, Any] | None:
        display = display_of(path)
        from checker.bounded import MAX_YAML_BYTES, Refused, read_regular

        try:
            raw = read_regular(path, MAX_YAML_BYTES)
        except Refused as exc:
            problems.append(Problem(display, "", f"cannot read file: {exc}"))
            return None
        files[file_key(path)] = hashlib.sha256(raw).hexdigest()
        key = cache_key(raw, schema_name) if read_cache or write_cache else ""
        if read_cache:
            hit, content = cache_get(key)
            if hit and isinstance(content, dict):
                if hits is not None:
                    hits.append(display)
                return content
        try:
            doc = parse_yaml_bytes(raw, display)
        except PolicyError as exc:
            problems.extend(exc.problems)
            return None
        if not isinstance(doc, dict):
            problems.append(Problem(display, "", "expected a mapping at the top level"))
            return None
        if schema_name == "rules":  # before the schema (and its cache): the engine never sees deeper ones
            deep = condition_depth_problems(doc, display)
            if deep:
                problems.extend(deep)
                return None
        found = validate(doc, schema_name, display)
        problems.extend(found)
        if found:
            return None
        if write_cache:
            cache_put(key, doc)
        return doc

    prof = load(prof_path, "profile")
    if prof is None:
        raise PolicyError(problems)
    prof_display = display_of(prof_path)

    policies: dict[str, Policy] = {}
    for i, name in enumerate(prof["policies"]):
        path = _find(name, "policy", pol_dirs)
        if path is None:
            problems.append(Problem(prof_display, f"policies[{i}]", f"no policy file named {excerpt(name)} found"))
            continue
        doc = load(path, "policy")
        if doc is None:
            continue
        pol = _make_policy(doc, display_of(path), problems)
        if pol.id in policies:
            problems.append(Problem(display_of(path), "id", f"policy id {pol.id!r} is used twice"))
        policies[pol.id] = pol

    context = None
    if "context" in prof:
        path = _find(prof["context"], "context", pol_dirs)
        if path is None:
            problems.append(Problem(prof_display, "context", f"no context file named {excerpt(prof['context'])} found"))
        else:
            doc = load(path, "context")
            if doc is not None:
                context = _make_context(doc, display_of(path), problems)

    rules: list[Rule] = []
    scenarios: list[tuple[str, int, dict[str, Any]]] = []
    for i, name in enumerate(prof["rules"]):
        path = _find(name, "rules", rule_dirs)
        if path is None:
            problems.append(Problem(prof_display, f"rules[{i}]", f"no rule file named {excerpt(name)} found"))
            continue
        doc = load(path, "rules")
        if doc is None:
            continue
        display = display_of(path)
        for j, rdoc in enumerate(doc["rules"]):
            rules.append(Rule(rdoc["id"], display, j, rdoc))
        for j, sdoc in enumerate(doc.get("scenarios", [])):
            merged = {**doc.get("scenario_facts", {}), **sdoc["facts"]}  # null: the fact is unknown here
            sdoc = {**sdoc, "facts": {k: v for k, v in merged.items() if v is not None}}
            scenarios.append((display, j, sdoc))
            for fname in sdoc["facts"]:
                if fname not in FACTS:
                    problems.append(
                        Problem(
                            display,
                            f"scenarios[{j}].facts.{fname}",
                            f"unknown fact; declared facts: {', '.join(FACTS)}",
                        )
                    )

    if not problems:
        _cross_check(rules, policies, context, problems)
    if problems:
        raise PolicyError(problems)

    digest = hashlib.sha256()
    digest.update(f"council-checker {__version__}\n".encode())
    for name in sorted(files):
        digest.update(f"{name} {files[name]}\n".encode())
    return PolicySet(
        profile_id=prof["id"],
        profile=prof,
        policies=policies,
        rules=tuple(rules),
        context=context,
        files=dict(sorted(files.items())),
        hash=digest.hexdigest(),
        root=str(root),
        profile_file=file_key(prof_path),
        scenarios=tuple(scenarios),
    )


def _make_policy(doc: dict[str, Any], display: str, problems: list[Problem]) -> Policy:
    """A policy with its clauses. A clause id may appear more than once: each entry is the wording in
    force for its own period (in_force_from .. in_force_until), and the periods may not overlap."""
    versions: dict[str, list[Clause]] = {}
    for i, c in enumerate(doc["clauses"]):
        clause = Clause(
            uid=f"{doc['id']}/{c['id']}",
            number=c["number"],
            text=c["text"].strip(),
            heading=c.get("heading"),
            verified=bool(c["verified"]) and bool(doc["verified"]),
            excerpt=bool(c.get("excerpt", False)),
            amended_by=c.get("amended_by"),
            in_force_from=c["in_force_from"],
            in_force_until=c.get("in_force_until"),
            url=c.get("url") or doc.get("url"),
            reference_only=bool(c.get("reference_only", False)),
            source_note=c.get("source_note"),
            examined=bool(c.get("examined", True)),
        )
        if clause.reference_only and clause.verified:
            problems.append(
                Problem(display, f"clauses[{i}]", "a reference_only clause quotes nothing: set verified: false")
            )
        earlier = versions.setdefault(c["id"], [])
        for other in earlier:
            if _overlap(other, clause):
                problems.append(
                    Problem(
                        display,
                        f"clauses[{i}].id",
                        f"clause id {c['id']!r} is used twice for overlapping periods; give the earlier "
                        "wording an in_force_until on or before the later one's in_force_from",
                    )
                )
        earlier.append(clause)
    ordered = {cid: tuple(sorted(vs, key=lambda v: v.in_force_from)) for cid, vs in versions.items()}
    clauses = {cid: vs[-1] for cid, vs in ordered.items()}
    return Policy(
        doc["id"], doc["kind"], doc["title"], doc["short"], doc.get("url"), doc["verified"], doc, clauses, ordered
    )


def _overlap(a: Clause, b: Clause) -> bool:
    a_end = a.in_force_until or "9999-12-31"
    b_end = b.in_force_until or "9999-12-31"
    return a.in_force_from < b_end and b.in_force_from < a_end


def _make_context(doc: dict[str, Any], display: str, problems: list[Problem]) -> ProfileContext:
    from checker.facts import THEMES

    for i, area in enumerate(doc.get("priority_areas", [])):
        for j, theme in enumerate(area["themes"]):
            if theme not in THEMES:
                problems.append(
                    Problem(
                        display,
                        f"priority_areas[{i}].themes[{j}]",
                        f"unknown theme {theme!r}; allowed: {', '.join(THEMES)}",
                    )
                )
    return MunicipalContext(
        municipality=doc["municipality"],
        source=doc["source"],
        partners=tuple(
            ContextPartner(**{**p, "aliases": tuple(p.get("aliases", ()))}) for p in doc.get("partners", [])
        ),
        networks=tuple(
            ContextNetwork(**{**n, "aliases": tuple(n.get("aliases", ()))}) for n in doc.get("networks", [])
        ),
        priority_areas=tuple(
            PriorityArea(**{**a, "themes": tuple(a["themes"])}) for a in doc.get("priority_areas", [])
        ),
        existing_work=tuple(doc.get("existing_work", [])),
        bodies=tuple(
            Body(
                name=b["name"],
                aliases=tuple(b.get("aliases", ())),
                remit=tuple(
                    Remit(**{**r, "terms": tuple(tuple(group) for group in r.get("terms", ()))}) for r in b["remit"]
                ),
            )
            for b in doc.get("bodies", [])
        ),
        ongoing_work=tuple(
            OngoingWork(**{**w, "terms": tuple(tuple(group) for group in w["terms"])})
            for w in doc.get("ongoing_work", [])
        ),
    )


# --------------------------------------------------------------------------- cross-checks

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
EXTRA_PLACEHOLDERS = {"priority_areas", "existing_matches", "municipality"}
# A conditional part of a message: "{?fact:text}" is written when the fact has a value (known, and not
# false, empty or none), "{!fact:text}" when it is known to have none, neither when it is unknown; the
# text, taken as written after the colon, may hold placeholders:
# "näringsidkare{?named_businesses: (i förslaget nämns {named_businesses})}."
CONDITIONAL_PART = re.compile(r"\{([?!])([a-z_]+):((?:[^{}]|\{[a-z_]+\})*)\}")


def _check_template(text: str, file: str, where: str, problems: list[Problem]) -> None:
    """A message template's placeholders and conditional parts name facts (or the profile's words), and
    no conditional part is left open or nested."""
    allowed = ", ".join(sorted(EXTRA_PLACEHOLDERS))
    names = [m.group(2) for m in CONDITIONAL_PART.finditer(text)] + PLACEHOLDER.findall(text)
    for ph in names:
        if ph not in FACTS and ph not in EXTRA_PLACEHOLDERS:
            problems.append(Problem(file, where, f"unknown placeholder {{{ph}}}; use a fact name or one of {allowed}"))
    rest = CONDITIONAL_PART.sub("", text)
    if "{?" in rest or "{!" in rest:
        problems.append(
            Problem(
                file,
                where,
                "a conditional part is not closed or holds another one; write {?fact:text} or {!fact:text}, "
                "where the text may hold {placeholders} but no other conditional part",
            )
        )


PLACE_BOOL_FIELDS = ("in_europe", "eu_eea", "receives_swedish_aid")
ENUM_OPERATORS = ("is", "is_not", "contains", "contains_any", "all_not_in", "only", "not_in")


# The condition language, for rule authors (docs/rules.md is generated from this).
OPERATORS: dict[str, str] = {
    "all": "alla delvillkor gäller (och)",
    "any": "minst ett delvillkor gäller (eller)",
    "is": "värdet är lika med (sant/falskt, text, tal, datum, ett värde i en uppräkning)",
    "is_not": "värdet är inte lika med",
    "not_in": "värdet finns inte i listan; för en lista: inget av dess värden finns i listan",
    "greater_than": "talet eller datumet är större än",
    "at_least": "talet eller datumet är minst",
    "less_than": "talet eller datumet är mindre än",
    "at_most": "talet eller datumet är högst",
    "contains": "listan innehåller värdet",
    "contains_any": "listan innehåller minst ett av värdena",
    "all_not_in": "listan är inte tom och inget av dess värden finns bland värdena",
    "only": "listan är inte tom och alla dess värden finns bland värdena",
    "not_empty": "listan är inte tom",
    "empty": "listan är tom",
    "any_item": "någon ort i listan har fältet (name, key, kind, country_code, continent, in_europe, eu_eea, "
    "receives_swedish_aid) med värdet",
    "all_items": "listan är inte tom och alla orter i den har fältet med värdet",
    "unknown_as": "tillägg till en test: är faktan okänd räknas testen som false eller true i stället för okänd "
    "(false för en kompletterande signal som en annan test i regeln bär, true för ett undantag som kräver en "
    "säker läsning)",
}


MAX_CONDITION_DEPTH = 8  # levels of all/any in one condition; the bundled rules use at most 3


def _condition_depth(value: Any) -> int:
    """The deepest nesting of all/any anywhere below `value` (iterative: any depth is measured safely)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict):
            for k, x in v.items():
                inner = d + 1 if k in ("all", "any") else d
                deepest = max(deepest, inner)
                stack.append((x, inner))
        elif isinstance(v, list):
            stack.extend((x, d) for x in v)
    return deepest


def condition_depth_problems(doc: dict[str, Any], display: str) -> list[Problem]:
    """Rules whose conditions nest all/any deeper than MAX_CONDITION_DEPTH, one line each."""
    rules = doc.get("rules")
    if not isinstance(rules, list):
        return []
    out = []
    for j, rdoc in enumerate(rules):
        depth = _condition_depth(rdoc)
        if depth > MAX_CONDITION_DEPTH:
            out.append(
                Problem(
                    display,
                    f"rules[{j}]",
                    f"conditions nest all/any {depth} levels deep; at most {MAX_CONDITION_DEPTH} are allowed",
                )
            )
    return out


def condition_facts(cond: dict[str, Any], *, decisive: bool = False) -> set[str]:
    """The fact names a condition refers to (decisive: only those whose being unknown leaves it open,
    i.e. not the ones whose test says what an unknown value counts as: `unknown_as`).

    Asked for every rule of every verdict: the answer is remembered per condition (a rule's condition
    is data that is never changed once loaded; the entry holds the condition, so its id stays its own)."""
    entry = _CONDITION_FACTS.get((id(cond), decisive))
    if entry is not None and entry[0] is cond:
        return set(entry[1])
    found = _condition_facts(cond, decisive)
    if len(_CONDITION_FACTS) > 20_000:
        _CONDITION_FACTS.clear()
    _CONDITION_FACTS[(id(cond), decisive)] = (cond, frozenset(found))
    return found


_CONDITION_FACTS: dict[tuple[int, bool], tuple[dict[str, Any], frozenset[str]]] = {}


def _condition_facts(cond: dict[str, Any], decisive: bool) -> set[str]:
    if "all" in cond:
        return set().union(*(condition_facts(c, decisive=decisive) for c in cond["all"]))
    if "any" in cond:
        return set().union(*(condition_facts(c, decisive=decisive) for c in cond["any"]))
    if decisive and "unknown_as" in cond:
        return set()
    return {cond["fact"]}


def _check_condition(cond: dict[str, Any], where: str, file: str, problems: list[Problem]) -> None:
    for key in ("all", "any"):
        if key in cond:
            for i, sub in enumerate(cond[key]):
                _check_condition(sub, f"{where}.{key}[{i}]", file, problems)
            return
    name = cond["fact"]
    fdef = FACTS.get(name)
    if fdef is None:
        problems.append(Problem(file, f"{where}.fact", f"unknown fact {name!r}; declared facts: {', '.join(FACTS)}"))
        return
    ops = [k for k in cond if k not in ("fact", "unknown_as")]
    if len(ops) != 1:
        problems.append(
            Problem(
                file, where, f"needs exactly one test besides fact and unknown_as; found: {', '.join(ops) or 'none'}"
            )
        )
        return
    op = ops[0]
    scalar_ops = {
        "bool": ("is", "is_not"),
        "int": ("is", "is_not", "not_in", "greater_than", "at_least", "less_than", "at_most"),
        "date": ("is", "is_not", "greater_than", "at_least", "less_than", "at_most"),
        "string": ("is", "is_not", "not_in"),
        "enum": ("is", "is_not", "not_in"),
    }
    list_ops = ("contains", "contains_any", "not_in", "all_not_in", "only", "not_empty", "empty")
    allowed = scalar_ops.get(fdef.type) or (
        ("any_item", "all_items", "not_empty", "empty") if fdef.type == "list[place]" else list_ops
    )
    if op not in allowed:
        problems.append(
            Problem(
                file,
                f"{where}.{op}",
                f"operator {op!r} does not apply to fact {name!r} of type {fdef.type}; allowed: {', '.join(allowed)}",
            )
        )
        return
    if fdef.values and op in ENUM_OPERATORS:
        val = cond[op]
        vals = val if isinstance(val, list) else ([] if isinstance(val, dict) else [val])
        for v in vals:
            if v not in fdef.values:
                problems.append(
                    Problem(
                        file, f"{where}.{op}", f"{v!r} is not a value of {name!r}; allowed: {', '.join(fdef.values)}"
                    )
                )
    if op in ("any_item", "all_items"):
        test = cond[op]
        want: type = bool if test["field"] in PLACE_BOOL_FIELDS else str
        spec = test["is"] if "is" in test else test.get("in", test.get("not_in"))
        vals = [spec] if "is" in test else (spec if isinstance(spec, list) else [])
        for v in vals:
            if not isinstance(v, want) or (want is str and isinstance(v, bool)):
                kind = "true or false" if want is bool else "text"
                problems.append(Problem(file, f"{where}.{op}", f"field {test['field']!r} is {kind}, got {v!r}"))
    if fdef.type == "bool" and op in ("is", "is_not") and not isinstance(cond[op], bool):
        problems.append(Problem(file, f"{where}.{op}", f"fact {name!r} is true or false, got {cond[op]!r}"))


def _cross_check(
    rules: list[Rule], policies: dict[str, Policy], context: ProfileContext | None, problems: list[Problem]
) -> None:
    seen: dict[str, str] = {}
    for rule in rules:
        prefix = f"rules[{rule.index}]"
        for ident in (rule.id, *rule.doc.get("aliases", ())):
            if ident in seen:
                problems.append(
                    Problem(rule.file, f"{prefix}.id", f"rule id {ident!r} is already used in {seen[ident]}")
                )
            seen[ident] = rule.file
        for i, uid in enumerate(rule.doc["cites"]):
            pol_id, _, clause_id = uid.partition("/")
            pol = policies.get(pol_id)
            if pol is None:
                problems.append(
                    Problem(
                        rule.file,
                        f"{prefix}.cites[{i}]",
                        f"{uid!r} names policy {pol_id!r}, which "
                        f"the profile does not load; loaded: {', '.join(sorted(policies))}",
                    )
                )
            elif clause_id not in pol.clauses:
                problems.append(
                    Problem(
                        rule.file,
                        f"{prefix}.cites[{i}]",
                        f"{uid!r}: no clause {clause_id!r} in {pol_id}; clauses: {', '.join(pol.clauses)}",
                    )
                )
        for key in ("applies_when", "violation_when"):
            if key in rule.doc:
                _check_condition(rule.doc[key], f"{prefix}.{key}", rule.file, problems)
        if "unless" in rule.doc:
            _check_condition(rule.doc["unless"]["when"], f"{prefix}.unless.when", rule.file, problems)
        for key in ("message", "pass_message", "remedy", "question"):
            for lang, text in rule.doc.get(key, {}).items():
                _check_template(text, rule.file, f"{prefix}.{key}.{lang}", problems)
        outcomes = {c["expect"] for c in rule.doc["cases"]}
        if "violation" not in outcomes and not (
            {"needs_review"} <= outcomes and rule.doc.get("on_match") == "needs_review"
        ):
            problems.append(
                Problem(
                    rule.file,
                    f"{prefix}.cases",
                    "needs at least one failing case (expect: violation, "
                    "or needs_review for a rule with on_match: needs_review)",
                )
            )
        if "pass" not in outcomes:
            problems.append(Problem(rule.file, f"{prefix}.cases", "needs at least one passing case (expect: pass)"))
        for i, case in enumerate(rule.doc["cases"]):
            for fname in case["facts"]:
                if fname not in FACTS:
                    problems.append(
                        Problem(
                            rule.file,
                            f"{prefix}.cases[{i}].facts.{fname}",
                            f"unknown fact; declared facts: {', '.join(FACTS)}",
                        )
                    )
    if len(seen) == 0:
        problems.append(Problem("profile", "rules", "the profile loads no rules"))


def authoring_warnings(policy_set: PolicySet) -> list[Problem]:
    """What a rule author should add although the rule loads: without `ground` the summary falls back to the
    rule's title (which reads as broken Swedish after "förslaget"), and without `question` an unknown fact
    is asked about in the fact's own words, or not at all."""
    out: list[Problem] = []
    for rule in policy_set.rules:
        where = f"rules[{rule.index}] ({rule.id})"
        if rule.effect != "none" and "ground" not in rule.doc:
            out.append(
                Problem(
                    rule.file,
                    where,
                    'no `ground`: the summary then uses the title after "förslaget" and reads as broken '
                    'Swedish; add ground: {sv: "innebär …"} (what the proposal does, after "förslaget")',
                )
            )
        if "question" not in rule.doc:
            out.append(
                Problem(
                    rule.file,
                    where,
                    "no `question`: when a fact is unknown, the verdict cannot say what to ask; "
                    'add question: {sv: "…?"}',
                )
            )
    return out
