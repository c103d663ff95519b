"""The HTML site: each executed notebook exported as a page with nbconvert and the template in
tools/site/templates (links to its neighbours, MathJax served from the site), the parameters
header at the top of a page (the values it was run with, those off their defaults marked), and
build/site/index.html (every notebook with results, its title and key results)."""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from . import ROOT, RunError, domains
from .parameters import Notebook, load_notebook, notebook_ids, read_json, same_value

if TYPE_CHECKING:  # only an annotation: execution.py imports this module
    from .execution import Layout

SITE_TEMPLATES = ROOT / "tools" / "site" / "templates"


def mathjax_source() -> Path:
    import importlib.util

    # Located, not imported: importing it imports all of jupyter_server (seconds on a busy machine).
    spec = importlib.util.find_spec("jupyter_server_mathjax")
    if spec is None or not spec.origin:
        raise RunError("MathJax is missing (jupyter-server-mathjax is not installed); run ./workbook setup")
    static = Path(spec.origin).parent / "static"
    if not (static / "MathJax.js").exists():
        raise RunError(f"MathJax is missing from {static}; run ./workbook setup")
    return static


EXPORTERS = threading.local()  # one exporter per worker thread: its template is compiled once


def html_exporter():
    """nbconvert's HTML exporter with our template, minus one pass that costs a third of an export.

    HTMLExporter re-parses the finished page (about 1 MB of mostly base64 PNG) with BeautifulSoup
    only to add alt text to images and tabindex to cells. The same two edits are made here with
    regular expressions on the few tags concerned (0.3 s less per notebook)."""
    exporter = getattr(EXPORTERS, "exporter", None)
    if exporter is not None:
        return exporter
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class WorkbookExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            language = nb.metadata.get("language_info", {})
            lexer = language.get("pygments_lexer", language.get("name"))
            self.register_filter("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            resources = self._init_resources(resources)
            self.register_filter(
                "filter_data_type", WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self, resources=resources)
            )
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return accessible(html), resources

    exporter = WorkbookExporter(
        template_name="workbook",
        extra_template_basedirs=[str(SITE_TEMPLATES)],
        mathjax_url="mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe",
    )
    EXPORTERS.exporter = exporter
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


def export_html(nb, nb_meta: Notebook, neighbours, recorded: dict | None = None) -> str:
    previous, following = neighbours
    resources = {
        "metadata": {"name": f"{nb_meta.id}: {nb_meta.title}" if nb_meta.title else nb_meta.id},
        "vwb_previous": previous,
        "vwb_next": following,
        "vwb_parameters": parameters_header(nb_meta, recorded if recorded is not None else {}),
    }
    body, _ = html_exporter().from_notebook_node(nb, resources=resources)
    return body


def install_mathjax(site: Path) -> None:
    target = site / "mathjax"
    if (target / "MathJax.js").exists():
        return
    tmp = site / ".mathjax-tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(mathjax_source(), tmp)
    os.replace(tmp, target)


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


def write_index(layout: Layout) -> None:
    """build/site/index.html: every notebook with results, the problem it answers, key results."""
    import html as h

    rows = []
    for nb_id in notebook_ids():
        page = layout.site / f"{nb_id}.html"
        results_file = layout.results / f"{nb_id}.json"
        if not page.exists() or not results_file.exists():
            continue
        meta = load_notebook(nb_id)
        data = read_json(results_file)
        results = data.get("results", {})
        recorded = data.get("parameters", {})
        changed = changed_parameters(meta, recorded)
        run_with = ("<br><span class=\"nondefault\">non-default parameters: "
                    + ", ".join(f"<code>{h.escape(n)} = {h.escape(shown_value(recorded[n]))}</code>" for n in changed)
                    + "</span>") if changed else ""
        scalars = [(k, v) for k, v in results.items() if not isinstance(v, (list, dict))]
        shown = (scalars or list(results.items()))[:KEY_RESULTS]
        key = "<br>".join(f"<code>{h.escape(k)}</code> = {h.escape(summarise(v))}" for k, v in shown)
        rows.append(
            f'<tr><td><a href="{nb_id}.html">{h.escape(nb_id)}</a></td>'
            f"<td>{h.escape(meta.title)}{run_with}</td><td>{key}</td></tr>"
        )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Variational Workbook</title>
<script type="text/x-mathjax-config">
MathJax.Hub.Config({{tex2jax: {{inlineMath: [['$','$']], processEscapes: true}}, messageStyle: 'none'}});
</script>
<script src="mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"></script>
<style>
 body {{ font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }}
 table {{ border-collapse: collapse; width: 100%; }}
 td, th {{ text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid #ddd; }}
 code {{ font-size: 90%; }} a {{ color: #0b5394; }}
 .nondefault {{ color: #8a3b00; font-size: 90%; }}
</style></head><body>
<h1>Variational Workbook</h1>
<p>Worked, checked solutions in mean-field variational inference. Each page was executed by
<code>./workbook run</code> on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.</p>
<table><thead><tr><th>notebook</th><th>problem</th><th>key results</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
</body></html>
"""
    tmp = layout.site / ".index.html.tmp"
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, layout.site / "index.html")


