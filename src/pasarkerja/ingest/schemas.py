"""Column schemas of the four import kinds and the pydantic models that validate one row each.

A column is recognised by any of its names (Indonesian or English; case, spaces and punctuation do not
matter: ``"Gaji Min"`` = ``gaji_min``). The models turn loose cell values into typed ones with the parsers
of :mod:`pasarkerja.ingest.parsing`; checks that need the database (does this region, skill or
occupation exist? is the NIK's region prefix a real regency?) are done afterwards by the importer.

``docs/IMPORTS.md`` documents the same tables; ``column_table(kind)`` renders them for ``--help``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pasarkerja.ingest import parsing
from pasarkerja.ingest.readers import ImportFileError

Kind = Literal["vacancies", "seekers", "programmes", "employers"]
KINDS: tuple[Kind, ...] = ("vacancies", "seekers", "programmes", "employers")


@dataclass(frozen=True, slots=True)
class Column:
    """One field of an import kind: its canonical name, every accepted header, and what it holds."""

    name: str
    aliases: tuple[str, ...]
    doc: str
    required: bool = False
    personal: bool = False  # masked in the rejected-rows file and never echoed in messages


def _c(name: str, aliases: str, doc: str, *, required: bool = False, personal: bool = False) -> Column:
    return Column(name, (name, *aliases.split()), doc, required, personal)


_EXTERNAL_ID = _c(
    "external_id",
    "id kode id_sumber source_id record_id",
    "Identifier in the source system; with --source it makes re-imports update instead of duplicate",
)
_REGION = "Kemendagri code (32, 3273, 32.73) or place name (Kota Bandung, Jawa Barat)"
_SKILLS = "Skill ids or labels (Indonesian or English) separated by ; or |"

COLUMNS: dict[Kind, tuple[Column, ...]] = {
    "vacancies": (
        _c("external_id", "id kode id_lowongan kode_lowongan job_id vacancy_id lowongan_id",
           _EXTERNAL_ID.doc),
        _c("title", "judul judul_pekerjaan judul_lowongan posisi nama_posisi job_title jabatan_lowongan",
           "Job title as advertised", required=True),
        _c("description", "deskripsi deskripsi_pekerjaan uraian uraian_tugas job_description keterangan",
           "Free-text description (skills are extracted from it when no skills column is filled)"),
        _c("employer", "perusahaan nama_perusahaan pemberi_kerja company company_name employer_name",
           "Employer name: linked to (or creates) the employer of the same name and source"),
        _c("employer_external_id", "id_perusahaan kode_perusahaan employer_id company_id",
           "external_id of an employer imported earlier from the same source"),
        _c("region", "lokasi location wilayah kode_wilayah region_code kabupaten kota kab_kota provinsi "
           "lokasi_kerja kode_kabupaten", _REGION),
        _c("pay", "gaji upah salary pay gaji_ditawarkan",
           "Pay as written: Rp 4.500.000, 4,5 jt, Rp 4.000.000 - 5.000.000 /bulan, 150rb per hari"),
        _c("pay_min", "gaji_min gaji_minimal gaji_minimum upah_min min_salary salary_min minimum_salary",
           "Lowest pay (Rp)"),
        _c("pay_max", "gaji_max gaji_maks gaji_maksimal gaji_maximum upah_max max_salary salary_max "
           "maximum_salary", "Highest pay (Rp)"),
        _c("pay_period", "periode_gaji satuan_gaji salary_period",
           "bulan/month, minggu/week, hari/day, jam/hour, "
           "tahun/year (default month when pay is given)"),
        _c("min_education", "pendidikan pendidikan_minimal pendidikan_min education min_education "
           "education_level jenjang",
           "SD, SMP, SMA, SMK, D3, S1… or Indonesian/English names"),
        _c("education_field", "jurusan program_studi bidang_studi field_of_study major",
           "Field of study"),
        _c("min_experience_years",
           "pengalaman pengalaman_kerja pengalaman_minimal pengalaman_tahun experience "
           "min_experience experience_years",
           "Years: 2, 2 tahun, 1-3 tahun (the minimum), 6 bulan, fresh graduate"),
        _c("skills", "keterampilan keahlian kompetensi skill skills skill_set required_skills", _SKILLS),
        _c("optional_skills", "keterampilan_tambahan keahlian_tambahan nice_to_have optional_skills",
           "Skills that are a plus, same format"),
        _c("occupation", "jabatan kode_jabatan kbji isco kode_kbji kode_isco occupation occupation_code",
           "ISCO-08/KBJI code (e.g. 7212) of the occupation"),
        _c("employment_type", "jenis_pekerjaan jenis_kontrak status_kerja tipe_pekerjaan job_type type "
           "employment_type", "tetap/permanent, kontrak/PKWT/contract, harian/daily, magang/internship, "
           "paruh waktu/part-time, lepas/freelance"),
        _c("working_time", "jam_kerja waktu_kerja working_hours working_time", "Working hours as text"),
        _c("openings", "jumlah jumlah_lowongan kuota jumlah_kebutuhan openings positions vacancies",
           "Number of people wanted (default 1)"),
        _c("posted_date", "tanggal tanggal_posting tanggal_tayang tanggal_dibuka posted_date posted "
           "date_posted", "Date published"),
        _c("closing_date", "batas_lamaran batas_waktu tanggal_tutup batas_pendaftaran closing_date deadline",
           "Last day to apply"),
        _c("status", "status_lowongan vacancy_status", "buka/open, tutup/closed, terisi/filled, draft"),
        _c("remote", "jarak_jauh wfh kerja_remote remote", "ya/tidak: can be done remotely"),
    ),
    "seekers": (
        _c("external_id", "id kode id_pencaker no_pendaftaran nomor_ak1 no_ak1 seeker_id registration_no",
           _EXTERNAL_ID.doc),
        _c("nik", "no_ktp nomor_ktp nomor_nik national_id", "16-digit NIK: stored hashed and encrypted only",
           personal=True),
        _c("name", "nama nama_lengkap full_name", "Full name (encrypted at rest)", personal=True),
        _c("birth_date", "tanggal_lahir tgl_lahir date_of_birth dob",
           "Birth date (encrypted; the year is kept "
           "for statistics)", personal=True),
        _c("sex", "jenis_kelamin jk gender kelamin", "L/laki-laki/male or P/perempuan/female"),
        _c("phone", "no_hp nomor_hp hp telepon no_telp nomor_telepon no_wa whatsapp mobile phone_number",
           "Phone number (encrypted)", personal=True),
        _c("email", "surel e_mail alamat_email", "E-mail (encrypted)", personal=True),
        _c("address", "alamat alamat_lengkap alamat_domisili street_address", "Address (encrypted)",
           personal=True),
        _c("region", "domisili lokasi location wilayah kode_wilayah region_code kabupaten kota kab_kota",
           _REGION),
        _c("education", "pendidikan pendidikan_terakhir education_level jenjang",
           "Highest education: SD … S3, Paket A/B/C"),
        _c("education_field", "jurusan program_studi bidang_studi field_of_study major", "Field of study"),
        _c("skills", "keterampilan keahlian kompetensi skill", _SKILLS),
        _c("work_history",
           "riwayat_kerja riwayat_pekerjaan pengalaman_kerja work_experience employment_history",
           "Past jobs separated by ; as title:years, e.g. Operator Produksi:2; Kasir:0,5"),
        _c("experience_years", "pengalaman lama_pengalaman pengalaman_tahun experience years_of_experience",
           "Total years of experience (when no work history is given)"),
        _c("preferred_occupations",
           "jabatan_diminati jabatan_yang_diminati kbji_diminati desired_occupations",
           "ISCO-08/KBJI codes separated by ;"),
        _c("preferred_regions", "lokasi_diminati lokasi_kerja_diminati wilayah_diminati desired_locations "
           "desired_regions", "Regions (codes or names) separated by ;"),
        _c("expected_pay", "gaji_diharapkan harapan_gaji ekspektasi_gaji expected_salary desired_salary",
           "Expected monthly pay (Rp)"),
        _c("willing_to_relocate", "bersedia_pindah bersedia_ditempatkan bersedia_relokasi relocate",
           "ya/tidak"),
        _c("accepts_remote", "bersedia_remote bersedia_wfh bersedia_kerja_jarak_jauh mau_kerja_remote "
           "kerja_jarak_jauh jarak_jauh wfh remote open_to_remote remote_ok",
           "ya/tidak, true/false, 1/0: would take a remote (work-from-home) job (blank = tidak)"),
        _c("preferred_employment_type", "jenis_pekerjaan_diminati desired_job_type", "As employment_type"),
        _c("preferred_working_time", "waktu_kerja_diminati jam_kerja_diminati preferensi_waktu_kerja "
           "sistem_kerja_diminati waktu_kerja jam_kerja desired_working_time working_time_preference "
           "preferred_working_hours",
           "shift (sif, bergilir) or non-shift (non shift, jam kerja tetap, jam kantor, office hours); "
           "blank, bebas or no preference = no preference"),
        _c("registered_on", "tanggal_daftar tanggal_pendaftaran registration_date registered",
           "Date registered"),
        _c("about", "tentang ringkasan profil deskripsi_diri summary profile",
           "Free text about the seeker (skills are extracted from it when no skills column is filled)"),
        _c("is_active", "aktif status_aktif active", "ya/tidak: still looking for work"),
        _c("consent_registration", "persetujuan_pendaftaran", "ya/tidak: consent to registration (UU PDP)"),
        _c("consent_matching", "persetujuan_pencocokan setuju_dicocokkan", "ya/tidak: consent to matching"),
        _c("consent_discoverable", "persetujuan_ditemukan dapat_ditemukan_pemberi_kerja discoverable",
           "ya/tidak: employers may find the (anonymous) profile"),
        _c("consent_share_contact", "persetujuan_bagi_kontak bagikan_kontak share_contact",
           "ya/tidak: share contact details with employers the seeker applies to"),
    ),
    "programmes": (
        _c("external_id", "id kode id_pelatihan kode_pelatihan programme_id program_id course_id",
           _EXTERNAL_ID.doc),
        _c("title", "judul nama_pelatihan pelatihan judul_pelatihan program programme program_name course "
           "course_title kejuruan_pelatihan", "Programme title", required=True),
        _c("provider", "lembaga nama_lembaga penyelenggara institusi institution institution_name "
           "training_provider provider_name", "Provider name: linked to (or creates) the provider"),
        _c("provider_kind", "jenis_lembaga tipe_lembaga institution_type provider_type",
           "BLK, LPK or online (guessed from the provider name when absent)"),
        _c("syllabus", "silabus kurikulum materi deskripsi description uraian",
           "Syllabus or description (skills are extracted from it when no skills column is filled)"),
        _c("hours_jp", "jp jam_pelajaran durasi_jp jumlah_jp", "Length in JP (45-minute lessons)"),
        _c("hours", "durasi_jam jam duration_hours", "Length in clock hours (converted to JP)"),
        _c("cost_rp", "biaya harga cost price fee", "Cost (Rp); gratis/free = 0"),
        _c("region", "lokasi location wilayah kode_wilayah region_code kabupaten kota kab_kota", _REGION),
        _c("modality", "moda metode mode delivery modality", "tatap muka/luring/on-site, daring/online, "
           "campuran/blended"),
        _c("capacity", "kuota kapasitas jumlah_peserta seats", "Seats per intake"),
        _c("start_dates", "tanggal_mulai jadwal start_date start_dates", "Start dates separated by ;"),
        _c("certification", "sertifikasi sertifikat certificate", "Certificate awarded (e.g. BNSP)"),
        _c("is_active", "aktif status active", "ya/tidak"),
        _c("skills", "keterampilan keahlian kompetensi skill", _SKILLS),
    ),
    "employers": (
        _c("external_id", "id kode id_perusahaan kode_perusahaan employer_id company_id", _EXTERNAL_ID.doc),
        _c("name", "nama nama_perusahaan perusahaan company company_name employer employer_name",
           "Employer name", required=True),
        _c("kbli_section", "kbli kategori_kbli sektor industry industry_section",
           "KBLI 2020 section letter A–U"),
        _c("region", "lokasi location wilayah kode_wilayah region_code kabupaten kota kab_kota", _REGION),
    ),
}  # fmt: skip

PERSONAL_FIELDS: dict[Kind, frozenset[str]] = {
    kind: frozenset(c.name for c in cols if c.personal) for kind, cols in COLUMNS.items()
}


# ------------------------------------------------------------------------------------- column map


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Which header of the file feeds which field, and which headers were not recognised."""

    kind: Kind
    field_of: dict[str, str]  # header → field
    header_of: dict[str, str]  # field → header
    unknown: tuple[str, ...]

    def canonical(self, values: dict[str, Any]) -> dict[str, Any]:
        return {self.field_of[h]: v for h, v in values.items() if h in self.field_of}

    def label(self, field: str) -> str:
        """The name to show for a field: the header the file used for it."""
        return self.header_of.get(field, field)


