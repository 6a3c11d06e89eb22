"""`council-check init-profile DIR`: a starting profile folder for another municipality.

The folder reuses the bundled, verified statutes and their rules by name, and adds a skeleton of the
municipality's own guideline (one clause, marked unverified until its adopted wording is pasted in) with
one rule and its pass and fail cases. As written, it validates and its cases pass.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from checker.errors import EXIT_USAGE, CheckerError, Problem

PROFILE = """\
# Profil skapad med `council-check init-profile`.
# Statuterna (kommunallagen, lag 2009:47, regeringsformen, LOU, EU-hänvisningar, plan- och bygglagen) och
# deras regler hämtas från de medföljande filerna; policies/riktlinje.yaml och rules/riktlinje.yaml är kommunens egna.
# Kontrollera: council-check validate --profile {folder}   Kör testfallen: council-check test --profile {folder}
id: {id}
title: {municipality}
description: Lagreglerna samt kommunens egen riktlinje för internationellt arbete.
municipality: {municipality}
body: Kommunstyrelsen
council: kommunfullmäktige
administration: Förvaltningen
policies: [kommunallagen, lag-2009-47, regeringsformen, lou, eu-statsstod, plan-och-bygglagen, riktlinje]
rules: [kommunallagen, myndighetsutovning, lag-2009-47, lou, eu-statsstod, riktlinje]
"""

GUIDELINE = """\
# Kommunens riktlinje för internationellt arbete. Ersätt titel, beslut och klausultext med den antagna
# riktlinjens egen ordalydelse och sätt verified: true först när texten är kontrollerad mot beslutet.
# En riktlinje är inte lag: en avvikelse är ett skäl för förvaltningen att föreslå avslag, inte ett hinder.
id: riktlinje
kind: municipal_guideline
title: Riktlinje för internationellt arbete
short: Riktlinjen
decision: Ange beslutet, till exempel KS 2024-01-15 § 12
in_force_from: 2024-01-01
verified: false
verified_note: Texten är en mall och inte riktlinjens antagna ordalydelse.
clauses:
  - id: lokal-nytta
    number: Riktlinjen, nytta för kommunen
    text: Det internationella arbetet ska ge nytta för kommunens invånare och verksamheter.
    in_force_from: 2024-01-01
    verified: false
"""

RULES = """\
# Regler ur kommunens riktlinje. Varje regel citerar en klausul i policies/riktlinje.yaml och har minst ett
# fall som passerar och ett som inte gör det. Fakta, operatorer och områden (concern) finns i docs/rules.md.
source: riktlinje
rules:
  - id: EGEN-NYTTA
    title:
      sv: Internationellt samarbete ska ge nytta för kommunens invånare och verksamheter
      en: International cooperation must benefit the municipality's residents and services
    concern: local-connection
    severity: avvikelse
    ground:
      sv: anger inte vilken nytta samarbetet ger kommunens invånare och verksamheter, som riktlinjen kräver
      en: states no benefit to residents and services, which the guideline requires
    cites: [riktlinje/lokal-nytta]
    in_force_from: 2024-01-01
    applies_when: {fact: cooperation_kinds, contains_any: [friendship_agreement, concrete_project, exchange]}
    violation_when: {fact: local_benefit, is: false}
    message:
      sv: >-
        Förslaget är inte förenligt med riktlinjen, eftersom motionen inte anger vilken nytta
        samarbetet ger kommunens invånare och verksamheter.
      en: The proposal is not in line with the guideline, as the motion states no benefit to residents and services.
    pass_message:
      sv: Motionen anger vilken nytta samarbetet ger kommunens invånare och verksamheter.
      en: The motion states the benefit to residents and services.
    remedy:
      sv: Beskriv vilken verksamhet i kommunen som ska använda det samarbetet ger, och hur.
      en: Describe which municipal service is to use what the cooperation brings, and how.
    question:
      sv: Vilken nytta ger samarbetet kommunens invånare och verksamheter?
      en: What does the cooperation bring the municipality's residents and services?
    clarify:
      sv: Utredningen bör klarlägga vilken nytta samarbetet ger kommunens invånare och verksamheter.
      en: The investigation should establish what the cooperation brings residents and services.
    cases:
      - name: Ett vänortsavtal utan angiven nytta för invånarna avviker från riktlinjen
        facts: {cooperation_kinds: [friendship_agreement], local_benefit: false}
        expect: violation
      - name: Ett projekt som ska förbättra kommunens äldreomsorg följer riktlinjen
        facts: {cooperation_kinds: [concrete_project], local_benefit: true}
        expect: pass
      - name: Om det är okänt vilken nytta samarbetet ger behöver det granskas
        facts: {cooperation_kinds: [exchange]}
        expect: needs_review
      - name: En motion utan internationellt samarbete berörs inte
        facts: {cooperation_kinds: []}
        expect: not_applicable
"""


def profile_id(folder: Path) -> str:
    """A profile id from the folder's name: lower case, a-z, 0-9 and hyphens ("Min kommun" → "min-kommun")."""
    name = folder.resolve().name.casefold()
    for a, b in (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e")):
        name = name.replace(a, b)
    slug = re.sub(r"[^a-z0-9]+", "-", name).strip("-")
    return slug if re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug) else "min-kommun"


def init_profile(folder: Path, municipality: str, *, force: bool = False) -> list[Path]:
    """Write the starting profile into `folder`; refuse a folder that already holds files (unless forced)."""
    if folder.exists() and not folder.is_dir():
        raise CheckerError([Problem(str(folder), "", "finns redan och är inte en mapp")], EXIT_USAGE)
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise CheckerError(
            [Problem(str(folder), "", "mappen är inte tom; välj en ny mapp eller ange --force för att skriva över")],
            EXIT_USAGE,
        )
    files = {
        folder / "profile.yaml": PROFILE.format(
            municipality=json.dumps(municipality, ensure_ascii=False),  # JSON text is valid YAML, quoted
            id=profile_id(folder),
            folder=folder.as_posix(),
        ),
        folder / "policies" / "riktlinje.yaml": GUIDELINE,
        folder / "rules" / "riktlinje.yaml": RULES,
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)
