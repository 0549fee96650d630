"""Page text of the skills-gap, training-pathway and regional training-needs pages, in Indonesian and English.

Merged into :data:`pasarkerja.web.i18n.MESSAGES`; keys start with ``gap.`` so domains never collide.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "gap.uncovered.not_taught": {
        "id": "tidak ada program atau pemagangan di katalog yang mengajarkannya",
        "en": "no programme or apprenticeship in the catalogue teaches it",
    },
    "gap.uncovered.excluded": {
        "id": "hanya diajarkan oleh pilihan yang tidak memenuhi syarat (wilayah, moda, atau tanggal mulai)",
        "en": "only options left out by the rules (region, modality or start date) teach it",
    },
    "gap.not_taught_notice": {
        "id": "{n} keterampilan yang kurang belum diajarkan oleh program atau pemagangan mana pun di katalog "
        '(ditandai "belum ada di katalog" di bawah).',
        "en": "{n} missing skills are not taught by any programme or apprenticeship in the catalogue "
        '(marked "nothing in the catalogue" below).',
    },
    # navigation
    "gap.nav.gap": {"id": "Kesenjangan keterampilan", "en": "Skills gap"},
    "gap.nav.regional": {"id": "Kebutuhan pelatihan daerah", "en": "Regional training needs"},
    # seeker's page
    "gap.heading": {"id": "Kesenjangan keterampilan", "en": "Skills gap"},
    "gap.seeker_no": {"id": "Pencari kerja no. {id}", "en": "Job seeker no. {id}"},
    "gap.start.text": {
        "id": "Masukkan nomor pencari kerja untuk melihat kesenjangan keterampilan dan jalur pelatihannya.",
        "en": "Enter a job seeker's number to see their skills gap and training pathway.",
    },
    "gap.start.seeker": {"id": "Nomor pencari kerja", "en": "Job seeker number"},
    "gap.start.open": {"id": "Buka", "en": "Open"},
    "gap.form.vacancy": {"id": "Lowongan (nomor)", "en": "Vacancy (number)"},
    "gap.form.occupation": {"id": "Jabatan (kode KBJI)", "en": "Occupation (ISCO code)"},
    "gap.form.objective": {"id": "Jalur termurah menurut", "en": "Cheapest pathway by"},
    "gap.form.show": {"id": "Tampilkan", "en": "Show"},
    "gap.objective.money": {"id": "biaya", "en": "money"},
    "gap.objective.hours": {"id": "waktu belajar (JP)", "en": "study time (JP)"},
    "gap.objective.travel": {"id": "jarak tempuh", "en": "travel"},
    "gap.target.heading": {"id": "Sasaran", "en": "Target"},
    "gap.target.vacancy": {
        "id": "Dibandingkan dengan lowongan no. {id}.",
        "en": "Compared with vacancy no. {id}.",
    },
    "gap.target.occupation": {
        "id": "Dibandingkan dengan keterampilan jabatan {code}.",
        "en": "Compared with the skills of occupation {code}.",
    },
    "gap.target.near_misses": {
        "id": "Dibandingkan dengan {n} lowongan yang hampir cocok (kurang 1–3 keterampilan wajib).",
        "en": "Compared with {n} near-miss vacancies (1–3 essential skills missing).",
    },
    "gap.held": {"id": "Keterampilan yang dimiliki", "en": "Skills held"},
    "gap.missing.heading": {"id": "Keterampilan yang kurang", "en": "Missing skills"},
    "gap.missing.skill": {"id": "Keterampilan", "en": "Skill"},
    "gap.missing.value": {"id": "Nilai", "en": "Value"},
    "gap.missing.essential_in": {"id": "Wajib di (lowongan)", "en": "Essential in (vacancies)"},
    "gap.missing.unlocks_alone": {"id": "Membuka sendiri", "en": "Unlocks alone"},
    "gap.missing.taught_by": {"id": "Diajarkan oleh", "en": "Taught by"},
    "gap.missing.none": {"id": "belum ada di katalog", "en": "nothing in the catalogue"},
    "gap.missing.empty": {"id": "Tidak ada keterampilan yang kurang.", "en": "No skills are missing."},
    "gap.pathway.heading": {"id": "Jalur pelatihan", "en": "Training pathway"},
    "gap.pathway.exact": {"id": "optimal (dihitung tepat)", "en": "optimal (solved exactly)"},
    "gap.pathway.exact_limit": {
        "id": "terbaik yang ditemukan dalam batas waktu",
        "en": "best found within the time limit",
    },
    "gap.pathway.greedy": {
        "id": "perkiraan cepat, paling mahal {bound} × optimal",
        "en": "fast estimate, at most {bound} × the optimum",
    },
    "gap.pathway.none": {
        "id": "tidak ada yang perlu atau dapat dilatih",
        "en": "nothing to train or no option",
    },
    "gap.pathway.cost": {"id": "Total biaya", "en": "Total cost"},
    "gap.pathway.steps": {"id": "Program", "en": "Programmes"},
    "gap.pathway.unlocks": {"id": "Lowongan terbuka setelahnya", "en": "Vacancies unlocked"},
    "gap.pathway.kind": {"id": "Jenis", "en": "Kind"},
    "gap.pathway.covers": {"id": "Mengajarkan", "en": "Teaches"},
    "gap.pathway.start": {"id": "Mulai", "en": "Starts"},
    "gap.pathway.rolling": {"id": "kapan saja", "en": "any time"},
    "gap.pathway.uncovered": {"id": "Belum tercakup", "en": "Not covered"},
    "gap.kind.programme": {"id": "pelatihan", "en": "programme"},
    "gap.kind.apprenticeship": {"id": "pemagangan", "en": "apprenticeship"},
    "gap.projected.heading": {
        "id": "Perkiraan skor kecocokan setelah pelatihan",
        "en": "Projected match score",
    },
    "gap.projected.vacancy": {"id": "Lowongan", "en": "Vacancy"},
    "gap.projected.before": {"id": "Skor sekarang", "en": "Score now"},
    "gap.projected.after": {"id": "Skor setelah pelatihan", "en": "Score after training"},
    "gap.projected.unlocked": {"id": "Semua keterampilan wajib terpenuhi", "en": "All essential skills held"},
    "gap.projected.already": {"id": "sudah", "en": "already"},
    "gap.projected.yes": {"id": "ya, setelah pelatihan", "en": "yes, after training"},
    "gap.projected.no": {"id": "belum", "en": "not yet"},
    "gap.careers.heading": {"id": "Jenjang karier terdekat", "en": "Career paths"},
    "gap.careers.occupation": {"id": "Jabatan", "en": "Occupation"},
    "gap.careers.adjacency": {"id": "Kedekatan (%)", "en": "Adjacency (%)"},
    "gap.careers.openings": {"id": "Lowongan di provinsi", "en": "Openings in the province"},
    "gap.careers.missing": {"id": "Keterampilan wajib yang kurang", "en": "Essential skills missing"},
    "gap.careers.empty": {"id": "Belum ada jabatan yang dekat.", "en": "No adjacent occupation found."},
    # referrals
    "gap.referral.heading": {"id": "Rujukan pelatihan", "en": "Training referrals"},
    "gap.referral.none": {"id": "Belum ada rujukan.", "en": "No referrals yet."},
    "gap.referral.status": {"id": "Status", "en": "Status"},
    "gap.referral.date": {"id": "Tanggal", "en": "Date"},
    "gap.referral.update": {"id": "Ubah status", "en": "Change status"},
    "gap.referral.target": {"id": "Rujuk ke", "en": "Refer to"},
    "gap.referral.note": {"id": "Catatan", "en": "Note"},
    "gap.referral.submit": {"id": "Rujuk", "en": "Refer"},
    "gap.referral.in_pathway": {"id": "dalam jalur", "en": "in the pathway"},
    "gap.referral.saved": {"id": "Rujukan no. {id} disimpan.", "en": "Referral no. {id} saved."},
    "gap.status.referred": {"id": "dirujuk", "en": "referred"},
    "gap.status.enrolled": {"id": "terdaftar", "en": "enrolled"},
    "gap.status.completed": {"id": "lulus", "en": "completed"},
    "gap.status.placed": {"id": "ditempatkan", "en": "placed"},
    "gap.status.rejected": {"id": "ditolak", "en": "rejected"},
    "gap.status.withdrawn": {"id": "mundur", "en": "withdrawn"},
    # regional needs
    "gap.regional.heading": {"id": "Kebutuhan pelatihan daerah", "en": "Regional training needs"},
    "gap.regional.intro": {
        "id": "Keterampilan yang diminta lowongan terbuka (dibobot jumlah formasi) dibandingkan dengan "
        "pencari kerja aktif yang memilikinya, dan program pelatihan yang sebaiknya dibuka atau ditambah.",
        "en": "Skills asked for by open vacancies (weighted by openings) against active job seekers who hold "
        "them, and the training programmes to open or expand.",
    },
    "gap.regional.province": {"id": "Provinsi", "en": "Province"},
    "gap.regional.all": {"id": "Seluruh Indonesia", "en": "All of Indonesia"},
    "gap.regional.level": {"id": "Tingkat", "en": "Level"},
    "gap.level.province": {"id": "provinsi", "en": "province"},
    "gap.level.regency": {"id": "kabupaten/kota", "en": "regency/city"},
    "gap.regional.counted": {
        "id": "Dihitung: {seekers} pencari kerja aktif dan {vacancies} lowongan terbuka.",
        "en": "Counted: {seekers} active job seekers and {vacancies} open vacancies.",
    },
    "gap.regional.download": {"id": "Unduh", "en": "Download"},
    "gap.regional.programmes": {"id": "program", "en": "programmes"},
    "gap.regional.skills": {"id": "keterampilan", "en": "skills"},
    "gap.regional.chart_title": {
        "id": "Keterampilan dengan kekurangan terbesar: permintaan dan pasokan",
        "en": "Skills with the largest shortfall: demand and supply",
    },
    "gap.regional.demand": {"id": "Permintaan", "en": "Demand"},
    "gap.regional.supply": {"id": "Pasokan", "en": "Supply"},
    "gap.regional.unmet": {"id": "Kekurangan", "en": "Unmet"},
    "gap.regional.closable": {"id": "Dapat ditutup pelatihan", "en": "Closable by training"},
    "gap.regional.programmes_heading": {
        "id": "Program yang sebaiknya dibuka atau ditambah",
        "en": "Programmes to open or expand",
    },
    "gap.regional.region": {"id": "Wilayah", "en": "Region"},
    "gap.regional.rank": {"id": "Peringkat", "en": "Rank"},
    "gap.regional.action": {"id": "Tindakan", "en": "Action"},
    "gap.regional.unmet_closed": {"id": "Kekurangan tertutup", "en": "Unmet demand closed"},
    "gap.regional.placements": {"id": "Perkiraan penempatan", "en": "Expected placements"},
    "gap.regional.no_programmes": {
        "id": "Tidak ada program katalog yang menutup kekurangan di sini.",
        "en": "No catalogue programme closes a shortfall here.",
    },
    "gap.regional.skills_heading": {"id": "Kebutuhan keterampilan", "en": "Skill needs"},
    "gap.regional.skills_shown": {"id": "{shown} dari {total} baris.", "en": "{shown} of {total} rows."},
    "gap.action.open": {"id": "buka baru", "en": "open"},
    "gap.action.expand": {"id": "tambah kelas", "en": "expand"},
}
