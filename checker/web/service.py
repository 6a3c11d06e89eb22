"""What the web page and the HTTP API do, without the web framework: check inputs, keep nothing.

One `Service` per server process holds the loaded policy sets (one Checker per profile, loaded at
start). Each input is checked exactly as `council-check check FILE` checks a file with the same bytes
and name (the bytes go to a private temporary folder that is removed at once). `council-check serve`
starts worker processes (`start_workers`, checker/web/workers.py): each check then runs in one of
them, within the server's time limit, and checks run in parallel; without workers (an embedder, the
in-process tests) checks run in this process one at a time. With a decision log the input is kept
beside the log, so `council-check replay` can run it again (written by this process, in order).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from checker.api import FACTS_SUFFIXES, TEXT_SUFFIXES, Checker, Prepared, safe_name, uploaded
from checker.errors import EXIT_USAGE, CheckerError, InputError, Problem
from checker.models import Fact, Proposal, Verdict

if TYPE_CHECKING:
    from checker.web.workers import WorkerPool

# Limits of a batch upload (the per-file limits are the readers', as in the CLI).
MAX_BATCH_FILES = 200
MAX_BATCH_BYTES = 50 * 1024 * 1024  # everything uploaded, or unpacked from a zip, together
MAX_ZIP_RATIO = 100  # unpacked/packed for one member
ZIP_RATIO_MIN_SIZE = 1024 * 1024


class TooLarge(CheckerError):
    """An input over a size limit (HTTP 413)."""

    def __init__(self, file: str, message: str) -> None:
        super().__init__([Problem(file, "", message)])


class UnsupportedType(CheckerError):
    """An input of a type the checker cannot read (HTTP 415)."""

    def __init__(self, file: str, message: str) -> None:
        super().__init__([Problem(file, "", message)])


def max_bytes() -> int:
    """The reader's file limit, read at each call like the reader does."""
    from checker import reading

    return reading.MAX_BYTES


def size_label(n: int) -> str:
    from checker.reading.limits import size_label as label

    return label(n)


def require_type(name: str, *, facts_allowed: bool = True) -> None:
    suffix = PurePosixPath(name).suffix.lower()
    allowed = TEXT_SUFFIXES + (FACTS_SUFFIXES if facts_allowed else ())
    if suffix not in allowed:
        found = f"okänt filformat {suffix}" if suffix else "filnamnet saknar filändelse"
        raise UnsupportedType(name, f"{found} – tillåtna: {', '.join(allowed)}")


def require_size(name: str, size: int) -> None:
    limit = max_bytes()
    if size > limit:
        raise TooLarge(name, f"filen är större än gränsen {size_label(limit)} (den är {size_label(size)})")


@dataclass
class Outcome:
    """One checked input: the verdict, and its text and facts when it was a motion."""

    verdict: Verdict
    prepared: Prepared
    name: str
    data: bytes
    decision_id: str
    body: bytes  # the verdict as `check --format json` prints it
    declared: dict[str, Fact] = field(default_factory=dict)

    @property
    def proposal(self) -> Proposal | None:
        return self.prepared.proposal


def verdict_json(verdict: Verdict) -> bytes:
    """Exactly what `council-check check FILE --format json` prints for one input."""
    from checker.render.jsonout import render_json

    return render_json(verdict).encode("utf-8")


