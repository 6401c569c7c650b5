import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from communities.insight import report


def test_cabinet_report_command_writes_pdf_and_html(tmp_path, demo_indicators):
    call_command("cabinet_report", year=2024, output=tmp_path)
    pdf = (tmp_path / "cabinet-report-2024.pdf").read_bytes()
    html = (tmp_path / "cabinet-report-2024.html").read_text()
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    built = report.build(2024)
    assert built.summary in html
    assert "Appendix: methods and sources" in html
    assert "Wilson" in html and "Making Data Count" in html
    assert html.count("<svg") >= 3
    assert "Synthetic demonstration data" in html


def test_pdf_contains_the_summary_text(demo_indicators):
    from weasyprint import HTML

    built = report.build(2024)
    document = HTML(string=report.render_html(built, stylesheet_href="")).render()
    text = []

    def walk(box):
        if hasattr(box, "text"):
            text.append(box.text)
        for child in getattr(box, "children", []):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    joined = " ".join(" ".join(text).split())
    assert "Of 35 indicators" in joined
    assert len(document.pages) >= 3


def test_report_year_without_data_fails(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("cabinet_report", year=2024, output=tmp_path)


def test_report_pages(client_for, small_indicator):
    client = client_for("councillor")
    page = client.get(reverse("insight:report"), {"year": 2023})
    assert page.status_code == 200
    assert "annual performance report 2023" in page.content.decode()
    pdf = client.get(reverse("insight:report_pdf"), {"year": 2023})
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert client_for("worker").get(reverse("insight:report_pdf")).status_code == 403
