// Typesets the TeX of HTML pages with MathJax 3 (TeX in, SVG out), so that a page needs no script
// and no font at view time. One process serves many pages: tools/workbook/mathjax.py starts it
// once per export and sends it one page a line.
//
// Protocol (one JSON object a line, on stdin and stdout):
//   in:  {"body": "...the inside of the page's <body>..."}
//   out: {"body": "...typeset...", "head": "<style>...</style>", "math": N, "fresh": M,
//         "errors": ["TeX error", ...]}  or  {"error": "message"} when the page failed as a whole.
// The caller sends only the body (the head is mostly the template's CSS, which costs MathJax's
// HTML parser time and holds no mathematics), with the <img> data URIs cut out (most of the
// bytes, never looked at), and puts the head's new <style> and the images back.
//
// Output: SVG, flattened (flatten.js): each formula is one <svg> with one <path> per colour, its
// glyph outlines moved into place, instead of MathJax's ~40 nested elements a formula. No web
// font, no request, the same look offline, from an e-mail or a course website. (CHTML would need
// its woff fonts inlined: hundreds of kB a page.) A formula flatten.js does not understand keeps
// MathJax's SVG, its glyphs defined once per page in one hidden <svg>.
//
// Screen readers: a display formula keeps MathJax's hidden MathML (a reader that knows MathML
// reads it and lets the listener walk through it); an inline formula gets its spoken form as the
// <svg>'s aria-label instead, made here by the speech rule engine (SRE, MathJax's own, ClearSpeak
// rules in English): "p of bold z equals script N of ...". The hidden MathML of the ~200 inline
// formulas of a page was a quarter of its time to show in Chromium (docs/DEVELOPING.md).
//
// Cache: the same TeX gives the same SVG, and most formulas of a notebook are in its Markdown,
// the same in every run. Each formula is typeset with a local font cache (its glyphs inside its
// own <svg>); the glyphs are then moved into the page's one hidden <svg> and the formula is kept,
// in memory and in the file $VWB_MATHJAX_CACHE (read at start, merged and written at exit; at
// most CACHE_LIMIT formulas, the least recently used dropped first).
"use strict";

const fs = require("fs");
const path = require("path");
const readline = require("readline");
const {mathjax} = require("mathjax-full/js/mathjax.js");
const {TeX} = require("mathjax-full/js/input/tex.js");
const {SVG} = require("mathjax-full/js/output/svg.js");
const {liteAdaptor} = require("mathjax-full/js/adaptors/liteAdaptor.js");
const {RegisterHTMLHandler} = require("mathjax-full/js/handlers/html.js");
const {AllPackages} = require("mathjax-full/js/input/tex/AllPackages.js");
const {AssistiveMmlHandler} = require("mathjax-full/js/a11y/assistive-mml.js");
const {STATE} = require("mathjax-full/js/core/MathItem.js");
const {SerializedMmlVisitor} = require("mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js");
const sre = require("speech-rule-engine"); // a dependency of mathjax-full, pinned by the same lockfile
const {flattenWithDefs} = require("./flatten.js");

// Bump when the options below change: a cache written with other options is not used.
const CACHE_VERSION = "mathjax-full 3.2.2; svg flattened (flatten.js v2, nested svg kept), else page glyphs; mml for display, SRE 4 clearspeak label inline; v3";
const CACHE_FILE = process.env.VWB_MATHJAX_CACHE || "";

const adaptor = liteAdaptor();
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));

const cache = new Map(); // key -> {html, defs: [[id, path html]...], error}
const used = new Map(); // what this process typeset or took from the cache: kept first when saving
// The file stays small enough to read at every start (numbers written into the
// TeX of Markdown outputs make new formulas in every run): the least recently used go first.
const CACHE_LIMIT = 1500; // about 7 kB each in the file (SVG and MathML, JSON-escaped): ~10 MB, read in ~0.1 s
if (CACHE_FILE) {
  try {
    const saved = JSON.parse(fs.readFileSync(CACHE_FILE, "utf8"));
    if (saved.version === CACHE_VERSION) for (const [k, v] of Object.entries(saved.formulas)) cache.set(k, v);
  } catch (err) { /* no cache yet, or an unreadable one: start empty */ }
}

let errors = [];
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
const svg = new SVG({fontCache: "local"});

const DEFS = /<defs>([\s\S]*?)<\/defs>/g;
const SVG_ELEMENT = /<svg\b[\s\S]*<\/svg>/;
const mml = new SerializedMmlVisitor();

function escapeAttribute(text) {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// The spoken form of a formula, from its MathML; "" when SRE cannot read it (the label is left out).
function speech(item) {
  try {
    return sre.toSpeech(mml.visitTree(item.root)).trim();
  } catch (err) {
    if (process.env.VWB_SRE_DEBUG) process.stderr.write(`speech: ${err && err.stack || err}\n`);
    return "";
  }
}

// One formula's container as the page gets it: its <svg> flattened when flatten.js can, and
// labelled with its speech when it is inline.
function finish(html, label) {
  const svgText = (html.match(SVG_ELEMENT) || [""])[0];
  const flat = svgText ? flattenWithDefs(svgText) : null;
  if (flat !== null) html = html.replace(svgText, flat);
  if (label) {
    html = html.replace(/<svg\b([^>]*)>/, (m, rest) =>
      `<svg${rest.replace(/ aria-hidden="true"/, "")} aria-label="${escapeAttribute(label)}">`);
  }
  return html;
}
const PATH = /<path id="([^"]+)"[^>]*><\/path>/g;
const LOCAL_ID = /MJX-\d+-/g; // MJX-<formula>-TEX-I-1D465 (local font cache) -> MJX-TEX-I-1D465
// Attributes only MathJax's in-page explorer reads (no script runs on these pages): 6% of a page.
const EXPLORER_ONLY = / data-(?:mml-node|c)="[^"]*"/g;

