"""Page text of the link-and-match pages (recommendations, shortlists, referrals), in Indonesian and English.

Merged into :data:`pasarkerja.web.i18n.MESSAGES`; keys start with ``match.`` so domains never collide.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "match.nav.recommendations": {"id": "Lowongan cocok", "en": "Matching jobs"},
    "match.nav.candidates": {"id": "Kandidat", "en": "Candidates"},
    # recommendations
    "match.rec.heading_own": {"id": "Lowongan yang cocok untuk Anda", "en": "Jobs that match you"},
    "match.rec.heading_staff": {
        "id": "Rekomendasi lowongan untuk pencari kerja",
        "en": "Job recommendations for a seeker",
    },
    "match.rec.seeker_id": {"id": "Nomor pencari kerja", "en": "Seeker number"},
    "match.rec.show": {"id": "Tampilkan", "en": "Show"},
    "match.rec.pick": {
        "id": "Masukkan nomor pencari kerja untuk melihat lowongan yang cocok.",
        "en": "Enter a seeker number to see the jobs that match them.",
    },
    "match.rec.no_seeker": {
        "id": "Akun ini belum terhubung dengan profil pencari kerja.",
        "en": "This account is not linked to a job-seeker profile yet.",
    },
    "match.rec.empty": {
        "id": "Belum ada lowongan terbuka yang cocok (profil tidak aktif atau tidak ada lowongan).",
        "en": "No open vacancy matches yet (inactive profile or no vacancies).",
    },
    "match.rec.lead": {
        "id": "{n} lowongan terbuka dengan skor tertinggi, beserta alasannya.",
        "en": "The {n} best-scoring open vacancies, each with its reasons.",
    },
    "match.rec.for_seeker": {"id": "pencari kerja nomor {id}", "en": "seeker number {id}"},
    # shared
    "match.score": {"id": "Skor kecocokan", "en": "Match score"},
    "match.details": {"id": "Rincian skor", "en": "Score details"},
    "match.component": {"id": "Komponen", "en": "Component"},
    "match.value": {"id": "Nilai", "en": "Value"},
    "match.weight": {"id": "Bobot", "en": "Weight"},
    "match.not_applicable": {"id": "tidak berlaku", "en": "not applicable"},
    "match.component.skills": {"id": "Keterampilan", "en": "Skills"},
    "match.component.occupation": {"id": "Jabatan", "en": "Occupation"},
    "match.component.education": {"id": "Pendidikan", "en": "Education"},
    "match.component.experience": {"id": "Pengalaman", "en": "Experience"},
    "match.component.location": {"id": "Lokasi", "en": "Location"},
    "match.component.pay": {"id": "Gaji", "en": "Pay"},
    "match.component.employment": {"id": "Jenis pekerjaan", "en": "Employment type"},
    "match.matched_skills": {"id": "Keterampilan yang dimiliki", "en": "Skills you have"},
    "match.missing_skills": {"id": "Keterampilan yang belum dimiliki", "en": "Skills still missing"},
    "match.refer": {"id": "Rujuk ke lowongan ini", "en": "Refer to this vacancy"},
    "match.error.own_only": {
        "id": "Pencari kerja hanya dapat melihat rekomendasinya sendiri.",
        "en": "A job seeker can see only their own recommendations.",
    },
    "match.error.own_vacancy": {
        "id": "Pemberi kerja hanya dapat melihat kandidat untuk lowongannya sendiri.",
        "en": "An employer can see candidates for their own vacancies only.",
    },
    # candidates / shortlist
    "match.cand.heading": {"id": "Kandidat untuk lowongan", "en": "Candidates for vacancies"},
    "match.cand.privacy": {
        "id": "Hanya pencari kerja yang bersedia ditemukan pemberi kerja yang ditampilkan. Nama dan kontak "
        "baru terlihat setelah pencari kerja melamar dan setuju membagikan kontaknya.",
        "en": "Only job seekers who agreed to be found by employers are shown. Names and contact details "
        "appear only after the seeker applies and agrees to share them.",
    },
    "match.cand.openings": {"id": "{n} formasi", "en": "{n} openings"},
    "match.cand.no_vacancies": {"id": "Tidak ada lowongan terbuka.", "en": "No open vacancies."},
    "match.cand.vacancy_id": {"id": "Nomor lowongan", "en": "Vacancy number"},
    "match.cand.pick": {
        "id": "Masukkan nomor lowongan untuk melihat daftar kandidatnya.",
        "en": "Enter a vacancy number to see its shortlist.",
    },
    "match.short.heading": {"id": "Kandidat: {title}", "en": "Candidates: {title}"},
    "match.short.candidate": {"id": "Kandidat nomor {id}", "en": "Candidate number {id}"},
    "match.short.education": {"id": "Pendidikan", "en": "Education"},
    "match.short.applied": {"id": "sudah melamar", "en": "has applied"},
    "match.short.contact": {"id": "Kontak", "en": "Contact"},
    "match.short.no_share": {
        "id": "Pelamar belum setuju membagikan kontaknya.",
        "en": "The applicant has not agreed to share contact details.",
    },
    "match.short.not_open": {
        "id": "Lowongan ini tidak lagi dibuka, jadi tidak ada daftar kandidat.",
        "en": "This vacancy is no longer open, so there is no shortlist.",
    },
    "match.short.empty": {
        "id": "Belum ada pencari kerja yang cocok dan bersedia ditemukan.",
        "en": "No matching job seeker who agreed to be found yet.",
    },
    # referral
    "match.ref.heading": {"id": "Rujukan", "en": "Referral"},
    "match.ref.done": {
        "id": 'Pencari kerja nomor {seeker} telah dirujuk ke lowongan "{title}" (rujukan nomor {id}).',
        "en": 'Seeker number {seeker} was referred to the vacancy "{title}" (referral number {id}).',
    },
    "match.ref.failed": {"id": "Rujukan tidak dapat dibuat", "en": "The referral could not be made"},
    "match.ref.back_seeker": {"id": "Kembali ke rekomendasi", "en": "Back to the recommendations"},
    "match.ref.back_vacancy": {"id": "Kembali ke daftar kandidat", "en": "Back to the shortlist"},
}
