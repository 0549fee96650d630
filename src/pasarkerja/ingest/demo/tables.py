"""Hand-set tables behind the demo generator: the shape of the Indonesian labour market it imitates.

Every number here was set by hand for a *plausible* demo picture, not copied from a dataset:
province weights are mid-2020s population figures rounded to 0.1 million (order of magnitude from BPS
projections), occupation weights imitate which jobs dominate Indonesian job boards and job-centre
registers (shop sales, drivers, factory operators, admin clerks, security, cleaners ...), and pay factors
are multiples of the provincial minimum wage (UMP). None of it is reference data: the generator validates
every code against the real taxonomy (regions, ISCO-08 groups, education levels, KBLI sections, skills).

Compact mixes are written as ``"CODE:weight CODE:weight"`` strings and parsed by :func:`parse_mix`.
"""

from __future__ import annotations

from dataclasses import dataclass

# ------------------------------------------------------------------------------------------ regions

# Approximate population in millions per province (Kemendagri/BPS province codes, equal for provinces).
# Jawa (31, 32, 33, 34, 35, 36) is ~55% of the total, which the tests check the generated seekers follow.
PROVINCE_POPULATION_M: dict[str, float] = {
    "11": 5.5, "12": 15.5, "13": 5.7, "14": 6.9, "15": 3.7, "16": 8.8, "17": 2.1, "18": 9.2,
    "19": 1.5, "21": 2.2, "31": 10.8, "32": 50.5, "33": 38.0, "34": 3.7, "35": 41.5, "36": 12.6,
    "51": 4.4, "52": 5.6, "53": 5.6, "61": 5.6, "62": 2.8, "63": 4.2, "64": 4.0, "65": 0.7,
    "71": 2.6, "72": 3.2, "73": 9.4, "74": 2.8, "75": 1.2, "76": 1.5, "81": 1.9, "82": 1.3,
    "91": 1.1, "92": 0.6, "93": 0.6, "94": 1.4, "95": 1.4, "96": 0.6,
}  # fmt: skip
JAWA_PROVINCES = frozenset({"31", "32", "33", "34", "35", "36"})

# Within a province the generator spreads people evenly over regencies, except for these large cities and
# industrial regencies (Kemendagri codes), which get the extra factor: metros hold far more people and
# far more vacancies than a rural kabupaten. Codes absent from the region list are ignored.
REGENCY_BOOST: dict[str, float] = {
    "3171": 2.0, "3172": 2.5, "3173": 2.0, "3174": 2.0, "3175": 2.5,  # Jakarta's five cities
    "3201": 4.0, "3204": 3.0, "3216": 2.5, "3215": 2.0, "3273": 2.0, "3275": 2.0, "3276": 1.8,  # Jawa Barat
    "3603": 3.0, "3671": 2.0, "3674": 1.5,  # Banten: Kab./Kota Tangerang, Tangerang Selatan
    "3374": 1.5, "3372": 1.0, "3578": 2.5, "3515": 2.0, "3525": 1.3,  # Semarang, Surakarta, Surabaya ...
    "1271": 3.0, "1671": 2.0, "2171": 3.0, "7371": 2.0, "6471": 1.5, "5171": 1.5, "1371": 1.5,
}  # fmt: skip
# Employers cluster in cities and industrial estates even more than people do.
EMPLOYER_CITY_FACTOR = 1.8

# ------------------------------------------------------------------------------------- occupations


@dataclass(frozen=True, slots=True)
class OccupationProfile:
    """How one ISCO-08 unit group looks in the demo: its share, titles, education, pay and sectors."""

    isco: str
    weight: float  # relative share of vacancies
    titles: tuple[str, ...]  # Indonesian job-ad titles
    education: str  # seekers' education mix ("SMA:40 SMK:35 ...")
    pay_factor: float  # median offered pay as a multiple of the provincial UMP
    sectors: str  # employers' KBLI sections ("C:80 G:20")
    female_share: float
    seeker_factor: float = 1.0  # seekers per vacancy relative to the average (surplus > 1, shortage < 1)
    fields: tuple[str, ...] = ()  # typical fields of study (SMK/diploma/degree)
    experience: float = 1.0  # mean minimum experience asked, years


def _p(
    isco: str,
    weight: float,
    titles: str,
    education: str,
    pay: float,
    sectors: str,
    female: float,
    seekers: float = 1.0,
    fields: str = "",
    experience: float = 1.0,
) -> OccupationProfile:
    return OccupationProfile(
        isco=isco,
        weight=weight,
        titles=tuple(t.strip() for t in titles.split("|")),
        education=education,
        pay_factor=pay,
        sectors=sectors,
        female_share=female,
        seeker_factor=seekers,
        fields=tuple(f.strip() for f in fields.split("|") if f.strip()),
        experience=experience,
    )


_SMA = "SMA:45 SMK:35 SMP:15 D3:5"
_LOW = "SD:25 SMP:40 SMA:25 SMK:10"
_VOC = "SMK:65 SMA:15 SMP:15 D3:5"
_DEG = "S1:80 D3:12 S2:5 D4:3"

