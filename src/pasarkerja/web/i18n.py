"""Page text in Indonesian (the default) and English.

Every visible string of the HTML pages comes from :data:`MESSAGES`, so a page never mixes languages.
An unknown key raises ``KeyError``: a missing translation fails the page tests instead of showing a key.
"""

from __future__ import annotations

from collections.abc import Callable

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

MESSAGES: dict[str, dict[str, str]] = {
    # layout
    "site.tagline": {
        "id": "Informasi pasar kerja: lowongan, pencari kerja, dan pelatihan vokasi",
        "en": "Labour-market information: vacancies, job seekers and vocational training",
    },
    "nav.home": {"id": "Beranda", "en": "Home"},
    "nav.vacancies": {"id": "Lowongan", "en": "Vacancies"},
    "nav.programmes": {"id": "Pelatihan", "en": "Training"},
    "nav.seekers": {"id": "Pencari kerja", "en": "Job seekers"},
    "nav.login": {"id": "Masuk", "en": "Log in"},
    "nav.logout": {"id": "Keluar", "en": "Log out"},
    "nav.api_docs": {"id": "Dokumentasi API", "en": "API documentation"},
    "nav.language": {"id": "Bahasa", "en": "Language"},
    "nav.main": {"id": "Navigasi utama", "en": "Main navigation"},
    "user.signed_in_as": {"id": "Masuk sebagai", "en": "Signed in as"},
    "role.seeker": {"id": "pencari kerja", "en": "job seeker"},
    "role.employer": {"id": "pemberi kerja", "en": "employer"},
    "role.counsellor": {"id": "pengantar kerja", "en": "counsellor"},
    "role.analyst": {"id": "analis", "en": "analyst"},
    "role.admin": {"id": "administrator", "en": "administrator"},
    "footer.text": {
        "id": "pasarkerja — perangkat lunak sumber terbuka untuk mempertemukan pencari kerja dan lowongan.",
        "en": "pasarkerja — open-source software linking job seekers and vacancies.",
    },
    # home
    "home.heading": {"id": "Ringkasan pasar kerja", "en": "Labour-market overview"},
    "home.seekers_active": {"id": "Pencari kerja aktif", "en": "Active job seekers"},
    "home.vacancies_open": {"id": "Lowongan dibuka", "en": "Open vacancies"},
    "home.openings": {"id": "Jumlah formasi", "en": "Openings"},
    "home.programmes": {"id": "Program pelatihan", "en": "Training programmes"},
    "home.employers": {"id": "Pemberi kerja", "en": "Employers"},
    "home.by_province": {"id": "Menurut provinsi", "en": "By province"},
    "home.by_major_group": {
        "id": "Menurut golongan pokok jabatan (KBJI 2014 / ISCO-08)",
        "en": "By occupation major group (KBJI 2014 / ISCO-08)",
    },
    "home.province": {"id": "Provinsi", "en": "Province"},
    "home.major_group": {"id": "Golongan pokok", "en": "Major group"},
    "home.no_data": {"id": "Belum ada data.", "en": "No data yet."},
    "common.unknown": {"id": "Tidak diketahui", "en": "Unknown"},
    "common.code": {"id": "Kode", "en": "Code"},
    "common.total": {"id": "Jumlah", "en": "Total"},
    # lists and filters
    "filter.heading": {"id": "Saring", "en": "Filter"},
    "filter.search": {"id": "Cari judul", "en": "Search title"},
    "filter.region": {"id": "Wilayah", "en": "Region"},
    "filter.all_regions": {"id": "Semua wilayah", "en": "All regions"},
    "filter.major_group": {"id": "Golongan pokok jabatan", "en": "Occupation major group"},
    "filter.all_groups": {"id": "Semua golongan", "en": "All groups"},
    "filter.education": {"id": "Pendidikan", "en": "Education"},
    "filter.all_education": {"id": "Semua jenjang", "en": "All levels"},
    "filter.apply": {"id": "Terapkan", "en": "Apply"},
    "filter.reset": {"id": "Atur ulang", "en": "Reset"},
    "list.results": {"id": "{total} hasil", "en": "{total} results"},
    "list.empty": {"id": "Tidak ada data yang cocok.", "en": "Nothing matches."},
    "pager.label": {"id": "Halaman", "en": "Pages"},
    "pager.previous": {"id": "Sebelumnya", "en": "Previous"},
    "pager.next": {"id": "Berikutnya", "en": "Next"},
    "pager.position": {"id": "Halaman {page} dari {pages}", "en": "Page {page} of {pages}"},
    # vacancies
    "vacancies.heading": {"id": "Lowongan kerja", "en": "Job vacancies"},
    "vacancy.title": {"id": "Jabatan", "en": "Position"},
    "vacancy.employer": {"id": "Pemberi kerja", "en": "Employer"},
    "vacancy.region": {"id": "Lokasi", "en": "Location"},
    "vacancy.occupation": {"id": "Jabatan (KBJI)", "en": "Occupation (KBJI)"},
    "vacancy.pay": {"id": "Upah", "en": "Pay"},
    "vacancy.openings": {"id": "Formasi", "en": "Openings"},
    "vacancy.posted": {"id": "Diumumkan", "en": "Posted"},
    "vacancy.closing": {"id": "Batas lamaran", "en": "Closing date"},
    "vacancy.employment_type": {"id": "Jenis hubungan kerja", "en": "Employment type"},
    "vacancy.education": {"id": "Pendidikan minimal", "en": "Minimum education"},
    "vacancy.experience": {"id": "Pengalaman minimal", "en": "Minimum experience"},
    "vacancy.year": {"id": "{n} tahun", "en": "{n} year"},
    "vacancy.years": {"id": "{n} tahun", "en": "{n} years"},
    "vacancy.working_time": {"id": "Waktu kerja", "en": "Working time"},
    "vacancy.remote": {"id": "Kerja jarak jauh", "en": "Remote work"},
    "vacancy.description": {"id": "Deskripsi", "en": "Description"},
    "vacancy.skills": {"id": "Keterampilan", "en": "Skills"},
    "vacancy.essential": {"id": "wajib", "en": "essential"},
    "vacancy.optional": {"id": "tambahan", "en": "optional"},
    "vacancy.status": {"id": "Status", "en": "Status"},
    "vacancy.back": {"id": "Kembali ke daftar lowongan", "en": "Back to the vacancy list"},
    "vacancy.negotiable": {"id": "Dirundingkan", "en": "Negotiable"},
    "yes": {"id": "Ya", "en": "Yes"},
    "no": {"id": "Tidak", "en": "No"},
    "period.hour": {"id": "per jam", "en": "per hour"},
    "period.day": {"id": "per hari", "en": "per day"},
    "period.week": {"id": "per minggu", "en": "per week"},
    "period.month": {"id": "per bulan", "en": "per month"},
    "period.year": {"id": "per tahun", "en": "per year"},
    "employment.permanent": {"id": "Tetap (PKWTT)", "en": "Permanent"},
    "employment.contract": {"id": "Kontrak (PKWT)", "en": "Fixed-term contract"},
    "employment.daily": {"id": "Harian lepas", "en": "Daily casual"},
    "employment.internship": {"id": "Magang", "en": "Internship"},
    "employment.part-time": {"id": "Paruh waktu", "en": "Part-time"},
    "employment.freelance": {"id": "Lepas", "en": "Freelance"},
    "status.draft": {"id": "draf", "en": "draft"},
    "status.open": {"id": "dibuka", "en": "open"},
    "status.filled": {"id": "terisi", "en": "filled"},
    "status.closed": {"id": "ditutup", "en": "closed"},
    # programmes
    "programmes.heading": {"id": "Program pelatihan vokasi", "en": "Vocational training programmes"},
    "programme.title": {"id": "Program", "en": "Programme"},
    "programme.provider": {"id": "Penyelenggara", "en": "Provider"},
    "programme.hours": {"id": "Durasi (JP)", "en": "Duration (JP)"},
    "programme.cost": {"id": "Biaya", "en": "Cost"},
    "programme.free": {"id": "Gratis", "en": "Free"},
    "programme.modality": {"id": "Moda", "en": "Mode"},
    "programme.capacity": {"id": "Kuota", "en": "Places"},
    "programme.certification": {"id": "Sertifikasi", "en": "Certification"},
    "modality.on-site": {"id": "tatap muka", "en": "on-site"},
    "modality.online": {"id": "daring", "en": "online"},
    "modality.blended": {"id": "campuran", "en": "blended"},
    # seekers
    "seekers.heading": {"id": "Daftar pencari kerja", "en": "Job seekers"},
    "seekers.notice": {
        "id": "Data pribadi dilindungi UU PDP: hanya tampil untuk peran yang berwenang.",
        "en": "Personal data is protected under the PDP Law: shown only to authorised roles.",
    },
    "seeker.id": {"id": "No.", "en": "No."},
    "seeker.name": {"id": "Nama", "en": "Name"},
    "seeker.region": {"id": "Domisili", "en": "Region"},
    "seeker.education": {"id": "Pendidikan", "en": "Education"},
    "seeker.skills": {"id": "Jumlah keterampilan", "en": "Skills"},
    "seeker.active": {"id": "Aktif", "en": "Active"},
    "seeker.registered": {"id": "Terdaftar", "en": "Registered"},
    "seeker.preferences": {"id": "Preferensi kerja", "en": "Work preferences"},
    "seeker.relocates": {"id": "bersedia pindah", "en": "willing to relocate"},
    "seeker.remote": {"id": "bersedia kerja jarak jauh", "en": "accepts remote work"},
    "working_time.shift": {"id": "kerja shift", "en": "shift work"},
    "working_time.non-shift": {"id": "jam kerja tetap (non-shift)", "en": "fixed hours (no shifts)"},
    "seeker.name_hidden": {"id": "(tidak tersedia)", "en": "(not available)"},
    # login
    "login.heading": {"id": "Masuk", "en": "Log in"},
    "login.username": {"id": "Nama pengguna", "en": "User name"},
    "login.password": {"id": "Kata sandi", "en": "Password"},
    "login.submit": {"id": "Masuk", "en": "Log in"},
    "login.failed": {"id": "Nama pengguna atau kata sandi salah.", "en": "Wrong user name or password."},
    "login.required": {
        "id": "Silakan masuk untuk membuka halaman ini.",
        "en": "Please log in to open this page.",
    },
    "logout.heading": {"id": "Keluar", "en": "Log out"},
    "logout.confirm": {"id": "Keluar dari sesi ini?", "en": "End this session?"},
    # errors
    "error.forbidden.title": {"id": "Akses ditolak", "en": "Access denied"},
    "error.forbidden.text": {
        "id": "Peran Anda ({role}) tidak berwenang membuka halaman ini.",
        "en": "Your role ({role}) may not open this page.",
    },
    "error.csrf.title": {"id": "Permintaan ditolak", "en": "Request refused"},
    "error.csrf.text": {
        "id": "Token formulir tidak valid atau kedaluwarsa. Muat ulang halaman lalu coba lagi.",
        "en": "The form token is invalid or has expired. Reload the page and try again.",
    },
    "error.not_found.title": {"id": "Halaman tidak ditemukan", "en": "Page not found"},
    "error.not_found.text": {
        "id": "Alamat yang Anda buka tidak ada.",
        "en": "The address you opened does not exist.",
    },
    "error.too_many_logins.title": {"id": "Terlalu banyak percobaan masuk", "en": "Too many log-in attempts"},
    "error.too_many_logins.text": {
        "id": "Terlalu banyak kata sandi salah untuk nama pengguna ini. Coba lagi dalam {minutes} menit.",
        "en": "Too many wrong passwords for this user name. Try again in {minutes} minutes.",
    },
    "error.bad_request.title": {"id": "Permintaan tidak valid", "en": "Invalid request"},
    "error.home": {"id": "Kembali ke beranda", "en": "Back to the home page"},
    # Analisis lowongan (job-ad analysis)
    "nav.analysis": {"id": "Analisis lowongan", "en": "Job-ad analysis"},
    "analysis.heading": {"id": "Analisis lowongan", "en": "Job-ad analysis"},
    "analysis.intro": {
        "id": "Tempel teks iklan lowongan untuk melihat jabatan, keterampilan, pendidikan, pengalaman, upah, "
        "wilayah dan catatan kepatuhan yang terbaca. Teks tidak disimpan.",
        "en": "Paste a job ad to see the occupation, skills, education, experience, pay, region and "
        "compliance notes the system reads in it. The text is not stored.",
    },
    "analysis.title": {"id": "Judul lowongan (opsional)", "en": "Job title (optional)"},
    "analysis.location": {"id": "Lokasi (opsional)", "en": "Location (optional)"},
    "analysis.text": {"id": "Teks iklan", "en": "Ad text"},
    "analysis.submit": {"id": "Analisis", "en": "Analyse"},
    "analysis.result": {"id": "Hasil analisis", "en": "Result"},
    "analysis.confidence": {"id": "keyakinan", "en": "confidence"},
    "analysis.month": {"id": "bulan", "en": "month"},
    "analysis.fresh_graduate": {"id": "Lulusan baru diterima", "en": "Fresh graduates welcome"},
    "analysis.no_skills": {"id": "Tidak ada keterampilan yang dikenali.", "en": "No skills recognised."},
    "analysis.flags": {"id": "Catatan kepatuhan (Konvensi ILO 111)", "en": "Compliance notes (ILO C111)"},
    "analysis.flags_note": {
        "id": "Persyaratan berikut berpotensi diskriminatif atau melanggar upah minimum. Catatan ini "
        "tidak pernah dipakai dalam pencocokan.",
        "en": "These requirements may be discriminatory or below the minimum wage. They are never used in "
        "matching.",
    },
    "analysis.highlighted": {"id": "Teks dengan sorotan", "en": "Text with highlights"},
    "analysis.empty": {"id": "Teks iklan masih kosong.", "en": "The ad text is empty."},
    "flag.age": {"id": "Batas usia", "en": "Age limit"},
    "flag.sex": {"id": "Jenis kelamin", "en": "Sex"},
    "flag.appearance": {"id": "Penampilan", "en": "Appearance"},
    "flag.marital_status": {"id": "Status perkawinan", "en": "Marital status"},
    "flag.religion": {"id": "Agama", "en": "Religion"},
    "flag.height_weight": {"id": "Tinggi/berat badan", "en": "Height/weight"},
    "flag.health": {"id": "Kondisi kesehatan", "en": "Health condition"},
    "flag.pay_below_minimum_wage": {
        "id": "Upah di bawah UMP provinsi",
        "en": "Pay below the provincial minimum wage",
    },
}


def _merge_domain_messages() -> None:
    """Add the per-domain message files; a key defined twice is a bug, so it fails at import."""
    from pasarkerja.web import i18n_gap, i18n_lmi, i18n_match

    for domain in (i18n_match.MESSAGES, i18n_gap.MESSAGES, i18n_lmi.MESSAGES):
        clash = MESSAGES.keys() & domain.keys()
        if clash:
            raise RuntimeError(f"page text defined twice: {sorted(clash)}")
        MESSAGES.update(domain)


_merge_domain_messages()


def translate(key: str, language: str, **values: object) -> str:
    """The text for ``key`` in ``language`` with ``{name}`` placeholders filled from ``values``."""
    entry = MESSAGES[key]
    text = entry.get(language) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def translator(language: str) -> Callable[..., str]:
    """A ``t(key, **values)`` function bound to one language, as the templates use it."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")

    def t(key: str, **values: object) -> str:
        return translate(key, language, **values)

    return t
