"""Cleaning (HTML, boilerplate) and splitting ads into sections and bullet items."""

from __future__ import annotations

from pasarkerja.text import analyse, clean, strip_html

AD_WITH_BREAKS = """PT Sinar Jaya Abadi adalah perusahaan manufaktur kemasan plastik di Bekasi.
Baca Juga: Lowongan Kerja Terbaru Hari Ini

Deskripsi Pekerjaan:
• Mengoperasikan mesin injeksi plastik
✓ Mengecek kualitas produk
🔹 Membersihkan area kerja

KUALIFIKASI
1. Pria, usia max 25 th
2) Pendidikan min. SMA/SMK sederajat
a. Memiliki SIM C
* Bersedia bekerja shift

Fasilitas: BPJS, uang makan
Share this:
Facebook | Twitter | WhatsApp
Cara Melamar:
Kirim CV ke hrd@contoh.co.id
Lamar sekarang
"""


def _layout(text: str) -> list[tuple[str, list[str]]]:
    doc = analyse(text)
    return [
        (section.kind, [doc.surface(item.start, item.end) for item in section.items])
        for section in doc.sections
    ]


def test_sections_and_bullets_of_an_ad_with_line_breaks() -> None:
    assert _layout(AD_WITH_BREAKS) == [
        ("other", ["PT Sinar Jaya Abadi adalah perusahaan manufaktur kemasan plastik di Bekasi."]),
        (
            "duties",
            ["Mengoperasikan mesin injeksi plastik", "Mengecek kualitas produk", "Membersihkan area kerja"],
        ),
        (
            "requirements",
            [
                "Pria, usia max 25 th",
                "Pendidikan min. SMA/SMK sederajat",
                "Memiliki SIM C",
                "Bersedia bekerja shift",
            ],
        ),
        ("benefits", ["BPJS, uang makan"]),
        ("apply", ["Kirim CV ke hrd@contoh.co.id"]),
    ]


def test_item_bullet_flags() -> None:
    doc = analyse(AD_WITH_BREAKS)
    requirements = next(s for s in doc.sections if s.kind == "requirements")
    assert all(item.bullet for item in requirements.items)
    assert doc.sections[0].items[0].bullet is False


def test_english_headings() -> None:
    ad = (
        "About Us\nWe build logistics software.\n\nResponsibilities\n- Build APIs\n\nRequirements:\n"
        "- 2+ years of Python\n\nWhat we offer\n- Remote work\n\nHow to apply\nSend your CV"
    )
    assert [kind for kind, _ in _layout(ad)] == ["company", "duties", "requirements", "benefits", "apply"]


def test_run_on_ad_without_newlines_is_split() -> None:
    ad = (
        "PT Maju Jaya membuka lowongan untuk posisi Admin Gudang. Tanggung Jawab: Mencatat barang masuk dan "
        "keluar. Membuat laporan stok harian. Kualifikasi: Pendidikan minimal SMA/SMK. "
        "Pengalaman minimal 1 tahun. "
        "Menguasai Microsoft Excel. Benefit: BPJS Kesehatan. Gaji pokok dan insentif. Cara Melamar: Kirim CV "
        "melalui email."
    )
    layout = _layout(ad)
    kinds = [kind for kind, _ in layout]
    assert kinds == ["other", "duties", "requirements", "benefits", "apply"]
    requirements = dict(layout)["requirements"]
    assert requirements == [
        "Pendidikan minimal SMA/SMK.",
        "Pengalaman minimal 1 tahun.",
        "Menguasai Microsoft Excel.",
    ]


def test_heading_with_inline_content() -> None:
    layout = _layout("Kualifikasi: S1 Akuntansi\nFasilitas - BPJS")
    assert layout == [("requirements", ["S1 Akuntansi"]), ("benefits", ["BPJS"])]


def test_running_text_is_not_a_heading() -> None:
    layout = _layout("Kandidat harus bertanggung jawab atas stok.\nMemenuhi persyaratan administrasi.")
    assert [kind for kind, _ in layout] == ["other"]


def test_strip_html_keeps_offsets() -> None:
    html = "<div><h2>Kualifikasi</h2><ul><li>Jujur &amp; teliti</li><li>SIM&nbsp;C</li></ul></div>"
    mapped = strip_html(html)
    assert "Kualifikasi" in mapped.text
    assert "• Jujur & teliti" in mapped.text
    assert "SIM C" in mapped.text
    start = mapped.text.index("teliti")
    a, b = mapped.to_source(start, start + len("teliti"))
    assert html[a:b] == "teliti"
    start = mapped.text.index("&")
    a, b = mapped.to_source(start, start + 1)
    assert html[a:b] == "&amp;"


def test_strip_html_drops_scripts_and_styles() -> None:
    mapped = strip_html("<style>.x{color:red}</style><p>Gaji UMR</p><script>alert('x')</script>")
    assert mapped.text.strip() == "Gaji UMR"


def test_html_sections_and_spans_point_into_the_html() -> None:
    html = "<p>Kualifikasi:</p><ul><li>Pengalaman min 2 thn</li><li>Usia maks 30 tahun</li></ul>"
    doc = analyse(html)
    assert [s.kind for s in doc.sections] == ["requirements"]
    assert [doc.surface(i.start, i.end) for i in doc.sections[0].items] == [
        "Pengalaman min 2 thn",
        "Usia maks 30 tahun",
    ]


def test_boilerplate_lines_and_inline_markers_are_removed() -> None:
    text = (
        "Advertisement\nGaji menarik\nWe use cookies to improve your experience. Accept\nShare on Facebook\n"
        "Bagikan:\nInstagram / TikTok / LinkedIn\nKirim CV sekarang. Lamar sekarang! Terima kasih\n"
        "Kami menggunakan cookie untuk analitik.\nTags: loker, bekasi"
    )
    cleaned = clean(text).text
    assert [line for line in cleaned.split("\n") if line.strip()] == [
        "Gaji menarik",
        "Kirim CV sekarang.   Terima kasih",
    ]


def test_plain_text_with_angle_brackets_is_not_html() -> None:
    assert strip_html("usia < 30 tahun & sehat").text == "usia < 30 tahun & sehat"


def test_control_characters_and_invisible_characters() -> None:
    text = "Ad\u200bmin\x00 gudang\r\nshift"
    doc = analyse(text)
    assert doc.text == "admin gudang \nshift"  # NUL and CR become spaces, the space run collapses
    start = doc.text.index("admin")
    assert doc.surface(start, start + 5) == "Ad\u200bmin"