# fmt: off
OCCUPATION_PROFILES: tuple[OccupationProfile, ...] = (
    # Sales and services: the bulk of Indonesian job-board traffic.
    _p("5223", 90, "Pramuniaga|Staf Toko|Crew Store|Shopkeeper", _SMA, 1.0, "G:100", 0.62, 1.2),
    _p("5230", 35, "Kasir|Kasir Minimarket|Kasir Toko", _SMA, 1.0, "G:85 I:15", 0.72, 1.1),
    _p("3322", 55, "Sales Lapangan|Sales Executive|Marketing Executive|Sales Canvasser",
       "SMA:35 SMK:25 D3:15 S1:25", 1.05, "G:60 K:25 C:15", 0.38, 0.9, "Manajemen|Pemasaran"),
    _p("4222", 25, "Customer Service|Customer Service Officer|Call Center Agent",
       "SMA:35 SMK:25 D3:20 S1:20", 1.05, "K:35 J:25 G:25 N:15", 0.72, 1.3),
    _p("5120", 30, "Cook|Juru Masak|Cook Helper|Commis", "SMK:35 SMA:35 SMP:30", 1.0, "I:100", 0.4,
       0.9, "Tata Boga|Perhotelan"),
    _p("5131", 35, "Pelayan Restoran|Waiter/Waitress|Crew Restoran", _SMA, 0.95, "I:100", 0.55, 1.1),
    _p("9412", 12, "Kitchen Helper|Steward|Pembantu Juru Masak", _LOW, 0.95, "I:100", 0.4),
    _p("5132", 8, "Barista|Bartender", _SMA, 1.0, "I:100", 0.4, 0.9, "Tata Boga"),
    _p("7512", 6, "Baker|Pembuat Roti dan Kue", _VOC, 1.0, "C:50 I:50", 0.5, 0.9, "Tata Boga"),
    _p("4226", 10, "Resepsionis|Front Office Hotel|Front Desk Agent", "SMA:30 SMK:35 D3:25 S1:10", 1.05,
       "I:70 Q:30", 0.75, 1.2, "Perhotelan|Usaha Perjalanan Wisata"),
    _p("5141", 6, "Kapster Salon|Hair Stylist|Barberman", _SMA, 1.0, "S:100", 0.6, 0.8),
    _p("5142", 5, "Beautician|Terapis Kecantikan|Terapis Spa", _SMA, 1.0, "S:100", 0.9, 0.8,
       "Tata Kecantikan"),
    _p("5414", 35, "Satpam|Security Guard|Petugas Keamanan", "SMA:55 SMK:30 SMP:15", 1.0, "N:85 C:15", 0.05),
    _p("5322", 8, "Caregiver|Perawat Lansia|Pendamping Lansia", "SMA:45 SMK:30 D3:25", 1.0, "Q:60 T:40",
       0.9, 0.8, "Keperawatan|Kesehatan"),
    _p("5311", 6, "Baby Sitter|Pengasuh Anak", "SMP:30 SMA:45 SMK:25", 0.95, "T:70 P:30", 0.97),
    # Drivers, couriers, logistics.
    _p("8322", 55, "Sopir Pribadi|Driver Operasional|Sopir Ekspedisi|Driver Kantor",
       "SD:15 SMP:35 SMA:40 SMK:10", 1.05, "H:55 G:25 C:20", 0.03),
    _p("8332", 20, "Sopir Truk|Driver Dump Truck|Sopir Trailer", "SD:20 SMP:40 SMA:30 SMK:10", 1.2,
       "H:60 F:20 B:20", 0.01, 0.8, "", 2.0),
    _p("8321", 10, "Driver Ojek|Kurir Motor", "SMP:35 SMA:50 SMK:15", 0.95, "H:100", 0.05),
    _p("9621", 30, "Kurir|Kurir Paket|Kurir Ekspedisi", "SMP:30 SMA:50 SMK:20", 1.0, "H:80 G:20", 0.08),
    _p("9333", 30, "Helper Gudang|Pekerja Bongkar Muat|Staf Packing", _LOW, 0.95, "H:50 G:30 C:20", 0.2),
    _p("4321", 20, "Admin Gudang|Staf Gudang|Checker Gudang", "SMA:40 SMK:40 D3:20", 1.0, "H:40 G:40 C:20",
       0.4, 1.2),
    _p("8344", 8, "Operator Forklift|Operator Reach Truck", "SMA:40 SMK:45 SMP:15", 1.15, "H:50 C:50", 0.02,
       0.7, "", 1.5),
    # Manufacturing.
    _p("9329", 85, "Operator Produksi|Helper Produksi|Karyawan Pabrik|Buruh Pabrik",
       "SMP:25 SMA:40 SMK:35", 1.0, "C:100", 0.45, 1.1),
    _p("8189", 40, "Operator Mesin|Operator Mesin Produksi|Operator Mesin Injection",
       "SMK:60 SMA:30 SMP:10", 1.05, "C:100", 0.2, 1.0, "Teknik Mesin|Teknik Elektronika"),
    _p("8219", 20, "Operator Perakitan|Assembler|Operator Assembly", "SMP:15 SMA:40 SMK:45", 1.0, "C:100",
       0.55),
    _p("8153", 30, "Operator Jahit|Penjahit Garmen|Sewing Operator", "SD:15 SMP:40 SMA:35 SMK:10", 0.95,
       "C:100", 0.85, 1.0, "Tata Busana"),
    _p("8160", 15, "Operator Produksi Makanan|Operator Mesin Pengemasan", _SMA, 1.0, "C:100", 0.5),
    _p("7531", 6, "Penjahit|Penjahit Pakaian|Tailor", "SMP:35 SMA:30 SMK:35", 0.95, "C:60 S:40", 0.7, 1.0,
       "Tata Busana"),
    _p("7212", 18, "Welder|Tukang Las|Juru Las SMAW|Welder Fabrikasi", "SMK:60 SMA:20 SMP:20", 1.2,
       "C:60 F:30 B:10", 0.02, 0.6, "Teknik Pengelasan|Teknik Mesin", 2.0),
    _p("7223", 12, "Operator Bubut|Machinist CNC|Operator CNC|Operator Milling", "SMK:80 SMA:10 D3:10", 1.15,
       "C:100", 0.03, 0.6, "Teknik Pemesinan|Teknik Mesin", 1.5),
    _p("7233", 12, "Mekanik Maintenance|Teknisi Maintenance Mesin|Mekanik Alat Berat",
       "SMK:70 D3:20 SMA:10", 1.3, "C:60 B:20 F:20", 0.02, 0.7, "Teknik Mesin|Teknik Otomotif", 2.0),
    _p("3115", 12, "Teknisi Mesin|Teknisi Maintenance|Maintenance Engineer", "SMK:45 D3:35 S1:20", 1.3,
       "C:100", 0.05, 0.8, "Teknik Mesin", 2.0),
    _p("3122", 12, "Supervisor Produksi|Leader Produksi|Kepala Regu Produksi", "SMK:30 D3:30 S1:40", 1.5,
       "C:100", 0.25, 0.7, "Teknik Industri|Teknik Mesin", 3.0),
    _p("2141", 8, "Engineer Produksi|Staf PPIC|Industrial Engineer", _DEG, 1.9, "C:100", 0.3, 0.8,
       "Teknik Industri", 1.5),
    # Crafts, construction, electrical.
    _p("7231", 22, "Mekanik Motor|Mekanik Mobil|Teknisi Kendaraan Ringan", "SMK:75 SMA:15 SMP:10", 1.05,
       "G:60 S:40", 0.02, 0.9, "Teknik Kendaraan Ringan|Teknik Sepeda Motor", 1.5),
    _p("7411", 15, "Teknisi Listrik|Electrician|Instalatir Listrik", "SMK:70 SMA:15 D3:15", 1.15,
       "F:50 C:30 D:20", 0.02, 0.8, "Teknik Instalasi Tenaga Listrik|Teknik Elektro", 1.5),
    _p("7127", 8, "Teknisi AC|Teknisi Refrigerasi", "SMK:70 SMA:20 SMP:10", 1.1, "F:50 S:50", 0.01, 0.8,
       "Teknik Pendingin dan Tata Udara", 1.5),
    _p("7422", 10, "Teknisi Jaringan|Teknisi Fiber Optik|Teknisi Instalasi Internet", "SMK:60 SMA:15 D3:25",
       1.1, "J:100", 0.05, 0.9, "Teknik Komputer dan Jaringan", 1.0),
    _p("7112", 15, "Tukang Bangunan|Tukang Batu|Tukang Keramik", "SD:35 SMP:40 SMA:20 SMK:5", 1.0, "F:100",
       0.01, 1.2, "", 2.0),
    _p("9313", 15, "Pekerja Proyek|Kenek Bangunan|Helper Proyek", "SD:40 SMP:40 SMA:20", 0.95, "F:100", 0.03),
    _p("7115", 5, "Tukang Kayu|Tukang Mebel", "SD:30 SMP:40 SMA:15 SMK:15", 1.0, "F:50 C:50", 0.02),
    _p("8342", 10, "Operator Alat Berat|Operator Excavator|Operator Loader", "SMA:35 SMK:45 SMP:20", 1.5,
       "B:50 F:50", 0.01, 0.6, "", 2.0),
    _p("2142", 8, "Site Engineer|Sipil Engineer|Quantity Surveyor", _DEG, 2.0, "F:100", 0.2, 0.9,
       "Teknik Sipil", 2.0),
    _p("3118", 6, "Drafter|Drafter AutoCAD|Juru Gambar Teknik", "SMK:50 D3:35 S1:15", 1.2, "F:70 M:30", 0.2,
       0.9, "Desain Pemodelan dan Informasi Bangunan|Teknik Sipil", 1.0),
    # Office, finance, HR.
    _p("4110", 60, "Staf Administrasi|Admin Kantor|Admin Operasional|Staf Admin",
       "SMA:25 SMK:35 D3:20 S1:20", 1.05, "N:25 G:30 C:25 M:20", 0.7, 2.0,
       "Otomatisasi dan Tata Kelola Perkantoran|Administrasi Bisnis|Manajemen"),
    _p("4132", 8, "Operator Komputer|Data Entry|Admin Input Data", "SMA:30 SMK:45 D3:25", 1.0, "N:50 K:50",
       0.65, 1.8),
    _p("4311", 30, "Staf Akuntansi|Admin Keuangan|Staf Finance|Staf Accounting", "SMK:25 D3:30 S1:45", 1.15,
       "K:30 C:30 G:25 M:15", 0.7, 1.6, "Akuntansi|Akuntansi dan Keuangan Lembaga", 1.0),
    _p("2411", 10, "Akuntan|Accounting Supervisor|Staf Pajak", _DEG, 1.8, "K:40 M:40 C:20", 0.6, 1.2,
       "Akuntansi", 2.0),
    _p("2423", 10, "Staf HRD|HR Generalist|Staf Rekrutmen", _DEG, 1.5, "N:40 C:40 G:20", 0.65, 1.4,
       "Psikologi|Manajemen SDM", 1.5),
    _p("3343", 5, "Sekretaris|Personal Assistant", "D3:45 S1:45 SMK:10", 1.3, "M:50 K:50", 0.85, 1.3,
       "Administrasi Perkantoran|Sekretaris", 1.0),
    _p("2431", 15, "Digital Marketing|Marketing Specialist|Social Media Specialist", _DEG, 1.5,
       "J:40 G:40 M:20", 0.55, 1.0, "Manajemen|Ilmu Komunikasi", 1.0),
    _p("1420", 10, "Kepala Toko|Store Manager|Store Leader", "SMA:25 D3:25 S1:50", 1.6, "G:100", 0.45, 0.9,
       "Manajemen", 3.0),
    _p("1412", 4, "Manajer Restoran|Supervisor Restoran", "SMA:20 D3:35 S1:45", 1.7, "I:100", 0.45, 0.9,
       "Perhotelan|Manajemen", 3.0),
    # ICT and creative.
    _p("2512", 25, "Programmer|Software Engineer|Backend Developer|Mobile Developer",
       "S1:75 D3:15 SMK:10", 2.2, "J:80 K:20", 0.2, 0.5, "Teknik Informatika|Sistem Informasi|Ilmu Komputer",
       1.5),
    _p("2513", 10, "Web Developer|Frontend Developer|Web Programmer", "S1:70 D3:15 SMK:15", 1.9, "J:100",
       0.25, 0.6, "Teknik Informatika|Rekayasa Perangkat Lunak", 1.0),
    _p("2511", 6, "System Analyst|Business Analyst IT|Data Analyst", _DEG, 2.3, "J:60 K:40", 0.35, 0.6,
       "Sistem Informasi|Statistika|Teknik Informatika", 2.0),
    _p("3512", 15, "IT Support|Teknisi Komputer|Helpdesk IT", "SMK:35 D3:30 S1:35", 1.3, "J:50 M:25 K:25",
       0.15, 1.0, "Teknik Komputer dan Jaringan|Teknik Informatika", 1.0),
    _p("2522", 5, "Network Administrator|System Administrator", "D3:25 S1:75", 1.8, "J:100", 0.1, 0.7,
       "Teknik Informatika|Teknik Komputer", 2.0),
    _p("2166", 12, "Desainer Grafis|Graphic Designer|Desainer Konten", "SMK:30 D3:20 S1:50", 1.3, "M:50 J:50",
       0.5, 1.1, "Desain Komunikasi Visual|Multimedia", 1.0),
    # Health.
    _p("2221", 20, "Perawat|Perawat Klinik|Perawat Rawat Inap|Ners", "D3:55 S1:45", 1.2, "Q:100", 0.8, 1.3,
       "Keperawatan|Profesi Ners", 1.0),
    _p("3221", 10, "Perawat Vokasi|Asisten Perawat", "D3:70 SMK:30", 1.05, "Q:100", 0.8, 1.2,
       "Keperawatan|Asisten Keperawatan"),
    _p("3222", 8, "Bidan|Bidan Praktik", "D3:60 S1:40", 1.1, "Q:100", 1.0, 1.3, "Kebidanan"),
    _p("3213", 8, "Asisten Apoteker|Tenaga Teknis Kefarmasian", "SMK:35 D3:65", 1.05, "Q:60 G:40", 0.8, 1.1,
       "Farmasi"),
    _p("2211", 4, "Dokter Umum|Dokter Jaga Klinik", "S1:90 S2:10", 3.0, "Q:100", 0.55, 0.8,
       "Pendidikan Dokter", 1.0),
    # Education.
    _p("2341", 15, "Guru SD|Guru Kelas SD|Guru Agama SD", "S1:95 D3:5", 0.9, "P:100", 0.7, 1.6,
       "Pendidikan Guru Sekolah Dasar|Pendidikan Agama Islam"),
    _p("2330", 12, "Guru Matematika|Guru Bahasa Inggris|Guru Produktif SMK", "S1:92 S2:8", 1.0, "P:100", 0.6,
       1.4, "Pendidikan Matematika|Pendidikan Bahasa Inggris|Pendidikan Teknik Mesin"),
    _p("2342", 8, "Guru PAUD|Guru TK", "S1:70 D3:20 SMA:10", 0.8, "P:100", 0.95, 1.3,
       "Pendidikan Guru PAUD"),
    # Agriculture, mining, cleaning.
    _p("9211", 20, "Buruh Kebun|Pekerja Perkebunan Sawit|Pemanen Sawit", "SD:45 SMP:35 SMA:20", 0.9, "A:100",
       0.25, 1.1),
    _p("6121", 5, "Pekerja Peternakan|Anak Kandang", "SD:40 SMP:40 SMA:20", 0.9, "A:100", 0.2),
    _p("8111", 5, "Operator Tambang|Pekerja Tambang", "SMA:40 SMK:50 SMP:10", 1.6, "B:100", 0.02, 0.7, "",
       1.0),
    _p("9112", 40, "Cleaning Service|Office Boy|Petugas Kebersihan|Housekeeping Attendant",
       "SD:25 SMP:40 SMA:35", 0.95, "N:80 I:20", 0.45, 1.2),
)
# fmt: on