def map_columns(kind: Kind, headers: list[str]) -> ColumnMap:
    """Match a file's headers to the fields of ``kind``; raises :class:`ImportFileError` when a required
    column is missing or two headers mean the same field."""
    alias_to_field = {parsing.normalise_header(a): col.name for col in COLUMNS[kind] for a in col.aliases}
    field_of: dict[str, str] = {}
    header_of: dict[str, str] = {}
    unknown: list[str] = []
    for header in headers:
        name = alias_to_field.get(parsing.normalise_header(header))
        if name is None:
            unknown.append(header)
            continue
        if name in header_of:
            raise ImportFileError(
                f"the columns {header_of[name]!r} and {header!r} both mean {name}; keep one of them"
            )
        field_of[header] = name
        header_of[name] = header
    for col in COLUMNS[kind]:
        if col.required and col.name not in header_of:
            names = ", ".join(col.aliases[:6])
            raise ImportFileError(f"no column for the required field {col.name!r}; name it one of: {names}")
    return ColumnMap(kind, field_of, header_of, tuple(unknown))


# ----------------------------------------------------------------------------------- value parsing

_EMPLOYMENT_TYPES = {
    "permanent": "permanent", "tetap": "permanent", "pkwtt": "permanent", "karyawan tetap": "permanent",
    "full time": "permanent", "fulltime": "permanent", "penuh waktu": "permanent",
    "contract": "contract", "kontrak": "contract", "pkwt": "contract", "karyawan kontrak": "contract",
    "daily": "daily", "harian": "daily", "harian lepas": "daily", "casual": "daily",
    "internship": "internship", "magang": "internship", "intern": "internship", "pemagangan": "internship",
    "part time": "part-time", "parttime": "part-time", "paruh waktu": "part-time",
    "freelance": "freelance", "lepas": "freelance", "pekerja lepas": "freelance",
}  # fmt: skip
_STATUSES = {
    "open": "open", "buka": "open", "dibuka": "open", "aktif": "open", "active": "open",
    "closed": "closed", "tutup": "closed", "ditutup": "closed", "expired": "closed", "kedaluwarsa": "closed",
    "filled": "filled", "terisi": "filled", "terpenuhi": "filled", "draft": "draft", "konsep": "draft",
}  # fmt: skip
_MODALITIES = {
    "on-site": "on-site", "onsite": "on-site", "on site": "on-site", "offline": "on-site",
    "luring": "on-site",
    "tatap muka": "on-site", "klasikal": "on-site", "online": "online", "daring": "online",
    "blended": "blended", "campuran": "blended", "hybrid": "blended", "hibrida": "blended",
}  # fmt: skip
_PROVIDER_KINDS = {
    "blk": "BLK", "blk uptp": "BLK", "blk uptd": "BLK", "blk komunitas": "BLK", "blkln": "BLK", "uptp": "BLK",
    "uptd": "BLK", "balai latihan kerja": "BLK", "lpk": "LPK", "lpk swasta": "LPK",
    "lembaga pelatihan kerja": "LPK", "online": "online", "daring": "online", "platform digital": "online",
}  # fmt: skip


