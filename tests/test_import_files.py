"""Imports end to end on SQLite and PostgreSQL: every format, both languages of column names, mixed good and
bad rows, strict mode, idempotent reruns, and files that cannot be imported at all."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.orm import Session

from pasarkerja.ingest.importer import ImportFileError, Rejection, import_file
from pasarkerja.store.models import (
    Consent,
    Employer,
    ImportRun,
    ProgrammeSkill,
    Seeker,
    SeekerPersonal,
    Skill,
    TrainingProgramme,
    TrainingProvider,
    Vacancy,
    VacancySkill,
)
from pasarkerja.store.personal import Viewer, read_personal
from test_import_support import CIPHER, seed_reference

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
DEC31 = dt.date(2025, 12, 31)

# What the three vacancies of vacancies_id.csv / vacancies_en.csv become (title → fields).
EXPECTED_VACANCIES = {
    "Operator Las": (
        "3273",
        4_500_000,
        5_500_000,
        "SMK",
        2.0,
        "contract",
        3,
        dt.date(2025, 12, 31),
        {"test-welding", "test-forklift"},
    ),
    "Admin Gudang": (
        "3174",
        4_500_000,
        4_500_000,
        "D3",
        0.0,
        "permanent",
        1,
        dt.date(2025, 12, 1),
        {"test-excel"},
    ),
    "Customer Service": (
        "3204",
        150_000,
        150_000,
        "SMA",
        1.0,
        "daily",
        1,
        dt.date(2025, 12, 1),
        {"test-customer-service"},
    ),
}


@pytest.fixture
def db(engine: Engine) -> Engine:
    seed_reference(engine)
    return engine


def _copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    return target


def _vacancies(engine: Engine, source: str | None = None) -> dict[str, tuple[object, ...]]:
    with Session(engine) as session:
        result = {}
        query = select(Vacancy) if source is None else select(Vacancy).where(Vacancy.source == source)
        for v in session.scalars(query):
            result[v.title] = (
                v.region_code,
                v.pay_min,
                v.pay_max,
                v.min_education,
                v.min_experience_years,
                v.employment_type,
                v.openings,
                v.posted_date,
                {s.skill_id for s in v.skills},
            )
        return result


def _rows_of(name: str) -> list[dict[str, str]]:
    with (FIXTURES / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _write_xlsx(path: Path, rows: list[dict[str, object]]) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    headers = list(rows[0])
    sheet.append(headers)
    for row in rows:
        sheet.append([row[h] for h in headers])
    workbook.save(path)


def _english_rows_typed() -> list[dict[str, object]]:
    """The English fixture rows with the types a spreadsheet or JSON would hold (numbers, dates)."""
    rows: list[dict[str, object]] = []
    for raw in _rows_of("vacancies_en.csv"):
        row: dict[str, object] = dict(raw)
        row["openings"] = int(raw["openings"])
        row["experience"] = int(raw["experience"])
        row["posted_date"] = dt.datetime.fromisoformat(raw["posted_date"])
        rows.append(row)
    return rows


def _format_file(file_format: str, tmp_path: Path) -> Path:
    """The three fixture vacancies in ``file_format`` (spreadsheet and JSON cells typed as those tools do)."""
    if file_format == "csv-id":
        return _copy("vacancies_id.csv", tmp_path)
    if file_format == "csv-en":
        return _copy("vacancies_en.csv", tmp_path)
    rows = _english_rows_typed()
    if file_format == "xlsx":
        path = tmp_path / "vacancies.xlsx"
        rows[0]["pay_min"], rows[0]["pay_max"] = 4500000, 5500000  # numeric cells
        _write_xlsx(path, rows)
        return path
    for row in rows:
        row["posted_date"] = str(row["posted_date"])[:10]
    if file_format == "json":
        path = tmp_path / "vacancies.json"
        for row in rows:
            row["skills"] = str(row["skills"]).split(";")  # a JSON array is a list cell
        path.write_text(json.dumps(rows), encoding="utf-8")
        return path
    path = tmp_path / "vacancies.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_every_format_and_both_languages(db: Engine, tmp_path: Path) -> None:
    formats = ["csv-id", "csv-en", "xlsx", "json", "jsonl"]
    for file_format in formats:
        # One source per format, so each import creates its own three records.
        report = import_file(db, "vacancies", _format_file(file_format, tmp_path), source=file_format)
        assert (report.rows_read, report.imported, report.updated, report.rejected) == (3, 3, 0, 0), (
            file_format
        )
        assert report.rejections == [] and report.warnings == [], file_format
        assert _vacancies(db, source=file_format) == EXPECTED_VACANCIES, file_format
    with Session(db) as session:
        periods = {(v.source, v.title): v.pay_period for v in session.scalars(select(Vacancy))}
        assert periods[("csv-id", "Customer Service")] == "day"  # "150rb per hari"
        assert periods[("csv-en", "Customer Service")] == "month"  # an amount without a period
        employers = sorted(session.scalars(select(Employer.name).where(Employer.source == "xlsx")))
        assert employers == ["CV Ramah", "PT Baja Prima"]
        runs = session.scalars(select(ImportRun).order_by(ImportRun.id)).all()
        assert [(r.kind, r.status, r.rows_read, r.rows_imported, r.rows_rejected) for r in runs] == [
            ("vacancies", "completed", 3, 3, 0)
        ] * len(formats)
        assert all(r.last_committed_row > 0 and r.finished_at is not None for r in runs)


def test_mixed_file_imports_every_good_row_and_reports_every_bad_one(db: Engine, tmp_path: Path) -> None:
    path = _copy("vacancies_mixed.csv", tmp_path)
    report = import_file(db, "vacancies", path, batch_size=2)

    assert (report.rows_read, report.imported, report.rejected) == (10, 3, 7)
    assert report.rejections == [
        Rejection(
            4,
            "tanggal_tayang",
            "cannot read '31/13/2025' as a date: month 13 does not exist (dates are day first)",
        ),
        Rejection(5, "gaji_min", "cannot read 'empat juta' as a rupiah amount"),
        Rejection(6, "lokasi", "unknown place 'Atlantis'; give a Kemendagri code or an official name"),
        Rejection(7, "keterampilan", "unknown skill 'juggling'"),
        Rejection(8, "gaji_max", "the highest pay (5,000,000) is below the lowest (6,000,000)"),
        Rejection(9, "judul", "is empty, but this field is required"),
        Rejection(10, "jumlah", "Input should be greater than or equal to 1"),
    ]
    assert sorted(_vacancies(db)) == ["Forklift driver", "Tailor", "Welder"]
    assert _vacancies(db)["Tailor"][0] == "3578"  # "Kota Surabaya" resolved by name
    assert report.rejected_csv == tmp_path / "vacancies_mixed.csv.rejected.csv"
    with report.rejected_csv.open(encoding="utf-8") as handle:
        rejected = list(csv.DictReader(handle))
    assert [(r["row"], r["field"], r["id"]) for r in rejected] == [
        ("4", "tanggal_tayang", "M-03"),
        ("5", "gaji_min", "M-04"),
        ("6", "lokasi", "M-05"),
        ("7", "keterampilan", "M-06"),
        ("8", "gaji_max", "M-07"),
        ("9", "judul", "M-08"),
        ("10", "jumlah", "M-09"),
    ]
    assert rejected[1]["reason"] == "cannot read 'empat juta' as a rupiah amount"


def test_a_row_with_several_problems_reports_each(db: Engine, tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text(
        "judul,gaji,lokasi,keterampilan,pendidikan\nX,abc,Atlantis,juggling,kuliah\n", encoding="utf-8"
    )
    report = import_file(db, "vacancies", path)
    assert [(r.row, r.field) for r in report.rejections] == [
        (2, "gaji"),
        (2, "lokasi"),
        (2, "pendidikan"),
        (2, "keterampilan"),
    ]
    assert report.rejected == 1 and report.imported == 0


def test_strict_imports_nothing_when_a_row_is_bad(db: Engine, tmp_path: Path) -> None:
    path = _copy("vacancies_mixed.csv", tmp_path)
    report = import_file(db, "vacancies", path, strict=True, batch_size=2)
    assert report.aborted and (report.imported, report.rejected) == (0, 7)
    assert len(report.rejections) == 7
    with Session(db) as session:
        assert session.scalar(select(func.count()).select_from(Vacancy)) == 0
        assert session.scalar(select(func.count()).select_from(Employer)) == 0
        assert session.scalars(select(ImportRun.status)).one() == "rejected"


def test_strict_imports_a_clean_file_and_refuses_unknown_columns(db: Engine, tmp_path: Path) -> None:
    path = _copy("vacancies_id.csv", tmp_path)
    report = import_file(db, "vacancies", path, strict=True)
    assert (report.imported, report.rejected, report.aborted) == (3, 0, False)
    extra = tmp_path / "extra.csv"
    extra.write_text("judul,warna_favorit\nKasir,biru\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="unknown columns under --strict: 'warna_favorit'"):
        import_file(db, "vacancies", extra, strict=True)
    report = import_file(db, "vacancies", extra)
    assert report.warnings == ["columns not imported (unknown): 'warna_favorit'"]
    assert report.imported == 1


def test_rerun_is_idempotent_and_reports_updates(db: Engine, tmp_path: Path) -> None:
    path = _copy("vacancies_id.csv", tmp_path)
    first = import_file(db, "vacancies", path)
    second = import_file(db, "vacancies", path)
    assert (first.imported, first.updated, first.unchanged) == (3, 0, 0)
    assert (second.imported, second.updated, second.unchanged) == (0, 0, 3)
    with Session(db) as session:
        assert session.scalar(select(func.count()).select_from(Vacancy)) == 3
        assert session.scalar(select(func.count()).select_from(VacancySkill)) == 4
        assert session.scalar(select(func.count()).select_from(Employer)) == 2
    # One edited row: updated, its skills replaced, nothing duplicated.
    path.write_text(path.read_text(encoding="utf-8").replace("las|forklift", "las"), encoding="utf-8")
    third = import_file(db, "vacancies", path)
    assert (third.imported, third.updated, third.unchanged) == (0, 1, 2)
    assert _vacancies(db)["Operator Las"][8] == {"test-welding"}
    with Session(db) as session:
        assert session.scalar(select(func.count()).select_from(Vacancy)) == 3
    # The same external ids from another source are other records.
    assert import_file(db, "vacancies", path, source="karirhub").imported == 3
    with Session(db) as session:
        assert session.scalar(select(func.count()).select_from(Vacancy)) == 6


def test_rows_without_external_id_get_a_deterministic_one(db: Engine, tmp_path: Path) -> None:
    path = tmp_path / "noid.csv"
    path.write_text(
        "judul,perusahaan,lokasi,tanggal_tayang\nKasir,Toko A,3273,01/12/2025\nKasir,Toko B,3273,01/12/2025\n"
        "Kasir,Toko A,3273,01/12/2025\n",
        encoding="utf-8",
    )
    first = import_file(db, "vacancies", path)
    assert (first.imported, first.rejected) == (2, 1)
    assert first.rejections == [Rejection(4, "(row)", "duplicate of row 2 in this file")]
    second = import_file(db, "vacancies", path)
    assert (second.imported, second.unchanged) == (0, 2)
    with Session(db) as session:
        ids = list(session.scalars(select(Vacancy.external_id)))
    assert len(ids) == 2 and all(i.startswith("h:") for i in ids)


def test_vacancies_link_to_employers_imported_before(db: Engine, tmp_path: Path) -> None:
    report = import_file(db, "employers", _copy("employers.csv", tmp_path))
    assert (report.imported, report.rejected) == (2, 1)
    assert report.rejections == [Rejection(4, "kbli", "KBLI section must be one letter A–U, got 'Z'")]
    import_file(db, "vacancies", _copy("vacancies_id.csv", tmp_path))
    with Session(db) as session:
        employers = {
            e.name: (e.external_id, e.kbli_section, e.region_code) for e in session.scalars(select(Employer))
        }
        assert employers == {"PT Baja Prima": ("E-01", "C", "3273"), "CV Ramah": ("E-02", "C", "3204")}
        linked = {v.title: v.employer.name for v in session.scalars(select(Vacancy)) if v.employer}
        assert linked == {
            "Operator Las": "PT Baja Prima",
            "Admin Gudang": "PT Baja Prima",
            "Customer Service": "CV Ramah",
        }


def test_programmes_import_with_providers_and_skills(db: Engine, tmp_path: Path) -> None:
    report = import_file(db, "programmes", _copy("programmes.csv", tmp_path))
    assert (report.imported, report.rejected) == (2, 0)
    with Session(db) as session:
        providers = {p.name: p.kind for p in session.scalars(select(TrainingProvider))}
        assert providers == {"BLK Bandung": "BLK", "LPK Cerdas": "LPK"}
        p1 = session.scalars(select(TrainingProgramme).where(TrainingProgramme.external_id == "P-01")).one()
        assert (p1.hours_jp, p1.cost_rp, p1.modality, p1.capacity, p1.region_code) == (
            240,
            0,
            "on-site",
            16,
            "3273",
        )
        assert p1.start_dates == ["2026-07-01", "2026-09-01"] and p1.certification == "BNSP"
        p2 = session.scalars(select(TrainingProgramme).where(TrainingProgramme.external_id == "P-02")).one()
        assert (p2.cost_rp, p2.modality) == (750_000, "online")
        assert {(s.programme_id, s.skill_id) for s in session.scalars(select(ProgrammeSkill))} == {
            (p1.id, "test-welding"),
            (p2.id, "test-excel"),
        }
    again = import_file(db, "programmes", tmp_path / "programmes.csv")
    assert (again.imported, again.unchanged) == (0, 2)


# ------------------------------------------------------------------------------------------ seekers


def test_seekers_import_with_personal_data_protected(db: Engine, tmp_path: Path) -> None:
    path = _copy("seekers.csv", tmp_path)
    report = import_file(db, "seekers", path, cipher=CIPHER)
    assert (report.rows_read, report.imported, report.rejected) == (5, 2, 3)
    assert report.rejections == [
        Rejection(4, "nik", "NIK must be exactly 16 digits (found 15)"),
        Rejection(5, "nik", "NIK digits 1–2 are not a province code"),
        Rejection(6, "nik", "NIK digits 9–10 are not a month (01–12)"),
        Rejection(
            6, "tanggal_lahir", "birth date cannot be read; use 31/12/1995, 1995-12-31 or 31 Desember 1995"
        ),
    ]
    with Session(db) as session:
        siti = session.scalars(select(Seeker).where(Seeker.external_id == "S-01")).one()
        assert (siti.region_code, siti.education_level, siti.willing_to_relocate) == ("3273", "SMK", True)
        assert {s.skill_id for s in siti.skills} == {"test-sewing", "test-excel"}
        assert sorted((w.title, w.years) for w in siti.work_history) == [("Kasir", 0.5), ("Penjahit", 2.0)]
        assert {(c.purpose, c.granted) for c in siti.consents} == {
            ("matching", True),
            ("discoverable_by_employers", False),
        }
        personal = read_personal(session, siti.id, Viewer(user_id=1, role="counsellor"), CIPHER)
        assert (personal.nik, personal.name, personal.birth_date, personal.sex) == (
            "3273014102950001",
            "Siti Aminah",
            dt.date(1995, 2, 1),
            "F",
        )
        assert (personal.phone, personal.email, personal.address) == (
            "+6281234567890",
            "siti@example.org",
            "Jl. Melati 1 Bandung",
        )
        record = session.get(SeekerPersonal, siti.id)
        assert record is not None and (record.sex, record.birth_year) == ("F", 1995)
        budi = session.scalars(select(Seeker).where(Seeker.external_id == "S-02")).one()
        assert budi.region_code == "3204"  # "Kabupaten Bandung" by name

    # The NIK, names and phones are nowhere in clear: not in any table, not in the rejected-rows file.
    secrets = [
        "3273014102950001",
        "3204151508900003",
        "327301410295000",
        "Siti Aminah",
        "Budi Santoso",
        "0812-3456-7890",
        "6281234567890",
        "Nik Pendek",
        "siti@example.org",
        "Jl. Melati",
    ]
    dump = _dump_tables(db)
    for secret in secrets:
        assert secret.encode() not in dump, secret
    rejected_text = (tmp_path / "seekers.csv.rejected.csv").read_text(encoding="utf-8")
    for secret in [*secrets, "9901010101900002", "3273015513900004", "Prefix Salah", "Tanggal Salah"]:
        assert secret not in rejected_text, secret
    assert rejected_text.splitlines()[1].startswith(
        "4,nik,NIK must be exactly 16 digits (found 15),S-03,[masked],[masked]"
    )

    again = import_file(db, "seekers", path, cipher=CIPHER)
    assert (again.imported, again.updated, again.unchanged, again.rejected) == (0, 0, 2, 3)
    with Session(db) as session:
        assert session.scalar(select(func.count()).select_from(Seeker)) == 2
        assert session.scalar(select(func.count()).select_from(Consent)) == 4


def test_seeker_consent_change_is_recorded_and_nik_finds_the_same_person(db: Engine, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("nik,nama,consent_matching\n3273014102950001,Siti,ya\n", encoding="utf-8")
    assert import_file(db, "seekers", path, cipher=CIPHER).imported == 1
    # Another channel, no external id, same NIK: the same seeker is updated, consent withdrawn and renewed.
    other = tmp_path / "other.csv"
    other.write_text("nik,no_hp,consent_matching\n3273014102950001,081234567890,tidak\n", encoding="utf-8")
    report = import_file(db, "seekers", other, cipher=CIPHER, source="karirhub")
    assert (report.imported, report.updated) == (0, 1)
    with Session(db) as session:
        seeker = session.scalars(select(Seeker)).one()
        consents = sorted((c.granted, c.withdrawn_at is not None) for c in seeker.consents)
        assert consents == [(False, False), (True, True)]
        personal = read_personal(session, seeker.id, Viewer(user_id=None, role="admin"), CIPHER)
        assert (personal.name, personal.phone, personal.sex) == ("Siti", "+6281234567890", "F")


def test_nik_birth_date_and_sex_must_agree(db: Engine, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "nik,tanggal_lahir,jenis_kelamin\n3273014102950001,02/02/1995,P\n3273014102950001,01/02/1995,L\n"
        "3299010101900002,01/01/1990,L\n",
        encoding="utf-8",
    )
    report = import_file(db, "seekers", path, cipher=CIPHER)
    assert report.rejections == [
        Rejection(2, "nik", "the birth date in the NIK (digits 7–12) does not match the birth date"),
        Rejection(
            3, "nik", "the NIK's day digits mark the other sex (women add 40 to the day) than the sex column"
        ),
        Rejection(4, "nik", "NIK digits 1–4 are not a regency/city code"),
    ]


def _dump_tables(engine: Engine) -> bytes:
    """Every value of every table, as bytes (the closest portable thing to reading the database file)."""
    chunks: list[bytes] = []
    with engine.connect() as connection:
        for table in ("seeker", "seeker_personal", "seeker_work", "consent", "import_run"):
            for row in connection.execute(text(f"SELECT * FROM {table}")):
                for value in row:
                    chunks.append(value if isinstance(value, bytes) else str(value).encode())
    if engine.url.get_backend_name() == "sqlite" and engine.url.database:
        chunks.append(Path(engine.url.database).read_bytes())
    return b"\x00".join(chunks)


# -------------------------------------------------------------------------------------- bad files


def test_files_that_cannot_be_imported(db: Engine, tmp_path: Path) -> None:
    cases: list[tuple[str, bytes, str]] = [
        ("empty.csv", b"", "empty.csv is empty"),
        ("blank.csv", b"\n\n  \n", "blank.csv is empty"),
        ("image.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image.csv is a PNG image"),
        ("doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "doc.pdf is a PDF document"),
        ("report.csv", b"%PDF-1.4\n", "report.csv is a PDF document"),
        (
            "latin.csv",
            "judul,lokasi\nKoperasi Sejahtera Caf\u00e9,3273\n".encode("cp1252"),
            "latin.csv is not valid UTF-8 text: undecodable byte at offset 35 \\(line 2\\)",
        ),
        ("fake.xlsx", b"judul\nKasir\n", "fake.xlsx has an .xlsx name but is not an Excel workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old-format Excel"),
        ("bad.json", b'[{"judul": "Kasir",]', "bad.json is not valid JSON"),
        ("object.json", b'{"judul": "Kasir"}', "expected a JSON array of objects"),
        ("nocolumn.csv", b"lokasi,gaji\n3273,4 jt\n", "no column for the required field 'title'"),
        ("twice.csv", b"judul,title\nA,B\n", "the columns 'judul' and 'title' both mean title"),
    ]
    for name, content, message in cases:
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(ImportFileError, match=message):
            import_file(db, "vacancies", path)
    with pytest.raises(ImportFileError, match="does not exist"):
        import_file(db, "vacancies", tmp_path / "missing.csv")
    with Session(db) as session:
        assert session.scalar(select(func.count()).select_from(Vacancy)) == 0


def test_explicit_encoding_and_header_only_file(db: Engine, tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("judul;lokasi\nBarista Caf\u00e9;3273\n".encode("cp1252"))
    report = import_file(db, "vacancies", path, encoding="cp1252")
    assert report.imported == 1 and list(_vacancies(db)) == ["Barista Caf\u00e9"]
    header_only = tmp_path / "header.csv"
    header_only.write_text("judul,lokasi\n", encoding="utf-8")
    report = import_file(db, "vacancies", header_only)
    assert (report.rows_read, report.imported, report.rejected) == (0, 0, 0)


def test_malformed_records_are_rejected_rows(db: Engine, tmp_path: Path) -> None:
    jsonl = tmp_path / "v.jsonl"
    jsonl.write_text('{"judul": "Kasir"}\n{"judul": \n[1, 2]\n{"judul": "Barista"}\n', encoding="utf-8")
    report = import_file(db, "vacancies", jsonl)
    assert report.imported == 2
    assert [(r.row, r.field) for r in report.rejections] == [(2, "(row)"), (3, "(row)")]
    assert report.rejections[1].reason == "line 3 is a list, not a JSON object"
    wide = tmp_path / "wide.csv"
    wide.write_text("judul,lokasi\nKasir,3273,extra\nBarista,3273\n", encoding="utf-8")
    report = import_file(db, "vacancies", wide)
    assert report.rejections == [Rejection(2, "(row)", "the row has 3 values but the header has 2 columns")]


def test_free_text_without_skills_goes_through_the_extractor(db: Engine, tmp_path: Path) -> None:
    import pasarkerja.extract as extract

    description = (
        "Dicari tukang las berpengalaman 2 tahun, pendidikan minimal SMK, mampu mengoperasikan forklift. "
        "Gaji Rp 4.000.000"
    )
    facts = extract.vacancy(description, title="Tukang Las", location="3273").to_dict()
    assert facts["skills"], "the extractor finds no skill in this description"
    first_skill = facts["skills"][0]["id"]
    with db.begin() as connection:  # the extracted skill must exist in this database to be linked
        connection.execute(
            insert(Skill), [{"id": first_skill, "label_en": "x", "alt_labels": [], "type": "skill"}]
        )
    path = tmp_path / "v.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["judul", "lokasi", "deskripsi", "keterampilan"])
        writer.writerow(["Tukang Las", "3273", description, ""])
        writer.writerow(["Admin", "3273", "Admin kantor, menguasai Excel", "excel"])
    report = import_file(db, "vacancies", path)
    assert (report.imported, report.rejected, report.warnings) == (2, 0, [])
    with Session(db) as session:
        welder = session.scalars(select(Vacancy).where(Vacancy.title == "Tukang Las")).one()
        assert welder.extracted is not None
        assert welder.extracted["extractor"] == "pasarkerja.extract.vacancy"
        assert (welder.extracted["source_field"], welder.extracted["text"]) == ("description", description)
        assert welder.extracted["facts"]["skills"] == facts["skills"]
        assert (first_skill, "extracted") in {(s.skill_id, s.origin) for s in welder.skills}
        # load_reference holds every ISCO-08 group, so the extracted unit group fills the empty occupation.
        assert welder.occupation_code == (facts["occupation"] or {}).get("code")
        admin = session.scalars(select(Vacancy).where(Vacancy.title == "Admin")).one()
        assert admin.extracted is None  # skills were stated: no extraction
        assert [(s.skill_id, s.origin) for s in admin.skills] == [("test-excel", "stated")]
    again = import_file(db, "vacancies", path)
    assert (again.imported, again.unchanged) == (0, 2)


def test_excel_sheet_choice(db: Engine, tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "book.xlsx"
    workbook = openpyxl.Workbook()
    notes = workbook.active
    assert notes is not None
    notes.title = "Catatan"
    notes.append(["this sheet is not a table of vacancies"])
    sheet = workbook.create_sheet("Lowongan")
    sheet.append(["Judul", "Lokasi", "Tanggal Tayang", "Gaji Min"])
    sheet.append(["Kasir", "3273", dt.datetime(2025, 12, 31), 3_500_000])
    sheet.append([None, None, None, None])  # an empty row is skipped, not rejected
    sheet.append(["Barista", "Kota Bandung", 46022, "3,5 jt"])
    workbook.save(path)
    with pytest.raises(ImportFileError, match="no sheet named 'Jobs'; its sheets are 'Catatan', 'Lowongan'"):
        import_file(db, "vacancies", path, sheet="Jobs")
    report = import_file(db, "vacancies", path, sheet="Lowongan")
    assert (report.rows_read, report.imported, report.rejected) == (2, 2, 0)
    with Session(db) as session:
        got = {v.title: (v.posted_date, v.pay_min) for v in session.scalars(select(Vacancy))}
    assert got == {"Kasir": (DEC31, 3_500_000), "Barista": (DEC31, 3_500_000)}