# Defaults for the remaining ISCO-08 unit groups by major group (the long tail, ~12% of vacancies).
MAJOR_GROUP_DEFAULTS: dict[str, tuple[str, float, str, float]] = {
    # major: (education, pay factor, sectors, female share)
    "1": ("D3:15 S1:70 S2:15", 2.2, "C:30 G:30 K:20 M:20", 0.3),
    "2": ("S1:85 S2:10 D4:5", 1.8, "M:40 J:20 P:20 Q:20", 0.5),
    "3": ("SMK:20 D3:45 S1:35", 1.35, "C:30 M:30 Q:20 G:20", 0.4),
    "4": ("SMA:30 SMK:30 D3:20 S1:20", 1.05, "N:40 G:30 K:30", 0.65),
    "5": ("SMP:20 SMA:45 SMK:30 D3:5", 1.0, "G:50 I:30 S:20", 0.5),
    "6": ("SD:40 SMP:35 SMA:25", 0.85, "A:100", 0.3),
    "7": ("SMP:30 SMK:50 SMA:20", 1.1, "C:60 F:40", 0.15),
    "8": ("SMP:30 SMA:40 SMK:30", 1.05, "C:70 H:30", 0.2),
    "9": ("SD:30 SMP:40 SMA:30", 0.95, "N:40 C:30 A:30", 0.4),
}
TAIL_SHARE = 0.12

