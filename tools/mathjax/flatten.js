// Flattens one formula's MathJax SVG into one <path> per colour, with every glyph's outline moved
// into place. MathJax writes a formula as nested <g transform> groups around one <use> per glyph
// (about 40 elements for an average formula); a browser builds, styles and lays out each of them,
// and a <use> also clones its glyph. On a page with 200 formulas that was most of the time to
// show it. The flat form is 2-4 elements per formula and draws the same shapes.
//
// Only what MathJax's TeX output uses is understood: <g> with translate/scale transforms and a
// fill, <use> of a glyph, <rect>, <path>, with absolute path commands (M L H V Q T C Z). Anything
// else (<text> for a character the fonts lack, <line>/<ellipse> from \enclose, a nested <svg>, a
// stroke) makes flatten() return null, and the caller keeps MathJax's own SVG for that formula.
"use strict";

const TAG = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[^\s=>/]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
const ATTR = /([^\s=]+)="([^"]*)"/g;
const NUM = /-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi;

function attrs(text) {
  const out = {};
  for (const m of text.matchAll(ATTR)) out[m[1]] = m[2];
  return out;
}

// [a, d, e, f]: x -> a x + e, y -> d y + f. Null for what is not a scale and a translation.
function parseTransform(text) {
  let m = [1, 1, 0, 0];
  const re = /(translate|scale|matrix)\(([^)]*)\)/g;
  let seen = "";
  for (const t of text.matchAll(re)) {
    seen += t[0];
    const v = (t[2].match(NUM) || []).map(Number);
    let n;
    if (t[1] === "translate") n = [1, 1, v[0] || 0, v[1] || 0];
    else if (t[1] === "scale") n = [v[0], v.length > 1 ? v[1] : v[0], 0, 0];
    else if (v.length === 6 && v[1] === 0 && v[2] === 0) n = [v[0], v[3], v[4], v[5]];
    else return null;
    m = compose(m, n);
  }
  return seen.replace(/\s/g, "") === text.replace(/\s/g, "") ? m : null;
}

// outer after inner: the point is first mapped by inner, then by outer.
function compose(outer, inner) {
  return [outer[0] * inner[0], outer[1] * inner[1], outer[0] * inner[2] + outer[2], outer[1] * inner[3] + outer[3]];
}

const ARITY = {M: 2, L: 2, T: 2, Q: 4, C: 6, H: 1, V: 1, Z: 0};

