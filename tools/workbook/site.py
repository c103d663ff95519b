"""The HTML site: each executed notebook exported as one self-contained page by the `workbook`
nbconvert exporter (exporter.py: the template in tools/site/templates, links to its neighbours,
the TeX typeset at export time by MathJax 3, mathjax.py), the parameters header at the top of a
page (the values it was run with, read from the executed notebook, those off their defaults
marked), anchors on the exercises, and build/site/index.html (every notebook with results: its
title, key chart, key results and exercises)."""

from __future__ import annotations

import json
import os
import re
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from . import ROOT, RunError, UsageError, domains
from .parameters import DECLARATION, Notebook, cell_source, json_value, load_notebook, notebook_from_node, notebook_ids, \
    read_json, same_value

if TYPE_CHECKING:  # only an annotation: execution.py imports this module
    from .execution import Layout

SITE_TEMPLATES = ROOT / "tools" / "site" / "templates"

EXPORTERS = threading.local()  # one exporter per worker thread: its template is compiled once


def html_exporter():
    """The `workbook` nbconvert exporter (exporter.py), one per thread."""
    exporter = getattr(EXPORTERS, "exporter", None)
    if exporter is None:
        from .exporter import WorkbookExporter

        exporter = EXPORTERS.exporter = WorkbookExporter(navigation=True)
    return exporter


IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\balt=)")
FOCUSABLE = re.compile(r'<div class="(jp-Cell-inputWrapper|[^"]*\bjp-OutputArea-output\b[^"]*)"')


def accessible(html: str) -> str:
    """Alt text on every image and keyboard focus on every cell's input and output, as nbconvert's
    HTMLExporter adds them."""
    html = IMG_WITHOUT_ALT.sub('<img alt="No description has been provided for this image"', html)
    return FOCUSABLE.sub(lambda m: m.group(0) + ' tabindex="0"', html)


def changed_parameters(nb_meta: Notebook, recorded: dict) -> list[str]:
    """The parameters whose recorded value differs from the declared default."""
    return [n for n, p in nb_meta.parameters.items() if n in recorded and not same_value(recorded[n], p.default_value)]


def shown_value(value) -> str:
    if isinstance(value, list):
        return "{" + ", ".join(shown_value(v) for v in value) + "}" if len(value) <= 12 else \
            "{" + ", ".join(shown_value(v) for v in value[:10]) + f", ... ({len(value)} values)}}"
    if isinstance(value, float):
        return f"{value:.1f}" if value.is_integer() and abs(value) < 1e6 else repr(value)
    return domains.show(value)


def parameters_header(nb_meta: Notebook, recorded: dict) -> str:
    """The HTML block at the top of a page: every parameter with the value this page was run
    with, those that differ from the defaults marked (with the default beside them)."""
    import html as h

    changed = set(changed_parameters(nb_meta, recorded))
    rows = []
    for name, p in nb_meta.parameters.items():
        value = shown_value(recorded.get(name, p.default_value))
        mark = ' class="vwb-changed"' if name in changed else ""
        note = f'<span class="vwb-default">default {h.escape(shown_value(p.default_value))}</span>' if name in changed else ""
        rows.append(f'<tr{mark}><td><code>{h.escape(name)}</code></td><td><code>{h.escape(value)}</code> {note}</td>'
                    f'<td>{h.escape(p.comment)}</td><td class="vwb-domain">{h.escape(p.domain.text)}</td></tr>')
    summary = (f"{len(changed)} of {len(nb_meta.parameters)} differ from the defaults: "
               + ", ".join(sorted(changed, key=list(nb_meta.parameters).index))) if changed \
        else f"all {len(nb_meta.parameters)} at their defaults"
    return (f'<details class="vwb-parameters{" vwb-nondefault" if changed else ""}" open>'
            f'<summary>This page was run with these parameters ({h.escape(summary)})</summary>'
            '<table><thead><tr><th>parameter</th><th>value</th><th>meaning</th><th>domain</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></details>')


