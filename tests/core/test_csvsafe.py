import pytest

from communities.core.csvsafe import safe_cell, safe_row


@pytest.mark.parametrize("text", ["=1+1", "+44", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", '=HYPERLINK("x")'])
def test_formula_triggers_are_neutralised(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value, expected", [("Stockton", "Stockton"), (None, ""), (-3, "-3"), (2.5, "2.5")])
def test_plain_values_are_unchanged(value, expected):
    assert safe_cell(value) == expected


def test_safe_row():
    assert safe_row(["=x", "y"]) == ["'=x", "y"]



def test_csv_download_formats_safe_rows():
    from communities.core.csvsafe import csv_download, csv_lines

    rows = [["name", "n"], safe_row(["=1+1", -2])]
    assert list(csv_lines(rows)) == ["name,n\r\n", "'=1+1,-2\r\n"]
    response = csv_download("x.csv", rows)
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response.content.decode() == "name,n\r\n'=1+1,-2\r\n"
