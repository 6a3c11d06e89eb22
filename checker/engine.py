"""The rules engine: rule conditions (data) compiled to durable-rules rulesets, evaluated per proposal.

This is the only module that imports durable-rules. It follows the safe pattern measured in
shared/domain/durable-rules.md: a Host without its background timer threads, facts asserted (never
posted), one fresh session per evaluation that is always deleted, a positive guard on every rule, a
catch-all rule that runs last so no fact is ever unmatched and the run is proven complete, and a
warm-up evaluation right after building (it clears the C core's uninitialised session pointers).

Three-valued logic without a second evaluator: each condition is compiled twice. The *definite*
form is the condition itself; the engine treats a missing (unknown) fact as false. The *possible*
form replaces every test on fact f with "test holds, or f is unknown" ($nex). The condition language
has no negation, so the possible form fires exactly when the condition is not definitely false.
"Violation" needs the definite form; "needs review" is the possible form firing without the definite
one; "pass" and "not applicable" need the possible form not to fire. Pass vs. review is decided by
the engine from known and unknown facts, never guessed.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import itertools
import json
import sys
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import Problem
from checker.facts import FACTS
from checker.load import PolicySet, Rule, condition_facts, name_key
from checker.models import Fact

ENGINE_NAME = "durable-rules"
GUARD_FIELD = "$type"
GUARD_VALUE = "proposal"
DONE = "__evaluation_complete__"
CREATE_ATTEMPTS = 10
# Evaluations remembered per engine, the least recently used forgotten first: each entry is the facts'
# JSON (about 1 KB) and one shared result per rule, so 4,096 of them hold a few MB.
RESULTS_KEPT = 4096
MAX_COMPILED = 40  # engine rules per ruleset (each source rule compiles to 2–5)
_NEVER = {"$neq": {GUARD_FIELD: GUARD_VALUE}}  # a test that is never true on a guarded fact
_ruleset_seq = itertools.count(1)


def _json_writer() -> Any:
    """json.dumps(obj, ensure_ascii=False) for the engine's payloads (dicts, lists, text, numbers, booleans;
    never cyclic) without building an encoder per call: JSONEncoder.encode builds the C encoder anew on every
    call (the payloads of one check are written a dozen times), this builds it once, with the same
    settings but for the check for cycles, which acyclic data never needs. The same text."""
    from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]

    if c_make_encoder is None:  # pragma: no cover - a Python built without the _json accelerator
        return json.JSONEncoder(ensure_ascii=False).encode
    encoder = c_make_encoder(None, json.JSONEncoder().default, encode_basestring, None, ": ", ", ", False, False, True)

    def write(obj: Any) -> str:
        return "".join(encoder(obj, 0))

    return write


_to_json = _json_writer()
_encode_text = json.encoder.encode_basestring  # a text as the writer above writes it (ensure_ascii=False)


def _fragment(value: Any) -> str:
    """_to_json(value), the usual scalars without a call to the encoder (the same text: the encoder writes
    a bool as true/false, an int by int's repr and a text by encode_basestring)."""
    kind = type(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is str:
        return _encode_text(value)
    text: str = _to_json(value)
    return text


_PREFIXES: dict[str, str] = {}  # a payload key as it opens its member of an object: '"key": '


def _prefix(key: str) -> str:
    found = _PREFIXES.get(key)
    if found is None:
        if len(_PREFIXES) >= 4096:  # keys are fact names (and their `__n`): never near this
            _PREFIXES.clear()
        found = _PREFIXES[key] = _encode_text(key) + ": "
    return found


def _object(members: list[str]) -> str:
    """_to_json of a dict, from its members as written ('"key": value'): the encoder's separators."""
    return "{" + ", ".join(members) + "}"


_TAIL_END = '", ' + json.dumps(GUARD_FIELD) + ": " + json.dumps(GUARD_VALUE) + "}"


@dataclass
class _Ruleset:
    """One ruleset in the C core, shared by every Engine of this process whose rules compile to the same
    definition: durable-rules frees nothing when a ruleset is deleted, and a long process that created
    thousands of them (a test run, a server reloading profiles) saw the C core refuse new ones (error
    102) however often it was asked. Its lock serialises the C calls on it; its counter names sessions."""

    handle: int
    lock: threading.Lock
    seq: itertools.count[int]


_RULESETS: dict[str, _Ruleset] = {}  # by the definition's JSON text
_RULESETS_LOCK = threading.Lock()


class EngineError(RuntimeError):
    """The engine failed to evaluate a ruleset (reported as rule-error findings, never a crash)."""


@functools.cache
def engine_version() -> str:
    """ "durable-rules <version>", read from the installed package's METADATA file next to it.

    importlib.metadata would do the same, but importing it (with email and zipfile) costs more than
    the rest of a check; it remains the fallback for installs laid out differently.
    """
    try:  # the C core lies beside the package's dist-info (the durable package itself, with logging, is not needed)
        import durable_rules_engine

        from checker.load import metadata_version

        found = metadata_version(Path(durable_rules_engine.__file__).resolve().parent, "durable_rules")
        if found is not None:
            return f"{ENGINE_NAME} {found}"
    except (OSError, ImportError, AttributeError, TypeError):  # pragma: no cover - odd installs
        pass
    try:
        from importlib.metadata import version

        return f"{ENGINE_NAME} {version('durable_rules')}"
    except Exception:  # pragma: no cover - metadata missing in odd installs
        return ENGINE_NAME


# --------------------------------------------------------------------------- compiling conditions


def _values(spec: Any, params: dict[str, list[str]]) -> list[Any]:
    if isinstance(spec, dict):
        return list(params[spec["profile"]])
    return list(spec)


def _item_test(test: dict[str, Any], params: dict[str, list[str]], possible: bool) -> dict[str, Any]:
    """A test on one item's field; in the possible form an item whose field is unknown may match."""
    by_name = test["field"] in ("key", "name")  # names are compared by their key: case, spaces, hyphens
    path = "$i.key" if by_name else f"$i.{test['field']}"
    if "not_in" in test:  # the field is present and not one of the values
        vals = _values(test["not_in"], params)
        if by_name:
            vals = [name_key(str(v)) for v in vals]
        cond: dict[str, Any] = {"$and": [{"$neq": {path: v}} for v in vals]} if vals else {"$ex": {path: 1}}
        return {"$or": [cond, {"$nex": {path: 1}}]} if possible else cond
    vals = [test["is"]] if "is" in test else _values(test["in"], params)
    if by_name:
        vals = [name_key(str(v)) for v in vals]
    cond = {"$or": [{path: v} for v in vals]} if vals else {path: "\u0000never"}
    return {"$or": [cond, {"$nex": {path: 1}}]} if possible else cond


def _atom(cond: dict[str, Any], params: dict[str, list[str]], possible: bool = False) -> dict[str, Any]:
    f = cond["fact"]
    count = f"{f}__n"
    if "is" in cond:
        return {f: cond["is"]}
    if "is_not" in cond:
        return {"$neq": {f: cond["is_not"]}}
    for op, dop in (("greater_than", "$gt"), ("at_least", "$gte"), ("less_than", "$lt"), ("at_most", "$lte")):
        if op in cond:
            return {dop: {f: cond[op]}}
    if "contains" in cond:
        return {"$iany": {f: {"$i": _norm_value(f, cond["contains"])}}}
    if "contains_any" in cond:
        vals = [_norm_value(f, v) for v in _values(cond["contains_any"], params)]
        if not vals:
            return dict(_NEVER)
        return {"$iany": {f: {"$or": [{"$i": v} for v in vals]}}}
    if "all_not_in" in cond:
        vals = [_norm_value(f, v) for v in _values(cond["all_not_in"], params)]
        if not vals:
            return {"$gt": {count: 0}}
        return {"$and": [{"$gt": {count: 0}}, {"$iall": {f: {"$and": [{"$neq": {"$i": v}} for v in vals]}}}]}
    if "only" in cond:
        vals = [_norm_value(f, v) for v in _values(cond["only"], params)]
        if not vals:
            return dict(_NEVER)
        return {"$and": [{"$gt": {count: 0}}, {"$iall": {f: {"$or": [{"$i": v} for v in vals]}}}]}
    if "not_in" in cond:  # a scalar not among the values; for a list, none of its items among them
        vals = [_norm_value(f, v) for v in _values(cond["not_in"], params)]
        fdef = FACTS.get(f)
        if fdef is not None and fdef.type.startswith("list"):
            if not vals:
                return {"$gte": {count: 0}}
            return {"$or": [{count: 0}, {"$iall": {f: {"$and": [{"$neq": {"$i": v}} for v in vals]}}}]}
        if not vals:
            return {"$ex": {f: 1}}
        return {"$and": [{"$neq": {f: v}} for v in vals]}
    if "not_empty" in cond:
        return {"$gt": {count: 0}}
    if "empty" in cond:
        return {count: 0}
    if "any_item" in cond:
        return {"$iany": {f: _item_test(cond["any_item"], params, possible)}}
    if "all_items" in cond:
        return {"$and": [{"$gt": {count: 0}}, {"$iall": {f: _item_test(cond["all_items"], params, possible)}}]}
    raise ValueError(f"unknown operator in {cond}")  # the schema makes this unreachable


def _norm_value(fact: str, value: Any) -> Any:
    fdef = FACTS.get(fact)
    if fdef is not None and fdef.type == "list[string]" and isinstance(value, str):
        return name_key(value)
    return value


def compile_condition(cond: dict[str, Any], params: dict[str, list[str]], *, possible: bool) -> dict[str, Any]:
    """Compile a rule condition to durable-rules' JSON form (definite, or 'possibly true')."""
    if "all" in cond:
        return {"$and": [compile_condition(c, params, possible=possible) for c in cond["all"]]}
    if "any" in cond:
        return {"$or": [compile_condition(c, params, possible=possible) for c in cond["any"]]}
    if cond.get("unknown_as") is True or (possible and cond.get("unknown_as") is not False):
        return {"$or": [_atom(cond, params, possible=True), {"$nex": {cond["fact"]: 1}}]}
    return _atom(cond, params, possible=possible)


# The C core keeps at most 32 expressions in one condition's sequence (MAX_SEQUENCE_EXPRESSIONS in rete.c;
# reaching 32 gives "error code: 113" when the ruleset is created). It stores two for each `$and` and `$or`
# (the gate and its end), wherever it stands, inside `$iany`/`$iall` too, and none for a test of a fact
# against a value (the only tests compiled here). Measured with growing conditions of seven shapes (chains
# of gates, conjunctions of tests, of possibly-unknown tests, of item loops with alternatives and with
# conjunctions, disjunctions of tests and of conjunctions; tests/test_engine_limits.py): every condition
# with 30 was created, every one with 32 refused, whatever its number of tests (up to 80). Conditions
# are kept at MAX_EXPRESSIONS, three gates below that: a larger one is split into alternatives, each an
# engine rule of its own, by distributing an `$or` over the `$and` around it (the rule fires when any
# does); one that cannot be split so is refused when the profile is loaded (ConditionTooLarge).
MAX_EXPRESSIONS = 24
MAX_PARTS = MAX_COMPILED  # the alternatives one condition may be split into (they share one ruleset)


class ConditionTooLarge(EngineError):
    """A rule whose condition the rules engine cannot hold even when split: refused at load, one line."""

    def __init__(self, file: str, field: str, message: str) -> None:
        super().__init__(f"{file}: {field}: {message}")
        self.file, self.field, self.message = file, field, message


def condition_size(cond: Any) -> int:
    """How many expressions durable-rules' C core stores for a condition: two for each `$and` and `$or`."""
    if isinstance(cond, list):
        return sum(condition_size(c) for c in cond)
    if not isinstance(cond, dict):
        return 0
    return sum((2 if key in ("$and", "$or") else 0) + condition_size(value) for key, value in cond.items())


def flatten(cond: Any) -> Any:
    """The same condition with every `$and` directly inside an `$and` (and `$or` inside `$or`) merged
    into it: the same truth on every fact, two expressions fewer for each gate merged."""
    if isinstance(cond, list):
        return [flatten(c) for c in cond]
    if not isinstance(cond, dict):
        return cond
    out: dict[str, Any] = {}
    for key, value in cond.items():
        if key in ("$and", "$or") and isinstance(value, list):
            items: list[Any] = []
            for c in value:
                c = flatten(c)
                items.extend(c[key] if isinstance(c, dict) and len(c) == 1 and key in c else [c])
            out[key] = items
        else:
            out[key] = flatten(value)
    return out


def split_condition(cond: dict[str, Any], limit: int = MAX_EXPRESSIONS) -> list[dict[str, Any]]:
    """Alternatives whose disjunction is `cond`, each small enough for the engine where that can be done
    (one when it already is); a part still larger than `limit` is left for the caller to refuse."""
    # Flattened once: every alternative below is made of parts of this flat condition, so only an
    # alternative put into a conjunction can need merging (an `$and` into it). Sizes are remembered per
    # part: each level of splitting sizes the same parts again (most of the cost of building an engine).
    sizes: dict[int, tuple[Any, int]] = {}  # by id, with the part itself, so no id is reused meanwhile

    def size(c: Any) -> int:
        if isinstance(c, list):
            return sum(size(x) for x in c)
        if not isinstance(c, dict):
            return 0
        found = sizes.get(id(c))
        if found is None:
            n = sum((2 if key in ("$and", "$or") else 0) + size(value) for key, value in c.items())
            found = sizes[id(c)] = (c, n)
        return found[1]

    def split(cond: dict[str, Any]) -> list[dict[str, Any]]:
        if size(cond) <= limit:
            return [cond]
        if "$or" in cond and len(cond) == 1:
            return [part for alt in cond["$or"] for part in split(alt)]
        if "$and" in cond and len(cond) == 1:
            conj: list[Any] = cond["$and"]  # flattened: an $or anywhere in the conjunction can be distributed
            ors = [i for i, c in enumerate(conj) if isinstance(c, dict) and len(c) == 1 and "$or" in c]
            if ors:
                i = max(ors, key=lambda j: size(conj[j]))
                out: list[dict[str, Any]] = []
                for alt in conj[i]["$or"]:
                    merged = alt["$and"] if isinstance(alt, dict) and len(alt) == 1 and "$and" in alt else [alt]
                    out.extend(split({"$and": [*conj[:i], *merged, *conj[i + 1 :]]}))
                    if len(out) > MAX_PARTS:  # growing past what one ruleset holds: refused whatever follows
                        return out
                return out
        return [cond]  # nothing left to split: the caller refuses it

    return split(flatten(cond))


def limit_problems(policy_set: PolicySet) -> list[Problem]:
    """The rules whose conditions the rules engine cannot hold, one problem each (as Engine() would refuse)."""
    params = policy_set.profile_values()
    out = []
    for rule in policy_set.rules:
        try:
            compile_rule(rule, params)
        except ConditionTooLarge as exc:
            out.append(Problem(exc.file, exc.field, exc.message))
    return out


def _both(*conds: dict[str, Any] | None) -> dict[str, Any]:
    parts = [c for c in conds if c is not None]
    return {"$and": [{GUARD_FIELD: GUARD_VALUE}, *parts]}


def compile_rule(rule: Rule, params: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    """One rule → up to six engine rules: applies?, violation, violation?, unless, unless?, exempt.

    `exempt` (applies and the exception definitely holds) lets an exception whose outcome is "pass"
    settle the rule even while the violation itself is only possibly true (aid is exempt from the
    local-connection requirement whatever the local benefit).
    """
    doc = rule.doc
    app = doc.get("applies_when")
    vio = doc["violation_when"]
    unless = doc.get("unless")
    a_def = compile_condition(app, params, possible=False) if app else None
    a_pos = compile_condition(app, params, possible=True) if app else None
    v_def = compile_condition(vio, params, possible=False)
    v_pos = compile_condition(vio, params, possible=True)
    out: dict[str, dict[str, Any]] = {}

    def add(suffix: str, cond: dict[str, Any]) -> None:
        parts = split_condition(cond)
        too_large = max(condition_size(p) for p in parts)
        if too_large > MAX_EXPRESSIONS or len(parts) > MAX_PARTS:
            fields = {"applies?": "applies_when", "exempt": "applies_when and unless.when"}
            rest = " and unless.when" if "unless" in suffix else ""
            where = fields.get(suffix, f"applies_when, violation_when{rest}")
            what = (
                f"a part needs {too_large} expressions, at most {MAX_EXPRESSIONS} are allowed"
                if too_large > MAX_EXPRESSIONS
                else f"it splits into more than {MAX_PARTS} alternatives"
            )
            raise ConditionTooLarge(
                rule.file,
                f"rules[{rule.index}]",
                f"rule {rule.id}: the conditions ({where}) are too large for the rules engine: {what} (each all/any "
                "uses 2, and so does each test of a fact that may be unknown and each list test of several "
                "values); split the rule into several rules or shorten its conditions",
            )
        if len(parts) == 1:
            out[f"{rule.id}#{suffix}"] = {"all": [{"m": parts[0]}]}
            return
        for i, part in enumerate(parts):  # "<rule>#<suffix>|<n>": any part firing is the condition firing
            out[f"{rule.id}#{suffix}|{i}"] = {"all": [{"m": part}]}

    if app is not None:
        add("applies?", _both(a_pos))
    add("violation", _both(a_def, v_def))
    add("violation?", _both(a_pos, v_pos))
    if unless is not None:
        u_def = compile_condition(unless["when"], params, possible=False)
        add("unless", _both(a_def, v_def, u_def))
        add("unless?", _both(a_def, v_def, compile_condition(unless["when"], params, possible=True)))
        if unless["outcome"] == "pass":
            add("exempt", _both(a_def, u_def))
    return out


# --------------------------------------------------------------------------- facts for the engine


def _nfc(value: Any) -> Any:
    kind = type(value)
    if kind is str:
        return value if value.isascii() else unicodedata.normalize("NFC", value)  # ASCII is always NFC
    if kind is list:
        return [_nfc(v) for v in value]
    if kind is dict:  # a place: its fields' texts and flags done here, without a call for each
        out = {}
        for k, v in value.items():
            vtype = type(v)
            if vtype is str:
                out[k] = v if v.isascii() else unicodedata.normalize("NFC", v)
            elif vtype is bool or vtype is int:
                out[k] = v
            elif v is not None:
                out[k] = _nfc(v)
        return out
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items() if v is not None}
    return value


@functools.lru_cache(maxsize=8192)
def _key(name: str) -> str:
    """name_key, remembered: the same few hundred place and network names recur in every batch."""
    return name_key(name)


def _name_key(value: Any) -> str:
    return _key(value) if type(value) is str else name_key(value)


def engine_payload(facts: dict[str, Fact], only: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Known facts in the engine's form: NFC text, no nulls, list lengths as `<fact>__n`, name keys.

    With `only` (fact names, sorted), just those facts: the others are not put in the engine's form at all."""
    return _engine_form(facts, only)[0]


# What _engine_form writes of each fact it may give, worked out once per tuple of names (an engine's
# `_read` is fixed when it is built): the name, its catalogue type, and its member's prefix, with the name
# and prefix of its length (`<fact>__n`). Names not in the catalogue are left out, as _engine_form would.
FormPlan = tuple[tuple[str, str, str, str, str], ...]


def _form_plan(names: tuple[str, ...]) -> FormPlan:
    out = []
    for name in names:
        fdef = FACTS.get(name)
        if fdef is not None:
            count = f"{name}__n"
            out.append((name, fdef.type, _prefix(name), count, _prefix(count)))
    return tuple(out)


def _engine_form(
    facts: dict[str, Fact], only: tuple[str, ...] | None, plan: FormPlan | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """engine_payload, and each of its members as its JSON writes it (_prefix + _fragment): made in the same pass.

    `plan` is _form_plan(only) when the caller has it (an engine, for its `_read`): the catalogue and the
    prefixes are then not looked up for every fact of every evaluation."""
    if plan is None:
        plan = _form_plan(tuple(sorted(facts)) if only is None else only)
    payload: dict[str, Any] = {}
    members: dict[str, str] = {}
    for name, kind, prefix, count, count_prefix in plan:
        fact = facts.get(name)
        if fact is None:
            continue
        value = fact.value
        if value is None or not fact.known:
            continue
        if kind == "bool":
            flag = payload[name] = bool(value)
            members[name] = prefix + ("true" if flag else "false")
            continue
        vtype = type(value)
        if vtype is str:
            value = value if value.isascii() else unicodedata.normalize("NFC", value)  # ASCII is always NFC
        elif vtype is not int:
            value = _nfc(value)
        if kind == "list[place]":
            value = [{**p, "key": _name_key(p["name"])} for p in value]
        elif kind == "list[string]":
            value = [_name_key(v) for v in value]
        if type(value) is list:
            payload[count] = len(value)
            members[count] = count_prefix + int.__repr__(len(value))
            members[name] = prefix + _to_json(value)
        elif vtype is str:  # still a str (NFC of a str is a str): _fragment's text without its dispatch
            members[name] = prefix + _encode_text(value)
        elif vtype is int:
            members[name] = prefix + int.__repr__(value)
        else:
            members[name] = prefix + _fragment(value)
        payload[name] = value
    return payload, members


# --------------------------------------------------------------------------- the engine


@dataclass(frozen=True)
class RuleResult:
    """What the engine established for one rule."""

    outcome: str  # violation | pass | not_applicable | needs_review | rule_error
    exception: str | None = None  # "holds": the rule's exception decided it; "unknown": it might hold
    possible_only: bool = False  # needs review because facts it depends on are unknown
    error: str | None = None


# One ruleset of an engine: its rules' ids, its definition (the JSON text the C core is given), the payload
# keys it reads (None: all of them) and what it reads of the items of list facts.
PlanPart = tuple[list[str], str, frozenset[str] | None, "ItemPlans"]


def _pack(policy_set: PolicySet, params: dict[str, list[str]]) -> list[PlanPart]:
    """The rules compiled and packed into rulesets (ConditionTooLarge for a rule the engine cannot hold)."""
    # Pack whole rules into rulesets of at most MAX_COMPILED engine rules each: one session per ruleset
    # per evaluation, and never near the engine's 50-rule / 64-matching-condition limits. A ruleset is
    # given only the facts its rules read, and its results are remembered by them (see evaluate): a
    # ruleset is asked again when one of the facts it reads differs, and then each of its engine rules
    # costs the C core the same (a fresh session sets aside about 8 KB per rule). So rules are packed
    # with the rules that read the same facts: largest fact sets first, each rule into the first
    # ruleset it adds at most one fact to, if it fits (the local-connection rule, which reads the
    # partner towns' names and compiles to 40 engine rules, is asked again only with those facts;
    # the rules on yes/no facts and fixed kinds, whose few combinations recur, are asked once for
    # each). A rule larger than the limit has a ruleset of its own.
    compiled_rules = [(rule, compile_rule(rule, params)) for rule in policy_set.rules]
    groups: list[tuple[list[str], dict[str, dict[str, Any]], set[str]]] = []
    by_reads = sorted(compiled_rules, key=lambda rc: (-len(_facts_read(rc[0])), -len(rc[1])))  # stable
    for rule, compiled in by_reads:
        reads = _facts_read(rule)
        group = next((g for g in groups if len(reads - g[2]) <= 1 and len(g[1]) + len(compiled) <= MAX_COMPILED), None)
        if group is None:
            group = ([], {}, set())
            groups.append(group)
        group[0].append(rule.id)
        group[1].update(compiled)
        group[2].update(reads)
    out: list[PlanPart] = []
    for rule_ids, chunk, _ in groups:
        chunk[DONE] = {"pri": 1000000, "all": [{"m": {GUARD_FIELD: GUARD_VALUE}}]}
        out.append((rule_ids, json.dumps(chunk, ensure_ascii=False), payload_keys(chunk), item_plans(chunk)))
    return out


# The plan is a pure function of the rules, the profile's values and the code that compiles them (this
# module, the fact catalogue, the loader): building it costs about a twentieth of a cold check, so it is kept
# in the parsed-file cache (checker.load: the same trust checks, the entry's key verified) under a key
# digested from all of those, the rules and values themselves included (not the policy set's hash: a policy
# set built or changed in memory has its own key). The C core's rulesets are created from it in every
# process as before; a plan that cannot be read back is built again and stored again.
PLAN_CACHE = "council-checker engine plan 1"


def _compiling_code() -> str:
    """This module's and the fact catalogue's sources as they were imported (see load.source_digest), the
    loader's digest, and the Python and Unicode versions (the plan holds profile names folded by
    name_key: NFC and casefold, which follow the interpreter's Unicode data)."""
    from checker import facts
    from checker.load import code_digest, source_digest

    versions = f"{sys.version}\0{unicodedata.unidata_version}"
    return f"{PLAN_CACHE}\0{code_digest()}\0{source_digest(__file__, facts.__file__)}\0{versions}"


_COMPILING_CODE = _compiling_code()


def _plan_key(policy_set: PolicySet, params: dict[str, list[str]]) -> str | None:
    import hashlib

    try:
        rules = [[r.id, r.file, r.index, r.doc] for r in policy_set.rules]
        data = json.dumps([rules, params], ensure_ascii=False, allow_nan=False)  # keys in order: another is a miss
    except (TypeError, ValueError, RecursionError):  # rules that JSON cannot hold
        return None
    h = hashlib.sha256(f"{_COMPILING_CODE}\0".encode())
    h.update(data.encode("utf-8"))
    return h.hexdigest()


def _plan_to_json(plan: list[PlanPart]) -> list[Any]:
    out: list[Any] = []
    for rule_ids, definition, keys, plans in plan:
        fields = [[fact, [[f, None if c is None else sorted(c)] for f, c in by.items()]] for fact, by in plans.items()]
        out.append([rule_ids, definition, None if keys is None else sorted(keys), fields])
    return out


def _plan_from_json(content: Any, rule_ids: list[str]) -> list[PlanPart] | None:
    """The plan _plan_to_json stored, or None for content of any other shape or for other rules."""
    try:
        out: list[PlanPart] = []
        for ids, definition, keys, fields in content:
            if not (type(definition) is str and definition.startswith("{") and all(type(r) is str for r in ids)):
                return None
            if keys is not None and not all(type(k) is str for k in keys):
                return None
            plans: ItemPlans = {
                str(fact): {
                    (None if f is None else str(f)): (None if c is None else frozenset(str(x) for x in c))
                    for f, c in by
                }
                for fact, by in fields
            }
            out.append((list(ids), definition, None if keys is None else frozenset(keys), plans))
    except (TypeError, ValueError, AttributeError):
        return None
    if sorted(r for part in out for r in part[0]) != sorted(rule_ids):
        return None
    return out


def _engine_plan(policy_set: PolicySet, params: dict[str, list[str]]) -> list[PlanPart]:
    from checker.load import cache_get, cache_put

    key = _plan_key(policy_set, params)
    if key is not None:
        hit, content = cache_get(key)
        if hit:
            plan = _plan_from_json(content, [r.id for r in policy_set.rules])
            if plan is not None:
                return plan
    plan = _pack(policy_set, params)
    if key is not None:
        cache_put(key, _plan_to_json(plan))
    return plan


def _tune_malloc() -> None:
    """glibc grows and trims its heap on every session otherwise (shared/domain/durable-rules.md §4)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # not glibc
            ctypes.CDLL("libc.so.6").mallopt(-2, 16 << 20)  # M_TOP_PAD = 16 MiB


class Engine:
    """Compiled rulesets for one policy set; evaluate() is safe to call from several threads.

    The rulesets are created in durable-rules' C core and driven through its C API: assert the fact in
    a fresh session, then take every action the engine schedules (each names the rule that fired) until
    none is left, then delete the session. This is the loop durable-rules' own Python Host runs, without
    the Host's per-action Python closures, state copies and background timer threads (which race with
    evaluation): the same engine, about twice as fast (shared/domain/durable-rules.md §4–5).
    """

    def __init__(self, policy_set: PolicySet) -> None:
        import durable_rules_engine as dre

        _tune_malloc()
        self._dre = dre
        self.policy_set = policy_set
        params = policy_set.profile_values()
        self._rules = {r.id: r for r in policy_set.rules}
        self._ruleset_rules: dict[str, list[str]] = {}
        self._ruleset_keys: dict[str, frozenset[str] | None] = {}  # the payload keys each ruleset reads
        self._item_plans: dict[str, ItemPlans] = {}  # what each ruleset reads of the items of a list fact
        self._definitions: dict[str, str] = {}  # each ruleset's definition: the JSON text the C core is given
        tag = policy_set.hash[:10]
        for rule_ids, definition, keys, plans in _engine_plan(policy_set, params):
            name = f"cc_{tag}_{next(_ruleset_seq)}"
            self._definitions[name] = definition
            self._ruleset_rules[name] = rule_ids
            self._ruleset_keys[name] = keys
            self._item_plans[name] = plans

        # the facts some rule reads (a list fact also when only its length is); None: every fact
        keysets = list(self._ruleset_keys.values())
        self._read: tuple[str, ...] | None = None
        if all(k is not None for k in keysets):
            read = {k for ks in keysets if ks is not None for k in ks}
            self._read = tuple(sorted(read | {k[:-3] for k in read if k.endswith("__n")}))
        self._form = None if self._read is None else _form_plan(self._read)  # see _engine_form
        # per ruleset the payload keys it reads, in order, each with its item plan (None: given as it is)
        self._parts: dict[str, tuple[tuple[str, dict[str | None, frozenset[str] | None] | None], ...] | None] = {
            name: None if keys is None else tuple((k, self._item_plans[name].get(k)) for k in sorted(keys))
            for name, keys in self._ruleset_keys.items()
        }
        self._results: dict[str, dict[str, RuleResult]] = {}  # evaluations by the facts' JSON
        # per ruleset, its rules' results by the JSON of the part of the facts its conditions read
        self._ruleset_results: dict[str, dict[str, dict[str, RuleResult]]] = {n: {} for n in self._definitions}
        self._cache_lock = threading.Lock()  # guards _results (the engine's own lock guards the C core)
        self._durable_error = _durable_error_type()
        self._handles: dict[str, _Ruleset] = {}
        created = []
        with _RULESETS_LOCK:
            for name, definition in self._definitions.items():
                shared = _RULESETS.get(definition)
                if shared is None:
                    shared = _Ruleset(self._create(name, definition), threading.Lock(), itertools.count(1))
                    _RULESETS[definition] = shared
                    created.append(name)
                self._handles[name] = shared
        for name in created:  # warm-up: one full cycle per new ruleset before real use
            self._assert(name, {})

    @property
    def compiled(self) -> dict[str, dict[str, dict[str, Any]]]:
        """Each ruleset's engine rules by name, as data: read from the definitions when asked (by tests and
        tools; a check needs only the text, so a plan from the cache is never parsed)."""
        return {name: json.loads(definition) for name, definition in self._definitions.items()}

    def _create(self, name: str, definition: str) -> int:
        # The C core very rarely (about 1 in 100 processes, seen here as "error code: 102") fails to create a
        # ruleset that it accepts on the next try: it reads uninitialised memory. Retry under a fresh name, with
        # the definition led by a few more spaces (the same JSON, a text of another length in another buffer:
        # once, in a long test process, ten retries of the very same text all failed).
        last: BaseException | None = None
        for attempt in range(CREATE_ATTEMPTS):
            try:
                text = " " * (attempt * 17) + definition
                handle: int = self._dre.create_ruleset(f"{name}r{attempt}" if attempt else name, text)
                return handle
            except self._durable_error as exc:
                last = exc
        raise EngineError(f"the rules engine could not create its rulesets: {last}")

    def _assert(self, ruleset: str, payload: dict[str, Any] | str) -> list[str]:
        """Assert one fact in a fresh session and return the names of the rules that fired, in order.

        ``payload`` is the facts, or their JSON (written once for all rulesets of an evaluation); the
        fact asserted is the same text either way: the facts, then the session id and the guard."""
        dre = self._dre
        shared = self._handles[ruleset]
        handle = shared.handle
        sid = f"ev{next(shared.seq)}"
        body = payload if isinstance(payload, str) else _to_json(payload)
        tail = '"sid": "' + sid + _TAIL_END  # json.dumps({"sid": sid, GUARD_FIELD: GUARD_VALUE})[1:]: sid is "ev<n>"
        fact = (body[:-1] + ", " + tail) if body != "{}" else "{" + tail
        fired: list[str] = []
        with shared.lock:
            try:
                result = dre.assert_fact(handle, fact)
                if result[0] != 0:  # 1: matched no rule (impossible with the catch-all), 2: seen, 3: deferred
                    raise EngineError(f"fact not handled (code {result[0]})")
                state_handle = result[1]
                started = dre.start_action_for_state(handle, state_handle)
                if started:
                    state, message = started[0], started[1]
                    while message:
                        fired.append(_fired_rule(message))
                        dre.update_state(handle, state)
                        message = dre.complete_and_start_action(handle, state_handle)
            except self._durable_error as exc:
                raise EngineError(f"{type(exc).__name__}: {exc}") from None
            finally:
                try:
                    dre.delete_state(handle, sid)
                except self._durable_error as exc:
                    if "error code: 309" not in str(exc):
                        raise
        if not fired or fired[-1] != DONE:
            raise EngineError(f"incomplete evaluation (fired: {fired})")
        return fired

    def evaluate(self, facts: dict[str, Fact]) -> dict[str, RuleResult]:
        """Evaluate every rule against the facts; rulesets that fail give rule_error results.

        The outcome is a function of the facts' engine form, so an evaluation whose every ruleset ran is
        remembered by that form's JSON (a motion's att-satser often have the same facts as the whole
        motion, and a batch repeats itself). A ruleset's rules read only some of the facts
        (`payload_keys`): each ruleset is given only those, and its results are remembered by their JSON,
        so the engine is asked once per distinct set of the facts that ruleset reads. Of a list tested item
        by item a ruleset is given what its tests can tell apart (`item_plans`, `_items`), so that lists
        that differ only in what no rule looks at are asked about once.

        The facts no rule reads are left out of the engine's form altogether: they change no outcome."""
        # Each member of the facts' JSON is written once and the JSON of every ruleset's part put together
        # from them: the same text as _to_json(payload) and _to_json(part) (see _object).
        payload, members = _engine_form(facts, self._read, self._form)
        body = _object(list(members.values()))
        with self._cache_lock:
            known = self._results.pop(body, None)
            if known is not None:
                self._results[body] = known  # now the most recently used
        if known is not None:
            return dict(known)
        results = dict.fromkeys(self._rules, _PENDING)  # in the rules' order, whatever the rulesets' packing
        complete = True
        plain: dict[str, bool] = {}  # _remembrable of each list fact given by item plan, asked once per evaluation
        for ruleset, rule_ids in self._ruleset_rules.items():
            reads = self._parts[ruleset]
            if reads is None:
                part = body
            else:
                given = []
                for k, plan in reads:
                    member = members.get(k)
                    if member is None:
                        continue
                    if plan is None:
                        given.append(member)
                        continue
                    value = payload[k]
                    flat = plain.get(k)
                    if flat is None:
                        flat = plain[k] = _remembrable(value)
                    given.append(_projected(ruleset, k, value, plan, member, flat))
                part = _object(given)
            cache = self._ruleset_results[ruleset]
            with self._cache_lock:
                done = cache.pop(part, None)
                if done is not None:
                    cache[part] = done  # now the most recently used
            if done is None:
                try:
                    fired = {name.split("|", 1)[0] for name in self._assert(ruleset, part)}
                except EngineError as exc:
                    complete = False
                    for rid in rule_ids:
                        results[rid] = RuleResult("rule_error", error=str(exc))
                    continue
                done = {rid: _outcome(self._rules[rid], fired) for rid in rule_ids}
                with self._cache_lock:
                    _remember(cache, part, done)
            results.update(done)
        if complete:
            with self._cache_lock:
                _remember(self._results, body, dict(results))
        return results


# A list fact as a ruleset's item tests see it (_items), written as a member of the ruleset's part, by the
# ruleset, the fact and the list's own member: the same lists (partner towns, kinds, networks) recur
# from motion to motion and in every ruleset that reads them. Ruleset names are never reused in a
# process (_ruleset_seq), so a name stands for one item plan. Bounded: cleared when full.
_PROJECTED: dict[tuple[str, str, str], str] = {}
PROJECTED_KEPT = 8192


def _projected(
    ruleset: str,
    key: str,
    value: Any,
    plan: dict[str | None, frozenset[str] | None],
    member: str,
    remembrable: bool | None = None,
) -> str:
    """_prefix(key) + _to_json(_items(value, plan)), remembered for a list whose member says all that _items
    sees of it (see _plain). `remembrable` is _remembrable(value) when the caller has it (evaluate asks once
    per fact, for all rulesets that read it: the value is the same one)."""
    if not (_remembrable(value) if remembrable is None else remembrable):
        return _prefix(key) + _fragment(_items(value, plan))
    memo = (ruleset, key, member)
    found = _PROJECTED.get(memo)
    if found is None:
        if len(_PROJECTED) >= PROJECTED_KEPT:
            _PROJECTED.clear()
        found = _PROJECTED[memo] = _prefix(key) + _fragment(_items(value, plan))
    return found


def _remembrable(value: Any) -> bool:
    """Whether _projected may remember what it writes of this value: a list that _plain accepts."""
    return type(value) is list and _plain(value)


def _plain(value: list[Any]) -> bool:
    """Whether two lists written the same are alike to _items. After engine_payload every dict in a list is
    a plain dict (_nfc), so an item is written as an object exactly when it is a dict, and _items tells
    items and their fields apart only by being a dict and by being a text: alike unless a text is of a
    subclass of str (written as a string, yet not a text to _items) or a field is named by anything but a
    text (written as a text). Neither comes from the extractors or a facts file; such a list is not
    remembered."""
    for x in value:
        kind = type(x)
        if kind is dict:
            for f, v in x.items():
                if type(f) is not str or (type(v) is not str and isinstance(v, str)):
                    return False
        elif kind is not str and isinstance(x, str):
            return False
    return True


def _remember(cache: dict[str, dict[str, RuleResult]], key: str, value: dict[str, RuleResult]) -> None:
    """Keep `value` under `key`, forgetting the least recently used entries beyond RESULTS_KEPT."""
    while len(cache) >= RESULTS_KEPT:
        del cache[next(iter(cache))]  # dicts keep insertion order: the oldest
    cache[key] = value


def _facts_read(rule: Rule) -> frozenset[str]:
    """The facts a rule's conditions read."""
    doc = rule.doc
    conds = [doc[k] for k in ("applies_when", "violation_when") if k in doc]
    if "unless" in doc:
        conds.append(doc["unless"]["when"])
    return frozenset(set().union(*(condition_facts(c) for c in conds)))


# Operators whose value maps a path to an rvalue (a constant or {"$m": path}).
_COMPARISONS = frozenset({"$lt", "$lte", "$gt", "$gte", "$neq", "$ex", "$nex", "$mt", "$imt"})


def payload_keys(rules: dict[str, dict[str, Any]]) -> frozenset[str] | None:
    """The top-level payload keys (facts, `<fact>__n`) that compiled engine rules read: asserting only
    those fires the same rules as asserting all facts. None (read everything) for any form not known here."""
    keys: set[str] = set()

    def path(p: Any) -> bool:
        if not isinstance(p, str):
            return False
        if p != "$i" and not p.startswith("$i."):  # an item of the list being tested is not a payload key
            keys.add(p.split(".", 1)[0])
        return True

    def rvalue(v: Any) -> bool:
        if isinstance(v, dict):
            return len(v) == 1 and "$m" in v and path(v["$m"])
        return v is None or isinstance(v, (str, int, float, bool))

    def cond(c: Any) -> bool:
        if not isinstance(c, dict):
            return False
        for key, value in c.items():
            if key in ("$and", "$or"):
                if not (isinstance(value, list) and all(cond(x) for x in value)):
                    return False
            elif key in ("$iany", "$iall"):
                if not (isinstance(value, dict) and all(path(p) and cond(x) for p, x in value.items())):
                    return False
            elif key in _COMPARISONS:
                if not (isinstance(value, dict) and all(path(p) and rvalue(x) for p, x in value.items())):
                    return False
            elif key == GUARD_FIELD:
                continue  # the guard is asserted with every fact (_assert)
            elif (key.startswith("$") and key != "$i" and not key.startswith("$i.")) or not (
                path(key) and rvalue(value)
            ):
                return False  # an operator not known here, or a test that is not a path and a value
        return True

    for rule in rules.values():
        patterns = rule.get("all")
        if not isinstance(patterns, list) or not all(isinstance(x, dict) and set(x) == {"m"} for x in patterns):
            return None
        if not all(cond(x["m"]) for x in patterns):
            return None
    return frozenset(keys)


# What a ruleset's tests read of the items of each list fact it tests item by item ($iany, $iall): per item
# field (None for the item itself, a string) the text constants it is compared with for (in)equality, or None
# when it is tested in any other way. A fact not in the plans is given as it is.
ItemPlans = dict[str, dict[str | None, frozenset[str] | None]]
OTHER = "~"  # an item's text that equals none of the constants it is compared with (never one of them: see _other)


def item_plans(rules: dict[str, dict[str, Any]]) -> ItemPlans:
    """For compiled rules that payload_keys can read: each list fact tested only item by item (or for
    presence), with what the item tests read (see ItemPlans)."""
    plans: ItemPlans = {}
    whole: set[str] = set()  # facts tested in another way: given as they are

    def read(item_of: str | None, p: str, op: str, v: Any) -> None:
        if isinstance(v, dict):  # {"$m": path}: the other path is read too, in full
            read(item_of, str(v.get("$m", "")), "$m", None)
            op = "$m"
        if item_of is None or not (p == "$i" or p.startswith("$i.")):
            if op not in ("$ex", "$nex"):
                whole.add(p.split(".", 1)[0])
            return
        field = None if p == "$i" else p[3:]
        fields = plans.setdefault(item_of, {})
        if field is not None and "." in field:
            whole.add(item_of)
        elif op in ("$ex", "$nex"):
            fields.setdefault(field, frozenset())
        elif op in ("=", "$neq") and type(v) is str and (field not in fields or fields[field] is not None):
            fields[field] = (fields.get(field) or frozenset()) | {v}
        else:
            fields[field] = None

    def cond(c: dict[str, Any], item_of: str | None) -> None:
        for key, value in c.items():
            if key in ("$and", "$or"):
                for x in value:
                    cond(x, item_of)
            elif key in ("$iany", "$iall"):
                for p, x in value.items():
                    if item_of is not None:  # a list inside an item: that list's fact is given whole
                        whole.add(item_of)
                    plans.setdefault(p, {})
                    cond(x, p)
            elif key in _COMPARISONS:
                for p, x in value.items():
                    read(item_of, p, key, x)
            elif key != GUARD_FIELD:
                read(item_of, key, "=", value)

    for rule in rules.values():
        for pattern in rule["all"]:
            cond(pattern["m"], None)
    return {fact: _other(fields) for fact, fields in plans.items() if fact not in whole}


def _other(fields: dict[str | None, frozenset[str] | None]) -> dict[str | None, frozenset[str] | None]:
    """The plan, refused for a field whose constants include OTHER (then that field is given as it is)."""
    return {f: (None if c is not None and OTHER in c else c) for f, c in fields.items()}


def _items(value: Any, plan: dict[str | None, frozenset[str] | None]) -> Any:
    """A list fact as a ruleset's item tests see it: each item with only the fields they read, a text
    compared only for (in)equality with constants and equal to none of them as OTHER, each distinct item
    once, in a fixed order. An $iany or $iall test holds on it exactly as on the list (and the list's
    length is a key of its own, `<fact>__n`).

    A place keeps its name key as it is, whether or not the ruleset's tests read it or compare it with
    that name: every ruleset that reads a list of places is asked again when a name in it changes
    (tests/test_engine_guard.py holds the engine to that). Replacing the names no rule compares with by
    OTHER as well would spare about a quarter of the engine's sessions on motions naming new towns."""
    if type(value) is not list or not value:
        return value
    if None in plan:  # the items themselves (texts: kinds, themes, names)
        consts = plan[None]
        if len(value) == 1:  # the usual case: one item
            x = value[0]
            return value if consts is None or type(x) is not str or x in consts else [OTHER]
        items = value if consts is None else [x if type(x) is not str or x in consts else OTHER for x in value]
        if all(type(x) is str for x in items):
            return sorted(set(items))
        return items
    seen: dict[str, Any] = {}
    for item in value:
        if type(item) is not dict:
            return value
        kept = {}
        for f, v in item.items():
            if f == "key":
                kept[f] = v
            elif f in plan:
                consts = plan[f]
                if consts is not None and type(v) is str and v not in consts:
                    v = OTHER
                kept[f] = v
        seen.setdefault(_to_json(kept), kept)
    return [seen[k] for k in sorted(seen)]


def _fired_rule(message: str) -> str:
    """The rule name an action message is keyed by: '{"<rule>": {"m": {…the whole fact…}}}'.

    Parsing the whole message as JSON cost most of an evaluation; the name is the first key, and our
    rule names hold no quote or backslash (ids are checked by the rules schema). Anything unexpected
    falls back to the JSON parser."""
    if message.startswith('{"'):
        end = message.find('"', 2)
        name = message[2:end]
        if end > 2 and "\\" not in name:
            return name
    return str(next(iter(json.loads(message))))


_PENDING = RuleResult("rule_error", error="not evaluated")  # replaced for every rule by evaluate()


@functools.cache
def _result(outcome: str, exception: str | None = None, possible_only: bool = False) -> RuleResult:
    """One shared (frozen) result per distinct outcome, so remembered evaluations hold references only."""
    return RuleResult(outcome, exception=exception, possible_only=possible_only)


def _outcome(rule: Rule, fired: set[str]) -> RuleResult:
    rid = rule.id
    doc = rule.doc
    unless = doc.get("unless")
    if "applies_when" in doc and f"{rid}#applies?" not in fired:
        return _result("not_applicable")
    if unless is not None and unless["outcome"] == "pass" and f"{rid}#exempt" in fired:
        return _result("pass", exception="holds")
    if f"{rid}#violation" in fired:
        if unless is not None:
            if f"{rid}#unless" in fired:
                return _result(str(unless["outcome"]), exception="holds")
            if f"{rid}#unless?" in fired:
                return _result("needs_review", exception="unknown")
        return _result(str(doc.get("on_match", "violation")))
    if f"{rid}#violation?" in fired:
        return _result("needs_review", possible_only=True)
    return _result("pass")


def _durable_error_type() -> type[BaseException]:
    try:
        import durable_rules_engine

        err: type[BaseException] = durable_rules_engine.error
        return err
    except (ImportError, AttributeError):  # pragma: no cover
        return Exception