def recorded_values(meta: Notebook, nb) -> dict:
    """The values an executed notebook ran with: the defaults of its parameters cell, replaced by
    the declarations of its `injected-parameters` cell (./workbook run's or papermill's)."""
    values = meta.defaults()
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            for line in cell_source(cell).splitlines():
                m = DECLARATION.match(line)
                if m and m["name"] in meta.parameters:
                    values[m["name"]] = json_value(meta.parameters[m["name"]].type, m["value"])
    return values


def page_header(nb, name: str) -> tuple[str, str]:
    """A page's title ("W4: its heading") and its parameters header, both read from the (executed)
    notebook itself; a notebook without a parameters cell gets no header."""
    try:
        meta = notebook_from_node(name, Path(f"{name}.ipynb"), nb)
    except (RunError, UsageError):
        title = next((line.lstrip("#").strip() for c in nb.get("cells", []) if c.get("cell_type") == "markdown"
                      for line in cell_source(c).splitlines() if line.startswith("#")), "")
        return (f"{name}: {title}" if title else name), ""
    title = f"{name}: {meta.title}" if meta.title else name
    return title, parameters_header(meta, recorded_values(meta, nb))


def export_html(nb, nb_id: str, neighbours=(None, None)) -> str:
    """The site's page of an executed notebook: the `workbook` exporter with the navigation bar."""
    exporter = html_exporter()
    exporter.previous_page, exporter.next_page = (n or "" for n in neighbours)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": nb_id}})
    return body


EXERCISE = re.compile(r"^###\s+Exercise\s+(\d+)\s*\u00b7\s*(.+?)\s*$")


def exercises(nb) -> list[tuple[int, str]]:
    """The exercises of a notebook: (N, title) of each Markdown cell tagged `exercise` whose first
    line is `### Exercise N · Title` (COMMON convention)."""
    found = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown" and "exercise" in cell.get("metadata", {}).get("tags", []):
            lines = cell_source(cell).strip().splitlines()
            m = EXERCISE.match(lines[0]) if lines else None
            if m:
                found.append((int(m[1]), m[2]))
    return found


EXERCISE_CELL = re.compile(r'<div\b[^>]*\bclass="[^"]*\bcelltag_exercise\b[^"]*"[^>]*>')
HEADING_ID = re.compile(r'<h3 id="([^"]*)">(\s*Exercise\s+(\d+)\b)')


def anchor_exercises(html: str) -> str:
    """Gives each exercise's heading the anchor `exercise-N` (the index links to it)."""
    out, pos = [], 0
    for cell in EXERCISE_CELL.finditer(html):
        if cell.start() < pos:
            continue
        m = HEADING_ID.search(html, cell.end(), cell.end() + 2000)
        if not m:
            continue
        old, new = m[1], f"exercise-{m[3]}"
        end = html.find("</h3>", m.end())
        heading = html[m.start():end].replace(f'id="{old}"', f'id="{new}"').replace(f'href="#{old}"', f'href="#{new}"')
        out.append(html[pos:m.start()] + heading)
        pos = end
    return "".join(out) + html[pos:]


def chart_png(nb) -> str | None:
    """The base64 PNG of the notebook's key chart: the output of the code cell tagged `key-chart`,
    else the first PNG output of any cell."""
    first = None
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []):
            png = out.get("data", {}).get("image/png")
            if png:
                png = "".join(png) if isinstance(png, list) else png
                if "key-chart" in cell.get("metadata", {}).get("tags", []):
                    return png.replace("\n", "")
                first = first or png.replace("\n", "")
    return first


KEY_RESULTS = 4


