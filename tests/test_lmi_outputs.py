"""The outputs of labour-market information — ``pasarkerja lmi`` commands, ``/api/lmi``, the dashboard and the
provincial report — on a small database whose numbers are worked out by hand (``seed_lmi``).

The hand-made market (period under test 2025Q3, every seeker active at the end of September):

====================  =========================  ===========  ==========================================
province              seekers (occupation sought)  active      vacancies (open positions)
====================  =========================  ===========  ==========================================
31 DKI Jakarta        5 × 5223 shop sales           5           1 × 5223 (1)
32 Jawa Barat         7 × 7212, 6 × 2512, 5 × 4110  18          7212 (4), 2512 (3)
35 Jawa Timur         8 × 7212, 2 × 2512            10          7212 (2)
36 Banten             2 × 9313                      2           –
====================  =========================  ===========  ==========================================

So ``active_seekers`` by province is 31: 5, 32: 18, 35: 10, 36: 2, total 35. With k = 5, Banten's 2 is
suppressed (primary) and, so it cannot be recovered as 35 − 5 − 18 − 10, the smallest other cell of the line,
Jakarta's 5, is suppressed too (secondary). Every output must show both as "x" / null, never their value.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine
from typer.testing import CliRunner

from pasarkerja.api.lmi import LmiData
from pasarkerja.cli import app as cli_app
from pasarkerja.lmi import INDICATORS
from pasarkerja.settings import Settings
from pasarkerja.store.accounts import hash_password
from pasarkerja.store.db import make_engine, transaction, upgrade
from pasarkerja.store.models import (
    Seeker,
    SeekerPreferredOccupation,
    SeekerSkill,
    Skill,
    UserAccount,
    Vacancy,
    VacancySkill,
)
from pasarkerja.store.reference import load_reference
from pasarkerja.taxonomy import isco_groups
from pasarkerja.web.app import create_app

SECRET = "test-secret-for-lmi-outputs-0123456789abcdef"
PERIOD = "2025Q3"
# Registrations spread over the quarter so the monthly series has three points.
DAYS = (dt.date(2025, 7, 10), dt.date(2025, 8, 12), dt.date(2025, 9, 15))
SEEKERS = [  # (regency, occupation sought, education, how many)
    ("3174", "5223", "SMA", 5),
    ("3273", "7212", "SMK", 7),
    ("3273", "2512", "S1", 6),
    ("3204", "4110", "SMA", 5),
    ("3578", "7212", "SMK", 8),
    ("3578", "2512", "S1", 2),
    ("3671", "9313", "SD", 2),
]
VACANCIES = [  # (regency, occupation, openings, posted, pay_min, pay_max, skill)
    ("3174", "5223", 1, dt.date(2025, 7, 20), 4_000_000, 4_500_000, None),
    ("3273", "7212", 4, dt.date(2025, 7, 5), 5_500_000, 6_500_000, "lmi-test:welding"),
    ("3273", "2512", 3, dt.date(2025, 8, 1), 9_000_000, 11_000_000, "lmi-test:python"),
    ("3578", "7212", 2, dt.date(2025, 9, 1), 4_500_000, 5_000_000, "lmi-test:welding"),
]
# The pages and the API are for job-centre staff; a seeker account is refused.
USERS = {"analis-lmi": ("analyst", "rahasia-analis-lmi"), "pencari-lmi": ("seeker", "rahasia-pencari-lmi")}

runner = CliRunner()
_HASHES: dict[str, str] = {}


def seed_lmi(engine: Engine) -> None:
    """The hand-made market above, in a migrated database holding the reference data."""
    load_reference(engine)
    with transaction(engine) as session:
        session.add_all(
            [
                Skill(id="lmi-test:welding", label_id="pengelasan", label_en="welding", type="skill"),
                Skill(id="lmi-test:python", label_id="pemrograman Python", label_en="Python", type="skill"),
            ]
        )
        session.flush()
        n = 0
        for region, occupation, education, count in SEEKERS:
            for _ in range(count):
                seeker = Seeker(
                    region_code=region, education_level=education, is_active=True, registered_on=DAYS[n % 3]
                )
                seeker.preferred_occupations.append(SeekerPreferredOccupation(occupation_code=occupation))
                if occupation == "7212":
                    seeker.skills.append(SeekerSkill(skill_id="lmi-test:welding"))
                session.add(seeker)
                n += 1
        for username, (role, password) in USERS.items():
            if username not in _HASHES:  # Argon2 is slow on purpose: hash once per test run
                _HASHES[username] = hash_password(password)
            session.add(UserAccount(username=username, password_hash=_HASHES[username], role=role))
        for region, occupation, openings, posted, low, high, skill in VACANCIES:
            vacancy = Vacancy(
                title=f"Lowongan {occupation}", occupation_code=occupation, region_code=region,
                openings=openings, status="open", posted_date=posted, pay_min=low, pay_max=high,
                pay_period="month", employment_type="contract",
            )  # fmt: skip
            if skill:
                vacancy.skills.append(VacancySkill(skill_id=skill, requirement="essential"))
            session.add(vacancy)


_TEMPLATE: list[Path] = []


def lmi_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the hand-made market, built once per test session (copy it to change it)."""
    if not _TEMPLATE:
        path = tmp_path_factory.mktemp("lmi-outputs") / "lmi.db"
        engine = make_engine(f"sqlite:///{path}")
        upgrade(engine)
        seed_lmi(engine)
        engine.dispose()
        _TEMPLATE.append(path)
    return _TEMPLATE[0]


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lmi_database(tmp_path_factory)


