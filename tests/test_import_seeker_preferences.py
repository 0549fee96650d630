"""The seeker import carries the remote-work flag and the working-time preference (CSV, JSON, Excel; Indonesian
and English values), rejects bad values naming the row and the file's column, and updates only what a
file has."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pasarkerja.ingest.importer import Rejection, import_file
from pasarkerja.ingest.schemas import map_columns
from pasarkerja.store.models import Seeker
from test_import_support import CIPHER, seed_reference

WORKING_TIME_ERROR = (
    "unknown working time {!r}; use shift (sif, bergilir), non-shift (non shift, jam kerja tetap, jam kantor), "
    "or leave it empty (or bebas) for no preference"
)


@pytest.fixture
def db(engine: Engine) -> Engine:
    seed_reference(engine)
    return engine


def _preferences(engine: Engine) -> dict[str, tuple[bool, str | None]]:
    with Session(engine) as session:
        return {
            s.external_id or "": (s.accepts_remote, s.preferred_working_time)
            for s in session.scalars(select(Seeker).order_by(Seeker.external_id))
        }


def test_indonesian_and_english_column_names_map_to_the_two_fields() -> None:
    columns = map_columns("seekers", ["id", "Bersedia WFH", "waktu kerja diminati"])
    assert (columns.field_of["Bersedia WFH"], columns.field_of["waktu kerja diminati"]) == (
        "accepts_remote",
        "preferred_working_time",
    )
    columns = map_columns("seekers", ["id", "accepts_remote", "desired_working_time"])
    assert columns.unknown == ()


def test_csv_values_in_both_languages_and_errors_naming_row_and_column(db: Engine, tmp_path: Path) -> None:
    path = tmp_path / "pencaker.csv"
    path.write_text(
        "id,domisili,bersedia_wfh,waktu_kerja_diminati\n"
        "P-1,3273,ya,shift\n"
        "P-2,3273,tidak,Non Shift\n"
        "P-3,3273,1,jam kantor\n"
        "P-4,3273,0,bebas\n"
        "P-5,3273,TRUE,sif\n"
        "P-6,3273,false,\n"
        "P-7,3273,,bergilir\n"
        "P-8,3273,mungkin,malam\n"
        "P-9,3273,ya,pagi saja\n",
        encoding="utf-8",
    )
    report = import_file(db, "seekers", path, cipher=CIPHER)
    assert (report.rows_read, report.imported, report.rejected) == (9, 7, 2)
    assert report.rejections == [
        Rejection(9, "bersedia_wfh", "cannot read 'mungkin' as yes/no; use ya/tidak, yes/no or 1/0"),
        Rejection(9, "waktu_kerja_diminati", WORKING_TIME_ERROR.format("malam")),
        Rejection(10, "waktu_kerja_diminati", WORKING_TIME_ERROR.format("pagi saja")),
    ]
    assert _preferences(db) == {
        "P-1": (True, "shift"),
        "P-2": (False, "non-shift"),
        "P-3": (True, "non-shift"),
        "P-4": (False, None),
        "P-5": (True, "shift"),
        "P-6": (False, None),
        "P-7": (False, "shift"),
    }


def test_json_and_excel_cells_and_updates_touch_only_columns_present(db: Engine, tmp_path: Path) -> None:
    rows = [
        {"external_id": "J-1", "region": "3273", "accepts_remote": True, "preferred_working_time": "shift"},
        {"external_id": "J-2", "region": "3273", "accepts_remote": 0, "preferred_working_time": "non-shift"},
        {"external_id": "J-3", "region": "3273", "accepts_remote": "yes", "preferred_working_time": None},
    ]
    path = tmp_path / "seekers.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    assert import_file(db, "seekers", path, cipher=CIPHER, source="karirhub").imported == 3
    assert _preferences(db) == {"J-1": (True, "shift"), "J-2": (False, "non-shift"), "J-3": (True, None)}

    # A file without the two columns leaves them as they are.
    other = tmp_path / "pay.csv"
    other.write_text("id,gaji_diharapkan\nJ-1,5000000\nJ-2,4000000\n", encoding="utf-8")
    report = import_file(db, "seekers", other, cipher=CIPHER, source="karirhub")
    assert report.updated == 2
    assert _preferences(db)["J-1"] == (True, "shift") and _preferences(db)["J-2"] == (False, "non-shift")

    # Excel: boolean and number cells; a present but blank cell clears the preference.
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["id", "remote_ok", "jam_kerja_diminati"])
    sheet.append(["J-1", False, None])
    sheet.append(["J-2", 1, "shift kerja"])
    sheet.append(["J-3", True, "office hours"])
    xlsx = tmp_path / "seekers.xlsx"
    workbook.save(xlsx)
    report = import_file(db, "seekers", xlsx, cipher=CIPHER, source="karirhub")
    assert (report.updated, report.rejected) == (3, 0)
    assert _preferences(db) == {"J-1": (False, None), "J-2": (True, "shift"), "J-3": (True, "non-shift")}
    # Importing the same sheet again changes nothing.
    again = import_file(db, "seekers", xlsx, cipher=CIPHER, source="karirhub")
    assert (again.updated, again.unchanged) == (0, 3)
