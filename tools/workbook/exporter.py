"""The nbconvert exporter `workbook`: the site's page of an executed notebook, as one
self-contained HTML file (the parameters header read from the notebook itself, the mathematics
typeset as SVG when the page is written, the images inline).

`./workbook run` writes its pages with this class (site.export_html), and so do
`jupyter nbconvert --to workbook build/executed/W4.ipynb` and JupyterLab's File > Save and Export
Notebook As > Workbook: the entry point `workbook` of the group `nbconvert.exporters` names it
through the small distribution in tools/plugins/nbconvert-workbook (setup.py installs it into
.venv). This module imports nbconvert at its top; the runner imports it only when it exports."""

from __future__ import annotations

from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from traitlets import Bool, Unicode, default

from . import mathjax, stylesheet
from .site import SITE_TEMPLATES, accessible, anchor_exercises, page_header


class WorkbookExporter(HTMLExporter):
    """The workbook's page: nbconvert's lab HTML with the template tools/site/templates/workbook,
    the parameters header, anchors on the exercises, TeX typeset by MathJax 3 at export time."""

    export_from_notebook = "Workbook page (one file, math typeset)"

    navigation = Bool(False, help="Add the site's navigation bar (index, previous and next notebook). "
                                  "./workbook run sets it; a page on its own has no neighbours.").tag(config=True)
    previous_page = Unicode("", help="The notebook id the navigation bar's 'previous' link points at").tag(config=True)
    next_page = Unicode("", help="The notebook id the navigation bar's 'next' link points at").tag(config=True)
    prune_css = Bool(True, help="Drop the CSS rules that cannot apply to the page (stylesheet.prune; "
                                "~240 kB of nbconvert's JupyterLab CSS). Off only to test prune.").tag(config=True)

    @default("template_name")
    def _template_name_default(self):
        return "workbook"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self):
        return [str(SITE_TEMPLATES)]

    @default("file_extension")
    def _file_extension_default(self):
        return ".html"

    def from_notebook_node(self, nb, resources=None, **kw):
        """HTMLExporter.from_notebook_node minus one pass that costs a third of an export:
        HTMLExporter re-parses the finished page (about 1 MB of mostly base64 PNG) with
        BeautifulSoup only to add alt text to images and tabindex to cells; site.accessible makes
        the same two edits with regular expressions on the few tags concerned."""
        language = nb.metadata.get("language_info", {})
        lexer = language.get("pygments_lexer", language.get("name"))
        self.register_filter("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        resources = self._init_resources(resources)
        name = resources.get("metadata", {}).get("name") or "notebook"
        title, header = page_header(nb, name)
        resources["metadata"]["name"] = title
        resources["vwb_parameters"] = header
        if self.navigation:
            resources["vwb_navigation"] = True
            resources["vwb_previous"] = self.previous_page or None
            resources["vwb_next"] = self.next_page or None
        self.register_filter(
            "filter_data_type", WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self, resources=resources)
        )
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        html = anchor_exercises(accessible(html))
        # After typesetting: MathJax's own <style> is pruned with the rest.
        html = mathjax.typeset(html, name)
        return (stylesheet.prune(html) if self.prune_css else html), resources
