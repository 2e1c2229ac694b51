"""Recognition that refuses politely: a sheet only weakly like a layout is not read as it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ppsp.io.sheets.importer import read_file
from ppsp.io.sheets.recognise import WeakRecognition

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def village_roads(shared_data: Path) -> Path:
    """A village road-paving list (BKK infrastruktur): no SSK matrix, whatever it resembles."""
    path = shared_data / "layouts" / "contoh_bkk_infrastruktur.xlsx"
    if not path.exists():
        pytest.skip(f"{path} not found")
    return path


def test_a_road_paving_list_is_not_read_as_an_ssk_matrix(village_roads: Path) -> None:
    # the region and year given do not make a weak likeness a table of that layout
    with pytest.raises(WeakRecognition) as refused:
        read_file(village_roads, region="62.10", year=2025, period="2024-2028")
    error = refused.value
    assert error.params["sheet"] == "data"
    assert error.params["understood"] == 4 and error.params["labelled"] == 11
    guesses = error.params["guesses"]
    assert guesses[0].startswith("ssk (ssk-matrix) 6.5: 4/11")
    text = error.message("en")
    assert "only weakly like" in text and "Pass kind=" in text and "6.5" in text
    assert "hanya sedikit mirip" in error.message("id")


def test_kind_forces_the_reading(village_roads: Path) -> None:
    result = read_file(village_roads, kind="implementation", region="62.10", year=2025)
    assert [d.kind.value for d in result.documents] == ["implementation"]
    assert result.recognitions[0].sheet == "data pencairan" or result.recognitions


def test_the_command_line_refuses_in_one_line_with_the_guesses(village_roads: Path) -> None:
    import subprocess
    import sys

    exe = Path(sys.executable).parent / "ppsp"
    result = subprocess.run(
        [str(exe), "import", str(village_roads), "--region", "62.10", "--year", "2025"],
        capture_output=True,
        text=True,
        env={"PPSP_LANG": "en", "PATH": ""},
        timeout=120,
    )
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "ssk (ssk-matrix) 6.5: 4/11" in lines[0] and "--kind" in lines[0]


def test_a_weak_sheet_beside_a_real_table_is_said_and_skipped(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(FIXTURES / "rkpd_gunung_mas_2025.xlsx")
    extra = book.create_sheet("Catatan")
    header = "no id_kecamatan id_desa kecamatan desa kegiatan alamat id_dana sumber_dana tahun"
    extra.append([*header.split(), "total"])
    extra.append([1, "", "", "Kurun", "Tewah", "Paving jalan", "RT 1", "", "", "2023", 5e7])
    book.save(tmp_path / "rkpd.xlsx")
    result = read_file(tmp_path / "rkpd.xlsx")
    assert [d.kind.value for d in result.documents] == ["rkpd"]
    weak = [d for d in result.diagnostics if d.code == "weak-table"]
    assert len(weak) == 1 and weak[0].location.sheet == "Catatan"
    assert "Pass kind=" in weak[0].message("en")  # the API spelling; the CLI says --kind


@pytest.mark.parametrize(
    "name",
    [p.name for p in sorted(FIXTURES.glob("*.xlsx"))],
)
def test_every_real_fixture_is_still_recognised(name: str) -> None:
    result = read_file(FIXTURES / name)
    assert result.documents
    assert not [d for d in result.diagnostics if d.code == "weak-table"]
