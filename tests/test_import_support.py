"""Shared helpers of the import tests (no tests here): reference rows, skills and a cipher.

Reference tables are filled by ``pasarkerja.store.reference.load_reference`` when that module exists;
the few rows the import tests rely on are added when missing, so the tests state their own inputs.
"""

from __future__ import annotations

from sqlalchemy import Engine, insert, select

from pasarkerja.store.crypto import PersonalDataCipher
from pasarkerja.store.models import EducationLevel, IndustrySection, Occupation, Region, Skill

CIPHER = PersonalDataCipher(b"import-tests-secret-0123456789")

REGIONS = [
    ("31", "province", "Daerah Khusus Ibukota Jakarta", "31"),
    ("3174", "regency", "Kota Administrasi Jakarta Selatan", "31"),
    ("32", "province", "Jawa Barat", "32"),
    ("3204", "regency", "Kabupaten Bandung", "32"),
    ("3273", "regency", "Kota Bandung", "32"),
    ("3216", "regency", "Kabupaten Bekasi", "32"),
    ("35", "province", "Jawa Timur", "35"),
    ("3578", "regency", "Kota Surabaya", "35"),
]
EDUCATION = [
    ("none", 0, "Tidak sekolah", "No schooling", "0"),
    ("SD", 1, "SD", "Primary", "1"),
    ("SMP", 2, "SMP", "Lower secondary", "2"),
    ("SMA", 3, "SMA", "Upper secondary (general)", "3"),
    ("SMK", 3, "SMK", "Upper secondary (vocational)", "3"),
    ("D3", 5, "Diploma 3", "Diploma 3", "5"),
    ("S1", 6, "Sarjana", "Bachelor", "6"),
]
SKILLS = [
    ("test-welding", "welding", "pengelasan", ["las", "mengelas"]),
    ("test-excel", "Microsoft Excel", "Microsoft Excel", ["excel"]),
    ("test-forklift", "operate forklift", "mengoperasikan forklift", ["forklift"]),
    ("test-customer-service", "customer service", "layanan pelanggan", []),
    ("test-sewing", "sewing", "menjahit", []),
]
OCCUPATIONS = [
    ("7", 1, "7", None, "Craft and related trades workers"),
    ("7212", 4, "7212", None, "Welders and flame cutters"),
]


def seed_reference(engine: Engine) -> None:
    try:
        from pasarkerja.store.reference import load_reference
    except ImportError:
        load_reference = None
    if load_reference is not None:
        load_reference(engine)
    with engine.begin() as connection:
        have = set(connection.scalars(select(Region.code)))
        rows = [dict(code=c, level=lv, name=n, province_code=p) for c, lv, n, p in REGIONS if c not in have]
        if rows:
            connection.execute(insert(Region), rows)
        have = set(connection.scalars(select(EducationLevel.code)))
        rows = [
            dict(code=c, rank=r, label_id=li, label_en=le, isced=i)
            for c, r, li, le, i in EDUCATION
            if c not in have
        ]
        if rows:
            connection.execute(insert(EducationLevel), rows)
        if "C" not in set(connection.scalars(select(IndustrySection.code))):
            connection.execute(
                insert(IndustrySection),
                [dict(code="C", title_id="Industri Pengolahan", title_en="Manufacturing")],
            )
        have = set(connection.scalars(select(Occupation.code)))
        for code, level, isco, _parent, title in OCCUPATIONS:
            if code not in have:
                parent_code = "7" if code == "7212" else None
                connection.execute(
                    insert(Occupation),
                    [dict(code=code, level=level, isco_code=isco, parent_code=parent_code, title_en=title)],
                )
        connection.execute(
            insert(Skill),
            [
                dict(id=i, label_en=en, label_id=idn, alt_labels=alt, type="skill")
                for i, en, idn, alt in SKILLS
            ],
        )