# A seeker's working-time preference, in the vocabulary of store.models.WORKING_TIMES.
_WORKING_TIME_PREFERENCES = {
    "shift": "shift", "shifts": "shift", "sif": "shift", "kerja shift": "shift", "shift kerja": "shift",
    "sistem shift": "shift", "bergilir": "shift", "shift bergilir": "shift", "kerja bergilir": "shift",
    "rotating shift": "shift", "shift work": "shift", "bersedia shift": "shift", "siap shift": "shift",
    "non shift": "non-shift", "nonshift": "non-shift", "tanpa shift": "non-shift", "tidak shift": "non-shift",
    "bukan shift": "non-shift", "jam kerja tetap": "non-shift", "jam tetap": "non-shift",
    "jam kantor": "non-shift", "jam kerja kantor": "non-shift", "jam kerja normal": "non-shift",
    "reguler": "non-shift", "regular": "non-shift", "office hours": "non-shift", "fixed hours": "non-shift",
    "no shifts": "non-shift", "day work": "non-shift",
}  # fmt: skip
# Words that state no preference: stored as NULL, which the engine reads as "any working time fits".
_NO_WORKING_TIME_PREFERENCE = frozenset(
    {"bebas", "apa saja", "semua", "keduanya", "fleksibel", "tidak ada", "tidak ada preferensi", "any",
     "either", "both", "flexible", "no preference", "none"}
)  # fmt: skip


