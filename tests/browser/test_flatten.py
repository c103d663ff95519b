"""tools/mathjax/flatten.js draws what MathJax draws: each formula, typeset by MathJax as it comes
(nested groups, one <use> per glyph) and flattened (one <path> per colour), is rasterised by
Chromium at 40 px an em and the two images are compared pixel by pixel. The formulas are a list
of TeX constructs (fractions, roots, stretchy delimiters, matrices, accents, colour, ...) and every
formula in the notebooks' Markdown."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from conftest import ROOT

from workbook import mathjax

CONSTRUCTS = [
    (r"\frac{a}{b} + \tfrac{1}{2} - \dfrac{\partial^2 f}{\partial x\,\partial y}", True),
    (r"\sqrt{x^2 + 1} \le \sqrt[3]{\frac{1}{1-\rho^2}}", True),
    (r"\left( \sum_{i=1}^{N} x_i \right)^{\!2} \Big/ \prod_{k} \lVert \boldsymbol\mu_k \rVert", True),
    (r"\int_{-\infty}^{\infty} e^{-x^2/2}\,\mathrm dx = \sqrt{2\pi}", True),
    (r"\begin{pmatrix} \Lambda_{11} & \Lambda_{12} \\ \Lambda_{21} & \Lambda_{22} \end{pmatrix}^{-1}", True),
    (r"\begin{aligned} \mathcal L(q) &= \mathbb E_q[\log p(x, z)] - \mathbb E_q[\log q(z)] \\ &\le \log p(x) \end{aligned}", True),
    (r"f(x) = \begin{cases} 0 & x < 0 \\ x^2 & \text{otherwise} \end{cases}", True),
    (r"\hat\mu, \tilde\sigma, \bar x, \vec v, \dot z, \widehat{xyz}, \overline{ab}, \underline{c}", False),
    (r"\underbrace{a + b}_{n} + \overbrace{c + d}^{m}", True),
    (r"\binom{n}{k} \langle x, y \rangle \lfloor t \rfloor \lceil s \rceil", False),
    (r"\mathrm{KL}(q \,\|\, p) \ge 0, \quad \operatorname*{arg\,min}_{\theta} \psi(a_N) \approx \ln a_N", True),
    (r"\color{red}{x} + \color{blue}{\alpha_0} + y", False),
    (r"\mathbf{z}^\top \Sigma^{-1} \mathbf{z}, \quad \mathcal N(\mathbf 0, I), \quad \Gamma(\tfrac12)", False),
    (r"\Bigg[ \bigg\{ \Big( \big( x \big) \Big) \bigg\} \Bigg]", True),
    (r"x \mid \mathbf z \sim \mathrm{Gam}(a_0 + \tfrac N2,\; b_0)", False),
    (r"\boxed{E = mc^2}", True),
]
# What flatten.js declines on purpose (the page keeps MathJax's own SVG): \boxed draws its frame
# with a stroke. Everything else in CONSTRUCTS must come out flat.
DECLINED = {r"\boxed{E = mc^2}"}

MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\$)(.+?)(?<!\\)\$", re.S)


def notebook_formulas() -> list[tuple[str, bool]]:
    seen = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            text = "".join(cell["source"]).replace(r"\$", "")
            for m in MATH.finditer(text):
                tex = (m.group(1) or m.group(2)).strip()
                if tex:
                    seen.setdefault((tex, m.group(1) is not None), None)
    return list(seen)


def pairs(formulas: list[tuple[str, bool]]) -> list[dict]:
    modules = mathjax.ensure_mathjax3()
    proc = subprocess.run([str(mathjax.node()), str(mathjax.SOURCE / "flatten-pairs.js")],
                          input=json.dumps(formulas), capture_output=True, text=True, check=True,
                          env={"NODE_PATH": str(modules), "PATH": "/usr/bin:/bin"})
    return json.loads(proc.stdout)


COMPARE_JS = """async (pairs) => {
  const SCALE = 0.04; // px per unit: MathJax's units are thousandths of an em, so 40 px an em
  const raster = async (svg) => {
    const box = svg.match(/viewBox="([^"]+)"/)[1].split(/\\s+/).map(Number);
    const w = Math.max(1, Math.ceil(box[2] * SCALE)), h = Math.max(1, Math.ceil(box[3] * SCALE));
    const sized = svg.replace(/ width="[^"]*"/, ` width="${w}"`).replace(/ height="[^"]*"/, ` height="${h}"`);
    const img = new Image();
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(sized);
    await img.decode();
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext("2d");
    ctx.drawImage(img, 0, 0, w, h);
    return ctx.getImageData(0, 0, w, h).data;
  };
  const one = async (p) => {
    const [a, b] = await Promise.all([raster(p.original), raster(p.flat)]);
    let ink = 0, differ = 0;
    for (let i = 3; i < a.length; i += 4) {
      if (a[i] > 0 || b[i] > 0) ink++;
      if (Math.abs(a[i] - b[i]) > 96 || Math.abs(a[i - 3] - b[i - 3]) > 96) differ++;
    }
    return {tex: p.tex, ink, differ};
  };
  const out = [];
  for (let k = 0; k < pairs.length; k += 64) out.push(...await Promise.all(pairs.slice(k, k + 64).map(one)));
  return out;
}"""


def compare(page, rows: list[dict]) -> list[dict]:
    page.goto("about:blank")
    return page.evaluate(COMPARE_JS, [r for r in rows if r["flat"] is not None])


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


def test_constructs_come_out_flat_and_draw_the_same(page):
    rows = pairs(CONSTRUCTS)
    declined = {r["tex"] for r in rows if r["flat"] is None}
    assert declined == DECLINED
    for r in rows:
        if r["flat"] is not None:
            flat = r["flat"]
            assert "<use" not in flat, r["tex"]
            # groups only around the nested <svg> of a stretched character
            assert flat.count("<g") == flat.count("<svg") - 1, r["tex"]
            assert flat.count("<path") <= 3 + flat.count("<svg") - 1, r["tex"]  # one per colour
    for result in compare(page, rows):
        assert result["ink"] > 50, result
        assert result["differ"] <= max(2, 0.01 * result["ink"]), result


def test_every_formula_of_the_notebooks_draws_the_same_flat(page):
    formulas = notebook_formulas()
    assert len(formulas) > 300  # the notebooks' Markdown: if this finds few, MATH above is wrong
    rows = pairs(formulas)
    declined = [r["tex"] for r in rows if r["flat"] is None]
    assert len(declined) <= 0.02 * len(rows), declined[:10]
    bad = [r for r in compare(page, rows) if r["differ"] > max(2, 0.01 * r["ink"])]
    assert not bad, bad[:5]
