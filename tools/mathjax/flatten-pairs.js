// For the test of flatten.js (tests/browser/test_flatten.py): each TeX formula typeset by MathJax
// as it comes (nested groups, <use> of glyphs defined in the formula's own <defs>) and flattened.
// in:  a JSON array of [tex, display] on stdin;  out: a JSON array of {tex, original, flat}
// (flat is null where flatten.js declines and the page would keep the original).
"use strict";

const {mathjax} = require("mathjax-full/js/mathjax.js");
const {TeX} = require("mathjax-full/js/input/tex.js");
const {SVG} = require("mathjax-full/js/output/svg.js");
const {liteAdaptor} = require("mathjax-full/js/adaptors/liteAdaptor.js");
const {RegisterHTMLHandler} = require("mathjax-full/js/handlers/html.js");
const {AllPackages} = require("mathjax-full/js/input/tex/AllPackages.js");
const {flattenWithDefs} = require("./flatten.js");

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
const doc = mathjax.document("", {
  InputJax: new TeX({packages: AllPackages.filter(p => p !== "bussproofs")}),
  OutputJax: new SVG({fontCache: "local"}),
});

let input = "";
process.stdin.on("data", chunk => input += chunk);
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(([tex, display]) => {
    const original = adaptor.innerHTML(doc.convert(tex, {display}));
    return {tex, original, flat: flattenWithDefs(original)};
  });
  process.stdout.write(JSON.stringify(out));
});