def _working_time_preference(value: Any) -> str | None:
    text = parsing.clean(value)
    if text is None:
        return None
    key = re.sub(r"[\s_-]+", " ", str(text).lower()).strip()
    if key in _NO_WORKING_TIME_PREFERENCE:
        return None
    if key in _WORKING_TIME_PREFERENCES:
        return _WORKING_TIME_PREFERENCES[key]
    raise ValueError(
        f"unknown working time {text!r}; use shift (sif, bergilir), non-shift (non shift, jam kerja tetap, "
        "jam kantor), or leave it empty (or bebas) for no preference"
    )


def _choice(value: Any, table: dict[str, str], what: str) -> str | None:
    text = parsing.clean(value)
    if text is None:
        return None
    key = re.sub(r"[\s_-]+", " ", str(text).lower()).strip()
    if key in table:
        return table[key]
    options = ", ".join(sorted(set(table.values())))
    raise ValueError(f"unknown {what} {text!r}; use one of {options} (or their Indonesian names)")


def _optional(parser: Any) -> Any:
    """A before-validator: blank cells become ``None``, others go through ``parser``."""

    def run(value: Any) -> Any:
        value = parsing.clean(value)
        return None if value is None else parser(value)

    return run


def _or_default(parser: Any, value: Any, default: Any) -> Any:
    """Blank cells take the field's default; others are parsed (so ``0`` openings is an error, not 1)."""
    value = parsing.clean(value)
    return default if value is None else parser(value)