@pytest.fixture(scope="module")
def client(database: Path) -> Iterator[TestClient]:
    engine = make_engine(f"sqlite:///{database}")
    app = create_app(Settings(secret_key=SECRET, database_url="sqlite://"), engine)
    with TestClient(app) as test_client:
        log_in(test_client, "analis-lmi")
        yield test_client
    app.state.lmi_data.close()
    engine.dispose()


def log_in(client: TestClient, username: str) -> None:
    response = client.post("/api/login", json={"username": username, "password": USERS[username][1]})
    assert response.status_code == 200, response.text


def cli(database: Path, *args: str) -> Any:
    return runner.invoke(cli_app, ["lmi", *args, "--database", f"sqlite:///{database}"])


def _name(code: str) -> str:
    group = isco_groups()[code]
    return group.title_id or group.title_en


# ---------------------------------------------------------------------------------------------- CLI


def test_cli_show_prints_suppressed_cells_as_x_with_a_footnote(database: Path) -> None:
    result = cli(database, "show", "active_seekers", "--by", "province", "--period", PERIOD)
    assert result.exit_code == 0, result.output
    rows = {}
    for line in result.output.splitlines():
        cells = [c.strip() for c in line.strip("│ ").split("│")]
        if len(cells) == 2 and re.match(r"^(\d\d |Jumlah)", cells[0]):
            rows[cells[0]] = cells[1]
    assert rows == {
        "31 Daerah Khusus Ibukota Jakarta": "x",
        "32 Jawa Barat": "18",
        "35 Jawa Timur": "10",
        "36 Banten": "x",
        "Jumlah": "35",
    }
    assert "x = disembunyikan: kurang dari 5 orang" in result.output
    assert "(2 sel)" in result.output