# Cross-cutting skills that Indonesian ads ask for most often, with relative weights, hand-set from what job
# boards repeat in nearly every ad ("mampu mengoperasikan Ms. Office", "komunikasi yang baik", "jujur dan
# disiplin", "memiliki SIM C"). Other transversal, language and licence skills form the long tail.
PREVALENT_SKILLS: dict[str, float] = {
    "sk.komunikasi": 10, "sk.ms-office": 9, "sk.kerja-sama-tim": 8, "sk.disiplin": 8, "sk.jujur": 7,
    "sk.sim-c": 6, "sk.tanggung-jawab": 6, "sk.teliti": 5, "sk.bahasa-inggris": 5,
    "sk.bekerja-di-bawah-tekanan": 4, "sk.mampu-bekerja-shift": 4, "sk.customer-orientation": 3,
    "sk.problem-solving": 3, "sk.manajemen-waktu": 2, "sk.sim-a": 2,
}  # fmt: skip
# How much more often a prevalent skill (per unit of weight) is drawn than a long-tail cross-cutting one.
PREVALENT_FACTOR = 12.0

# Share of employers by KBLI section (manufacturing and trade dominate formal vacancies).
SECTOR_WEIGHTS = "C:24 G:22 I:9 H:7 F:6 N:7 J:5 K:4 Q:4 P:3 M:3 A:3 B:1 S:1 D:0.5 T:0.5"