def _identifier(value: Any) -> str | None:
    value = parsing.clean(value)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 1001.0 from a spreadsheet number cell is the id "1001"
    return str(value)


def _text(value: Any) -> str | None:
    value = parsing.clean(value)
    if value is None:
        return None
    if isinstance(value, list | dict):
        raise ValueError("expected text, got a list or object")
    return str(value)


def _personal(parser: Any, message: str) -> Any:
    """Parse a personal field; on failure say what is wrong without repeating the value."""

    def run(value: Any) -> Any:
        value = parsing.clean(value)
        if value is None:
            return None
        try:
            return parser(value)
        except ValueError as exc:
            text = str(exc)
            # parsers of personal fields already avoid the value; the date parser quotes it, so replace it.
            raise ValueError(message if "'" in text or '"' in text else text) from None

    return run


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, str_strip_whitespace=True)

    external_id: str | None = Field(default=None, max_length=100)

    @field_validator("external_id", mode="before")
    @classmethod
    def _external_id(cls, value: Any) -> str | None:
        return _identifier(value)


def _row_error(field: str, message: str) -> ValueError:
    """An error from a model validator, which pydantic reports without a field: the prefix carries it."""
    return ValueError(f"{field}: {message}")


class VacancyRow(_Row):
    title: str = Field(min_length=1, max_length=300)
    description: str | None = None
    employer: str | None = Field(default=None, max_length=250)
    employer_external_id: str | None = Field(default=None, max_length=100)
    region: str | None = None
    pay: parsing.Pay | None = None
    pay_min: int | None = Field(default=None, ge=0)
    pay_max: int | None = Field(default=None, ge=0)
    pay_period: str | None = None
    min_education: str | None = None
    education_field: str | None = Field(default=None, max_length=200)
    min_experience_years: float | None = Field(default=None, ge=0, le=60)
    skills: list[str] = Field(default_factory=list)
    optional_skills: list[str] = Field(default_factory=list)
    occupation: str | None = None
    employment_type: str | None = None
    working_time: str | None = Field(default=None, max_length=200)
    openings: int = Field(default=1, ge=1)
    posted_date: dt.date | None = None
    closing_date: dt.date | None = None
    status: str = "open"
    remote: bool = False

    _text_fields = field_validator(
        "title", "description", "employer", "region", "min_education", "education_field", "occupation",
        "working_time", mode="before",
    )(_text)  # fmt: skip
    _employer_id = field_validator("employer_external_id", mode="before")(_identifier)
    _pay = field_validator("pay", mode="before")(_optional(parsing.parse_pay))
    _amounts = field_validator("pay_min", "pay_max", mode="before")(_optional(parsing.parse_rupiah))
    _period = field_validator("pay_period", mode="before")(_optional(parsing.parse_pay_period))
    _years = field_validator("min_experience_years", mode="before")(_optional(parsing.parse_years))
    _lists = field_validator("skills", "optional_skills", mode="before")(parsing.split_list)
    _kind = field_validator("employment_type", mode="before")(
        lambda v: _choice(v, _EMPLOYMENT_TYPES, "employment type")
    )
    _openings = field_validator("openings", mode="before")(lambda v: _or_default(parsing.parse_int, v, 1))
    _dates = field_validator("posted_date", "closing_date", mode="before")(_optional(parsing.parse_date))
    _status = field_validator("status", mode="before")(lambda v: _choice(v, _STATUSES, "status") or "open")
    _remote = field_validator("remote", mode="before")(lambda v: _or_default(parsing.parse_bool, v, False))

    @model_validator(mode="after")
    def _consistent(self) -> VacancyRow:
        if self.pay is not None:
            # A single "gaji" column fills whatever the explicit min/max columns left empty.
            self.pay_min = self.pay.minimum if self.pay_min is None else self.pay_min
            self.pay_max = self.pay.maximum if self.pay_max is None else self.pay_max
            self.pay_period = self.pay_period or self.pay.period
        if self.pay_min is not None and self.pay_max is not None and self.pay_min > self.pay_max:
            raise _row_error(
                "pay_max", f"the highest pay ({self.pay_max:,}) is below the lowest ({self.pay_min:,})"
            )
        if (self.pay_min is not None or self.pay_max is not None) and self.pay_period is None:
            self.pay_period = "month"
        if self.posted_date and self.closing_date and self.closing_date < self.posted_date:
            raise _row_error("closing_date", "the closing date is before the posting date")
        overlap = {s.casefold() for s in self.skills} & {s.casefold() for s in self.optional_skills}
        if overlap:
            raise _row_error(
                "optional_skills", f"listed as both required and optional: {sorted(overlap)[0]!r}"
            )
        return self


