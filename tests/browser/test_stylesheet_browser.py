"""The pruned CSS in a real browser (tools/workbook/stylesheet.py): a notebook executed by the
suite's default run, exported with the `workbook` exporter with pruning off and on, gives every
element, in document order, the same computed style (every property Chromium computes, less the
custom properties, which prune drops when nothing reads them; what they fed into is among the
compared properties), the same ::before and ::after, and the same pixels (a full-page screenshot).

The notebooks are those of the suite's default run (build/test/default/executed), else of the last
`./workbook run` (build/executed); without either the test fails. $VWB_PRUNE_PAGES (default W4)
names other pages to compare."""

from __future__ import annotations

import os

import pytest

from conftest import ROOT
from workbook import stylesheet

EXECUTED = [ROOT / "build" / "test" / "default" / "executed", ROOT / "build" / "executed"]
# About a minute a page on 2 loaded cores; VWB_PRUNE_PAGES=W4,GMM,C checks more.
PAGES = os.environ.get("VWB_PRUNE_PAGES", "W4").split(",")

# Each element as tag name plus the index of its computed style in a table of distinct ones
# (a page has ~10,000 elements, mostly SVG glyphs, but a few thousand distinct styles). The
# properties are the ~480 standard ones Chromium computes; the custom ones it also enumerates
# are left out (reading JupyterLab's ~320, some long data: URIs, on every element takes minutes).
STYLES_JS = """() => {
    const names = Array.from(getComputedStyle(document.documentElement)).filter(n => !n.startsWith('--'));
    const table = new Map(), rows = [];
    const style = (element, pseudo) => {
        const cs = getComputedStyle(element, pseudo);
        if (pseudo && cs.getPropertyValue('content') === 'none') return 'none';
        return names.map(name => name + ': ' + cs.getPropertyValue(name)).join('\\n');
    };
    const index = text => {
        if (!table.has(text)) table.set(text, table.size);
        return table.get(text);
    };
    for (const element of document.querySelectorAll('*')) {
        rows.push([element.tagName, index(style(element, null)), index(style(element, '::before')),
                   index(style(element, '::after'))]);
    }
    return {rows, table: Array.from(table.keys()), properties: names.length};
}"""


def computed_styles(page, path):
    page.goto(path.as_uri(), wait_until="load")
    # Cells off screen skip layout (content-visibility: auto), so sizes would depend on what was
    # rendered when; laid out whole, both pages are compared in full.
    page.add_style_tag(content=".jp-Cell { content-visibility: visible !important; }")
    result = page.evaluate(STYLES_JS)
    assert result["properties"] > 300, result["properties"]
    table = result["table"]
    return [(tag, table[own], table[before], table[after]) for tag, own, before, after in result["rows"]]


def difference(a: str, b: str) -> str:
    left, right = set(a.split("\n")), set(b.split("\n"))
    return f"before pruning: {sorted(left - right)[:8]}; after: {sorted(right - left)[:8]}"


@pytest.mark.parametrize("nb_id", PAGES)
def test_pruned_page_has_the_same_computed_styles_and_pixels(nb_id, browser, tmp_path):
    import nbformat
    from workbook.exporter import WorkbookExporter

    source = next((d / f"{nb_id}.ipynb" for d in EXECUTED if (d / f"{nb_id}.ipynb").exists()), None)
    assert source is not None, f"no executed {nb_id}.ipynb in {EXECUTED}: run ./workbook run first"
    nb = nbformat.read(source, as_version=4)
    html, _ = WorkbookExporter(prune_css=False).from_notebook_node(nb, resources={"metadata": {"name": nb_id}})
    pruned_html, _ = WorkbookExporter().from_notebook_node(nb, resources={"metadata": {"name": nb_id}})
    assert pruned_html == stylesheet.prune(html)
    assert len(pruned_html) < len(html) - 100_000, "prune removed less than 100 kB of CSS"
    original = tmp_path / f"{nb_id}-unpruned.html"
    original.write_text(html, encoding="utf-8")
    pruned = tmp_path / f"{nb_id}.html"
    pruned.write_text(pruned_html, encoding="utf-8")

    page = browser.new_page()
    page.set_default_timeout(120_000)
    try:
        before = computed_styles(page, original)
        shot_before = page.screenshot(full_page=True)
        after = computed_styles(page, pruned)
        shot_after = page.screenshot(full_page=True)
    finally:
        page.close()

    assert len(before) == len(after), f"{nb_id}: {len(before)} elements before pruning, {len(after)} after"
    assert len(before) > 1000  # the whole page was compared, formulas included
    where = ("element", "::before", "::after")
    for i, (was, now) in enumerate(zip(before, after)):
        assert was[0] == now[0], f"{nb_id}: element {i} is <{was[0]}> before pruning, <{now[0]}> after"
        for k in (1, 2, 3):
            assert was[k] == now[k], f"{nb_id}: element {i} <{was[0]}>, {where[k - 1]}: {difference(was[k], now[k])}"
    assert shot_before == shot_after, f"{nb_id}: the full-page screenshots differ"
