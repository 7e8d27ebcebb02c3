"""What `generate` returns: files, rows per source, planted anomalies and bad rows, the story."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from demo_region.catalogue import PEMKAB


@dataclass
class GenerateSummary:
    out_dir: Path
    mulai: str
    sampai: str
    pegawai: int
    opd: int
    files: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    anomalies: dict[str, int] = field(default_factory=dict)
    anomaly_rows: dict[str, int] = field(default_factory=dict)
    bad_rows: dict[str, int] = field(default_factory=dict)
    story: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    def __str__(self) -> str:
        fmt = lambda n: f"{n:,}".replace(",", ".")  # noqa: E731
        lines = [
            f"Wilayah demo {PEMKAB} ditulis ke {self.out_dir}",
            f"  periode {self.mulai} s.d. {self.sampai}, {fmt(self.pegawai)} pegawai, {self.opd} OPD, "
            f"{len(self.files)} berkas, {self.seconds:.1f} detik",
            "  baris per sumber: " + ", ".join(f"{k} {fmt(v)}" for k, v in self.rows.items()),
            "  anomali tertanam: " + ", ".join(f"{k} {fmt(v)}" for k, v in self.anomalies.items()),
            "  baris rusak tertanam: " + ", ".join(f"{k} {fmt(v)}" for k, v in self.bad_rows.items()),
            "  cerita:",
        ]
        lines += [f"    - {s['bulan']} {s['opd_code']} {s['keterangan']}" for s in self.story]
        lines.append("  kunci jawaban di _kunci/ (tidak dimuat oleh ingest)")
        return "\n".join(lines)