@dataclass(frozen=True, slots=True)
class WorkEntry:
    title: str
    years: float


_WORK = re.compile(
    r"^(?P<title>.*?)\s*(?:[:=]\s*|\(\s*)(?P<years>\d+(?:[.,]\d+)?)\s*(?P<unit>tahun|thn|th|years?|yrs?|bulan|bln|months?)?"
    r"\s*\)?$",
    re.IGNORECASE,
)


def parse_work_history(value: Any) -> list[WorkEntry]:
    """``Operator Produksi:2; Kasir (6 bulan)`` → two entries; a title alone counts 0 years."""
    entries = []
    for item in parsing.split_list(value):
        m = _WORK.match(item)
        if m and m["title"]:
            years = float(m["years"].replace(",", "."))
            if (m["unit"] or "").lower().startswith(("bulan", "bln", "month")):
                years = round(years / 12, 2)
            entries.append(WorkEntry(m["title"][:300], years))
        else:
            entries.append(WorkEntry(item[:300], 0.0))
    return entries


class SeekerRow(_Row):
    nik: str | None = None
    name: str | None = Field(default=None, max_length=200)
    birth_date: dt.date | None = None
    sex: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = Field(default=None, max_length=500)
    region: str | None = None
    education: str | None = None
    education_field: str | None = Field(default=None, max_length=200)
    skills: list[str] = Field(default_factory=list)
    work_history: list[WorkEntry] = Field(default_factory=list)
    experience_years: float | None = Field(default=None, ge=0, le=60)
    preferred_occupations: list[str] = Field(default_factory=list)
    preferred_regions: list[str] = Field(default_factory=list)
    expected_pay: int | None = Field(default=None, ge=0)
    willing_to_relocate: bool | None = None
    accepts_remote: bool | None = None
    preferred_employment_type: str | None = None
    preferred_working_time: str | None = None
    registered_on: dt.date | None = None
    about: str | None = None
    is_active: bool | None = None
    consent_registration: bool | None = None
    consent_matching: bool | None = None
    consent_discoverable: bool | None = None
    consent_share_contact: bool | None = None

    _nik = field_validator("nik", mode="before")(
        _personal(lambda v: parsing.parse_nik(v)[0], "NIK must be exactly 16 digits")
    )
    _name = field_validator("name", "address", mode="before")(_text)
    _birth = field_validator("birth_date", mode="before")(
        _personal(
            parsing.parse_date, "birth date cannot be read; use 31/12/1995, 1995-12-31 or 31 Desember 1995"
        )
    )
    _sex = field_validator("sex", mode="before")(_optional(parsing.parse_sex))
    _phone = field_validator("phone", mode="before")(
        _personal(parsing.parse_phone, "phone number is not valid")
    )
    _email = field_validator("email", mode="before")(
        _personal(parsing.parse_email, "e-mail address is not valid")
    )
    _texts = field_validator("region", "education", "education_field", "about", mode="before")(_text)
    _lists = field_validator("skills", "preferred_occupations", "preferred_regions", mode="before")(
        parsing.split_list
    )
    _work = field_validator("work_history", mode="before")(parse_work_history)
    _years = field_validator("experience_years", mode="before")(_optional(parsing.parse_years))
    _pay = field_validator("expected_pay", mode="before")(_optional(parsing.parse_rupiah))
    _bools = field_validator(
        "willing_to_relocate", "accepts_remote", "is_active", "consent_registration", "consent_matching",
        "consent_discoverable",
        "consent_share_contact", mode="before",
    )(_optional(parsing.parse_bool))  # fmt: skip
    _kind = field_validator("preferred_employment_type", mode="before")(
        lambda v: _choice(v, _EMPLOYMENT_TYPES, "employment type")
    )
    _working_time = field_validator("preferred_working_time", mode="before")(_working_time_preference)
    _registered = field_validator("registered_on", mode="before")(_optional(parsing.parse_date))

    @model_validator(mode="after")
    def _consistent(self) -> SeekerRow:
        today = dt.date.today()
        if self.birth_date is not None and not dt.date(1900, 1, 1) <= self.birth_date <= today:
            raise _row_error("birth_date", "birth date is in the future or before 1900")
        if self.nik is not None:
            _, parts = parsing.parse_nik(self.nik)
            if self.birth_date is not None and not parts.matches_birth_date(self.birth_date):
                raise _row_error(
                    "nik", "the birth date in the NIK (digits 7–12) does not match the birth date"
                )
            sex = "F" if parts.female else "M"
            if self.sex is not None and self.sex != sex:
                raise _row_error(
                    "nik",
                    "the NIK's day digits mark the other sex (women add 40 to the day) than the sex column",
                )
        return self

    def birth_year(self) -> int | None:
        """From the birth date, else from the NIK (its two-digit year read as the likelier century)."""
        if self.birth_date is not None:
            return self.birth_date.year
        if self.nik is None:
            return None
        _, parts = parsing.parse_nik(self.nik)
        year = 2000 + parts.birth_yy
        return year if dt.date.today().year - year >= 14 else year - 100

    def sex_code(self) -> str | None:
        if self.sex is not None or self.nik is None:
            return self.sex
        return "F" if parsing.parse_nik(self.nik)[1].female else "M"


