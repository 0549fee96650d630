"""Training programme specifics: hours (JP, jam pelajaran of 45 minutes; clock hours; days) and
certification (BNSP, SKKNI, LSP, other certificates)."""

from __future__ import annotations

import re

from pasarkerja.extract import triggers
from pasarkerja.extract.common import as_document, original_span
from pasarkerja.extract.facts import CertificationFact, CertificationKind, HoursFact
from pasarkerja.text.document import AnalysedText

_JP = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,4}(?:[.,]\d)?)\s*(?:jp|jam\s+pelajaran|jam\s+latih(?:an)?|lesson\s+hours?)(?!\w)"
)
_HOURS = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,4}(?:[.,]\d)?)\s*(?:jam|hours?|hrs?)(?!\w)(?!\s*(?:/|per)\s*(?:hari|day|"
    r"minggu|week))"
)
_DAYS = re.compile(r"(?<![\w.,])(?P<n>\d{1,3})\s*(?:hari|days?)(?!\w)(?!\s*(?:kerja|/|per))")
_CERTIFICATION: tuple[tuple[CertificationKind, re.Pattern[str]], ...] = (
    ("BNSP", re.compile(r"(?:sertifika(?:si|t)\s+(?:kompetensi\s+)?)?bnsp|"
        r"badan\s+nasional\s+sertifikasi\s+profesi")),
    ("SKKNI", re.compile(r"skkni(?:\s+(?:no(?:mor)?\.?\s*)?[\w./-]*\d[\w./-]*)?")),
    ("LSP", re.compile(r"(?<!\w)lsp(?:\s+p[123])?(?:\s+[a-z]+)?(?!\w)|lembaga\s+sertifikasi\s+profesi")),
    ("certificate", re.compile(r"sertifikat\s+(?:kompetensi|pelatihan|keahlian|resmi)|"
        r"certificate\s+of\s+(?:completion|competence)"
                               r"|(?:mendapat(?:kan)?|memperoleh)\s+sertifikat")),
)  # fmt: skip


def _number(token: str) -> float:
    return float(token.replace(",", "."))


def extract_hours(text: str | AnalysedText) -> HoursFact | None:
    """Training length: JP when stated (else clock hours), and days."""
    doc = as_document(text)
    jp = triggers.search(_JP, doc, "programme")
    hours = None if jp is not None else triggers.search(_HOURS, doc, "programme")
    days = triggers.search(_DAYS, doc, "programme")
    spans = [m.span() for m in (jp, hours, days) if m is not None]
    if not spans:
        return None
    first = min(spans)
    return HoursFact(
        jp=_number(jp.group("n")) if jp is not None else None,
        hours=_number(hours.group("n")) if hours is not None else None,
        days=_number(days.group("n")) if days is not None else None,
        span=original_span(doc, *first),
        confidence=0.85 if jp is not None or hours is not None else 0.6,
    )


def extract_certifications(text: str | AnalysedText) -> tuple[CertificationFact, ...]:
    """Each certification body or standard named, once per kind, first mention."""
    doc = as_document(text)
    found: list[CertificationFact] = []
    for kind, pattern in _CERTIFICATION:
        match = triggers.search(pattern, doc, "programme")
        if match is None:
            continue
        span = original_span(doc, match.start(), match.end())
        found.append(
            CertificationFact(
                kind, doc.original[span[0] : span[1]], span, 0.9 if kind != "certificate" else 0.7
            )
        )
    found.sort(key=lambda fact: fact.span)
    return tuple(found)
