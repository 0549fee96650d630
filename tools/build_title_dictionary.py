"""Regenerate the derived parts of the occupation-title dictionary (``taxonomy/vocab/titles/``).

Run from the repository root (rerunnable; output is deterministic)::

    .venv/bin/python tools/build_title_dictionary.py [--shared ../shared/data]

The dictionary maps job titles as Indonesian ads write them to ISCO-08 unit groups. It is four CSV files
with the same columns (``title,isco_code,lang,generic,source,note``), read in this priority order:

1. ``curated.csv`` (source ``pasarkerja``): written and reviewed by hand, the coding decisions of
   ``TITLES.md``. This tool only reads it (and checks it); edit it directly.
2. ``variants.csv`` (source ``pasarkerja``): forms derived mechanically from the curated titles: the
   other spellings of "staff X" (``staf X``, ``X staff``), spaced/unspaced slashes (``spg/spb``,
   ``spg / spb``), both word orders of "X manager"/"X supervisor"/"spv X" (same code as the curated
   title) and ``senior``/``junior`` forms of English professional and technical titles
   (seniority does not change an ISCO unit group; management titles are left alone).
3. ``kbji2014.csv`` (source ``kbji2014``): official Indonesian titles of KBJI 2014 (Kemnaker/BPS): the
   6-digit "jabatan" titles, the unit-group titles, the "Contoh Jabatan" example lists and the
   "classified elsewhere" cross-references (which name their code). KBJI unit groups are ISCO-08 unit
   groups except the armed-forces splits (0111-0115 -> 0110 etc., via the crosswalk); the POLRI rank groups
   (0115/0215/0315) are skipped because ISCO-08 codes police under 5412/3355, as the curated file does.
4. ``esco.csv`` (source ``esco``): English preferred and alternative labels of ESCO v1.1.1 occupations
   (European Commission, free reuse with acknowledgement), with their ``iscoGroup``. A label that ESCO
   attaches to occupations of two different unit groups is ambiguous and left out.

A title (compared lower-case with whitespace collapsed) appears once in the whole dictionary: a lower-
priority source never repeats or contradicts a higher one. The tool prints the KBJI/ESCO titles the
curated file overrides with a different code, which is the review list of ``TITLES.md``.

Inputs read at build time only (nothing of ``../shared/data`` is copied except the public-classification
titles themselves): ``kbji_isco/kbji2014.csv``, ``kbji_isco/kbji2014_isco08_crosswalk.csv`` and the ESCO
classification zip (``occupations_en.csv``, ``ISCOGroups_en.csv``).
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "pasarkerja" / "taxonomy" / "vocab" / "titles"
DEFAULT_SHARED = ROOT.parent / "shared" / "data"
ESCO_ZIP = "esco/ESCO dataset - v1.1.1 - classification - en - csv.zip"
COLUMNS = ("title", "isco_code", "lang", "generic", "source", "note")
LANGS = ("id", "en", "mixed")

Row = dict[str, str]

# POLRI rank groups: KBJI files the national police with the armed forces, ISCO-08 does not.
KBJI_SKIPPED_GROUPS = {"0115", "0215", "0315"}
# Residual categories ("... Lainnya", "YTDL" = yang tidak diklasifikasikan di tempat lain) are not titles.
KBJI_RESIDUAL = re.compile(r"\b(lainnya|ytdl|ybdi)\b", re.IGNORECASE)
# English head nouns of professional/technical titles that take senior/junior prefixes in ads.
SENIORITY_HEADS = {
    "accountant",
    "administrator",
    "analyst",
    "architect",
    "auditor",
    "consultant",
    "designer",
    "developer",
    "drafter",
    "engineer",
    "executive",
    "officer",
    "programmer",
    "scientist",
    "specialist",
    "staff",
    "surveyor",
    "technician",
    "tester",
    "writer",
    "editor",
    "recruiter",
    "buyer",
    "estimator",
    "planner",
    "copywriter",
    "illustrator",
    "animator",
    "merchandiser",
    "barista",
    "cook",
    "chef",
    "mechanic",
    "welder",
    "electrician",
    "secretary",
    "lawyer",
    "pharmacist",
    "nurse",
    "teacher",
    "lecturer",
    "translator",
    "interpreter",
    "photographer",
    "videographer",
    "admin",
    "associate",
    "representative",
    "advisor",
}
SENIORITY_PREFIXES = ("senior", "junior", "sr", "sr.", "jr", "jr.", "head", "chief", "lead", "principal")


def title_key(title: str) -> str:
    """The comparison key of a title: lower case, whitespace collapsed (the dictionary's uniqueness rule)."""
    return re.sub(r"\s+", " ", title).strip().lower()


def read_csv(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            sys.exit(f"{path}: header must be {','.join(COLUMNS)}")
        return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


def write_csv(path: Path, rows: Iterable[Row]) -> int:
    ordered = sorted(rows, key=lambda r: (r["isco_code"], title_key(r["title"])))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(ordered)
    return len(ordered)


def check_curated(rows: list[Row], unit_groups: set[str]) -> None:
    seen: dict[str, str] = {}
    errors: list[str] = []
    for line, row in enumerate(rows, start=2):
        key, where = title_key(row["title"]), f"curated.csv:{line} {row['title']!r}"
        if row["isco_code"] not in unit_groups:
            errors.append(f"{where}: isco_code {row['isco_code']!r} is no ISCO-08 unit group")
        if row["lang"] not in LANGS or row["generic"] not in ("0", "1") or row["source"] != "pasarkerja":
            errors.append(f"{where}: bad lang/generic/source")
        if key in seen:
            errors.append(f"{where}: duplicate of {seen[key]}")
        seen[key] = f"line {line}"
    if errors:
        sys.exit("\n".join(errors))


# --- variants ------------------------------------------------------------------------------------------


def variant_forms(title: str, lang: str, code: str, generic: bool) -> list[str]:
    """Mechanical spellings of one curated title that ads also use (see the module docstring)."""
    forms: list[str] = []
    words = title.split()
    if "/" in title:
        tight = re.sub(r"\s*/\s*", "/", title)
        forms += [tight, tight.replace("/", " / ")]
    if len(words) in (2, 3):
        rest = " ".join(words[1:])
        if words[0] in ("staff", "staf"):
            forms += [f"staff {rest}", f"staf {rest}", f"{rest} staff"]
        elif words[-1] == "staff" and len(words) == 2:
            forms += [f"staff {words[0]}", f"staf {words[0]}"]
    # word order of rank words varies in Indonesian ads: "manager marketing", "supervisor sales", "spv sales"
    if len(words) in (2, 3):
        first, last = words[0], words[-1]
        if last == "manager" and code.startswith("1"):
            forms.append(f"manager {' '.join(words[:-1])}")
        elif first == "manager" and code.startswith("1"):
            forms.append(f"{' '.join(words[1:])} manager")
        elif last in ("supervisor", "spv"):
            rest = " ".join(words[:-1])
            forms += [f"supervisor {rest}", f"spv {rest}", f"{rest} supervisor", f"{rest} spv"]
        elif first in ("supervisor", "spv"):
            rest = " ".join(words[1:])
            forms += [f"supervisor {rest}", f"spv {rest}", f"{rest} supervisor", f"{rest} spv"]
    if (
        lang in ("en", "mixed")
        and not generic
        and not code.startswith("1")
        and words[-1] in SENIORITY_HEADS
        and words[0] not in SENIORITY_PREFIXES
        and len(words) <= 3
    ):
        forms += [f"senior {title}", f"junior {title}"]
    return [form for form in forms if title_key(form) != title_key(title)]


def build_variants(curated: list[Row]) -> list[Row]:
    taken = {title_key(r["title"]) for r in curated}
    claims: dict[str, set[str]] = defaultdict(set)
    base: dict[str, Row] = {}
    for row in curated:
        for form in variant_forms(row["title"], row["lang"], row["isco_code"], row["generic"] == "1"):
            key = title_key(form)
            if key in taken:
                continue
            claims[key].add(row["isco_code"])
            # "staf" is the Indonesian spelling: an English title written with it is a mixed title
            lang = "mixed" if row["lang"] == "en" and "staf" in form.split() else row["lang"]
            base.setdefault(key, {**row, "title": form, "lang": lang, "note": f"variant of '{row['title']}'"})
    # a form derived from two curated titles of different codes is ambiguous: leave it out
    return [row for key, row in base.items() if len(claims[key]) == 1]


# --- KBJI 2014 -----------------------------------------------------------------------------------------


def clean_kbji_title(text: str) -> str:
    text = re.sub(r"\([^)]*\)", " ", text)  # "(Kasum TNI)", "(medis nuklir)": abbreviations and glosses
    text = re.sub(r"\s+", " ", text).strip(" .;:-,")
    return text


def kbji_example_block(description: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(examples of this unit group, [(title, code)] classified elsewhere) from a KBJI description."""
    examples: list[str] = []
    elsewhere: list[tuple[str, str]] = []
    match = re.search(r"Contoh (?:dari )?Jabatan[^:\n]*:(.*)", description, re.IGNORECASE | re.DOTALL)
    if not match:
        return examples, elsewhere
    body = match.group(1)
    split = re.split(r"Beberapa Jabatan[^:\n]*:", body, maxsplit=1, flags=re.IGNORECASE)
    own = re.split(r"\n\s*\n|Catatan\s*:", split[0], maxsplit=1)[0]
    for line in own.splitlines():
        line = line.strip()
        if line.startswith("-"):
            examples.append(clean_kbji_title(line.lstrip("- ")))
    if len(split) == 2:
        other = re.split(r"Catatan\s*:", split[1], maxsplit=1)[0]
        for name, code in re.findall(r"(?:^|\n|\s{2,}|-)\s*([A-Za-z][^\-\n]*?)\s*-\s*(\d{4})\b", other):
            elsewhere.append((clean_kbji_title(name), code))
    return examples, elsewhere


def build_kbji(shared: Path, unit_groups: set[str], taken: dict[str, str]) -> tuple[list[Row], list[str]]:
    crosswalk: dict[str, str] = {}
    with (shared / "kbji_isco/kbji2014_isco08_crosswalk.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["n_digits"] == "4" and row["kbji2014_code"]:
                crosswalk[row["kbji2014_code"]] = row["isco08_code"]
    # title key -> ISCO code -> (rank of the KBJI place it came from, title as written, note)
    candidates: dict[str, dict[str, tuple[int, str, str]]] = defaultdict(dict)

    def offer(title: str, kbji_code: str, rank: int, note: str) -> None:
        group = kbji_code[:4]
        if group in KBJI_SKIPPED_GROUPS or KBJI_RESIDUAL.search(title) or not (3 <= len(title) <= 80):
            return
        code = crosswalk.get(group, group)
        if code not in unit_groups:
            return
        key = title_key(title)
        current = candidates[key].get(code)
        if current is None or rank < current[0]:
            candidates[key][code] = (rank, title, note)

    with (shared / "kbji_isco/kbji2014.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            level, code = row["level"], row["kode"]
            if level == "6_jabatan":
                offer(clean_kbji_title(row["judul"]), code, 0, f"KBJI 2014 jabatan {code}")
            elif level == "4_sub_golongan":
                offer(clean_kbji_title(row["judul"]), code, 1, f"KBJI 2014 subgolongan {code}")
                examples, elsewhere = kbji_example_block(row["deskripsi"])
                for title in examples:
                    offer(title, code, 2, f"KBJI 2014 contoh jabatan {code}")
                for title, other in elsewhere:
                    offer(title, other, 3, f"KBJI 2014 cross-reference in {code}")
    rows: list[Row] = []
    overridden: list[str] = []
    for key, by_code in sorted(candidates.items()):
        best_rank = min(rank for rank, _, _ in by_code.values())
        best = [(code, value) for code, value in by_code.items() if value[0] == best_rank]
        if len(best) > 1:
            continue  # KBJI itself files this title under two unit groups at the same level: ambiguous
        code, (_, title, note) = best[0]
        if key in taken:
            if taken[key] != code:
                overridden.append(f"kbji2014 {title!r} {code} ({note}) -> pasarkerja {taken[key]}")
            continue
        rows.append(
            {
                "title": title,
                "isco_code": code,
                "lang": "id",
                "generic": "0",
                "source": "kbji2014",
                "note": note,
            }
        )
    return rows, overridden


# --- ESCO ----------------------------------------------------------------------------------------------


def build_esco(
    archive: zipfile.ZipFile, unit_groups: set[str], taken: dict[str, str]
) -> tuple[list[Row], list[str]]:
    labels: dict[str, dict[str, str]] = defaultdict(dict)  # key -> code -> label as written
    with archive.open("occupations_en.csv") as raw:
        for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
            code = row["iscoGroup"]
            if code not in unit_groups:
                continue
            for label in [row["preferredLabel"], *row["altLabels"].split("\n")]:
                label = label.strip()
                if label:
                    labels[title_key(label)].setdefault(code, label)
    rows: list[Row] = []
    overridden: list[str] = []
    for key, by_code in sorted(labels.items()):
        if key in taken:
            if len(by_code) == 1 and next(iter(by_code)) != taken[key]:
                overridden.append(f"esco {key!r} {next(iter(by_code))} -> {taken[key]}")
            continue
        if len(by_code) > 1:
            continue
        code, label = next(iter(by_code.items()))
        rows.append(
            {
                "title": label,
                "isco_code": code,
                "lang": "en",
                "generic": "0",
                "source": "esco",
                "note": "ESCO v1.1.1 occupation label",
            }
        )
    return rows, overridden


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    parser.add_argument("--review", type=Path, help="write the override review list to this file")
    args = parser.parse_args()
    archive = zipfile.ZipFile(args.shared / ESCO_ZIP)
    with archive.open("ISCOGroups_en.csv") as raw:
        groups = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
        unit_groups = {r["code"] for r in groups if len(r["code"]) == 4}

    curated = read_csv(OUT / "curated.csv")
    check_curated(curated, unit_groups)
    # title key -> code of every title already in a higher-priority file
    taken = {title_key(row["title"]): row["isco_code"] for row in curated}
    variants = build_variants(curated)
    taken.update((title_key(row["title"]), row["isco_code"]) for row in variants)
    kbji, kbji_overridden = build_kbji(args.shared, unit_groups, taken)
    taken.update((title_key(row["title"]), row["isco_code"]) for row in kbji)
    esco, esco_overridden = build_esco(archive, unit_groups, taken)

    counts = {
        "variants.csv": write_csv(OUT / "variants.csv", variants),
        "kbji2014.csv": write_csv(OUT / "kbji2014.csv", kbji),
        "esco.csv": write_csv(OUT / "esco.csv", esco),
    }
    print(f"curated.csv: {len(curated)} titles (read, checked)")
    for name, count in counts.items():
        print(f"{name}: {count} titles written")
    review = kbji_overridden + esco_overridden
    print(f"{len(kbji_overridden)} KBJI, {len(esco_overridden)} ESCO titles overridden by a different code")
    if args.review:
        args.review.write_text("\n".join(review) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
