-- Ingest layer. Pipelines write only these tables; every row carries its batch (lineage)
-- and its 1-based data-row number in the source file. Column names are English; the
-- Indonesian source headers are mapped once, in pipelines/sources.py.

create table if not exists ingest_batches (
    batch_id varchar primary key,   -- e.g. 20260112T093001-3f2a9c1b
    source varchar not null,      -- opd, pegawai, absensi_log, ...
    file_name varchar not null,
    sha256 varchar not null,
    rows_in bigint not null,
    rows_loaded bigint not null,
    rows_quarantined bigint not null,
    rows_duplicate bigint not null,
    rows_replaced bigint not null default 0,  -- earlier rows superseded by natural key
    status varchar not null,      -- loaded | skipped | rejected
    message varchar,               -- why a file was skipped or rejected (Bahasa Indonesia)
    started_at timestamptz not null,
    finished_at timestamptz not null
);
-- which layout read the file: kontrak (data-contract.md), a built-in real layout, or peta:<name>
alter table ingest_batches add column if not exists layout varchar;

create table if not exists quarantine (
    batch_id varchar not null,
    source varchar not null,
    file_name varchar not null,
    row_number bigint not null,           -- CSV/XLSX: 1-based data row; attlog: 1-based line
    reason_code varchar not null,
    reason varchar not null,           -- Bahasa Indonesia, names the column and value
    raw varchar not null            -- the row as it came (JSON object of header -> cell, or the attlog line)
);

create table if not exists raw_opd (
    opd_code varchar primary key,
    opd_name varchar not null,
    opd_short varchar,
    rumpun varchar not null,
    batch_id varchar not null,
    row_number bigint not null
);

create table if not exists raw_pegawai (
    nip varchar primary key,  -- 18 digits, text
    name varchar not null,
    gender varchar,              -- L / P
    birth_date date,
    employment_status varchar not null,     -- PNS / PPPK
    golongan varchar,
    position_type varchar not null,     -- Struktural / Fungsional / Pelaksana
    position_name varchar,
    eselon varchar,
    education varchar,
    opd_code varchar not null,
    work_unit varchar,
    tmt_date date,                 -- TMT CPNS (PNS) or TMT PPPK
    pin_absen varchar,              -- fingerprint user number, trimmed text
    is_active boolean not null,
    batch_id varchar not null,
    row_number bigint not null
);

-- machine user lists: which NIP a fingerprint PIN is (SIASN carries no PIN_ABSEN)
create table if not exists raw_pin_mesin (
    pin varchar not null,              -- leading zeros removed, as punches' PIN
    nip varchar not null,
    device_id varchar not null,        -- MESIN, or '*' = every machine
    batch_id varchar not null,
    row_number bigint not null,
    primary key (pin, device_id)
);

create table if not exists raw_absensi_log (
    nip varchar not null,            -- resolved from PIN_ABSEN (or NIP) at load
    pin varchar not null,
    punched_at timestamp not null,          -- local time as the machine wrote it
    device_id varchar not null,
    raw_fields varchar,                     -- trailing attlog fields, kept raw
    batch_id varchar not null,
    row_number bigint not null
);

create table if not exists raw_absensi_harian (
    nip varchar not null,
    work_date date not null,
    time_in time,
    time_out time,
    status_code varchar not null,           -- H I S CT CB CM CAP DL TB TK L (synonyms mapped)
    status_raw varchar,                    -- KETERANGAN as it came
    batch_id varchar not null,
    row_number bigint not null,
    primary key (nip, work_date)
);

create table if not exists raw_kinerja (
    nip varchar not null,
    year integer not null,
    period varchar not null,      -- '1'..'12', 'TW1'..'TW4', 'TAHUNAN'
    rating_hasil varchar not null,      -- DI ATAS EKSPEKTASI / SESUAI EKSPEKTASI / DI BAWAH EKSPEKTASI
    rating_perilaku varchar not null,
    predikat_source varchar,               -- PREDIKAT_KINERJA as given (normalised), may be null
    predikat varchar not null,      -- as the source says, else derived from the matrix
    predikat_matrix varchar not null,      -- what the PermenPANRB 6/2022 matrix gives
    is_predikat_derived boolean not null,
    is_predikat_mismatch boolean not null,  -- source contradicts the matrix (loaded, flagged)
    batch_id varchar not null,
    row_number bigint not null,
    primary key (nip, year, period)
);

-- e-Kinerja BKN Laporan SKP: judges penilaian rows at load (PLT/PLH or not approved: not kinerja)
create table if not exists raw_skp_bkn (
    skp_id varchar not null,           -- `id` of the Laporan SKP, joined to the penilaian's `id`
    nip varchar not null,
    skp_status varchar,                -- lower case; 'persetujuan' = approved
    is_plt_plh boolean not null,
    period_start date,
    period_end date,                   -- the latest periode_akhir wins among an employee's SKPs
    batch_id varchar not null,
    row_number bigint not null,
    primary key (skp_id)
);