EMPLOYMENT_TYPES_MIX = "contract:50 permanent:25 daily:6 internship:5 part-time:8 freelance:6"
SEEKER_EMPLOYMENT_MIX = "permanent:55 contract:30 part-time:7 freelance:5 internship:3"

# Seekers' remote-work and working-time preferences. Few accept remote work, and mostly those whose
# occupation has remote ads at all (professionals, technicians, clerks: ISCO major groups 2–4); the rest by
# major group of the occupation sought.
SEEKER_ACCEPTS_REMOTE_RATE: dict[str, float] = {"2": 0.25, "3": 0.15, "4": 0.10}
SEEKER_ACCEPTS_REMOTE_OTHER = 0.02
# Most registrations leave working time blank; of those who state it, shift work is common where the
# occupations run in shifts (sales and services, plant operators, elementary occupations, trades).
SEEKER_WORKING_TIME_STATED = 0.2
SEEKER_SHIFT_SHARE: dict[str, float] = {"5": 0.55, "8": 0.55, "9": 0.5, "7": 0.4}
SEEKER_SHIFT_SHARE_OTHER = 0.15
# The two working times a seeker may state (store.models.WORKING_TIMES).
SEEKER_WORKING_TIMES = ("non-shift", "shift")

# ---------------------------------------------------------------------------------- employer names

NAME_WORDS = (
    "Maju", "Jaya", "Sentosa", "Abadi", "Makmur", "Sejahtera", "Mandiri", "Karya", "Prima", "Mitra",
    "Cipta", "Sinar", "Bintang", "Nusantara", "Buana", "Citra", "Perkasa", "Utama", "Bersama", "Gemilang",
    "Harapan", "Lestari", "Mulia", "Sakti", "Surya", "Cahaya", "Anugerah", "Berkah", "Samudra", "Cemerlang",
    "Kencana", "Permata", "Persada", "Raya", "Setia", "Tunggal", "Wijaya", "Andalas", "Borneo", "Celebes",
)  # fmt: skip
SECTOR_NAME_PATTERNS: dict[str, tuple[str, ...]] = {
    "A": ("PT {a} {b} Agro", "PT Perkebunan {a} {b}", "CV Tani {a}"),
    "B": ("PT {a} {b} Mining", "PT Tambang {a} {b}"),
    "C": ("PT {a} {b} Industri", "PT {a} {b} Manufacturing", "PT {a} Plastindo", "PT {a} {b} Textile",
          "PT {a} {b} Food Industry", "CV {a} Metal Works"),
    "D": ("PT {a} {b} Energi",),
    "F": ("PT {a} {b} Konstruksi", "CV {a} Bangun Persada", "PT {a} {b} Karya Teknik"),
    "G": ("PT {a} {b} Retailindo", "Toko {a} {b}", "PT {a} Niaga {b}", "CV {a} Distribusi",
          "Swalayan {a} {b}", "Bengkel {a} Motor"),
    "H": ("PT {a} {b} Logistik", "PT Ekspedisi {a} {b}", "CV {a} Transport"),
    "I": ("Hotel {a} {b}", "Rumah Makan {a} {b}", "PT {a} Resto {b}", "Kedai Kopi {a}"),
    "J": ("PT {a} Teknologi Digital", "PT {a} {b} Solusi Data", "PT {a} Infotama", "PT {a} Media Kreatif"),
    "K": ("PT BPR {a} {b}", "Koperasi Simpan Pinjam {a} {b}", "PT {a} {b} Finance"),
    "M": ("PT {a} {b} Konsultan", "CV {a} Desain Studio", "PT {a} Kreasi Iklan"),
    "N": ("PT {a} {b} Outsourcing", "PT Jasa Keamanan {a} {b}", "PT {a} Sarana Kebersihan"),
    "P": ("Yayasan Pendidikan {a} {b}", "Sekolah {a} {b}", "Lembaga Kursus {a}"),
    "Q": ("Rumah Sakit {a} {b}", "Klinik {a} {b}", "Apotek {a} {b}"),
    "S": ("Salon {a} {b}", "Bengkel {a} {b}", "Laundry {a}"),
    "T": ("Yayasan Penyalur Pramuwisma {a}", "Rumah Tangga Keluarga {a}"),
}  # fmt: skip