def test_cli_show_in_english_with_a_filter_and_a_higher_k(database: Path) -> None:
    result = cli(
        database, "show", "active_seekers", "--by", "isco2", "--period", PERIOD,
        "--filter", "province=32", "--lang", "en", "--k", "7",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Active registered job seekers — 2025Q3 (province=32)" in result.output
    # Jawa Barat: 72 → 7, 25 → 6, 41 → 5. With k = 7, 6 and 5 are below k (primary) and the total stays.
    lines = [line for line in result.output.splitlines() if re.match(r"^│ (\d\d |Total)", line)]
    values = {line.split("│")[1].strip()[:2]: line.split("│")[2].strip() for line in lines}
    assert values == {"25": "x", "41": "x", "72": "7", "To": "18"}
    assert "fewer than 7 persons" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "nope"], "unknown indicator 'nope': valid indicators are " + ", ".join(INDICATORS)),
        (
            ["show", "tightness", "--by", "sex"],
            "dimension 'sex' does not apply to tightness: valid dimensions are isco1, isco2, isco3, isco4, "
            "province, regency, education, month, quarter, year",
        ),
        (
            ["show", "active_seekers", "--by", "colour"],
            "unknown dimension 'colour': valid dimensions of active_seekers are isco1, isco2, isco3, isco4, "
            "province, regency, education, sex, month, quarter, year",
        ),
        (
            ["show", "active_seekers", "--period", ""],
            "empty period: give one of YYYY-MM (month, e.g. 2025-07)",
        ),
        (["show", "active_seekers", "--period", "2025-13"], "period '2025-13': month must be 01–12"),
        (
            ["show", "active_seekers", "--period", "2030Q1"],
            "no data for period 2030Q1: active_seekers is computed from records dated 2025-07-10",
        ),
        (
            ["show", "referrals", "--period", PERIOD],
            "no data for period 2025Q3: the referrals records are empty",
        ),
        (
            ["show", "active_seekers", "--filter", "colour=red"],
            "cannot filter active_seekers on 'colour': valid filter dimensions are isco1, isco2",
        ),
        (["show", "active_seekers", "--filter", "province"], "--filter must look like key=value"),
        (
            ["show", "active_seekers", "--period", PERIOD, "--filter", "province=94"],
            "no records for active_seekers in period 2025Q3 with province=94",
        ),
        (["export", "active_seekers", "--out", "table.txt"], "the file name must end in .csv, .xlsx"),
        (
            ["report", "--province", "99", "--out", "r.html"],
            "unknown province '99': valid province codes are 11",
        ),
    ],
)
def test_cli_bad_input_says_what_is_valid_and_prints_no_table(
    database: Path, args: list[str], message: str
) -> None:
    result = cli(database, *args)
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())
    assert "┃" not in result.output and "│" not in result.output