// One formula's SVG with its glyph paths taken out (and renamed to page-wide ids).
function hoist(html) {
  const defs = [];
  html = html.replace(DEFS, (m, inner) => {
    for (const p of inner.matchAll(PATH)) defs.push([p[1].replace(LOCAL_ID, "MJX-"), p[0].replace(LOCAL_ID, "MJX-")]);
    return "";
  });
  return {html: html.replace(LOCAL_ID, "MJX-").replace(EXPLORER_ONLY, ""), defs};
}

function typesetPage(body) {
  errors = [];
  const doc = mathjax.document("<!DOCTYPE html><html><head></head><body>" + body + "</body></html>", {
    InputJax: tex,
    OutputJax: svg,
    // Code, preformatted outputs and the like are never typeset (MathJax's defaults), nor what
    // carries the class tex2jax_ignore / mathjax_ignore.
    ignoreHtmlClass: "tex2jax_ignore|mathjax_ignore",
  });
  doc.findMath();
  // MathJax's order: compile (TeX to MathML), metrics, typeset; only formulas not in the cache.
  const items = Array.from(doc.math).filter(item => !item.isEscaped);
  const keys = items.map(item => (item.display ? "D" : "I") + "\u0000" + item.math);
  const errorsOf = new Map();
  items.forEach((item, i) => {
    if (!cache.has(keys[i]) && !errorsOf.has(keys[i])) {
      errors = [];
      item.compile(doc);
      errorsOf.set(keys[i], errors[0] || null);
    }
  });
  doc.getMetrics();
  const pieces = [];
  const glyphs = new Map();
  const pageErrors = [];
  let computed = 0;
  items.forEach((item, i) => {
    let entry = cache.get(keys[i]);
    if (entry === undefined) {
      item.typeset(doc);
      let label = "";
      if (item.display) item.assistiveMml(doc);
      else label = speech(item);
      entry = {...hoist(finish(adaptor.outerHTML(item.typesetRoot), label)), error: errorsOf.get(keys[i])};
      cache.set(keys[i], entry);
      computed++;
    }
    used.set(keys[i], entry);
    if (entry.error) pageErrors.push(entry.error);
    for (const [id, p] of entry.defs) glyphs.set(id, p);
    item.typesetRoot = adaptor.node("mjx-vwb", {n: String(pieces.length)});
    item.state(STATE.TYPESET);
    pieces.push(entry.html);
  });
  for (const item of doc.math) if (item.isEscaped) item.typeset(doc); // \$ (processEscapes): a plain dollar sign
  const count = items.length;
  doc.updateDocument();
  let out = adaptor.innerHTML(adaptor.body(doc.document))
    .replace(/<mjx-vwb n="(\d+)"><\/mjx-vwb>/g, (m, n) => pieces[+n]);
  if (glyphs.size) {
    out += '<svg style="display: none;" id="MJX-SVG-global-cache"><defs>' + Array.from(glyphs.values()).join("") + "</defs></svg>";
  }
  // The output jax keeps one <style> node for all documents, in the first page's head: serialise it.
  // The hidden MathML of display formulas is laid out by Chromium although it is clipped away
  // (a quarter of GMM's time to show); content-visibility: auto skips it while it is off screen and
  // keeps it in the accessibility tree (tests/browser/test_site_offline.py checks the tree).
  const head = count ? adaptor.outerHTML(doc.documentStyleSheet()) +
    "<style>mjx-assistive-mml { content-visibility: auto; contain-intrinsic-size: auto 1px; }</style>" : "";
  return {body: out, head, math: count, fresh: computed, errors: pageErrors};
}

function saveCache() {
  if (!CACHE_FILE || used.size === 0) return;
  let saved = {};
  try {
    const file = JSON.parse(fs.readFileSync(CACHE_FILE, "utf8")); // as another process may have left it
    if (file.version === CACHE_VERSION) saved = file.formulas;
  } catch (err) { /* none yet */ }
  const keep = Object.keys(saved).filter(k => !used.has(k));
  const formulas = {};
  for (const k of keep.slice(Math.max(0, keep.length - Math.max(0, CACHE_LIMIT - used.size)))) formulas[k] = saved[k];
  for (const [k, v] of used) formulas[k] = v; // the most recently used last
  const tmp = `${CACHE_FILE}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(CACHE_FILE), {recursive: true});
  fs.writeFileSync(tmp, JSON.stringify({version: CACHE_VERSION, formulas}));
  fs.renameSync(tmp, CACHE_FILE);
}

// SRE loads its English rules (a JSON file of its package) before the first page is read.
const ready = sre.setupEngine({
  locale: "en", domain: "clearspeak", style: "VerticalLine_Given", modality: "speech",
  json: path.join(path.dirname(require.resolve("speech-rule-engine/package.json")), "lib", "mathmaps"),
}).then(() => sre.engineReady());
let queue = ready.catch(err => process.stderr.write(`speech rule engine not ready: ${err}\n`));

const lines = readline.createInterface({input: process.stdin, crlfDelay: Infinity});
lines.on("line", line => queue = queue.then(() => answer(line)));

function answer(line) {
  if (!line.trim()) return;
  let reply;
  try {
    reply = typesetPage(JSON.parse(line).body);
  } catch (err) {
    reply = {error: String(err && err.stack || err)};
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
}
lines.on("close", () => queue.then(() => {
  try {
    saveCache();
  } catch (err) {
    process.stderr.write(`MathJax cache not saved: ${err}\n`);
  }
}));
