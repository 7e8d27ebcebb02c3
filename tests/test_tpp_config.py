"""[tpp] in warehouse/config/budaya_kerja.toml: the shipped example, and every bad value named in Bahasa Indonesia."""

from __future__ import annotations

import pytest

from warehouse.config import DEFAULT_CONFIG, ConfigError, load_config
from warehouse.tpp import rule_frames, rules_from_tables

BASE = DEFAULT_CONFIG.read_text(encoding="utf-8")


def write(tmp_path, text):
    p = tmp_path / "budaya.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_shipped_rules_are_the_labelled_example():
    t = load_config().tpp
    assert t.example is True and t.regulation.startswith("CONTOH")
    assert (t.w_kinerja, t.w_disiplin, t.cpns_percent) == (60, 40, 80)
    assert [(b.code, b.min_minutes, b.max_minutes, b.percent) for b in t.bands if b.kind == "terlambat"] == [
        ("TL1", 1, 30, 0.5), ("TL2", 31, 60, 1), ("TL3", 61, 90, 1.25), ("TL4", 91, None, 1.5)]
    assert t.sanction_percent == {"PEMOTONGAN_TUNJANGAN": 25}
    assert t.leave_paid_percent == {"CB": 0, "CM": 100, "TB": 0}


def test_rules_round_trip_through_the_published_tables():
    t = load_config().tpp
    frames = rule_frames(t)
    assert rules_from_tables(frames["cfg_tpp"], frames["cfg_tpp_cuts"]) == t


def test_without_a_tpp_section_no_rules_and_empty_tables(tmp_path):
    start, end = BASE.index("[tpp]\n"), BASE.index("[anonimitas]\n")
    c = load_config(write(tmp_path, BASE[:start] + BASE[end:]))
    assert c.tpp is None
    assert all(f.is_empty() for f in rule_frames(None).values())


@pytest.mark.parametrize(
    ("old", "new", "key", "words"),
    [
        ("bobot_disiplin = 40", "bobot_disiplin = 30", "tpp.bobot_kinerja", "harus 100"),
        ("cpns_persen = 80", "cpns_persen = 180", "tpp.cpns_persen", "tidak boleh lebih dari 100"),
        ('dasar_persen_disiplin = "bagian_disiplin"', 'dasar_persen_disiplin = "gaji"',
         "tpp.dasar_persen_disiplin", "harus salah satu dari"),
        ("menit_min = 31\nmenit_maks = 60\npersen = 1\n", "menit_min = 35\nmenit_maks = 60\npersen = 1\n",
         "tpp.terlambat[2].menit_min", "tanpa celah"),
        ('kode = "TL3"', 'kode = "PSW9"', "tpp.terlambat[3].kode", "harus diawali TL"),
        ("persen = 1.25\n", 'persen = "satu"\n', "tpp.terlambat[3].persen", "harus berupa angka"),
        ("PEMOTONGAN_TUNJANGAN = 25", "POTONG_GAJI = 25", "tpp.hukuman.POTONG_GAJI", "bukan jenis hukuman"),
        ("CM = 100\n", "", "tpp.cuti", "CM (Cuti melahirkan)"),
        ("pembulatan_rupiah = 1\n", "pembulatan_rupiah = 0\n", "tpp.pembulatan_rupiah", "tidak boleh kurang dari 1"),
        ("\ncontoh = true", '\ncontoh = "ya"', "tpp.contoh", "true atau false"),
        ('versi = "contoh-2026.1"\n', "", "tpp.versi", "wajib diisi"),
    ],
)
def test_bad_tpp_values_have_a_clear_indonesian_message(tmp_path, old, new, key, words):
    assert old in BASE, old
    p = write(tmp_path, BASE.replace(old, new, 1))
    with pytest.raises(ConfigError) as err:
        load_config(p)
    msg = str(err.value)
    assert msg.startswith("Konfigurasi tidak valid") and key in msg and words in msg, msg


def test_a_band_after_the_open_ended_one_is_refused(tmp_path):
    text = BASE.replace('kode = "TL4"\nmenit_min = 91\npersen = 1.5\n',
                        'kode = "TL4"\nmenit_min = 91\npersen = 1.5\n\n[[tpp.terlambat]]\nkode = "TL5"\n'
                        'menit_min = 121\npersen = 2\n', 1)
    with pytest.raises(ConfigError, match=r"tpp.terlambat\[5\].*tanpa menit_maks"):
        load_config(write(tmp_path, text))