// The path data d mapped by m, or null for commands this does not handle. Coordinates are rounded
// to whole units (a thousandth of an em: 0.016 px at 16 px) and written relative to the current
// point (small numbers, about half the bytes); each subpath starts with an absolute M, so no
// rounding error carries from one glyph, or one subpath, to the next.
function mapPath(d, m) {
  const parts = d.match(/[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi) || [];
  const segs = []; // [command, [numbers...]] with absolute, mapped, rounded numbers
  let cmd = null;
  let args = [];
  const flush = () => {
    if (cmd === null) return true;
    const k = ARITY[cmd];
    if (k === 0) {
      segs.push(["Z", []]);
      return args.length === 0;
    }
    if (args.length === 0 || args.length % k) return false;
    for (let s = 0; s < args.length; s += k) {
      const nums = args.slice(s, s + k).map((v, i) => {
        if (cmd === "H" || (cmd !== "V" && i % 2 === 0)) return Math.round(m[0] * v + m[2]);
        return Math.round(m[1] * v + m[3]);
      });
      segs.push([cmd === "M" && s > 0 ? "L" : cmd, nums]);
    }
    return true;
  };
  for (const p of parts) {
    if (/^[A-Za-z]$/.test(p)) {
      if (!flush()) return null;
      if (!(p in ARITY)) return null;
      cmd = p;
      args = [];
    } else {
      if (cmd === null) return null;
      args.push(Number(p));
    }
  }
  if (!flush()) return null;
  let out = "";
  let x = 0, y = 0, x0 = 0, y0 = 0;
  let last = "";
  const num = (v, first) => (v < 0 || first ? "" : " ") + String(Object.is(v, -0) ? 0 : v);
  for (const [c, n] of segs) {
    let letter, rel;
    if (c === "M") {
      letter = "M";
      rel = n;
      x = x0 = n[0];
      y = y0 = n[1];
    } else if (c === "Z") {
      letter = "Z";
      rel = [];
      x = x0;
      y = y0;
    } else if (c === "H") {
      letter = "h";
      rel = [n[0] - x];
      x = n[0];
    } else if (c === "V") {
      letter = "v";
      rel = [n[0] - y];
      y = n[0];
    } else {
      letter = c.toLowerCase();
      rel = n.map((v, i) => v - (i % 2 === 0 ? x : y));
      x = n[n.length - 2];
      y = n[n.length - 1];
    }
    // A repeated command letter may be left out (except after Z and for M, whose repeats mean L).
    const repeat = letter === last && letter !== "M" && letter !== "Z";
    out += (repeat ? "" : letter) + rel.map((v, i) => num(v, i === 0 && !repeat)).join("");
    last = letter;
  }
  return out;
}

function rectPath(a, m) {
  const x = Number(a.x || 0), y = Number(a.y || 0), w = Number(a.width || 0), h = Number(a.height || 0);
  if (![x, y, w, h].every(Number.isFinite)) return null;
  return mapPath(`M${x} ${y}H${x + w}V${y + h}H${x}Z`, m);
}

const GROUP_OK = new Set(["transform", "fill", "stroke", "stroke-width", "class", "style"]);

// svg: the outer HTML of one formula's <svg>; glyphs: id -> path data of the glyphs it uses.
// A stretched character (a long bar, a wide hat, a brace) comes as a nested <svg> that shows only
// part of its glyph, clipped to its viewBox: it stays a nested <svg>, in a <g> that puts it in place,
// with its own flat path inside.
function flatten(svg, glyphs) {
  const stack = [];
  let root = null;
  const newPart = () => ({byFill: new Map(), nested: []});
  const render = part => Array.from(part.byFill, ([fill, ds]) => `<path fill="${fill}" d="${ds.join("")}"></path>`).join("")
    + part.nested.join("");
  let main = null;
  for (const t of svg.matchAll(TAG)) {
    if (t[5] !== undefined) {
      if (t[5].trim()) return null;
      continue;
    }
    const closing = t[1] === "/", name = t[2], a = attrs(t[3] || ""), selfClosing = t[4] === "/";
    if (closing) {
      const done = stack.pop();
      if (done && done.nestedOpen !== undefined) {
        const outer = stack[stack.length - 1];
        const [sx, sy, tx, ty] = outer.m;
        const matrix = [sx, 0, 0, sy, tx, ty].map(v => String(Math.round(v * 1000) / 1000)).join(" ");
        outer.part.nested.push(`<g transform="matrix(${matrix})">${done.nestedOpen}${render(done.part)}</svg></g>`);
      }
      continue;
    }
    const top = stack[stack.length - 1];
    if (name === "svg") {
      if (root === null) {
        root = t[0];
        main = newPart();
        stack.push({m: [1, 1, 0, 0], fill: "currentColor", strokeWidth: "0", part: main});
        continue;
      }
      if (!top) return null;
      for (const k of Object.keys(a)) if (!["width", "height", "x", "y", "viewBox"].includes(k)) return null;
      if (selfClosing) continue;
      stack.push({m: [1, 1, 0, 0], fill: top.fill, strokeWidth: top.strokeWidth, part: newPart(),
                  nestedOpen: `<svg${t[3]}>`});
      continue;
    }
    if (!top) return null;
    let entry;
    if (name === "g") {
      for (const k of Object.keys(a)) if (!GROUP_OK.has(k) && !k.startsWith("data-")) return null;
      if (a.style) return null;
      const m = a.transform ? parseTransform(a.transform) : [1, 1, 0, 0];
      if (m === null) return null;
      const strokeWidth = a["stroke-width"] !== undefined ? a["stroke-width"] : top.strokeWidth;
      if (Number(strokeWidth) !== 0) return null;
      entry = {m: compose(top.m, m), fill: a.fill || top.fill, strokeWidth, part: top.part};
    } else if (name === "use" || name === "rect" || name === "path") {
      for (const k of Object.keys(a)) {
        if (!["transform", "fill", "x", "y", "width", "height", "d", "xlink:href", "href"].includes(k) &&
            !k.startsWith("data-")) return null;
      }
      let m = top.m;
      if (a.transform) {
        const own = parseTransform(a.transform);
        if (own === null) return null;
        m = compose(m, own);
      }
      let d;
      if (name === "rect") d = rectPath(a, m);
      else if (name === "path") d = a.d === undefined ? null : mapPath(a.d, m);
      else {
        const ref = (a["xlink:href"] || a.href || "").replace(/^#/, "");
        if (!glyphs.has(ref)) return null;
        const shifted = compose(m, [1, 1, Number(a.x || 0), Number(a.y || 0)]);
        d = mapPath(glyphs.get(ref), shifted);
      }
      if (d === null) return null;
      const fill = a.fill || top.fill;
      const byFill = top.part.byFill;
      if (!byFill.has(fill)) byFill.set(fill, []);
      if (d) byFill.get(fill).push(d);
      entry = {leaf: true};
    } else {
      return null; // <text>, <line>, <defs>, <title>, ...
    }
    if (!selfClosing) stack.push(entry);
  }
  if (root === null || stack.length) return null;
  const open = root.replace(/\s+xmlns:xlink="[^"]*"/, "");
  return open + render(main) + "</svg>";
}

const DEFS = /<defs>([\s\S]*?)<\/defs>/g;
const GLYPH = /<path id="([^"]+)" d="([^"]*)"/g;

// One formula's <svg> as MathJax writes it with a local font cache (its glyphs in its own <defs>),
// flattened; null where flatten() declines.
function flattenWithDefs(svg) {
  const glyphs = new Map();
  for (const d of svg.matchAll(DEFS)) for (const g of d[1].matchAll(GLYPH)) glyphs.set(g[1], g[2]);
  return flatten(svg.replace(DEFS, ""), glyphs);
}

module.exports = {flatten, flattenWithDefs};