def test_cli_list_names_every_indicator_and_dimension(database: Path) -> None:
    result = runner.invoke(cli_app, ["lmi", "list", "--lang", "en"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    for name, definition in INDICATORS.items():
        assert re.search(rf"│ {name} +│ {re.escape(definition.label_en)} +│", result.output), name
    assert re.search(r"│ skill +│ Skill +│ no +│", result.output)
    assert "YYYYQn (quarter, e.g. 2025Q3)" in result.output


def test_cli_export_writes_every_format_with_suppressed_cells_empty(database: Path, tmp_path: Path) -> None:
    args = ["--by", "province", "--period", PERIOD]
    for name in ("t.csv", "t.xlsx", "t.parquet", "t.sdmx.csv"):
        result = cli(database, "export", "active_seekers", "--out", str(tmp_path / name), *args)
        assert result.exit_code == 0, result.output
        assert "5 rows, 2 suppressed" in result.output
    with (tmp_path / "t.csv").open(encoding="utf-8") as handle:
        assert list(csv.reader(handle)) == [
            ["province", "value", "suppressed"],
            ["31", "", "True"],
            ["32", "18", "False"],
            ["35", "10", "False"],
            ["36", "", "True"],
            ["_T", "35", "False"],
        ]
    parquet = pq.read_table(tmp_path / "t.parquet").to_pylist()
    assert [(r["province"], r["value"], r["suppressed"]) for r in parquet] == [
        ("31", None, True), ("32", 18.0, False), ("35", 10.0, False), ("36", None, True), ("_T", 35.0, False),
    ]  # fmt: skip
    sheet = load_workbook(tmp_path / "t.xlsx").active
    assert sheet is not None
    cells = [tuple(row) for row in sheet.iter_rows(min_row=6, values_only=True)]
    assert [(c[0], c[1]) for c in cells] == [("31", "x"), ("32", 18), ("35", 10), ("36", "x"), ("Jumlah", 35)]
    with (tmp_path / "t.sdmx.csv").open(encoding="utf-8") as handle:
        sdmx = list(csv.DictReader(handle))
    assert [(r["REF_AREA"], r["OBS_VALUE"], r["CONF_STATUS"]) for r in sdmx] == [
        ("31", "", "D"), ("32", "18", "F"), ("35", "10", "F"), ("36", "", "C"), ("_T", "35", "F"),
    ]  # fmt: skip


def test_cli_report_writes_a_self_contained_html_report(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "laporan.html"
    result = cli(database, "report", "--province", "32", "--period", PERIOD, "--out", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<h1>Laporan Informasi Pasar Kerja — Provinsi Jawa Barat</h1>" in html
    assert "Plotly.newPlot" in html and len(html) > 1_000_000  # plotly.js inlined: opens offline
    assert "@media print" in html
    assert 'data-figure="lmi-report-tightness"' in html
    # Jawa Barat: 18 seekers, 7 open positions; 7212: 4/7 = 0.571, 2512: 3/6 = 0.5, 4110: 0/5 = 0.
    assert (
        "Pada periode 2025Q3, Provinsi Jawa Barat mencatat 18 pencari kerja aktif dan 7 formasi lowongan "
        "terbuka: 0,389 lowongan per pencari kerja." in html
    )
    assert (
        f"(lowongan per pencari kerja tertinggi): {_name('72')} (72; 0,571) dan {_name('25')} (25; 0,500)."
        in html
    )
    assert f"(lowongan per pencari kerja terendah): {_name('41')} (41; 0,000)." in html
    # Welding: in 1 of Jawa Barat's 2 ads (50 %), held by 7 of its 18 seekers (38.9 %): 50 / 38.9 = 1.286.
    assert "(indeks kekurangan): pengelasan (lmi-test:welding; 1,286)." in html


# ---------------------------------------------------------------------------------------------- API


def test_api_lists_the_indicators_with_their_definitions(client: TestClient) -> None:
    body = client.get("/api/lmi/indicators").json()
    assert [i["name"] for i in body["indicators"]] == list(INDICATORS)
    tightness = next(i for i in body["indicators"] if i["name"] == "tightness")
    assert tightness == {
        "name": "tightness",
        "label_id": "Rasio lowongan terhadap pencari kerja",
        "label_en": "Vacancy-to-seeker ratio",
        "unit": "ratio",
        "kind": "stock",
        "basis": "persons",
        "suppressed": True,
        "dimensions": ["isco1", "isco2", "isco3", "isco4", "province", "regency", "education", "month",
                       "quarter", "year"],
        "measures": ["value", "open_positions", "active_seekers"],
    }  # fmt: skip
    assert body["periods"] == ["2025Q3"]
    assert body["default_period"] == "2025Q3"
    assert body["export_formats"] == ["csv", "xlsx", "parquet", "sdmx-csv"]
    assert body["suppression_k"] == 5


def test_api_indicator_rows_carry_null_and_the_suppression_mark(client: TestClient) -> None:
    response = client.get("/api/lmi/active_seekers", params={"by": "province", "period": PERIOD})
    assert response.status_code == 200
    body = response.json()
    assert [(r["province"], r["value"], r["suppressed"], r["suppression"]) for r in body["rows"]] == [
        ("31", None, True, "secondary"), ("32", 18, False, None), ("35", 10, False, None),
        ("36", None, True, "primary"), ("_T", 35, False, None),
    ]  # fmt: skip
    assert body["labels"]["province"] == {
        "31": "Daerah Khusus Ibukota Jakarta", "32": "Jawa Barat", "35": "Jawa Timur", "36": "Banten",
    }  # fmt: skip
    assert body["suppression"]["applied"] is True and body["suppression"]["k"] == 5
    # A filter is any other parameter named after a dimension; skill labels come from the skill table.
    skills = client.get(
        "/api/lmi/top_skills", params={"period": PERIOD, "province": "32", "lang": "en"}
    ).json()
    assert [(r["skill"], r["value"], r["share_pct"]) for r in skills["rows"]] == [
        ("lmi-test:python", 1, 50.0), ("lmi-test:welding", 1, 50.0),
    ]  # fmt: skip
    assert skills["labels"]["skill"] == {"lmi-test:python": "Python", "lmi-test:welding": "welding"}
    assert skills["filters"] == {"province": ["32"]}


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/api/lmi/nope", 404, "unknown indicator 'nope': valid indicators are active_seekers, "),
        ("/api/lmi/tightness?by=sex", 400, "dimension 'sex' does not apply to tightness: valid dimensions"),
        ("/api/lmi/tightness?period=", 400, "empty period: give one of YYYY-MM"),
        ("/api/lmi/tightness?period=2030", 404, "no data for period 2030: tightness is computed from"),
        (
            "/api/lmi/tightness?colour=red",
            400,
            "unknown parameter 'colour': valid parameters of tightness are",
        ),
        ("/api/lmi/tightness/export/pdf", 400, "unknown export format 'pdf': valid formats are csv, xlsx"),
        (
            "/api/lmi/referrals?period=2025Q3",
            404,
            "no data for period 2025Q3: the referrals records are empty",
        ),
    ],
)
def test_api_errors_list_what_is_valid(client: TestClient, url: str, status: int, message: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["detail"].startswith(message)


def test_api_exports_download_with_suppressed_cells_empty(client: TestClient) -> None:
    params = {"by": "province", "period": PERIOD}
    response = client.get("/api/lmi/active_seekers/export/csv", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == (
        'attachment; filename="active_seekers_2025Q3_province.csv"'
    )
    assert response.text.splitlines() == [
        "province,value,suppressed", "31,,True", "32,18,False", "35,10,False", "36,,True", "_T,35,False",
    ]  # fmt: skip
    parquet = client.get("/api/lmi/active_seekers/export/parquet", params=params)
    table = pq.read_table(io.BytesIO(parquet.content)).to_pylist()
    assert [r["value"] for r in table] == [None, 18.0, 10.0, None, 35.0]
    xlsx = client.get("/api/lmi/active_seekers/export/xlsx", params={**params, "lang": "en"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert sheet["A1"].value == "Active registered job seekers — 2025Q3"
    assert [sheet.cell(row=r, column=2).value for r in range(6, 11)] == ["x", 18, 10, "x", 35]
    sdmx = client.get("/api/lmi/active_seekers/export/sdmx-csv", params=params)
    assert sdmx.headers["content-disposition"].endswith('.sdmx.csv"')
    assert ",36,VALUE,2025-Q3,,persons,C" in sdmx.text


# -------------------------------------------------------------------------------------------- pages


def _figure(html: str, element_id: str) -> dict[str, Any]:
    match = re.search(rf'<script type="application/json" data-figure="{element_id}">(.*?)</script>', html)
    assert match, f"no figure {element_id}"
    figure: dict[str, Any] = json.loads(match.group(1))
    return figure


def test_dashboard_charts_and_table_never_show_a_suppressed_cell(client: TestClient) -> None:
    params = {"indicator": "active_seekers", "by": "province", "period": PERIOD, "isco_level": "2"}
    response = client.get("/informasi-pasar-kerja", params=params)
    assert response.status_code == 200
    html = response.text
    assert "<h1>Informasi Pasar Kerja</h1>" in html
    cells = re.findall(
        r'<th scope="row">([^<]+)</th>\s*<td class="num( suppressed)?"[^>]*>([^<]+)</td>', html
    )
    assert cells == [
        ("31 Daerah Khusus Ibukota Jakarta", " suppressed", "x"), ("32 Jawa Barat", "", "18"),
        ("35 Jawa Timur", "", "10"), ("36 Banten", " suppressed", "x"), ("Jumlah", "", "35"),
    ]  # fmt: skip
    assert "x: disembunyikan — sel ini menghitung kurang dari 5 orang" in html
    # Bars by sub-major group, nationally: 25 → 8, 41 → 5, 52 → 5, 72 → 15, 93 → 2. 93 is primary, and the
    # smallest other cell (41, before 52 by code) secondary: no bar, an "x" at its foot, never a zero.
    bars = _figure(html, "lmi-chart-bars")
    assert [name[:2] for name in bars["data"][0]["y"]] == ["25", "41", "52", "72", "93"]
    assert bars["data"][0]["x"] == [8, None, 5, 15, None]
    assert sorted(a["y"][:2] for a in bars["layout"]["annotations"] if a["text"] == "x") == ["41", "93"]
    # The monthly series: seekers on the register at each month's end, registered 10/7, 12/8, 15/9.
    series = _figure(html, "lmi-chart-series")
    assert series["data"][0]["x"] == ["2025-07", "2025-08", "2025-09"]
    assert series["data"][0]["y"] == [12, 24, 35]
    assert series["data"][0]["connectgaps"] is False
    assert "/vendor/charts.js" in html and "/vendor/plotly-" in html
    links = re.findall(r'href="(/api/lmi/active_seekers/export/[^"]+)"', html)
    assert links[0] == "/api/lmi/active_seekers/export/csv?period=2025Q3&amp;lang=id&amp;by=province"
    assert client.get(links[0].replace("&amp;", "&")).text.splitlines()[1] == "31,,True"


def test_dashboard_in_english_and_its_bad_input(client: TestClient) -> None:
    english = client.get("/informasi-pasar-kerja", params={"period": PERIOD, "lang": "en"})
    assert english.status_code == 200
    assert "<h1>Labour-market information</h1>" in english.text
    assert "Vacancy-to-seeker ratio, 2025Q3" in english.text
    client.get("/informasi-pasar-kerja", params={"lang": "id"})  # the session remembers the language
    unknown = client.get("/informasi-pasar-kerja", params={"indicator": "nope"})
    assert unknown.status_code == 400
    assert "unknown indicator &#39;nope&#39;: valid indicators are active_seekers" in unknown.text
    assert "lmi-chart" not in unknown.text
    empty = client.get("/informasi-pasar-kerja", params={"period": "2030Q1"})
    assert empty.status_code == 404
    assert "no data for period 2030Q1" in empty.text and "data-figure" not in empty.text
    wrong = client.get("/informasi-pasar-kerja", params={"indicator": "tightness", "by": "sex"})
    assert wrong.status_code == 400
    assert "valid dimensions are isco1, isco2" in wrong.text


def test_provincial_report_page_names_shortages_and_surpluses(client: TestClient) -> None:
    response = client.get("/informasi-pasar-kerja/laporan", params={"province": "32", "period": PERIOD})
    assert response.status_code == 200
    html = response.text
    assert "<h1>Laporan Informasi Pasar Kerja — Provinsi Jawa Barat</h1>" in html
    shortages = re.findall(r"<li><strong>([^<]+)</strong> — ([^<]+)</li>", html)
    assert shortages == [
        (f"72 {_name('72')}", "4 formasi / 7 pencari kerja"),
        (f"25 {_name('25')}", "3 formasi / 6 pencari kerja"),
        (f"41 {_name('41')}", "0 formasi / 5 pencari kerja"),
    ]
    assert 'href="/static/lmi.css"' in html
    banten = client.get("/informasi-pasar-kerja/laporan", params={"province": "36", "period": PERIOD})
    # Banten's 2 seekers are below k: the headline shows "x", the narrative does not state the number.
    assert banten.status_code == 200
    assert re.search(r"<dt>Pencari kerja terdaftar aktif</dt><dd class=\"suppressed\">x</dd>", banten.text)
    assert "mencatat 2 pencari kerja" not in banten.text
    missing = client.get("/informasi-pasar-kerja/laporan", params={"province": "94", "period": PERIOD})
    assert missing.status_code == 404
    assert "no records for province 94 (Papua Tengah) in period 2025Q3" in missing.text
    download = client.get("/informasi-pasar-kerja/laporan/unduh", params={"province": "32", "period": PERIOD})
    assert download.headers["content-disposition"] == 'attachment; filename="laporan-lmi-32-2025Q3.html"'
    assert "Laporan Informasi Pasar Kerja — Provinsi Jawa Barat" in download.text


def test_only_staff_may_open_the_pages_and_the_api(database: Path) -> None:
    engine = make_engine(f"sqlite:///{database}")
    with TestClient(create_app(Settings(secret_key=SECRET, database_url="sqlite://"), engine)) as anonymous:
        for url in ("/api/lmi/indicators", "/api/lmi/tightness", "/api/lmi/tightness/export/csv"):
            assert anonymous.get(url).status_code == 401, url
        page = anonymous.get("/informasi-pasar-kerja", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/masuk?next=/informasi-pasar-kerja"
        assert "Informasi Pasar Kerja" not in anonymous.get("/").text  # no navigation entry either
        log_in(anonymous, "pencari-lmi")
        assert anonymous.get("/api/lmi/indicators").status_code == 403
        assert anonymous.get("/informasi-pasar-kerja/laporan?province=32").status_code == 403
        assert "Informasi Pasar Kerja" not in anonymous.get("/").text
        log_in(anonymous, "analis-lmi")
        assert 'href="/informasi-pasar-kerja" >Informasi Pasar Kerja</a>' in anonymous.get("/").text
    engine.dispose()


def test_the_deployment_sets_k_for_every_web_output(database: Path) -> None:
    # PASARKERJA_LMI_MIN_CELL_PERSONS=6: Jakarta's 5 seekers are now suppressed in their own right.
    engine = make_engine(f"sqlite:///{database}")
    settings = Settings(secret_key=SECRET, database_url="sqlite://", lmi_min_cell_persons=6)
    app = create_app(settings, engine)
    with TestClient(app) as client:
        log_in(client, "analis-lmi")
        assert client.get("/api/lmi/indicators").json()["suppression_k"] == 6
        body = client.get("/api/lmi/active_seekers", params={"by": "province", "period": PERIOD}).json()
        assert body["suppression"]["k"] == 6
        assert [(r["province"], r["suppression"]) for r in body["rows"] if r["suppressed"]][:2] == [
            ("31", "primary"),
            ("36", "primary"),
        ]
    app.state.lmi_data.close()
    engine.dispose()


# -------------------------------------------------------------------------------------------- cache


def test_the_source_is_cached_until_the_database_changes(engine: Engine) -> None:
    """On SQLite and PostgreSQL: the source is read once and read again only when the fingerprint changed."""
    seed_lmi(engine)
    now = [0.0]
    data = LmiData(engine, check_every_s=10.0, clock=lambda: now[0])
    try:
        assert data.compute("active_seekers", [], PERIOD).rows[0].values["value"] == 35
        assert data.compute("active_seekers", [], PERIOD).rows[0].values["value"] == 35
        assert data.builds == 1
        with transaction(engine) as session:
            session.add(Seeker(region_code="3273", is_active=True, registered_on=dt.date(2025, 9, 1)))
        now[0] = 5.0  # within the check interval: the cached source answers
        assert data.compute("active_seekers", [], PERIOD).rows[0].values["value"] == 35
        now[0] = 11.0  # after it: the fingerprint changed, so the source is read again
        assert data.compute("active_seekers", [], PERIOD).rows[0].values["value"] == 36
        now[0] = 30.0  # nothing changed since: no new extraction
        data.compute("active_seekers", [], PERIOD)
        assert data.builds == 2
        now[0] = 11.0 + 301.0  # older than max_age_s (300 s): rebuilt even though nothing changed
        data.compute("active_seekers", [], PERIOD)
        assert data.builds == 3
    finally:
        data.close()
