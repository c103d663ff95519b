"""The `workbook` nbconvert exporter and the one-file page, without a kernel: `jupyter nbconvert
--to workbook` on a small executed notebook (tests/fixtures/exported_page.py) writes the site's
page (the same bytes as ./workbook run's, less the site's navigation bar and its CSS), with its parameters
header read from the notebook, every formula typeset as SVG at export time (in Markdown cells,
in Markdown outputs of code cells, inside the collapsed answers), images inline, no script and
no URL to fetch; and the index row: key chart, exercises linked to their anchors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

import exported_page as fixture  # noqa: E402
from workbook import site  # noqa: E402

JUPYTER = Path(sys.executable).parent / "jupyter"


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("export")
    source = fixture.write(folder)
    proc = subprocess.run([str(JUPYTER), "nbconvert", "--to", "workbook", str(source)], cwd=folder,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    page = folder / f"{fixture.NB_ID}.html"
    assert page.exists(), proc.stderr[-3000:]
    return source, page.read_text(encoding="utf-8")


def visible(html: str) -> str:
    """The page without its title, styles, formulas and image payloads: what is left of the text."""
    html = re.sub(r"<(style|title)\b.*?</\1>", "", html, flags=re.S)  # a tab's title cannot typeset TeX
    html = re.sub(r"<mjx-container\b.*?</mjx-container>", "[math]", html, flags=re.S)
    html = re.sub(r'<svg style="display: none;" id="MJX-SVG-global-cache">.*?</svg>', "", html, flags=re.S)
    html = re.sub(r'src="data:[^"]*"', 'src="data:..."', html)
    return re.sub(r'\b(id|href)="[^"]*"', "", html)


def test_exporter_is_registered_under_the_name_workbook():
    from importlib.metadata import entry_points

    import nbconvert

    (point,) = [e for e in entry_points(group="nbconvert.exporters") if e.name == "workbook"]
    assert nbconvert.get_exporter("workbook").__name__ == "WorkbookExporter", point
    assert "workbook" in nbconvert.get_export_names()


def test_nbconvert_writes_one_self_contained_page_with_its_math_typeset(exported):
    _, html = exported
    # No script, no stylesheet or image to fetch, no MathJax at view time.
    assert "<script" not in html
    assert not re.search(r'\b(src|href)="(?!data:|#)[^"]*"', re.sub(r"<a\b[^>]*>", "<a>", html)), \
        "the page refers to a file or URL it does not carry"
    assert "MathJax.js" not in html
    # Every formula typeset as SVG (the dollar sign written \$ stays a dollar), none in error.
    assert html.count("<mjx-container") == 2 + 1 + 1 + 2 + 2 + 2 * 2  # title, prose, display, output, ex. 1, answers
    assert "data-mjx-error" not in html and "<merror" not in html
    # Each formula flat (tools/mathjax/flatten.js): its glyphs drawn by its own paths, nothing shared.
    containers = re.findall(r"<mjx-container\b.*?</mjx-container>", html, flags=re.S)
    assert all("<use" not in c and "<path" in c for c in containers)
    assert 'id="MJX-SVG-global-cache"' not in html
    # For screen readers: a display formula has MathJax's hidden MathML, an inline one its speech.
    for c in containers:
        if 'display="true"' in c:
            assert "<mjx-assistive-mml" in c and "<math" in c and "aria-hidden=\"true\"" in c
        else:
            assert "<mjx-assistive-mml" not in c
            label = re.search(r'<svg\b[^>]*aria-label="([^"]+)"', c)
            assert label and "aria-hidden" not in c, c[:300]
    labels = re.findall(r'<svg\b[^>]*aria-label="([^"]+)"', html)
    assert any("theta" in label for label in labels), labels  # read aloud, not TeX: \\theta is "theta"
    assert not any("\\" in label for label in labels), labels
    text = visible(html)
    assert not re.search(r"\$[^$\s<][^$<]*\$|\\(frac|theta|mathbf|mathrm|log)\b", text), "raw TeX left on the page"
    assert "a price of $5" in text
    # The Markdown output of a code cell and the collapsed answers are typeset too.
    answers = re.findall(r'<details class="vwb-answer">.*?</details>', html, flags=re.S)
    assert len(answers) == 2 and all(a.count("<mjx-container") == 2 for a in answers)
    assert "<details class=\"vwb-answer\" open" not in html
    assert re.search(r"Here <mjx-container[^>]*>.*?</mjx-container> exactly", html, flags=re.S)
    # Images inline, with alt text.
    images = re.findall(r"<img\b[^>]*>", html)
    assert len(images) == 2 and all('src="data:image/png;base64,' in i and "alt=" in i for i in images)
    assert fixture.KEY_CHART[:200] in html and fixture.FIRST_CHART[:200] in html


def test_parameters_header_is_read_from_the_executed_notebook(exported):
    _, html = exported
    header = re.search(r'<details class="vwb-parameters[^"]*".*?</details>', html, flags=re.S).group(0)
    assert "1 of 2 differ from the defaults: theta1" in header
    assert re.search(r'<tr class="vwb-changed"><td><code>theta1</code></td><td><code>0.5</code>', header)
    assert "default 1.0" in header
    assert re.search(r"<title>X1: X1 · A page to export", html)


def test_exercise_headings_get_anchors(exported):
    _, html = exported
    for n, _ in fixture.EXERCISES:
        assert re.search(rf'<h3 id="exercise-{n}">Exercise {n} ', html), f"no anchor exercise-{n}"
        assert f'href="#exercise-{n}"' in html


def test_the_site_page_is_the_exporters_page_with_the_navigation_bar(exported):
    import nbformat

    source, html = exported
    nb = nbformat.read(source, as_version=4)
    page = site.export_html(nb, fixture.NB_ID, ("W4", "BBVI"))
    nav = re.search(r'\s*<nav class="vwb-nav">.*?</nav>', page, flags=re.S)
    assert nav and 'href="W4.html"' in nav.group(0) and 'href="BBVI.html"' in nav.group(0)
    assert '<nav class="vwb-nav">' not in html
    # The pruned CSS follows the page (stylesheet.prune): only the site page keeps the bar's rules.
    assert "nav.vwb-nav" in page and "nav.vwb-nav" not in html
    styles = re.compile(r"<style\b.*?</style>", re.S)
    assert styles.sub("", page[:nav.start()] + page[nav.end():]) == styles.sub("", html)


def test_recorded_values_are_the_defaults_replaced_by_the_injected_cell():
    nb = fixture.notebook()
    meta = site.notebook_from_node(fixture.NB_ID, Path("X1.ipynb"), nb)
    assert site.recorded_values(meta, nb) == {"theta1": 0.5, "n": 3}
    nb["cells"] = [c for c in nb["cells"] if "injected-parameters" not in c["metadata"].get("tags", [])]
    assert site.recorded_values(meta, nb) == {"theta1": 1.0, "n": 3}


def test_index_row_shows_the_key_chart_and_links_the_exercises():
    nb = fixture.notebook()
    meta = site.notebook_from_node(fixture.NB_ID, Path("X1.ipynb"), nb)
    data = {"parameters": {"theta1": 0.5, "n": 3}, "results": {"kl": 0.25, "elbo": -1.5}}
    row = site.index_row(fixture.NB_ID, meta, data, nb)
    assert f'src="data:image/png;base64,{fixture.KEY_CHART}"' in row, "the thumbnail is the key-chart cell's"
    for n, title in fixture.EXERCISES:
        assert f'<a href="X1.html#exercise-{n}">' in row and f"Exercise {n} \u00b7" in row
    assert "<code>kl</code> = 0.25" in row and "theta1 = 0.5" in row
    # No cell tagged key-chart: the first chart.
    for c in nb["cells"]:
        c["metadata"].get("tags", []).count("key-chart") and c["metadata"]["tags"].remove("key-chart")
    assert site.chart_png(nb) == fixture.FIRST_CHART
    assert site.exercises({"cells": []}) == [] and site.chart_png({"cells": []}) is None


def test_exercises_parses_only_the_convention():
    cells = [{"cell_type": "markdown", "metadata": {"tags": ["exercise"]}, "source": s} for s in (
        "### Exercise 3 \u00b7 Three components\n\nbody",
        "### Exercise 4 - no middle dot",  # not the convention: left out
        "## Exercise 5 \u00b7 wrong level",
    )] + [{"cell_type": "markdown", "metadata": {}, "source": "### Exercise 6 \u00b7 untagged"}]
    assert site.exercises({"cells": cells}) == [(3, "Three components")]


def test_typesetter_keeps_one_node_process_for_many_pages():
    from workbook import mathjax

    before = mathjax.TYPESETTER.pages
    first = mathjax.typeset("<html><head></head><body><p>$a^2 + b^2$</p></body></html>", "t1")
    process = mathjax.TYPESETTER.process
    second = mathjax.typeset("<html><head></head><body><p>$a^2 + b^2$ and <code>$x$</code></p></body></html>", "t2")
    assert mathjax.TYPESETTER.process is process and process.poll() is None
    assert mathjax.TYPESETTER.pages == before + 2
    assert first.count("<mjx-container") == 1 and second.count("<mjx-container") == 1, "code is never typeset"
    assert "<code>$x$</code>" in second
    assert first.count('id="MJX-SVG-styles"') == 1 and second.count('id="MJX-SVG-styles"') == 1


def test_page_reports_tex_errors_in_the_log(capsys):
    from workbook import mathjax

    out = mathjax.typeset(r"<html><head></head><body><p>$x^2^3$</p></body></html>", "broken")
    assert "data-mjx-error" in out
    assert "broken: MathJax reports 1 TeX error" in capsys.readouterr().out
    json.loads(json.dumps(out))  # the reply survived the protocol intact
