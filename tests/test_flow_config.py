"""The instansi configuration file: defaults load, and a bad value names its key."""
from __future__ import annotations

from pathlib import Path

import pytest

from flows.config import DEFAULT_CONFIG, ConfigError, load_config


def _config(tmp_path, text):
    path = tmp_path / "instansi.toml"
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """
[instansi]
nama = "Pemerintah Kota Uji"
[instansi.ppk]
nama = "Wali Kota"
jabatan = "Wali Kota Uji"
"""


def test_the_shipped_configuration_loads():
    config = load_config(DEFAULT_CONFIG)
    assert config.instansi.nama
    assert config.rules.regime.annual_minutes == 75000
    assert config.rules.rounding == "half_up"
    assert config.limits.max_bytes == 10 * 1024 * 1024


def test_minimal_configuration_takes_the_defaults(tmp_path):
    config = load_config(_config(tmp_path, MINIMAL))
    assert config.instansi.kop == ("PEMERINTAH KOTA UJI",)
    assert config.instansi.kertas_peta == "A3"
    assert config.instansi.timezone == "Asia/Makassar"
    assert config.instansi.ppk.nip is None


@pytest.mark.parametrize("extra, key", [
    ('[calculation]\nrounding = "up"', "rounding"),
    ('[peta]\nkertas = "A5"', "peta.kertas"),
    ('[letter]\nkepala_bkn = "lain"', "letter.kepala_bkn"),
    ('[limits]\nmax_pages = 0', "limits.max_pages"),
    ('[limits]\nmax_pages = "tiga"', "limits.max_pages"),
    ('[letter]\ntahun_anggaran = 27', "letter.tahun_anggaran"),
])
def test_a_bad_value_is_rejected_naming_its_key(tmp_path, extra, key):
    with pytest.raises(ConfigError) as error:
        load_config(_config(tmp_path, MINIMAL + extra))
    assert key in str(error.value)


def test_bad_timezone_and_missing_signatory_name_their_keys(tmp_path):
    with pytest.raises(ConfigError, match="instansi.timezone"):
        load_config(_config(tmp_path, MINIMAL.replace('nama = "Pemerintah Kota Uji"',
                                                      'nama = "X"\ntimezone = "Mars/Olympus"')))
    with pytest.raises(ConfigError, match="instansi.ppk.nama"):
        load_config(_config(tmp_path, MINIMAL.replace('nama = "Wali Kota"\n', "")))


def test_a_file_that_is_not_toml_is_named(tmp_path):
    with pytest.raises(ConfigError, match="TOML"):
        load_config(_config(tmp_path, "[instansi\nnama="))


def test_the_list_of_positions_is_read_relative_to_the_configuration_and_is_part_of_its_fingerprint(tmp_path):
    listed = tmp_path / "jabatan.csv"
    listed.write_text("unit_kerja,nama_jabatan\nSub Bagian Umum / Dinas A, Pengolah Data \n", encoding="utf-8")
    path = _config(tmp_path, MINIMAL + '[letter]\ndaftar_jabatan = "jabatan.csv"\n')
    first = load_config(path)
    assert first.organisation.listed.entries == {("Sub Bagian Umum / Dinas A", "Pengolah Data")}
    listed.write_text("unit_kerja,nama_jabatan\nDinas A,Kepala Dinas A\n", encoding="utf-8")
    assert load_config(path).fingerprint != first.fingerprint        # a new list makes a new letter
    assert load_config(_config(tmp_path, MINIMAL)).organisation.listed is None


@pytest.mark.parametrize("content", [None, "bagian,nama\nDinas A,Kepala\n"])
def test_a_list_of_positions_that_cannot_be_used_names_the_key(tmp_path, content):
    if content is not None:
        (tmp_path / "jabatan.csv").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match="letter.daftar_jabatan") as error:
        load_config(_config(tmp_path, MINIMAL + '[letter]\ndaftar_jabatan = "jabatan.csv"\n'))
    assert "jabatan.csv" in str(error.value)


def test_folders_are_read_relative_to_the_configuration_and_are_optional(tmp_path):
    (tmp_path / "konfigurasi").mkdir()
    path = tmp_path / "konfigurasi" / "kab-a.toml"
    path.write_text(MINIMAL + '[folders]\ninbox = "../kab-a/masuk"\noutbox = "/srv/abk/keluar"\n', encoding="utf-8")
    config = load_config(path)
    assert config.inbox == tmp_path / "kab-a" / "masuk"
    assert config.outbox == Path("/srv/abk/keluar")
    only_inbox = load_config(_config(tmp_path, MINIMAL + '[folders]\ninbox = "masuk"\n'))
    assert (only_inbox.inbox, only_inbox.outbox) == (tmp_path / "masuk", None)
    assert (load_config(_config(tmp_path, MINIMAL)).inbox, load_config(DEFAULT_CONFIG).outbox) == (None, None)


@pytest.mark.parametrize("extra, key, words", [
    ('[folders]\ninboks = "masuk"', "folders.inboks", "kunci tidak dikenal"),
    ('[folders]\ninbox = ""', "folders.inbox", "tidak boleh kosong"),
    ('[folders]\noutbox = "  "', "folders.outbox", "--outbox"),
    ('[folders]\ninbox = 3', "folders.inbox", "bukan teks"),
    ('folders = "masuk"', "folders", "bukan tabel"),
])
def test_a_bad_folder_names_its_key_in_bahasa_indonesia(tmp_path, extra, key, words):
    with pytest.raises(ConfigError) as error:
        load_config(_config(tmp_path, extra + "\n" + MINIMAL))         # first: a bare key belongs to the top
    assert f": {key}: " in str(error.value) and words in str(error.value)