# ------------------------------------------------------------------------------ people's name parts

MALE_GIVEN = (
    "Agus", "Ahmad", "Andi", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Irfan", "Joko", "Rizky", "Muhammad",
    "Arif", "Bayu", "Dimas", "Yusuf", "Galih", "Hadi", "Ilham", "Rudi", "Slamet", "Teguh", "Wahyu", "Yoga",
    "Aditya", "Bagus", "Dani", "Fikri", "Gilang", "Imam", "Rahmat", "Reza", "Taufik", "Aris", "Denny",
)  # fmt: skip
FEMALE_GIVEN = (
    "Siti", "Dewi", "Sri", "Rina", "Putri", "Ayu", "Nur", "Indah", "Fitri", "Lestari", "Ratna", "Wulan",
    "Anisa", "Dian", "Eka", "Febri", "Intan", "Kartika", "Lina", "Maya", "Nadia", "Novi", "Rani", "Sari",
    "Tari", "Yuni", "Aulia", "Citra", "Desi", "Mega", "Nabila", "Rahma", "Tiara", "Umi", "Wati",
)  # fmt: skip
MALE_SECOND = (
    "Santoso", "Wijaya", "Saputra", "Pratama", "Hidayat", "Kurniawan", "Setiawan", "Nugroho", "Prasetyo",
    "Firmansyah", "Gunawan", "Ramadhan", "Hakim", "Syahputra", "Susanto", "Permana", "Maulana", "Wibowo",
)  # fmt: skip
FEMALE_SECOND = (
    "Lestari", "Rahmawati", "Purnamasari", "Wulandari", "Handayani", "Puspita", "Safitri", "Anggraini",
    "Kusumawati", "Maharani", "Rahayu", "Susanti", "Oktaviani", "Utami", "Aprilia", "Fauziah", "Permatasari",
)  # fmt: skip
# Family names that give provinces a regional flavour (Batak, Minahasa, Maluku) ...
REGIONAL_FAMILY: dict[str, tuple[str, ...]] = {
    "12": ("Siregar", "Nasution", "Harahap", "Simanjuntak", "Sitompul", "Lubis", "Hutapea", "Sinaga"),
    "71": ("Wowor", "Rondonuwu", "Sumampouw", "Lumentut", "Tumbelaka", "Mandagi"),
    "81": ("Pattimura", "Latuconsina", "Tuasikal", "Pelupessy", "Matulessy"),
}  # fmt: skip
# ... and Bali's birth-order names.
BALI_MALE_PREFIX = ("I Made", "I Wayan", "I Nyoman", "I Ketut", "I Putu", "I Komang")
BALI_FEMALE_PREFIX = ("Ni Made", "Ni Wayan", "Ni Nyoman", "Ni Ketut", "Ni Putu", "Ni Luh")
STREET_WORDS = (
    "Merdeka", "Sudirman", "Diponegoro", "Gajah Mada", "Ahmad Yani", "Pahlawan", "Melati", "Mawar", "Kenanga",
    "Flamboyan", "Cempaka", "Veteran", "Pemuda", "Kartini", "Pattimura", "Hasanuddin", "Imam Bonjol",
)  # fmt: skip
# Mobile-number prefixes of Indonesian operators ("08" + two digits).
PHONE_PREFIXES = (
    "0811", "0812", "0813", "0821", "0822", "0852", "0853", "0857", "0858", "0856", "0877", "0878", "0895",
    "0896", "0898", "0881", "0882",
)  # fmt: skip

# ---------------------------------------------------------------------------- training programmes


@dataclass(frozen=True, slots=True)
class ProgrammeTemplate:
    """A vocational-training course as BLKs and LPKs list them (title per *kejuruan*)."""

    kejuruan: str
    title: str
    hours_jp: int
    isco: tuple[str, ...]  # unit groups the course prepares for (its skills come from the catalogue links)
    keywords: tuple[str, ...]  # words that pick the course's own skills from those occupations' skills
    certification: str | None
    units: tuple[str, ...]  # syllabus units


def _t(
    kejuruan: str, title: str, hours: int, isco: str, keywords: str, cert: str | None, units: str
) -> ProgrammeTemplate:
    return ProgrammeTemplate(
        kejuruan=kejuruan,
        title=title,
        hours_jp=hours,
        isco=tuple(isco.split()),
        keywords=tuple(k.strip().lower() for k in keywords.split("|") if k.strip()),
        certification=cert,
        units=tuple(u.strip() for u in units.split("|")),
    )