def _free_to_zero(value: Any) -> int | None:
    text = parsing.clean(value)
    if isinstance(text, str) and text.lower() in {"gratis", "free", "tidak dipungut biaya", "bebas biaya"}:
        return 0
    return parsing.parse_rupiah(value)


class ProgrammeRow(_Row):
    title: str = Field(min_length=1, max_length=300)
    provider: str | None = Field(default=None, max_length=250)
    provider_kind: str | None = None
    syllabus: str | None = None
    hours_jp: int | None = Field(default=None, ge=1)
    hours: float | None = Field(default=None, gt=0)
    cost_rp: int | None = Field(default=None, ge=0)
    region: str | None = None
    modality: str = "on-site"
    capacity: int | None = Field(default=None, ge=1)
    start_dates: list[dt.date] = Field(default_factory=list)
    certification: str | None = Field(default=None, max_length=250)
    is_active: bool = True
    skills: list[str] = Field(default_factory=list)

    _texts = field_validator("title", "provider", "syllabus", "region", "certification", mode="before")(_text)
    _kind = field_validator("provider_kind", mode="before")(
        lambda v: _choice(v, _PROVIDER_KINDS, "provider kind")
    )
    _ints = field_validator("hours_jp", "capacity", mode="before")(_optional(parsing.parse_int))
    _hours = field_validator("hours", mode="before")(_optional(parsing.parse_float))
    _cost = field_validator("cost_rp", mode="before")(_optional(_free_to_zero))
    _modality = field_validator("modality", mode="before")(
        lambda v: _choice(v, _MODALITIES, "modality") or "on-site"
    )
    _starts = field_validator("start_dates", mode="before")(
        lambda v: (
            sorted({parsing.parse_date(d) for d in parsing.split_list(v)})
            if not isinstance(v, dt.date)
            else [v]
        )
    )
    _active = field_validator("is_active", mode="before")(lambda v: _or_default(parsing.parse_bool, v, True))
    _skills = field_validator("skills", mode="before")(parsing.split_list)

    @model_validator(mode="after")
    def _consistent(self) -> ProgrammeRow:
        if self.hours_jp is None and self.hours is not None:
            self.hours_jp = max(1, round(self.hours * 60 / 45))  # 1 JP = 45 minutes
        if self.provider_kind is None and self.provider is not None:
            self.provider_kind = _guess_provider_kind(self.provider, self.modality)
        if self.provider is not None and self.provider_kind is None:
            raise _row_error(
                "provider_kind",
                "cannot tell whether the provider is a BLK, an LPK or online; add jenis_lembaga",
            )
        return self