def summarise(value) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        if len(value) > 4 or any(isinstance(v, (list, dict)) for v in value):
            return f"[{len(value)} values]"
        return "[" + ", ".join(summarise(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {summarise(v)}" for k, v in list(value.items())[:4]) + "}"
    return str(value)


def index_row(nb_id: str, meta: Notebook, data: dict, executed) -> str:
    """One notebook's row of the index: its link and problem, the key chart's thumbnail, the key
    results, the exercises (links to their headings on the page)."""
    import html as h

    results = data.get("results", {})
    recorded = data.get("parameters", {})
    changed = changed_parameters(meta, recorded)
    run_with = ("<br><span class=\"nondefault\">non-default parameters: "
                + ", ".join(f"<code>{h.escape(n)} = {h.escape(shown_value(recorded[n]))}</code>" for n in changed)
                + "</span>") if changed else ""
    scalars = [(k, v) for k, v in results.items() if not isinstance(v, (list, dict))]
    shown = (scalars or list(results.items()))[:KEY_RESULTS]
    key = "<br>".join(f"<code>{h.escape(k)}</code> = {h.escape(summarise(v))}" for k, v in shown)
    png = chart_png(executed) if executed else None
    thumb = (f'<a href="{nb_id}.html"><img class="vwb-thumb" src="data:image/png;base64,{png}" '
             f'alt="the key chart of {h.escape(nb_id)}"></a>') if png else ""
    listed = exercises(executed) if executed else []
    exercise_list = ('<ul class="vwb-exercises">' + "".join(
        f'<li>Exercise {n} \u00b7 <a href="{nb_id}.html#exercise-{n}">{h.escape(title)}</a></li>' for n, title in listed)
        + "</ul>") if listed else ""
    return (f'<tr><td><a href="{nb_id}.html">{h.escape(nb_id)}</a></td>'
            f"<td>{h.escape(meta.title)}{run_with}{exercise_list}</td><td>{thumb}</td><td>{key}</td></tr>")


def remove_old_mathjax(site: Path) -> None:
    """Sites written before the mathematics was typeset at export time carried a copy of MathJax 2."""
    import shutil

    if (site / "mathjax" / "MathJax.js").exists():
        shutil.rmtree(site / "mathjax", ignore_errors=True)


def write_index(layout: Layout) -> None:
    """build/site/index.html: every notebook with results, the problem it answers, its key chart,
    key results and exercises; one file, its TeX typeset like the pages'."""
    from . import mathjax

    rows = []
    for nb_id in notebook_ids():
        page = layout.site / f"{nb_id}.html"
        results_file = layout.results / f"{nb_id}.json"
        if not page.exists() or not results_file.exists():
            continue
        executed_file = layout.executed / f"{nb_id}.ipynb"
        executed = read_json(executed_file) if executed_file.exists() else None
        rows.append(index_row(nb_id, load_notebook(nb_id), read_json(results_file), executed))
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Variational Workbook</title>
<link rel="icon" href="data:,">
<style>
 body {{ font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1200px; color: #222; }}
 table {{ border-collapse: collapse; width: 100%; }}
 td, th {{ text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid #ddd; }}
 code {{ font-size: 90%; }} a {{ color: #0b5394; }}
 .nondefault {{ color: #8a3b00; font-size: 90%; }}
 img.vwb-thumb {{ width: 220px; height: auto; border: 1px solid #e5e5e5; background: #fff; }}
 ul.vwb-exercises {{ list-style: none; margin: 6px 0 0 0; padding: 0; font-size: 92%; color: #555; }}
</style></head><body>
<h1>Variational Workbook</h1>
<p>Worked, checked solutions in mean-field variational inference. Each page was executed by
<code>./workbook run</code> on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.</p>
<table><thead><tr><th>notebook</th><th>problem and exercises</th><th>key chart</th><th>key results</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
</body></html>
"""
    tmp = layout.site / ".index.html.tmp"
    tmp.write_text(mathjax.typeset(page, "index"), encoding="utf-8")
    os.replace(tmp, layout.site / "index.html")
