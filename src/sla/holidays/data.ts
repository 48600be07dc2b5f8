/**
 * GENERATED from ./<year>.json by ./generate.mjs: do not edit; edit the JSON and rerun.
 * National holidays and cuti bersama per year, as decreed (see each year's `source`).
 */
import type { HolidayYear } from '../holidays.js';

const data: HolidayYear[] = [
  {
    "year": 2025,
    "provisional": false,
    "source": {
      "decree": "Keputusan Bersama Menteri Agama, Menteri Ketenagakerjaan, dan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 1017 Tahun 2024, Nomor 2 Tahun 2024, Nomor 2 Tahun 2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025",
      "signed": "2024-10-14",
      "summary": "17 hari libur nasional dan 10 hari cuti bersama.",
      "amendments": [
        {
          "decree": "Keputusan Bersama Menteri Agama, Menteri Ketenagakerjaan, dan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 933 Tahun 2025, Nomor 1 Tahun 2025, Nomor 3 Tahun 2025 tentang Perubahan atas Keputusan Bersama Nomor 1017 Tahun 2024, Nomor 2 Tahun 2024, Nomor 2 Tahun 2024",
          "signed": "2025-08-07",
          "change": "Menambah cuti bersama Senin, 18 Agustus 2025 (Proklamasi Kemerdekaan, HUT ke-80 RI): 11 hari cuti bersama."
        }
      ]
    },
    "days": [
      {
        "date": "2025-01-01",
        "kind": "national",
        "name": "Tahun Baru 2025 Masehi"
      },
      {
        "date": "2025-01-27",
        "kind": "national",
        "name": "Isra Mikraj Nabi Muhammad SAW"
      },
      {
        "date": "2025-01-28",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Tahun Baru Imlek 2576 Kongzili"
      },
      {
        "date": "2025-01-29",
        "kind": "national",
        "name": "Tahun Baru Imlek 2576 Kongzili"
      },
      {
        "date": "2025-03-28",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Hari Suci Nyepi (Tahun Baru Saka 1947)"
      },
      {
        "date": "2025-03-29",
        "kind": "national",
        "name": "Hari Suci Nyepi (Tahun Baru Saka 1947)"
      },
      {
        "date": "2025-03-31",
        "kind": "national",
        "name": "Idulfitri 1446 Hijriah"
      },
      {
        "date": "2025-04-01",
        "kind": "national",
        "name": "Idulfitri 1446 Hijriah"
      },
      {
        "date": "2025-04-02",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Idulfitri 1446 Hijriah"
      },
      {
        "date": "2025-04-03",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Idulfitri 1446 Hijriah"
      },
      {
        "date": "2025-04-04",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Idulfitri 1446 Hijriah"
      },
      {
        "date": "2025-04-07",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Idulfitri 1446 Hijriah"
      },
      {
        "date": "2025-04-18",
        "kind": "national",
        "name": "Wafat Yesus Kristus"
      },
      {
        "date": "2025-04-20",
        "kind": "national",
        "name": "Kebangkitan Yesus Kristus (Paskah)"
      },
      {
        "date": "2025-05-01",
        "kind": "national",
        "name": "Hari Buruh Internasional"
      },
      {
        "date": "2025-05-12",
        "kind": "national",
        "name": "Hari Raya Waisak 2569 BE"
      },
      {
        "date": "2025-05-13",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Hari Raya Waisak 2569 BE"
      },
      {
        "date": "2025-05-29",
        "kind": "national",
        "name": "Kenaikan Yesus Kristus"
      },
      {
        "date": "2025-05-30",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Kenaikan Yesus Kristus"
      },
      {
        "date": "2025-06-01",
        "kind": "national",
        "name": "Hari Lahir Pancasila"
      },
      {
        "date": "2025-06-06",
        "kind": "national",
        "name": "Iduladha 1446 Hijriah"
      },
      {
        "date": "2025-06-09",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Iduladha 1446 Hijriah"
      },
      {
        "date": "2025-06-27",
        "kind": "national",
        "name": "1 Muharam Tahun Baru Islam 1447 Hijriah"
      },
      {
        "date": "2025-08-17",
        "kind": "national",
        "name": "Proklamasi Kemerdekaan"
      },
      {
        "date": "2025-08-18",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Proklamasi Kemerdekaan"
      },
      {
        "date": "2025-09-05",
        "kind": "national",
        "name": "Maulid Nabi Muhammad SAW"
      },
      {
        "date": "2025-12-25",
        "kind": "national",
        "name": "Kelahiran Yesus Kristus"
      },
      {
        "date": "2025-12-26",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Kelahiran Yesus Kristus"
      }
    ]
  },
  {
    "year": 2026,
    "provisional": false,
    "source": {
      "decree": "Keputusan Bersama Menteri Agama, Menteri Ketenagakerjaan, dan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 1497 Tahun 2025, Nomor 2 Tahun 2025, Nomor 5 Tahun 2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026",
      "signed": "2025-09-23",
      "summary": "17 hari libur nasional dan 8 hari cuti bersama.",
      "amendments": []
    },
    "days": [
      {
        "date": "2026-01-01",
        "kind": "national",
        "name": "Tahun Baru 2026 Masehi"
      },
      {
        "date": "2026-01-16",
        "kind": "national",
        "name": "Isra Mikraj Nabi Muhammad SAW"
      },
      {
        "date": "2026-02-16",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Tahun Baru Imlek 2577 Kongzili"
      },
      {
        "date": "2026-02-17",
        "kind": "national",
        "name": "Tahun Baru Imlek 2577 Kongzili"
      },
      {
        "date": "2026-03-18",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Hari Suci Nyepi (Tahun Baru Saka 1948)"
      },
      {
        "date": "2026-03-19",
        "kind": "national",
        "name": "Hari Suci Nyepi (Tahun Baru Saka 1948)"
      },
      {
        "date": "2026-03-20",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Idulfitri 1447 Hijriah"
      },
      {
        "date": "2026-03-21",
        "kind": "national",
        "name": "Idulfitri 1447 Hijriah"
      },
      {
        "date": "2026-03-22",
        "kind": "national",
        "name": "Idulfitri 1447 Hijriah"
      },
      {
        "date": "2026-03-23",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Idulfitri 1447 Hijriah"
      },
      {
        "date": "2026-03-24",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Idulfitri 1447 Hijriah"
      },
      {
        "date": "2026-04-03",
        "kind": "national",
        "name": "Wafat Yesus Kristus"
      },
      {
        "date": "2026-04-05",
        "kind": "national",
        "name": "Kebangkitan Yesus Kristus (Paskah)"
      },
      {
        "date": "2026-05-01",
        "kind": "national",
        "name": "Hari Buruh Internasional"
      },
      {
        "date": "2026-05-14",
        "kind": "national",
        "name": "Kenaikan Yesus Kristus"
      },
      {
        "date": "2026-05-15",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Kenaikan Yesus Kristus"
      },
      {
        "date": "2026-05-27",
        "kind": "national",
        "name": "Iduladha 1447 Hijriah"
      },
      {
        "date": "2026-05-28",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Iduladha 1447 Hijriah"
      },
      {
        "date": "2026-05-31",
        "kind": "national",
        "name": "Hari Raya Waisak 2570 BE"
      },
      {
        "date": "2026-06-01",
        "kind": "national",
        "name": "Hari Lahir Pancasila"
      },
      {
        "date": "2026-06-16",
        "kind": "national",
        "name": "1 Muharam Tahun Baru Islam 1448 Hijriah"
      },
      {
        "date": "2026-08-17",
        "kind": "national",
        "name": "Proklamasi Kemerdekaan"
      },
      {
        "date": "2026-08-25",
        "kind": "national",
        "name": "Maulid Nabi Muhammad SAW"
      },
      {
        "date": "2026-12-24",
        "kind": "cuti_bersama",
        "name": "Cuti Bersama Kelahiran Yesus Kristus"
      },
      {
        "date": "2026-12-25",
        "kind": "national",
        "name": "Kelahiran Yesus Kristus"
      }
    ]
  }
];

export default data;