def _guess_provider_kind(name: str, modality: str) -> str | None:
    lowered = name.lower()
    if re.search(r"\bblk\w*\b|balai (besar )?(latihan|pelatihan)|\buptp?d?\b", lowered):
        return "BLK"
    if re.search(r"\blpk\b|lembaga pelatihan", lowered):
        return "LPK"
    return "online" if modality == "online" else None


class EmployerRow(_Row):
    name: str = Field(min_length=1, max_length=250)
    kbli_section: str | None = None
    region: str | None = None

    _texts = field_validator("name", "region", mode="before")(_text)

    @field_validator("kbli_section", mode="before")
    @classmethod
    def _section(cls, value: Any) -> str | None:
        text = parsing.clean(value)
        if text is None:
            return None
        letter = str(text).strip().upper().removeprefix("KATEGORI ").strip()
        if not re.fullmatch(r"[A-U]", letter):
            raise ValueError(f"KBLI section must be one letter A–U, got {text!r}")
        return letter


MODELS: dict[Kind, type[_Row]] = {
    "vacancies": VacancyRow,
    "seekers": SeekerRow,
    "programmes": ProgrammeRow,
    "employers": EmployerRow,
}


def row_errors(exc: ValidationError, known_fields: set[str]) -> list[tuple[str, str]]:
    """``(field, reason)`` for each problem, without pydantic's echo of the input value."""
    errors: list[tuple[str, str]] = []
    # The input is read only to tell "empty" from "wrong type"; it is never put in a message.
    for error in exc.errors(include_url=False):
        message = str(error["msg"]).removeprefix("Value error, ")
        if error["type"] in {"string_type", "missing"} and error.get("input") is None:
            message = "is empty, but this field is required"
        field = str(error["loc"][0]) if error["loc"] else ""
        if not field:
            prefix, _, rest = message.partition(": ")
            field, message = (prefix, rest) if prefix in known_fields else ("(row)", message)
        errors.append((field, message))
    return errors


def validate_row(kind: Kind, values: dict[str, Any]) -> tuple[_Row | None, list[tuple[str, str]]]:
    """The validated row of ``kind`` from canonical field values, or the ``(field, reason)`` problems."""
    model = MODELS[kind]
    try:
        return model.model_validate(values), []
    except ValidationError as exc:
        return None, row_errors(exc, set(model.model_fields))


def column_table(kind: Kind) -> list[tuple[str, str, str]]:
    """(field, accepted names, meaning) rows for documentation and ``--help``."""
    return [
        (c.name, ", ".join(c.aliases), c.doc + (" (required)" if c.required else "")) for c in COLUMNS[kind]
    ]
