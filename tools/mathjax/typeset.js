// Typesets the TeX of whole HTML pages with MathJax 3 (TeX in, SVG out), so that a page needs no
// script and no font at view time. One process serves many pages: tools/workbook/mathjax.py
// starts it once per export and sends it one page per line.
//
// Protocol (one JSON object a line, on stdin and stdout):
//   in:  {"html": "<!DOCTYPE html>..."}
//   out: {"html": "...typeset page...", "math": N, "errors": ["TeX error message", ...]}
//        or {"error": "message"} when the page could not be processed at all.
// The page's <img> data URIs are cut out by the caller before it is sent (they are most of its
// bytes and MathJax never looks at them) and put back afterwards.
//
// Output: SVG with a global glyph cache (each glyph's path once per page, in one hidden <svg>),
// so the page carries its own glyphs as paths: no web font, no request, the same look offline,
// from an e-mail or a course website. CHTML would need its woff fonts inlined (hundreds of kB).
"use strict";

const readline = require("readline");
const {mathjax} = require("mathjax-full/js/mathjax.js");
const {TeX} = require("mathjax-full/js/input/tex.js");
const {SVG} = require("mathjax-full/js/output/svg.js");
const {liteAdaptor} = require("mathjax-full/js/adaptors/liteAdaptor.js");
const {RegisterHTMLHandler} = require("mathjax-full/js/handlers/html.js");
const {AllPackages} = require("mathjax-full/js/input/tex/AllPackages.js");
const {AssistiveMmlHandler} = require("mathjax-full/js/a11y/assistive-mml.js");

const adaptor = liteAdaptor();
// Hidden MathML beside each formula for screen readers (the SVG itself is aria-hidden).
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));

let errors = [];

function typesetPage(source) {
  errors = [];
  const tex = new TeX({
    packages: AllPackages.filter(p => p !== "bussproofs"),
    inlineMath: [["$", "$"], ["\\(", "\\)"]],
    displayMath: [["$$", "$$"], ["\\[", "\\]"]],
    processEscapes: true,
    formatError(jax, err) {
      errors.push(err.message);
      return jax.formatError(err);
    },
  });
  const svg = new SVG({fontCache: "global"});
  const doc = mathjax.document(source, {
    InputJax: tex,
    OutputJax: svg,
    // Code, preformatted outputs and the like are never typeset (MathJax's defaults), nor what
    // carries the class tex2jax_ignore / mathjax_ignore.
    ignoreHtmlClass: "tex2jax_ignore|mathjax_ignore",
  });
  doc.render();
  const count = Array.from(doc.math).length;
  const html = adaptor.doctype(doc.document) + "\n" + adaptor.outerHTML(adaptor.root(doc.document));
  return {html, math: count, errors};
}

const lines = readline.createInterface({input: process.stdin, crlfDelay: Infinity});
lines.on("line", line => {
  if (!line.trim()) return;
  let reply;
  try {
    reply = typesetPage(JSON.parse(line).html);
  } catch (err) {
    reply = {error: String(err && err.stack || err)};
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
