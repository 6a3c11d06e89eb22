"""Consistency check for the labelled corpus (run: python tests/corpus/validate_corpus.py).

Checks that every motion has a label file, that labels parse, that enum values exist in
checker/facts.py, and that the verdict follows from the grounds by the documented precedence.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from checker.facts import COOPERATION_KINDS, FOREIGN_POLICY_KINDS, THEMES  # noqa: E402

VERDICTS = {"avslå", "bifalla", "besvarad", "granska"}
AVSLA = {
    "geographic-focus",
    "general-friendship-agreement",
    "priority-area",
    "foreign-policy",
    "business-support",
    "equal-treatment",
}
GRANSKA = {"local-connection", "international-aid"}
BESVARAD = {"already-in-place"}
NOTES = {"motion-deadline"}
SOLNA_ONLY = {"geographic-focus", "general-friendship-agreement", "priority-area", "already-in-place"}
BOOL_FACTS = {
    "foreign_policy_stance",
    "local_benefit",
    "individual_business_support",
    "general_business_promotion",
    "favours_group",
    "objective_reason_stated",
    "exceptional_grounds",
}
KNOWN_FACTS = BOOL_FACTS | {
    "partner_places",
    "mentioned_places",
    "cooperation_kinds",
    "themes",
    "foreign_policy_kinds",
    "networks_requested",
    "motion_date",
    "named_businesses",
}


def expected_verdict(grounds: set[str]) -> str:
    if grounds & AVSLA:
        return "avslå"
    if grounds & GRANSKA:
        return "granska"
    if grounds & BESVARAD:
        return "besvarad"
    return "bifalla"


def main() -> int:
    errors: list[str] = []
    labels = sorted(HERE.glob("*.expected.yaml"))
    motions = sorted(HERE.glob("*.txt"))
    for m in motions:
        if not (HERE / (m.stem + ".expected.yaml")).exists():
            errors.append(f"{m.name}: no label file")
    for lf in labels:
        name = lf.name
        if not (HERE / name.replace(".expected.yaml", ".txt")).exists():
            errors.append(f"{name}: no motion text")
        d = yaml.safe_load(lf.read_text(encoding="utf-8"))
        f = d.get("facts", {})
        for k in f:
            if k not in KNOWN_FACTS:
                errors.append(f"{name}: unknown fact {k}")
        for k, allowed in (
            ("cooperation_kinds", COOPERATION_KINDS),
            ("themes", THEMES),
            ("foreign_policy_kinds", FOREIGN_POLICY_KINDS),
        ):
            for v in f.get(k) or []:
                if v not in allowed:
                    errors.append(f"{name}: {k} value {v!r} not in checker/facts.py")
        for k in ("partner_places", "mentioned_places"):
            for v in f.get(k) or []:
                if not (isinstance(v, str) and len(v) == 2 and v.isupper()):
                    errors.append(f"{name}: {k} value {v!r} is not an ISO alpha-2 code")
        for k in BOOL_FACTS:
            if k in f and not isinstance(f[k], bool):
                errors.append(f"{name}: {k} must be a bool")
        grounds = set(d.get("grounds") or [])
        unknown = grounds - AVSLA - GRANSKA - BESVARAD - NOTES
        if unknown:
            errors.append(f"{name}: unknown grounds {unknown}")
        if d.get("verdict") not in VERDICTS:
            errors.append(f"{name}: bad verdict {d.get('verdict')!r}")
        elif expected_verdict(grounds) != d["verdict"]:
            errors.append(f"{name}: verdict {d['verdict']} but grounds imply {expected_verdict(grounds)}")
        if d.get("profile") not in ("solna", "generic"):
            errors.append(f"{name}: bad profile")
        if (d.get("profile") == "solna") != (d.get("municipality") == "Solna"):
            errors.append(f"{name}: profile/municipality mismatch")
        if d.get("profile") == "generic" and grounds & SOLNA_ONLY:
            errors.append(f"{name}: Solna-only ground in a generic profile")
        if bool(f.get("foreign_policy_kinds")) != bool(f.get("foreign_policy_stance")):
            errors.append(f"{name}: foreign_policy_stance and foreign_policy_kinds disagree")
        md, as_of = f.get("motion_date"), d.get("as_of")
        if isinstance(md, dt.date) and isinstance(as_of, dt.date):
            late = (as_of - md).days > 365
            if late != ("motion-deadline" in grounds):
                errors.append(f"{name}: motion-deadline ground does not match the dates")
        elif "motion-deadline" in grounds:
            errors.append(f"{name}: motion-deadline without motion_date")
    for e in errors:
        print(e)
    print(f"{len(labels)} labels, {len(motions)} motions, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
