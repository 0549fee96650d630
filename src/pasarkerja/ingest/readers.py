"""Reading tabular files row by row: CSV (delimiter sniffed), Excel ``.xlsx``, JSON arrays and JSON Lines.

Each reader yields :class:`RawRow` objects (the row number a person would look for in the file, and the
values by column header) and never loads more than one row at a time, except JSON arrays, which are
parsed whole. Problems with the file itself (wrong type, empty, undecodable) raise
:class:`ImportFileError` with a message that names the file and says what to do; problems inside one
record are returned on the row (``RawRow.error``) so the importer can reject that row and go on.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

FileFormat = Literal["csv", "xlsx", "json", "jsonl"]

_SNIFF_BYTES = 64 * 1024
_CHUNK = 1 << 20

# (signature, what it is, advice). Checked before anything is parsed so a renamed file fails clearly.
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "export the table as CSV, XLSX, JSON or JSON Lines"),
    (b"\xff\xd8\xff", "a JPEG image", "export the table as CSV, XLSX, JSON or JSON Lines"),
    (b"GIF8", "a GIF image", "export the table as CSV, XLSX, JSON or JSON Lines"),
    (b"%PDF", "a PDF document", "export the table from its source as CSV or XLSX"),
    (b"\xd0\xcf\x11\xe0", "an old-format Excel/Word file (.xls/.doc)", "save it as .xlsx or CSV"),
    (b"\x1f\x8b", "a gzip archive", "decompress it first"),
    (b"Rar!", "a RAR archive", "extract it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive", "extract it first"),
)


class ImportFileError(Exception):
    """The file as a whole cannot be imported (fatal: nothing is read from it)."""


@dataclass(slots=True)
class RawRow:
    """One record as read: ``number`` is the line (CSV, JSONL), sheet row (XLSX) or element (JSON)."""

    number: int
    values: dict[str, Any]
    error: str | None = None


@dataclass(slots=True)
class Table:
    """An opened file: its column headers, an estimate of its row count, and an iterator over its rows."""

    path: Path
    format: FileFormat
    headers: list[str]
    rows: Iterator[RawRow]
    total_rows: int | None = None
    notes: list[str] = field(default_factory=list)


def detect_format(path: Path, head: bytes) -> FileFormat:
    """The format from the extension, checked against the first bytes of the file."""
    for signature, what, advice in _SIGNATURES:
        if head.startswith(signature):
            raise ImportFileError(f"{path.name} is {what}, not a table that can be imported; {advice}")
    suffix = path.suffix.lower()
    is_zip = head.startswith(b"PK\x03\x04")
    if suffix == ".xls":
        raise ImportFileError(f"{path.name}: the old .xls format is not supported; save it as .xlsx or CSV")
    if suffix in {".xlsx", ".xlsm"}:
        if not is_zip:
            raise ImportFileError(f"{path.name} has an .xlsx name but is not an Excel workbook")
        return "xlsx"
    if is_zip:
        if suffix in {".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson"}:
            raise ImportFileError(
                f"{path.name} is a ZIP archive (perhaps an Excel workbook renamed {suffix}),"
                f" not {suffix} text;"
                " give the workbook its .xlsx name or export it as CSV"
            )
        return "xlsx"
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    if suffix == ".json":
        return "json"
    if suffix in {".csv", ".tsv", ".txt"}:
        return "csv"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"["):
        return "json"
    if stripped.startswith(b"{"):
        return "jsonl"
    return "csv"


def _check_text(path: Path, encoding: str) -> str:
    """Decode the whole file once (in chunks) so a bad byte is reported before anything is imported.

    Returns the encoding to open the file with (``utf-8-sig``/``utf-16`` when a byte-order mark says so)."""
    with path.open("rb") as handle:
        head = handle.read(4)
    if encoding.lower().replace("_", "-") in {"utf-8", "utf8"}:
        utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        encoding = "utf-16" if utf16 else "utf-8-sig"
    try:
        decoder = codecs.getincrementaldecoder(encoding)()
    except LookupError:
        raise ImportFileError(f"unknown encoding {encoding!r}") from None
    line, offset = 1, 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                at_line = line + chunk[: exc.start].count(b"\n")
                raise ImportFileError(
                    f"{path.name} is not valid {encoding.removesuffix('-sig').upper()} text: undecodable byte"
                    f" at offset {offset + exc.start} (line {at_line}); save it as UTF-8"
                    " (in Excel: CSV UTF-8) or give its encoding, e.g. --encoding cp1252"
                ) from None
            if "\x00" in text:
                raise ImportFileError(f"{path.name} contains NUL bytes: it is a binary file, not text")
            line += text.count("\n")
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise ImportFileError(
                f"{path.name} ends in the middle of a character: the file is truncated"
            ) from None
    return encoding


def _count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            count += chunk.count(b"\n")
    return count


def _sniff_delimiter(header_line: str) -> str:
    """The delimiter that splits the header line into the most columns (``,`` ``;`` or tab)."""
    best, best_count = ",", 0
    for delimiter in (",", ";", "\t"):
        count = len(next(csv.reader([header_line], delimiter=delimiter), [])) - 1
        if count > best_count:
            best, best_count = delimiter, count
    return best


def _headers(raw: list[Any], path: Path) -> list[str]:
    headers = [str(h).strip() if h is not None else "" for h in raw]
    while headers and headers[-1] == "":
        headers.pop()
    if not any(headers):
        raise ImportFileError(f"{path.name}: the first row must hold the column names, but it is empty")
    for position, name in enumerate(headers, start=1):
        if name == "":
            raise ImportFileError(f"{path.name}: column {position} has no name in the header row")
    seen: set[str] = set()
    for name in headers:
        if name in seen:
            raise ImportFileError(f"{path.name}: the column {name!r} appears twice in the header row")
        seen.add(name)
    return headers


def _row_values(headers: list[str], cells: list[Any], number: int) -> RawRow:
    extra = [c for c in cells[len(headers) :] if c not in (None, "")]
    values = {h: (cells[i] if i < len(cells) else None) for i, h in enumerate(headers)}
    if extra:
        return RawRow(
            number, values, f"the row has {len(cells)} values but the header has {len(headers)} columns"
        )
    return RawRow(number, values)


def _open_csv(path: Path, encoding: str) -> Table:
    encoding = _check_text(path, encoding)
    handle = path.open("r", encoding=encoding, newline="")
    sample = handle.read(_SNIFF_BYTES)
    handle.seek(0)
    first_line = next((line for line in sample.splitlines() if line.strip()), "")
    if not first_line:
        handle.close()
        raise ImportFileError(f"{path.name} is empty: no header row and no data")
    delimiter = "\t" if path.suffix.lower() == ".tsv" else _sniff_delimiter(first_line)
    reader = csv.reader(handle, delimiter=delimiter)
    try:
        header_cells = next(reader)
        while not any(c.strip() for c in header_cells):
            header_cells = next(reader)
    except StopIteration:
        handle.close()
        raise ImportFileError(f"{path.name} is empty: no header row and no data") from None
    except csv.Error as exc:
        handle.close()
        raise ImportFileError(f"{path.name}: the header row cannot be read as CSV ({exc})") from None
    headers = _headers(header_cells, path)
    header_line = reader.line_num

    def rows() -> Iterator[RawRow]:
        with handle:
            start = header_line + 1
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    # A broken record (e.g. a stray quote): skip to the next line and report this one.
                    yield RawRow(start, {}, f"cannot be read as CSV: {exc}")
                    start = reader.line_num + 1
                    continue
                number, start = start, reader.line_num + 1
                if not any(c.strip() for c in cells):
                    continue
                yield _row_values(headers, cells, number)

    names = {",": "comma", ";": "semicolon", "\t": "tab"}
    return Table(
        path,
        "csv",
        headers,
        rows(),
        total_rows=max(_count_lines(path) - header_line, 0),
        notes=[f"CSV, {names[delimiter]}-separated, {encoding.removesuffix('-sig').upper()}"],
    )


def _excel_value(value: Any) -> Any:
    # openpyxl gives datetime for date cells; a time-less datetime is a date.
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value


def _open_xlsx(path: Path, sheet: str | None) -> Table:
    import openpyxl  # imported here: only Excel imports pay for it

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            f"{path.name} is not a readable Excel workbook ({type(exc).__name__})"
        ) from None
    if sheet is not None and sheet not in workbook.sheetnames:
        names = ", ".join(repr(n) for n in workbook.sheetnames)
        workbook.close()
        raise ImportFileError(f"{path.name} has no sheet named {sheet!r}; its sheets are {names}")
    worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
    cells = worksheet.iter_rows(values_only=True)
    header_row = 0
    for raw in cells:
        header_row += 1
        if any(c not in (None, "") for c in raw):
            headers = _headers(list(raw), path)
            break
    else:
        workbook.close()
        raise ImportFileError(f"{path.name}: sheet {worksheet.title!r} is empty")

    def rows() -> Iterator[RawRow]:
        number = header_row
        try:
            for raw in cells:
                number += 1
                if all(c is None or (isinstance(c, str) and not c.strip()) for c in raw):
                    continue
                yield _row_values(headers, [_excel_value(c) for c in raw], number)
        finally:
            workbook.close()

    total = worksheet.max_row - header_row if worksheet.max_row else None
    return Table(path, "xlsx", headers, rows(), total_rows=total, notes=[f"Excel sheet {worksheet.title!r}"])


def _json_headers(records: list[dict[str, Any]]) -> list[str]:
    headers: dict[str, None] = {}
    for record in records:
        for key in record:
            headers.setdefault(str(key), None)
    return list(headers)


def _open_json(path: Path, encoding: str) -> Table:
    encoding = _check_text(path, encoding)
    text = path.read_text(encoding=encoding)
    if not text.strip():
        raise ImportFileError(f"{path.name} is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{path.name} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    if isinstance(data, dict):
        # Accept {"rows": [...]} / {"data": [...]} wrappers that export tools like to add.
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise ImportFileError(f"{path.name}: expected a JSON array of objects (one object per row)")
        data = lists[0]
    if not isinstance(data, list):
        raise ImportFileError(f"{path.name}: expected a JSON array of objects (one object per row)")
    if not data:
        raise ImportFileError(f"{path.name} holds an empty array: no rows to import")
    headers = _json_headers([r for r in data if isinstance(r, dict)])
    if not headers:
        raise ImportFileError(f"{path.name}: expected a JSON array of objects (one object per row)")

    def rows() -> Iterator[RawRow]:
        for number, record in enumerate(data, start=1):
            if not isinstance(record, dict):
                yield RawRow(number, {}, f"element {number} is a {type(record).__name__}, not an object")
                continue
            yield RawRow(number, {str(k): v for k, v in record.items()})

    return Table(path, "json", headers, rows(), total_rows=len(data), notes=["JSON array"])


def _open_jsonl(path: Path, encoding: str) -> Table:
    encoding = _check_text(path, encoding)
    # Headers are the union of keys over the file: one pass to collect them (and find an empty file).
    headers: dict[str, None] = {}
    lines = 0
    with path.open("r", encoding=encoding) as handle:
        for line in handle:
            if not line.strip():
                continue
            lines += 1
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                for key in record:
                    headers.setdefault(str(key), None)
    if lines == 0:
        raise ImportFileError(f"{path.name} is empty")
    if not headers:
        raise ImportFileError(f"{path.name}: no line is a JSON object; expected one JSON object per line")

    def rows() -> Iterator[RawRow]:
        with path.open("r", encoding=encoding) as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield RawRow(number, {}, f"not valid JSON: {exc.msg} at column {exc.colno}")
                    continue
                if not isinstance(record, dict):
                    yield RawRow(number, {}, f"line {number} is a {type(record).__name__}, not a JSON object")
                    continue
                yield RawRow(number, {str(k): v for k, v in record.items()})

    return Table(path, "jsonl", list(headers), rows(), total_rows=lines, notes=["JSON Lines"])


def open_table(path: Path | str, *, sheet: str | None = None, encoding: str = "utf-8") -> Table:
    """Open ``path`` for reading rows; raises :class:`ImportFileError` when the file cannot be imported."""
    path = Path(path)
    if not path.exists():
        raise ImportFileError(f"{path} does not exist")
    if path.is_dir():
        raise ImportFileError(f"{path} is a folder, not a file")
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        raise ImportFileError(f"{path} cannot be read: {exc.strerror}") from None
    if not head.strip():
        raise ImportFileError(f"{path.name} is empty: no header row and no data")
    file_format = detect_format(path, head)
    if file_format == "xlsx":
        return _open_xlsx(path, sheet)
    if sheet is not None:
        raise ImportFileError("--sheet applies to Excel workbooks only")
    if file_format == "json":
        return _open_json(path, encoding)
    if file_format == "jsonl":
        return _open_jsonl(path, encoding)
    return _open_csv(path, encoding)


def sha256_of(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


__all__ = ["FileFormat", "ImportFileError", "RawRow", "Table", "detect_format", "open_table", "sha256_of"]
