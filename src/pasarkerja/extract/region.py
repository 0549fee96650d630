"""Region: the location string when given, else "Lokasi:/Penempatan:" lines, resolved to a Kemendagri
regency/province code through ``taxonomy.resolve_region``; remote work (WFH, remote) is noted."""

from __future__ import annotations

import re
from collections.abc import Callable

from pasarkerja.extract import triggers
from pasarkerja.extract.common import as_document, item_bounds, original_span
from pasarkerja.extract.facts import RegionFact
from pasarkerja.taxonomy.regions import RegionMatch, resolve_region
from pasarkerja.text.document import AnalysedText

Resolver = Callable[[str], RegionMatch | None]

_LOCATION_LINE = re.compile(
    r"(?<!\w)(?:lokasi(?:\s+(?:kerja|penempatan|kantor|pekerjaan))?|penempatan(?:\s+(?:kerja|di))?|"
    r"ditempatkan\s+di"
    r"|location|work\s+location|job\s+location|based\s+in|area(?:\s+(?:kerja|penempatan))?|"
    r"wilayah(?:\s+(?:kerja|penempatan))?"
    r"|domisili|alamat(?:\s+(?:kantor|kerja|penempatan))?|placement|office|kota|city|kabupaten|provinsi)"
    r"\s*(?::|-|di\b)\s*(?P<place>[^\n;|]{2,120})"
)
_REMOTE = re.compile(
    r"(?<!\w)(?:remote|fully\s+remote|wfh|work\s+from\s+home|wfa|work\s+from\s+anywhere|"
    r"bekerja\s+dari\s+rumah"
    r"|kerja\s+dari\s+rumah|bisa\s+dari\s+rumah|full\s+remote)(?!\w)"
)
_HYBRID = re.compile(r"hybrid|hibrida|\bwfo\b|work\s+from\s+office")
_NOT_REMOTE = re.compile(r"(?:not|tidak|bukan|non)[\s-]+$")
_PLACE_END = re.compile(r"\s(?:dengan|yang|untuk|gaji|salary|dan\s+sekitarnya)\b|[.(]")


def _fact(match: RegionMatch, span: tuple[int, int], source: str, remote: bool, scale: float) -> RegionFact:
    return RegionFact(
        code=match.code,
        name=match.name,
        level=match.level,
        province_code=match.province_code,
        remote=remote or match.remote,
        span=span,
        source="location" if source == "location" else "text",
        confidence=round(max(0.05, min(1.0, match.confidence * scale)), 3),
    )


def _locate(haystack: str, needle: str, offset: int = 0) -> tuple[int, int] | None:
    if not needle:
        return None
    index = haystack.lower().find(needle.lower(), offset)
    if index < 0:
        return None
    return (index, index + len(needle))


def extract_region(
    text: str | AnalysedText, location: str | None = None, resolve: Resolver = resolve_region
) -> RegionFact | None:
    """The workplace region: from ``location`` (span into it) when given and recognised, else from a
    location line of the text; ``remote`` is set when the ad says the work is remote / WFH."""
    doc = as_document(text)
    normal = doc.text
    remote_span: tuple[int, int] | None = None
    for match in triggers.finditer(_REMOTE, doc, "region"):
        if _NOT_REMOTE.search(normal[max(0, match.start() - 8) : match.start()]):
            continue
        item_start, item_end = item_bounds(doc, match.start())
        if _HYBRID.search(normal, item_start, item_end):
            continue  # "hybrid: 3 days WFH a week" is office work with some remote days, not remote work
        remote_span = original_span(doc, match.start(), match.end())
        break
    remote = remote_span is not None
    if location and location.strip():
        found = resolve(location)
        if found is not None:
            span = _locate(location, found.matched) or (0, len(location))
            return _fact(found, span, "location", remote, 1.0)
    for line in triggers.finditer(_LOCATION_LINE, doc, "region"):
        place_start = line.start("place")
        cut = _PLACE_END.search(normal, place_start, line.end("place"))
        place_end = cut.start() if cut is not None else line.end("place")
        span = original_span(doc, place_start, place_end)
        surface = doc.original[span[0] : span[1]]
        found = resolve(surface)
        if found is None or (found.code is None and not found.remote):
            continue
        located = _locate(surface, found.matched)
        if located is not None:
            span = (span[0] + located[0], span[0] + located[1])
        return _fact(found, span, "text", remote, 0.95)
    if remote_span is not None:
        return RegionFact(None, None, None, None, True, remote_span, "text", 0.8)
    return None