def content_id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Service:
    def __init__(self, profiles: list[str], log: Path | None = None) -> None:
        if not profiles:
            raise ValueError("at least one profile")
        self.checkers: dict[str, Checker] = {}
        for name in profiles:
            if name not in self.checkers:
                self.checkers[name] = Checker(name)
        # One check at a time per process. The pipeline is pure Python (the interpreter runs one thread at a
        # time anyway), and concurrent checks were seen to differ from sequential ones (a lazily built cache
        # or shared state below checker.api is not thread-safe): the lock makes them identical by construction.
        self._check_lock = threading.Lock()
        self.default_profile = profiles[0]
        self.log = log
        self._log_lock = threading.Lock()
        self.pool: WorkerPool | None = None

    def start_workers(self, size: int, time_limit: float | None, inherited: list[Any] | None = None) -> None:
        """Check in `size` worker processes from now on, each check within `time_limit` seconds (None: none).

        Call it before any thread starts (the workers' template is forked from this process); `inherited`
        are objects with a close() the template must not keep (the server's listening socket)."""
        from checker.web.workers import WorkerPool, fork_available

        if fork_available():
            self.pool = WorkerPool(self, size, time_limit, inherited)

    def close(self) -> None:
        """Stop the workers (if any)."""
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    # ------------------------------------------------------------------ profiles

    def checker(self, profile: str | None) -> Checker:
        name = profile or self.default_profile
        found = self.checkers.get(name)
        if found is None:
            raise CheckerError(
                [Problem("profile", "", f"okänd profil {name!r}; tillgängliga: {', '.join(self.checkers)}")],
                EXIT_USAGE,
            )
        return found

    def profile_of(self, profile: str | None) -> str:
        self.checker(profile)
        return profile or self.default_profile

    # ------------------------------------------------------------------ checking

    def declared_from(self, profile: str | None, raw: bytes | None, display: str = "facts") -> dict[str, Fact]:
        """Declared facts from a facts file's bytes (YAML or JSON), as `--facts` reads them."""
        if not raw:
            return {}
        from checker.factsfile import parse_facts

        facts, _meta = parse_facts(raw, display, self.checker(profile).policy_set.context)
        return facts

    def declared_from_answers(self, profile: str | None, values: dict[str, Any]) -> dict[str, Fact]:
        if not values:
            return {}
        from checker.factsfile import facts_from_mapping

        return facts_from_mapping(values, self.checker(profile).policy_set.context, file="svar")

    def check(
        self,
        data: bytes,
        name: str,
        *,
        profile: str | None,
        as_of: dt.date,
        lang: str = "sv",
        declared: dict[str, Fact] | None = None,
        facts_raw: bytes | None = None,
    ) -> Outcome:
        """Check one input as the CLI would; CheckerError (with TooLarge/UnsupportedType) when it cannot.

        Declared facts are `declared`, or else parsed from `facts_raw` (a facts file's bytes). In a worker
        when there are workers (a WorkerError when it overran the time limit or died); the decision record
        is written here."""
        outcome = self._outcome(
            data, name, profile=profile, as_of=as_of, lang=lang, declared=declared, facts_raw=facts_raw
        )
        self._record_outcome(outcome, as_of, lang, profile, facts_raw)
        return outcome

    def _outcome(
        self,
        data: bytes,
        name: str,
        *,
        profile: str | None,
        as_of: dt.date,
        lang: str,
        declared: dict[str, Fact] | None,
        facts_raw: bytes | None,
    ) -> Outcome:
        if self.pool is not None:
            outcome: Outcome = self.pool.call(
                "check_here",
                data,
                name,
                profile=profile,
                as_of=as_of,
                lang=lang,
                declared=declared,
                facts_raw=facts_raw,
            )
            return outcome
        with self._check_lock:
            return self.check_here(
                data, name, profile=profile, as_of=as_of, lang=lang, declared=declared, facts_raw=facts_raw
            )

    def check_here(
        self,
        data: bytes,
        name: str,
        *,
        profile: str | None,
        as_of: dt.date,
        lang: str = "sv",
        declared: dict[str, Fact] | None = None,
        facts_raw: bytes | None = None,
    ) -> Outcome:
        """The check itself, in this process (a worker runs this); no decision record."""
        if declared is None and facts_raw:
            declared = self.declared_from(profile, facts_raw)
        name = safe_name(name)
        require_type(name)
        require_size(name, len(data))
        if not data:
            raise InputError(name, "filen är tom")
        checker = self.checker(profile)
        from checker.verdict import require_rules_in_force

        require_rules_in_force(checker.policy_set, as_of)
        with uploaded(data, name) as path:
            prepared = checker.prepare(path, declared or None)
            verdict = checker.verdict(prepared, as_of=as_of, lang=lang)
            body = verdict_json(verdict)
        return Outcome(verdict, prepared, name, data, content_id(body)[:32], body, dict(declared or {}))

    def extract(self, data: bytes, name: str, *, profile: str | None) -> tuple[Proposal, dict[str, Fact]]:
        if self.pool is not None:
            found: tuple[Proposal, dict[str, Fact]] = self.pool.call("extract_here", data, name, profile=profile)
            return found
        with self._check_lock:
            return self.extract_here(data, name, profile=profile)

    def extract_here(self, data: bytes, name: str, *, profile: str | None) -> tuple[Proposal, dict[str, Fact]]:
        name = safe_name(name)
        require_type(name, facts_allowed=False)
        require_size(name, len(data))
        checker = self.checker(profile)
        with uploaded(data, name) as path:
            proposal = checker.read(path)
            return proposal, checker.extract(proposal)

    # ------------------------------------------------------------------ decision log

    def _record_outcome(
        self, outcome: Outcome, as_of: dt.date, lang: str, profile: str | None, facts_raw: bytes | None
    ) -> None:
        if self.log is None:
            return
        checker = self.checker(profile)
        self._record(
            checker,
            Path(outcome.name),
            outcome.data,
            outcome.verdict,
            as_of,
            lang,
            profile,
            outcome.decision_id,
            facts_raw,
            outcome.declared or None,
        )

    def _record(
        self,
        checker: Checker,
        path: Path,
        data: bytes,
        verdict: Verdict,
        as_of: dt.date,
        lang: str,
        profile: str | None,
        decision_id: str,
        facts_raw: bytes | None,
        declared: dict[str, Fact] | None,
    ) -> None:
        """Keep the input beside the log (the user asked for a log) and append its decision record."""
        from checker.batch import Options, append_records, decision_record

        assert self.log is not None
        store = self.log.parent / (self.log.name + ".inputs") / content_id(data)
        store.mkdir(parents=True, exist_ok=True)
        kept = store / path.name
        if not kept.exists():
            kept.write_bytes(data)
        facts_file = None
        if facts_raw is None and declared:
            facts_raw = declared_facts_yaml(declared).encode("utf-8")
        if facts_raw:
            facts_file = store / f"fakta-{content_id(facts_raw)[:16]}.yaml"
            if not facts_file.exists():
                facts_file.write_bytes(facts_raw)
        opts = Options(
            profile=profile or self.default_profile,
            as_of=as_of,
            lang=lang,
            facts_file=facts_file,
            log=True,
            fmt="json",
        )
        record = decision_record(checker, kept, verdict, opts)
        record["decision_id"] = decision_id
        with self._log_lock:
            append_records(self.log, [record])

    # ------------------------------------------------------------------ batch

    def check_many(
        self, files: list[tuple[str, bytes]], *, profile: str | None, as_of: dt.date, lang: str
    ) -> list[tuple[str, Outcome | None, list[str]]]:
        """Each file's outcome or its error lines, in the order given (with workers, checked in parallel)."""
        from checker.web.workers import WorkerError

        def one(item: tuple[str, bytes]) -> tuple[str, Outcome | None, list[str]]:
            name, data = item
            try:
                return (
                    name,
                    self._outcome(data, name, profile=profile, as_of=as_of, lang=lang, declared=None, facts_raw=None),
                    [],
                )
            except WorkerError as err:
                return name, None, [f"{safe_name(name)}: {err.message_sv}"]
            except CheckerError as err:
                return name, None, err.lines()

        if self.pool is not None and len(files) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=self.pool.size) as threads:
                out = list(threads.map(one, files))
        else:
            out = [one(f) for f in files]
        for _name, outcome, _errors in out:  # the records in input order, whatever order the checks ended in
            if outcome is not None:
                self._record_outcome(outcome, as_of, lang, profile, None)
        return out