create table if not exists raw_aktivitas (
    nip varchar not null,
    activity_date date not null,
    description varchar,
    duration_minutes integer not null,      -- 1..1440
    volume double,
    volume_unit varchar,
    status varchar not null,      -- DISETUJUI / DITOLAK / MENUNGGU
    start_time time,
    end_time time,
    batch_id varchar not null,
    row_number bigint not null
);

create table if not exists raw_pelatihan (
    nip varchar not null,
    training_name varchar not null,
    training_type varchar not null,        -- JENIS, one of the contract's list
    organizer varchar,
    start_date date not null,
    end_date date not null,        -- counts in the year of end_date
    jp double not null,        -- jam pelajaran, > 0
    certificate_no varchar,
    batch_id varchar not null,
    row_number bigint not null,
    primary key (nip, training_name, start_date)
);

create table if not exists raw_berakhlak (
    period varchar not null,        -- 2026-S1, 2026-TW1, ...
    nip varchar not null,        -- NIP_DINILAI
    assessor_role varchar not null,        -- ATASAN / REKAN / BAWAHAN / DIRI
    assessor_id varchar not null,
    berorientasi_pelayanan double not null,  -- each 1..5 (value column, or mean of its 3 items)
    akuntabel double not null,
    kompeten double not null,
    harmonis double not null,
    loyal double not null,
    adaptif double not null,
    kolaboratif double not null,
    -- P01..P21: the 21 panduan perilaku (three per value, in the values' order), 1..5 or empty
    p01 double,
    p02 double,
    p03 double,
    p04 double,
    p05 double,
    p06 double,
    p07 double,
    p08 double,
    p09 double,
    p10 double,
    p11 double,
    p12 double,
    p13 double,
    p14 double,
    p15 double,
    p16 double,
    p17 double,
    p18 double,
    p19 double,
    p20 double,
    p21 double,
    batch_id varchar not null,
    row_number bigint not null,
    primary key (period, nip, assessor_role, assessor_id)
);
-- a warehouse made before the behaviour items were kept gets them (empty for rows loaded then)
alter table raw_berakhlak add column if not exists p01 double;
alter table raw_berakhlak add column if not exists p02 double;
alter table raw_berakhlak add column if not exists p03 double;
alter table raw_berakhlak add column if not exists p04 double;
alter table raw_berakhlak add column if not exists p05 double;
alter table raw_berakhlak add column if not exists p06 double;
alter table raw_berakhlak add column if not exists p07 double;
alter table raw_berakhlak add column if not exists p08 double;
alter table raw_berakhlak add column if not exists p09 double;
alter table raw_berakhlak add column if not exists p10 double;
alter table raw_berakhlak add column if not exists p11 double;
alter table raw_berakhlak add column if not exists p12 double;
alter table raw_berakhlak add column if not exists p13 double;
alter table raw_berakhlak add column if not exists p14 double;
alter table raw_berakhlak add column if not exists p15 double;
alter table raw_berakhlak add column if not exists p16 double;
alter table raw_berakhlak add column if not exists p17 double;
alter table raw_berakhlak add column if not exists p18 double;
alter table raw_berakhlak add column if not exists p19 double;
alter table raw_berakhlak add column if not exists p20 double;
alter table raw_berakhlak add column if not exists p21 double;

create table if not exists raw_tpp_dasar (
    nip varchar,                   -- the amount of one employee, or
    position_name varchar,         -- of every holder of this jabatan (NAMA_JABATAN)
    kelas_jabatan integer,         -- 1..17, as the Perkada's lampiran lists it (information)
    amount double not null,        -- BESARAN_TPP, rupiah per month
    valid_from date not null,      -- BERLAKU_MULAI: the latest start on or before a month applies
    basis_key varchar not null,    -- NIP, else 'JABATAN:' + the jabatan in upper case (replace key)
    batch_id varchar not null,
    row_number bigint not null
);

create table if not exists raw_hukuman_disiplin (
    nip varchar not null,
    sanction_type varchar not null,   -- code of warehouse.rules.SANCTION_TYPES (PP 94/2021 Pasal 8)
    sk_number varchar not null,       -- NOMOR_SK
    tmt date not null,                -- the sanction applies from the month of TMT
    months integer,                   -- LAMA_BULAN (6/9/12 for pemotongan tunjangan kinerja)
    sanction_raw varchar,             -- JENIS_HUKUMAN as it came
    batch_id varchar not null,
    row_number bigint not null,
    primary key (nip, sk_number)
);
