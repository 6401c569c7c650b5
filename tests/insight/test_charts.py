"""The SVG charts have accessible names and escape what they draw."""

from communities.insight import charts


def test_time_series_escapes_and_names_itself():
    svg = charts.time_series("c1", "<b>Title</b>", "%", 1, "Area & co",
                             [charts.Point("2020/21", 10.0, 9.0, 11.0), charts.Point("2021/22", 12.0, 11.0, 13.0)],
                             [charts.Benchmark("England", {"2020/21": 10.5}, "#0b0c0c", "6 4")])
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">&lt;b&gt;Title&lt;/b&gt;</title>' in svg
    assert "Area &amp; co" in svg
    assert "style=" not in svg


def test_ward_map_draws_every_ward_with_a_legend():
    from communities.insight.charts.map import ward_shapes

    codes = list(ward_shapes("E06000004"))
    values = {code: float(i) for i, code in enumerate(codes)}
    svg, breaks = charts.ward_map("m", "Map", "%", 1, values, council_code="E06000004")
    assert len(codes) == 27
    assert len(breaks) == 4
    assert svg.count("<title>") >= 27
    assert "Class 5" in svg and "No value" in svg


def test_empty_inputs_give_no_chart():
    assert charts.time_series("c", "t", "", 1, "a", [], []) == ""
    assert charts.ward_bars("c", "t", "", 1, [], []) == ""
    assert charts.spc_chart("c", "t", "", 1, None) == ""