def declared_facts_yaml(declared: dict[str, Fact]) -> str:
    """Declared facts as a facts file (for the decision log and the page's download)."""
    import yaml

    facts: dict[str, Any] = {}
    for name, fact in declared.items():
        facts[name] = {"value": fact.value} if fact.known else {"unknown": True}
    return yaml.safe_dump({"schema_version": "1", "facts": facts}, allow_unicode=True, sort_keys=True)


def facts_file_text(outcome: Outcome) -> str:
    """The facts file for a checked motion, declared answers included (to pass back with --facts)."""
    from checker.render.factsout import facts_yaml

    if outcome.proposal is None:
        return declared_facts_yaml(outcome.prepared.facts)
    return facts_yaml(outcome.proposal, outcome.prepared.facts)


# --------------------------------------------------------------------------- uploads of many files


def unpack_batch(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Uploaded files, with zip files replaced by the motion documents inside them.

    A zip file is treated as hostile: members are read by their base name only (no folders, so no path
    can point anywhere), hidden and system files are skipped, nested zips, encrypted members and links are
    refused, and the count, each member's size, its packing ratio and the total are limited while reading
    (a member's declared size is not trusted).
    """
    out: list[tuple[str, bytes]] = []
    total = 0
    for name, data in files:
        if PurePosixPath(name).suffix.lower() == ".zip":
            for member, content in _zip_members(name, data, MAX_BATCH_BYTES - total):
                total += len(content)
                out.append((member, content))
                _count(out)
        else:
            total += len(data)
            if total > MAX_BATCH_BYTES:
                raise TooLarge(name, f"filerna är tillsammans större än gränsen {size_label(MAX_BATCH_BYTES)}")
            out.append((safe_name(name), data))
            _count(out)
    return _unique(out)


def _count(items: list[tuple[str, bytes]]) -> None:
    if len(items) > MAX_BATCH_FILES:
        raise TooLarge("zip", f"fler än {MAX_BATCH_FILES} motioner; dela upp dem i flera omgångar")


def _unique(items: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Two members with the same base name (from different folders) keep both, numbered."""
    seen: dict[str, int] = {}
    out = []
    for name, data in items:
        n = seen.get(name, 0)
        seen[name] = n + 1
        if n:
            p = PurePosixPath(name)
            name = f"{p.stem} ({n + 1}){p.suffix}"
        out.append((name, data))
    return out


def _zip_members(zip_name: str, data: bytes, budget: int) -> Iterator[tuple[str, bytes]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(zip_name, "zip-filen är skadad eller ingen zip-fil") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_BATCH_FILES * 5:
            raise TooLarge(zip_name, f"zip-filen har fler än {MAX_BATCH_FILES * 5} delar")
        limit = max_bytes()
        for info in infos:
            if info.is_dir():
                continue
            parts = PurePosixPath(info.filename.replace("\\", "/")).parts
            base = parts[-1] if parts else ""
            if not base or any(p.startswith((".", "__MACOSX", "~$")) for p in parts):
                continue  # hidden files, macOS resource forks, Office lock files
            suffix = PurePosixPath(base).suffix.lower()
            if suffix not in TEXT_SUFFIXES:
                continue
            if info.flag_bits & 0x1:
                raise InputError(f"{zip_name}/{base}", "delen är krypterad; packa upp den och ladda upp filen")
            if (info.external_attr >> 16) & 0o170000 == 0o120000:
                raise InputError(f"{zip_name}/{base}", "delen är en symbolisk länk, ingen fil")
            content = _read_member(archive, info, zip_name, base, min(limit, budget))
            budget -= len(content)
            yield base, content


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, zip_name: str, base: str, limit: int) -> bytes:
    shown = f"{zip_name}/{base}"
    if info.file_size > limit:
        raise TooLarge(shown, f"delen är större än gränsen {size_label(limit)} uppackad")
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as handle:
            while True:
                chunk = handle.read(64 * 1024)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:  # the header lied about the size
                    raise TooLarge(shown, f"delen är större än gränsen {size_label(limit)} uppackad")
                if size > ZIP_RATIO_MIN_SIZE and size > MAX_ZIP_RATIO * max(1, info.compress_size):
                    raise TooLarge(shown, "delen packas upp till mer än 100 gånger sin storlek (en zip-bomb?)")
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError, EOFError):
        raise InputError(shown, "delen kan inte packas upp") from None
    return b"".join(chunks)


def as_json_lines(outcomes: list[tuple[str, Outcome | None, list[str]]]) -> bytes:
    """The batch as JSON Lines, as `council-check check --format jsonl` writes it."""
    from checker.render.jsonout import render_jsonl_line

    lines = []
    for name, outcome, errors in outcomes:
        if outcome is not None:
            lines.append(render_jsonl_line(outcome.verdict))
        else:
            failure = {"input_name": name, "error": {"exit_code": 4, "messages": errors}}
            lines.append(json.dumps(failure, ensure_ascii=False, separators=(",", ":")) + "\n")
    return "".join(lines).encode("utf-8")
