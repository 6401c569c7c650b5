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


# Issue #12: the guard missed the full-width forms and a leading space (or other whitespace) before the trigger.
@pytest.mark.parametrize("text", [
    "＝1+1", "＋44", "－2+3", "＠SUM(A1)", ' =HYPERLINK("http://evil.example")', "\t=1+1", "\n=1+1", "\r\n+1",
    "\u00a0=1+1", "\u3000＝1+1", "\u2003-1+1", "  @cmd", "\ufeff=1+1", "\u200b=1+1", "﹦1+1",
])
def test_full_width_and_whitespace_before_a_trigger_are_neutralised(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Stockton-on-Tees", "a = b", "TS18 1AU", "  plain", "100%", "'quoted", "e-mail"])
def test_text_with_a_trigger_later_is_unchanged(text):
    assert safe_cell(text) == text


def test_numbers_stay_numbers():
    from decimal import Decimal

    assert safe_row([-3, -2.5, Decimal("-1.30"), 0]) == ["-3", "-2.5", "-1.30", "0"]