PROGRAMME_TEMPLATES: tuple[ProgrammeTemplate, ...] = (
    _t("TEKNIK LAS", "Pengelasan SMAW 3G", 240, "7212", "las|smaw|weld|welding",
       "BNSP — Skema Juru Las SMAW 3G",
       "Menerapkan K3 pengelasan|Membaca gambar teknik las|Mengelas pelat posisi 3G dengan SMAW"),
    _t("TEKNIK LAS", "Pengelasan SMAW 1G/2G", 160, "7212", "las|smaw|weld",
       "BNSP — Skema Juru Las SMAW 2G",
       "Menerapkan K3 pengelasan|Menyiapkan mesin las busur manual|Mengelas posisi 1G dan 2G"),
    _t("TEKNIK LAS", "Pengelasan GTAW (TIG)", 240, "7212", "las|tig|gtaw|argon|weld",
       "BNSP — Skema Juru Las GTAW",
       "Menerapkan K3 pengelasan|Mengelas baja tahan karat dengan GTAW"),
    _t("TEKNIK MANUFAKTUR", "Operator Mesin Bubut", 240, "7223", "bubut|lathe|ukur|gambar",
       "BNSP — Skema Operator Mesin Bubut", "Membaca gambar teknik|Mengukur dengan alat ukur presisi|"
       "Membubut bertingkat dan ulir"),
    _t("TEKNIK MANUFAKTUR", "Operator Mesin Frais", 240, "7223", "frais|milling|ukur",
       "BNSP — Skema Operator Mesin Frais", "Membaca gambar teknik|Mengefrais bidang rata dan alur"),
    _t("TEKNIK MANUFAKTUR", "Operator CNC Bubut", 280, "7223", "cnc|g-code|bubut",
       "BNSP — Skema Operator Mesin CNC", "Menyusun program CNC|Mengoperasikan mesin CNC bubut"),
    _t("TEKNIK MANUFAKTUR", "Teknisi Perawatan Mesin Industri", 240, "7233 3115",
       "maintenance|perawatan|mesin",
       "BNSP — Skema Mekanik Perawatan Mesin", "Perawatan preventif|Troubleshooting mesin produksi"),
    _t("OTOMOTIF", "Mekanik Sepeda Motor Injeksi", 240, "7231", "motor|injeksi|mesin|servis",
       "BNSP — Skema Mekanik Sepeda Motor", "Servis berkala sepeda motor|Sistem injeksi (EFI)"),
    _t("OTOMOTIF", "Servis Kendaraan Ringan", 280, "7231", "mobil|kendaraan|servis|engine",
       "BNSP — Skema Mekanik Kendaraan Ringan", "Tune up mesin bensin|Sistem rem dan suspensi"),
    _t("LISTRIK", "Instalasi Listrik Rumah Tinggal", 240, "7411", "listrik|instalasi|puil",
       "BNSP — Skema Instalatir Listrik", "Menerapkan PUIL|Memasang instalasi penerangan"),
    _t("REFRIGERASI", "Teknisi AC Residensial", 200, "7127", "ac|refrigerasi|pendingin",
       "BNSP — Skema Teknisi Refrigerasi dan Tata Udara", "Memasang AC split|Merawat dan memperbaiki AC"),
    _t("ELEKTRONIKA", "Teknisi Jaringan Fiber Optik", 200, "7422", "fiber|jaringan|splicing|kabel",
       "BNSP — Skema Teknisi Fiber Optik", "Splicing kabel serat optik|Instalasi FTTH"),
    _t("TIK", "Desain Grafis", 240, "2166", "desain|grafis|photoshop|illustrator|coreldraw|canva",
       "BNSP — Skema Desainer Grafis Muda", "Prinsip desain|Mengolah gambar digital|Tata letak"),
    _t("TIK", "Pemrograman Web", 320, "2513 2512", "web|html|css|javascript|php|program",
       "BNSP — Skema Junior Web Developer", "HTML dan CSS|JavaScript dasar|Basis data MySQL"),
    _t("TIK", "Junior Mobile Programmer (Android)", 320, "2512", "android|kotlin|mobile|java",
       "BNSP — Skema Junior Mobile Programmer", "Dasar Kotlin|Membangun aplikasi Android"),
    _t("TIK", "Junior Network Administrator", 240, "2522 3512", "jaringan|network|mikrotik|cisco|lan",
       "BNSP — Skema Junior Network Administrator", "Instalasi LAN|Konfigurasi router"),
    _t("TIK", "Operator Komputer Perkantoran", 160, "4132 4110", "office|excel|word|komputer|ketik",
       "BNSP — Skema Operator Komputer Muda", "Mengolah kata|Mengolah angka (spreadsheet)|Presentasi"),
    _t("TIK", "Junior Data Scientist", 240, "2511 2120", "data|python|sql|statistik|analisis",
       "BNSP — Skema Associate Data Scientist", "Eksplorasi data|Visualisasi data|Model prediktif"),
    _t("BISNIS DAN MANAJEMEN", "Digital Marketing", 120, "2431", "marketing|pemasaran|media sosial|seo|iklan",
       "BNSP — Skema Digital Marketing", "Strategi konten|Iklan media sosial|SEO dasar"),
    _t("BISNIS DAN MANAJEMEN", "Administrasi Perkantoran", 200, "4110", "administrasi|arsip|surat|office",
       "BNSP — Skema Administrasi Perkantoran", "Mengelola arsip|Korespondensi|Aplikasi perkantoran"),
    _t("BISNIS DAN MANAJEMEN", "Teknisi Akuntansi Junior", 200, "4311 2411",
       "akuntansi|jurnal|pajak|keuangan",
       "BNSP — Skema Teknisi Akuntansi Junior", "Siklus akuntansi|Jurnal dan buku besar|Laporan keuangan"),
    _t("BISNIS DAN MANAJEMEN", "Pelayanan Pelanggan (Customer Service)", 120, "4222 5230",
       "pelanggan|customer|komunikasi|layanan", None, "Komunikasi dengan pelanggan|Menangani keluhan"),
    _t("PARIWISATA", "Barista", 120, "5132", "kopi|barista|espresso|minuman", "BNSP — Skema Barista",
       "Pengetahuan kopi|Menyiapkan espresso|Latte art"),
    _t("PARIWISATA", "Cook (Tata Boga Hotel)", 240, "5120", "masak|cook|dapur|makanan|higiene",
       "BNSP — Skema Cook", "Higiene dan sanitasi|Teknik dasar memasak|Menu kontinental dan Indonesia"),
    _t("PARIWISATA", "Pembuatan Roti dan Kue", 160, "7512", "roti|kue|bakery|adonan", "BNSP — Skema Baker",
       "Membuat adonan roti|Membuat kue"),
    _t("PARIWISATA", "Housekeeping Hotel", 200, "9112 5151", "housekeeping|kamar|kebersihan|laundry",
       "BNSP — Skema Room Attendant", "Menyiapkan kamar tamu|Membersihkan area umum"),
    _t("PARIWISATA", "Food and Beverage Service (Waiter)", 160, "5131", "pelayan|waiter|restoran|table",
       "BNSP — Skema Waiter", "Menata meja|Melayani tamu restoran"),
    _t("PARIWISATA", "Front Office Hotel", 160, "4224 4226", "front office|resepsionis|reservasi|tamu",
       "BNSP — Skema Front Desk Agent", "Menangani reservasi|Check-in dan check-out tamu"),
    _t("GARMEN APPAREL", "Menjahit Pakaian", 240, "7531 8153", "jahit|pola|pakaian|busana",
       "BNSP — Skema Penjahit Pakaian", "Membuat pola|Menjahit pakaian wanita"),
    _t("GARMEN APPAREL", "Operator Mesin Jahit Industri", 200, "8153", "jahit|mesin jahit|garmen|obras",
       "BNSP — Skema Operator Mesin Jahit", "Mengoperasikan mesin jahit high speed|Menjahit komponen"),
    _t("KECANTIKAN", "Tata Kecantikan Kulit", 200, "5142", "kecantikan|kulit|facial|rias|spa",
       "BNSP — Skema Tata Kecantikan Kulit", "Perawatan wajah|Tata rias"),
    _t("KECANTIKAN", "Tata Kecantikan Rambut", 200, "5141", "rambut|potong|salon|hair",
       "BNSP — Skema Penata Rambut", "Memotong rambut|Pewarnaan rambut"),
    _t("BAHASA", "Bahasa Jepang N4", 480, "5322 7212 9329", "jepang|japanese|jlpt|n4", "JLPT N4",
       "Hiragana dan katakana|Kanji dasar|Percakapan kerja"),
    _t("BAHASA", "Bahasa Korea (EPS-TOPIK)", 300, "9329 8189", "korea|korean|topik", "EPS-TOPIK",
       "Hangeul|Percakapan dasar|Persiapan EPS-TOPIK"),
    _t("BAHASA", "Bahasa Inggris untuk Perhotelan", 120, "4224 4226 5131", "inggris|english|hospitality",
       None, "Percakapan pelayanan tamu|Kosakata perhotelan"),
    _t("KONSTRUKSI", "Tukang Bangunan Gedung", 160, "7112", "bangunan|bata|plester|beton",
       "SKK Konstruksi — Tukang Pasang Bata", "Memasang bata|Plester dan aci"),
    _t("KONSTRUKSI", "Drafter AutoCAD", 240, "3118 2142", "autocad|gambar|drafter|cad",
       "BNSP — Skema Juru Gambar Bangunan Gedung", "Menggambar 2D dengan AutoCAD|Gambar kerja"),
    _t("LOGISTIK", "Operator Forklift", 80, "8344", "forklift|gudang|angkat", "SIO Forklift (Kemnaker)",
       "K3 pesawat angkat|Mengoperasikan forklift"),
    _t("LOGISTIK", "Administrasi Gudang", 120, "4321 9333", "gudang|stok|inventory|warehouse", None,
       "Pencatatan stok|Penerimaan dan pengiriman barang"),
    _t("PERAWATAN", "Caregiver (Perawatan Lansia)", 480, "5322", "lansia|caregiver|perawatan|pasien",
       "BNSP — Skema Caregiver", "Membantu aktivitas sehari-hari lansia|Pertolongan pertama"),
    _t("PERAWATAN", "Pengasuh Anak (Baby Sitter)", 240, "5311", "anak|bayi|pengasuh|asuh",
       "BNSP — Skema Pengasuh Bayi dan Anak", "Merawat bayi|Stimulasi tumbuh kembang"),
    _t("KEAMANAN", "Satpam Gada Pratama", 232, "5414", "satpam|keamanan|security|patroli",
       "Gada Pratama (Polri)", "Pengamanan objek|Patroli|Pertolongan pertama"),
    _t("MENGEMUDI", "Mengemudi Kendaraan Roda Empat", 80, "8322", "mengemudi|sim|sopir|driver", "SIM A",
       "Teknik mengemudi aman|Perawatan ringan kendaraan"),
    _t("PERTANIAN", "Budidaya Tanaman Hidroponik", 120, "6113 6111", "hidroponik|tanam|budidaya|pertanian",
       None, "Sistem hidroponik|Nutrisi tanaman"),
)  # fmt: skip

# National vocational-training centres (UPTP of Kemnaker) with the Kemendagri code of their city.
NATIONAL_BLK: tuple[tuple[str, str], ...] = (
    ("BBPVP Bekasi", "3275"),
    ("BBPVP Serang", "3673"),
    ("BBPVP Bandung", "3273"),
    ("BBPVP Medan", "1271"),
    ("BBPVP Makassar", "7371"),
    ("BBPVP Semarang", "3374"),
    ("BPVP Surakarta", "3372"),
    ("BPVP Padang", "1371"),
    ("BPVP Ternate", "8271"),
    ("BPVP Kendari", "7471"),
    ("BPVP Banda Aceh", "1171"),
    ("BPVP Lombok Timur", "5203"),
)
ONLINE_PROVIDER_NAMES = ("Akademi Daring Nusantara", "Kelas Kerja Online", "Vokasi Digital Indonesia")
LPK_WORDS = (
    "Cipta Karya",
    "Bina Terampil",
    "Mitra Kompeten",
    "Tunas Mandiri",
    "Prima Vokasi",
    "Sakura Gakuin",
)
