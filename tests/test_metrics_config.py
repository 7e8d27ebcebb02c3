"""warehouse/config/budaya_kerja.toml: loaded, validated, overridable by BUDAYA_CONFIG."""

from __future__ import annotations

import re
from datetime import time

import pytest

from warehouse.config import DEFAULT_CONFIG, ConfigError, load_config

BASE = DEFAULT_CONFIG.read_text(encoding="utf-8")


def write(tmp_path, text):
    p = tmp_path / "budaya.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_default_config_values():
    c = load_config()
    assert c.weights == {"discipline": 30, "performance": 30, "competency": 15, "behaviour": 25}
    assert c.minutes_per_day == 450 and c.consecutive_days == 10 and c.target_jp == 20
    assert c.hours.start == time(7, 30) and c.hours.end_fri == time(16, 30)
    assert c.ramadan_hours.start == time(8) and c.ramadan_hours.minutes == 390
    assert [s.min_days for s in c.ladder] == [3, 4, 7, 11, 14, 17, 21, 25, 28]
    assert [s.max_days for s in c.ladder] == [3, 6, 10, 13, 16, 20, 24, 27, None]
    assert c.ladder[-1].label == "Pemberhentian dengan hormat tidak atas permintaan sendiri"
    assert c.organisational_predikat == "Baik"
    assert c.outliers["low_productivity"]["z_threshold"] == -3.5


def test_env_overrides_the_path(tmp_path, monkeypatch):
    p = write(tmp_path, BASE.replace("disiplin = 30", "disiplin = 40"))
    monkeypatch.setenv("BUDAYA_CONFIG", str(p))
    c = load_config()
    assert c.path == p.resolve() and c.weights["discipline"] == 40


@pytest.mark.parametrize(
    ("old", "new", "key", "words"),
    [
        ("disiplin = 30", 'disiplin = "tiga puluh"', "indeks.bobot.disiplin", "harus berupa angka"),
        ("kinerja = 30\nkompetensi", "kinerja = -5\nkompetensi", "indeks.bobot.kinerja", "tidak boleh kurang dari 0"),
        ("hari_min = 7", "hari_min = 4", "disiplin.tangga[3].hari_min", "tangga sanksi harus naik"),
        ('masuk = "07:30"', 'masuk = "tujuh"', "jam_kerja.masuk", "JJ:MM"),
        ('pulang_jumat = "16:30"', 'pulang_jumat = "07:00"', "jam_kerja.pulang_jumat", "lebih lambat"),
        ('label = "Teguran lisan"', 'label = "PTDH"', "disiplin.tangga", "PTDH"),
        ('predikat_organisasi = "Baik"\n\n[kinerja.poin', 'predikat_organisasi = "Hebat"\n\n[kinerja.poin',
         "kinerja.predikat_organisasi", "harus salah satu dari"),
        ('kategori = "Sedang"', 'kategori = "Menengah"', "kategori", "Ringan, Sedang, Berat"),
        ("ambang_z = -3.5\n", "ambang_z = 3.5\n",
         "outlier.low_productivity.ambang_z", "tidak boleh lebih dari 0"),
    ],
)
def test_bad_values_have_a_clear_indonesian_message(tmp_path, old, new, key, words):
    assert old in BASE, old
    p = write(tmp_path, BASE.replace(old, new, 1))
    with pytest.raises(ConfigError) as err:
        load_config(p)
    msg = str(err.value)
    assert msg.startswith("Konfigurasi tidak valid") and str(p.resolve()) in msg
    assert key in msg and words in msg, msg


def test_all_weights_zero_is_rejected(tmp_path):
    text = re.sub(r"(disiplin|kinerja|kompetensi|perilaku) = \d+\n", r"\1 = 0\n", BASE)
    with pytest.raises(ConfigError, match="jumlah bobot"):
        load_config(write(tmp_path, text))


def test_missing_key_and_broken_toml(tmp_path):
    with pytest.raises(ConfigError, match="wajib diisi"):
        load_config(write(tmp_path, BASE.replace("target_jp = 20\n", "")))
    with pytest.raises(ConfigError, match="bukan TOML yang sah"):
        load_config(write(tmp_path, BASE + "\n[indeks\n"))
    with pytest.raises(ConfigError, match="tidak dapat dibaca"):
        load_config(tmp_path / "nope.toml")


def test_weights_change_the_index_without_code(tmp_path):
    from datetime import date

    from tests.conftest_metrics import Tiny, nip_for, workdays_2026

    t = Tiny(tmp_path / "w.duckdb")
    t.opd("D1", "Dinas Kesehatan")
    a = nip_for(1)
    t.pegawai(a, "D1")
    for _i, d in enumerate(workdays_2026(date(2026, 1, 5), date(2026, 1, 30))):
        t.day(a, d)
        t.activity(a, d, 150)
    cfg_path = write(tmp_path, BASE.replace("disiplin = 30", "disiplin = 0"))
    t.build(today=date(2026, 12, 31), config=cfg_path)
    r = t.dicts("select discipline_score, performance_score, culture_index, weight_discipline from mart_opd_monthly")[0]
    assert r["weight_discipline"] == 0 and r["culture_index"] == pytest.approx(r["performance_score"])


def test_duckdb_resources_default_validate_and_are_optional(tmp_path):
    from pathlib import Path

    r = load_config().resources
    assert (r.memory_limit, r.threads, r.preserve_insertion_order) == ("1.1GB", 2, False)
    assert r.temp_dir_for(Path("/x/budaya.duckdb")) == Path("/x/budaya.duckdb.tmp")
    without = BASE.split("[duckdb]")[0]
    assert load_config(write(tmp_path, without)).resources == r  # the section is optional
    custom = load_config(write(tmp_path, without + '[duckdb]\nmemory_limit = "800MB"\nthreads = 1\n'
                                          'temp_directory = "spill"\n')).resources
    assert (custom.memory_limit, custom.threads) == ("800MB", 1)
    assert custom.temp_dir_for(Path("/x/budaya.duckdb")) == Path("/x/spill")
    for bad, key in (('memory_limit = "banyak"', "duckdb.memory_limit"), ("threads = -1", "duckdb.threads"),
                     ("memori = 1", "duckdb.memori")):
        with pytest.raises(ConfigError, match=re.escape(key)):
            load_config(write(tmp_path, without + "[duckdb]\n" + bad + "\n"))
