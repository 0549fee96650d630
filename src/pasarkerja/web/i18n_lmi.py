"""Page text of the labour-market-information dashboard and reports, in Indonesian and English.

Merged into :data:`pasarkerja.web.i18n.MESSAGES`; keys start with ``lmi.`` so domains never collide.
Indicator and dimension names come from the indicator registry (``pasarkerja.lmi.INDICATORS``/
``DIMENSIONS``), so the dashboard, the CLI and the exports always name them alike.
"""

from __future__ import annotations

from pasarkerja.lmi import DIMENSIONS, INDICATORS

MESSAGES: dict[str, dict[str, str]] = {
    "lmi.nav": {"id": "Informasi Pasar Kerja", "en": "Labour-market information"},
    "lmi.heading": {"id": "Informasi Pasar Kerja", "en": "Labour-market information"},
    "lmi.intro": {
        "id": "Indikator pasar kerja dari pencari kerja dan lowongan yang terdaftar. Sel yang menghitung "
        "terlalu sedikit orang disembunyikan (ditandai x) agar tidak ada orang yang dapat dikenali.",
        "en": "Labour-market indicators from the registered job seekers and vacancies. Cells that count "
        "too few persons are suppressed (marked x) so that nobody can be identified.",
    },
    # filters
    "lmi.filter.indicator": {"id": "Indikator", "en": "Indicator"},
    "lmi.filter.by": {"id": "Rincian menurut", "en": "Broken down by"},
    "lmi.filter.by2": {"id": "Rincian kedua", "en": "Second breakdown"},
    "lmi.filter.none": {"id": "(tidak ada)", "en": "(none)"},
    "lmi.filter.period": {"id": "Periode", "en": "Period"},
    "lmi.filter.period_hint": {
        "id": "2025-07 (bulan), 2025Q3 (triwulan) atau 2025 (tahun)",
        "en": "2025-07 (month), 2025Q3 (quarter) or 2025 (year)",
    },
    "lmi.filter.province": {"id": "Provinsi", "en": "Province"},
    "lmi.filter.all_provinces": {"id": "Semua provinsi", "en": "All provinces"},
    "lmi.filter.isco_level": {"id": "Tingkat jabatan (KBJI/ISCO)", "en": "Occupation level (ISCO)"},
    "lmi.filter.isco_level_n": {"id": "{n} digit", "en": "{n} digit"},
    "lmi.filter.apply": {"id": "Tampilkan", "en": "Show"},
    # sections
    "lmi.series.heading": {"id": "Perkembangan bulanan {year}", "en": "Month by month, {year}"},
    "lmi.series.none": {
        "id": "Indikator keterampilan tidak disajikan sebagai deret waktu.",
        "en": "Skill indicators are not shown as a time series.",
    },
    "lmi.bars.heading": {"id": "Menurut jabatan (KBJI {n} digit)", "en": "By occupation (ISCO {n} digit)"},
    "lmi.bars.skills": {"id": "Menurut keterampilan", "en": "By skill"},
    "lmi.table.heading": {"id": "Tabel", "en": "Table"},
    "lmi.table.caption": {"id": "{indicator}, {period}", "en": "{indicator}, {period}"},
    "lmi.no_chart": {
        "id": "Tidak ada data untuk grafik ini: {reason}",
        "en": "No data for this chart: {reason}",
    },
    "lmi.download": {"id": "Unduh tabel", "en": "Download the table"},
    "lmi.report.link": {"id": "Laporan provinsi", "en": "Provincial report"},
    "lmi.report.choose": {
        "id": "Pilih provinsi untuk membuka laporannya.",
        "en": "Choose a province to open its report.",
    },
    "lmi.suppressed_note": {
        "id": "x: disembunyikan — sel ini menghitung kurang dari {k} orang, atau disembunyikan agar sel "
        "lain tidak dapat dihitung dari jumlahnya.",
        "en": "x: suppressed — the cell counts fewer than {k} persons, or it is hidden so that another "
        "cell cannot be worked out from the totals.",
    },
    "lmi.suppressed_short": {
        "id": "disembunyikan (kurang dari {k} orang atau sekunder)",
        "en": "suppressed (fewer than {k} persons, or secondary)",
    },
    "lmi.not_suppressed": {
        "id": "Indikator ini menghitung lowongan (dokumen publik), tidak disembunyikan.",
        "en": "This indicator counts vacancies (public documents): no cell is suppressed.",
    },
    "lmi.error.heading": {"id": "Tidak dapat menampilkan indikator", "en": "Cannot show the indicator"},
    "lmi.definition": {"id": "Satuan: {unit}. Basis: {basis}.", "en": "Unit: {unit}. Basis: {basis}."},
    "lmi.basis.persons": {"id": "orang", "en": "persons"},
    "lmi.basis.vacancies": {"id": "lowongan", "en": "vacancies"},
    # measures (table columns); "value" is the headline measure, named with its unit
    "lmi.measure.value": {"id": "Nilai ({unit})", "en": "Value ({unit})"},
    "lmi.measure.on_register": {"id": "Pencari kerja terdaftar", "en": "Seekers on the register"},
    "lmi.measure.open_positions": {"id": "Formasi terbuka", "en": "Open positions"},
    "lmi.measure.active_seekers": {"id": "Pencari kerja aktif", "en": "Active seekers"},
    "lmi.measure.p25": {"id": "Kuartil bawah", "en": "Lower quartile"},
    "lmi.measure.p75": {"id": "Kuartil atas", "en": "Upper quartile"},
    "lmi.measure.with_pay": {"id": "Lowongan dengan upah", "en": "Vacancies stating pay"},
    "lmi.measure.pay_stated_pct": {"id": "% mencantumkan upah", "en": "% stating pay"},
    "lmi.measure.checked": {"id": "Lowongan diperiksa", "en": "Vacancies checked"},
    "lmi.measure.share_pct": {"id": "% lowongan", "en": "% of vacancies"},
    "lmi.measure.rank": {"id": "Peringkat", "en": "Rank"},
    "lmi.measure.current": {"id": "Periode ini", "en": "This period"},
    "lmi.measure.previous": {"id": "Periode sebelumnya", "en": "Previous period"},
    "lmi.measure.share_change_pp": {"id": "Perubahan (poin %)", "en": "Change (% points)"},
    "lmi.measure.demand_share_pct": {"id": "% permintaan", "en": "% of demand"},
    "lmi.measure.supply_share_pct": {"id": "% pasokan", "en": "% of supply"},
    "lmi.measure.under_pct": {"id": "% di bawah", "en": "% under-educated"},
    "lmi.measure.over_pct": {"id": "% di atas", "en": "% over-educated"},
    "lmi.measure.assessed": {"id": "Penempatan dinilai", "en": "Placements assessed"},
    # units (axis titles)
    "lmi.unit.persons": {"id": "orang", "en": "persons"},
    "lmi.unit.vacancies": {"id": "lowongan", "en": "vacancies"},
    "lmi.unit.positions": {"id": "formasi", "en": "positions"},
    "lmi.unit.referrals": {"id": "rujukan", "en": "referrals"},
    "lmi.unit.placements": {"id": "penempatan", "en": "placements"},
    "lmi.unit.percent": {"id": "persen", "en": "percent"},
    "lmi.unit.ratio": {"id": "rasio", "en": "ratio"},
    "lmi.unit.Rp per month": {"id": "Rp per bulan", "en": "Rp per month"},
    "lmi.unit.index": {"id": "indeks", "en": "index"},
    # the provincial report
    "lmi.report.title": {
        "id": "Laporan Informasi Pasar Kerja — Provinsi {province}",
        "en": "Labour-Market Information Report — {province} Province",
    },
    "lmi.report.subtitle": {
        "id": "Periode {period} · disusun {date} · pasarkerja",
        "en": "Period {period} · generated {date} · pasarkerja",
    },
    "lmi.report.figures": {"id": "Angka utama", "en": "Key figures"},
    "lmi.report.summary": {"id": "Ringkasan", "en": "Summary"},
    "lmi.report.shortages": {"id": "Kekurangan tenaga kerja terbesar", "en": "Largest shortages"},
    "lmi.report.surpluses": {"id": "Kelebihan pencari kerja terbesar", "en": "Largest surpluses"},
    "lmi.report.chart_tightness": {
        "id": "Lowongan per pencari kerja menurut jabatan (KBJI 2 digit)",
        "en": "Vacancies per job seeker by occupation (ISCO 2 digit)",
    },
    "lmi.report.chart_series": {
        "id": "Pencari kerja aktif dan lowongan terbuka, akhir bulan {year}",
        "en": "Active job seekers and open vacancies at month end, {year}",
    },
    "lmi.report.chart_pay": {
        "id": "Median upah yang ditawarkan menurut golongan pokok jabatan",
        "en": "Median offered pay by occupation major group",
    },
    "lmi.report.table_tightness": {
        "id": "Rasio lowongan terhadap pencari kerja menurut jabatan",
        "en": "Vacancy-to-seeker ratio by occupation",
    },
    "lmi.report.table_skills": {
        "id": "Indeks kekurangan keterampilan (10 teratas)",
        "en": "Skill shortage index (top 10)",
    },
    "lmi.report.detail": {
        "id": "{positions} formasi / {seekers} pencari kerja",
        "en": "{positions} positions / {seekers} job seekers",
    },
    "lmi.report.notes": {"id": "Catatan data", "en": "Data notes"},
    "lmi.report.print": {"id": "Cetak / simpan sebagai PDF", "en": "Print / save as PDF"},
    "lmi.report.download": {"id": "Unduh berkas HTML", "en": "Download as an HTML file"},
    "lmi.report.back": {"id": "Kembali ke dasbor", "en": "Back to the dashboard"},
    "lmi.narr.overview": {
        "id": "Pada periode {period}, Provinsi {province} mencatat {seekers} pencari kerja aktif dan "
        "{positions} formasi lowongan terbuka: {ratio} lowongan per pencari kerja.",
        "en": "In {period}, {province} province had {seekers} active job seekers and {positions} open "
        "positions: {ratio} vacancies per job seeker.",
    },
    "lmi.narr.shortages": {
        "id": "Kekurangan tenaga kerja terbesar (lowongan per pencari kerja tertinggi): {names}.",
        "en": "Largest shortages (most vacancies per job seeker): {names}.",
    },
    "lmi.narr.no_shortages": {
        "id": "Tidak ada jabatan dengan lowongan terbuka yang dapat dipublikasikan pada periode ini.",
        "en": "No occupation with open vacancies can be published for this period.",
    },
    "lmi.narr.surpluses": {
        "id": "Kelebihan pencari kerja terbesar (lowongan per pencari kerja terendah): {names}.",
        "en": "Largest surpluses of job seekers (fewest vacancies per job seeker): {names}.",
    },
    "lmi.narr.skills": {
        "id": "Keterampilan yang paling kurang dibanding pasokan pencari kerja (indeks kekurangan): {names}.",
        "en": "Skills in shortest supply relative to demand (skill shortage index): {names}.",
    },
    "lmi.narr.no_skills": {
        "id": "Indeks kekurangan keterampilan belum dapat dipublikasikan untuk provinsi ini: setiap "
        "keterampilan dimiliki kurang dari {k} pencari kerja atau disembunyikan.",
        "en": "No skill shortage index can be published for this province yet: every skill is held by fewer "
        "than {k} job seekers or suppressed.",
    },
    "lmi.narr.suppression": {
        "id": "Angka yang menghitung kurang dari {k} orang disembunyikan (x), demikian pula sel yang dapat "
        "dipakai untuk menghitungnya kembali.",
        "en": "Figures counting fewer than {k} persons are suppressed (x), as are the cells that could be "
        "used to work them out again.",
    },
}

# Indicator and dimension names, from the registry.
for _name, _definition in INDICATORS.items():
    MESSAGES[f"lmi.ind.{_name}"] = {"id": _definition.label_id, "en": _definition.label_en}
for _name, _dimension in DIMENSIONS.items():
    MESSAGES[f"lmi.dim.{_name}"] = {"id": _dimension.label_id, "en": _dimension.label_en}
