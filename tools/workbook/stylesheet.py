"""The CSS of a page, cut down to what can apply to it: nbconvert inlines JupyterLab's whole
stylesheet (about 240 kB: the command palette, dialogs, the file browser, hundreds of `--jp-*`
variables) into every page, of which a static page uses a few per cent. `prune` drops from the
page's <style> blocks every rule none of whose selectors can match an element of the page, the
@media and @supports left empty, the @keyframes no kept declaration names, and the declarations
of custom properties that nothing kept reads (var(--x)), transitively; everything else
is kept as it was written, in its order.

Conservative by construction: a selector is dropped only when a class, id or element name it
requires (outside any :not()/:is()/:where()/:has() argument) occurs nowhere in the page's source
text; anything not understood is kept. The page has no script, so its elements and classes are
those of its source. The structure of the CSS is read with one regular expression and a bracket
stack, not tinycss2: tinycss2 takes about 0.5 s per page, this about 0.1 s (the unit tests
check both read the same rules). tests/browser/test_stylesheet_browser.py checks in Chromium that
every element's computed style and the page's pixels are unchanged."""

from __future__ import annotations

import bisect
import functools
import html as html_lib
import re

# --- the page's elements, classes and ids ---------------------------------------------------------
# Regular expressions over the whole source, not a parser: each finds every occurrence a browser's
# tokenizer could make a start tag or an attribute of (and more: inside comments, text, base64),
# so the sets are a superset of the page's, which is the safe side. html.parser takes 0.3 s here.
_TAG = re.compile(r"<([A-Za-z][^\s/>]*)")
_ATTR_SOURCE = r"""(class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
_ATTR, _ATTR_ANY_CASE = re.compile(_ATTR_SOURCE), re.compile(_ATTR_SOURCE, re.I)
# The HTML parser adds these without a tag in the source (a <tr> straight in a <table> gets a
# <tbody>); <image> becomes <img>.
_IMPLIED = {"html", "head", "body", "tbody", "colgroup"}

_STYLE = re.compile(r"(<style\b[^>]*>)(.*?)(</style(?=[\s/>])[^>]*>)", re.I | re.S)
_FOREIGN = re.compile(r"<(/?)(svg|math)\b[^>]*?(/?)>", re.I)


def page_names(html: str) -> tuple[set[str], set[str], set[str]]:
    """Element names, classes and ids (all lower-cased: type selectors of HTML elements ignore
    case, SVG and MathML names keep theirs; comparing lower case errs on the side of keeping)."""
    low, attributes = html.lower(), _ATTR  # scanning lower case is 4 times faster than re.I
    if len(low) != len(html):  # a character whose lower case is longer: offsets would differ
        low, attributes = html, _ATTR_ANY_CASE
    tags = {m.group(1).lower() for m in _TAG.finditer(low)} | _IMPLIED
    if "image" in tags:
        tags.add("img")
    classes, ids = set(), set()
    for m in attributes.finditer(low):
        value = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4)
        if "&" in value:  # entity names are case-sensitive: decode the original text
            value += " " + html_lib.unescape(html[m.start(m.lastindex):m.end(m.lastindex)]).lower()
        (classes if m.group(1).lower() == "class" else ids).update(value.lower().split())
    return tags, classes, ids


# --- CSS identifiers ------------------------------------------------------------------------------
_ESC = r"\\(?:[0-9a-fA-F]{1,6}[ \t\n]?|[^\n0-9a-fA-F])"
_NAME_CHAR = rf"(?:[\w\-]|[^\x00-\x7f]|{_ESC})"
_IDENT = rf"(?:--|-?(?:[A-Za-z_]|[^\x00-\x7f]|{_ESC})){_NAME_CHAR}*"
_UNESC = re.compile(_ESC)


def unescape(name: str) -> str:
    if "\\" not in name:
        return name

    def one(m):
        body = m.group(0)[1:].rstrip(" \t\n")
        if re.fullmatch(r"[0-9a-fA-F]{1,6}", body):
            code = int(body, 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return body

    return _UNESC.sub(one, name)


# --- selectors ------------------------------------------------------------------------------------
_SEL = re.compile(rf"""
    (?P<ws>\s+)
  | (?P<comb>[>+~])
  | (?P<star>\*)
  | \.(?P<cls>{_IDENT})
  | \#(?P<id>{_NAME_CHAR}+)
  | (?P<type>{_IDENT})
  | (?P<attr>\[(?:[^\]"'\\]|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\\.)*\])
  | (?P<colons>::?)(?P<pseudo>{_IDENT})(?P<fn>\()?
""", re.X | re.S)
# Syntax every current browser accepts. A selector list is split only when all its selectors are
# of it: a browser drops a whole rule with one invalid selector (.x::-moz-placeholder in Chromium),
# so cutting that one out would make the rule apply where it did not.
_PLAIN_CLASSES = set("""hover active focus visited link first-child last-child only-child first-of-type
    last-of-type only-of-type empty checked disabled enabled root target focus-within focus-visible required
    optional read-only read-write placeholder-shown default indeterminate invalid valid in-range out-of-range
    any-link defined""".split())
_LEGACY_ELEMENTS = {"before", "after", "first-line", "first-letter"}  # also with one colon
_PLAIN_ELEMENTS = _LEGACY_ELEMENTS | {"selection", "placeholder", "marker"}
_NTH = {"nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type"}
_AN_B = re.compile(r"\s*(?:odd|even|[+-]?\d*n(?:\s*[+-]\s*\d+)?|[+-]?\d+)\s*", re.I)
_STRING = r"""(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
_ATTR_PLAIN = re.compile(rf"\[\s*{_IDENT}\s*(?:[~|^$*]?=\s*(?:{_IDENT}|{_STRING})\s*(?:[iIsS]\s*)?)?\]", re.S)
_SPLIT = re.compile(r"""/\*.*?(?:\*/|\Z)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|\\.|[()\[\],]""", re.S)


def split_list(text: str) -> list[str] | None:
    """A selector list split on its top-level commas, or None when it has a comment (a comment
    joins tokens differently from a space) or unbalanced brackets."""
    parts, depth, start = [], 0, 0
    for m in _SPLIT.finditer(text):
        c = m.group()
        if c.startswith("/*"):
            return None
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
            if depth < 0:
                return None
        elif c == "," and depth == 0:
            parts.append(text[start:m.start()])
            start = m.end()
    if depth:
        return None
    parts.append(text[start:])
    return parts


def _arguments(text: str, start: int) -> int | None:
    """The index just past the ')' closing the function whose '(' ends at `start`."""
    depth = 1
    for m in _SPLIT.finditer(text, start):
        c = m.group()
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
            if depth == 0:
                return m.end()
    return None


@functools.lru_cache(maxsize=None)
def selector(text: str, nested: bool = False) -> tuple[frozenset | None, bool]:
    """(what the selector requires, whether it is plain): the ('t'|'c'|'i', lower-case name)
    pairs that must all occur in the page for it to match, None when it cannot be told (then it
    is kept); plain when it uses only syntax every current browser accepts."""
    need, plain = set(), True
    pos, end = 0, len(text)
    compound = False  # inside a compound (a type selector may only start one)
    after_combinator = True  # at the start, or after a combinator: a compound must follow
    pseudo_element = False
    while pos < end:
        m = _SEL.match(text, pos)
        if m is None:
            return None, False  # '&', '|', '||', a number, ...: not understood, kept
        pos = m.end()
        kind = m.lastgroup if m.lastgroup != "fn" else "pseudo"
        if kind == "ws":
            compound = False
            continue
        if pseudo_element:  # nothing may follow a pseudo-element in plain syntax
            plain = False
        if kind == "comb":
            if after_combinator:
                plain = False  # leading or doubled combinator
            after_combinator, compound = True, False
            continue
        if kind in ("star", "type"):
            if compound:
                plain = False
            if kind == "type":
                need.add(("t", unescape(m.group("type")).lower()))
        elif kind == "cls":
            need.add(("c", unescape(m.group("cls")).lower()))
        elif kind == "id":
            name = m.group("id")
            if not re.fullmatch(_IDENT, name):
                plain = False  # '#1a' is not an id selector
            need.add(("i", unescape(name).lower()))
        elif kind == "attr":
            if not _ATTR_PLAIN.fullmatch(m.group("attr")):
                plain = False
        else:  # a pseudo-class or pseudo-element; its arguments, if any, require nothing
            name = m.group("pseudo").lower()
            element = m.group("colons") == "::" or name in _LEGACY_ELEMENTS
            if m.group("fn"):
                close = _arguments(text, pos)
                if close is None:
                    return None, False
                args, pos = text[pos:close - 1], close
                if name == "not":
                    parts = split_list(args)
                    if not parts or not all(p.strip() and selector(p, True)[1] for p in parts):
                        plain = False
                elif name in _NTH:
                    plain = plain and bool(_AN_B.fullmatch(args))
                elif name not in ("is", "where"):  # forgiving lists: their contents never invalidate
                    plain = False
            elif element:
                plain = plain and name in _PLAIN_ELEMENTS and not nested
            else:
                plain = plain and name in _PLAIN_CLASSES
            pseudo_element = pseudo_element or element
        compound, after_combinator = True, False
    if after_combinator:
        plain = False  # empty, or a trailing combinator
    return frozenset(need), plain


# --- the structure of a stylesheet ----------------------------------------------------------------
# Comments, strings, escapes and unquoted url(...) (which may hold ';' and braces) are consumed
# whole, so that only the brackets and semicolons of the CSS itself are seen.
_ATOM = re.compile(r"""/\*.*?(?:\*/|\Z)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|\\.|(?<![\w\\-])[uU][rR][lL]\((?=\s*[^\s"'])(?:[^)\\]|\\.)*\)?""", re.S)
_STRUCTURE = re.compile(r"[{}()\[\];]")
_GAP = re.compile(r"(?:\s+|/\*.*?(?:\*/|\Z))*", re.S)
_TOP_GAP = re.compile(r"(?:\s+|/\*.*?(?:\*/|\Z)|<!--|-->)*", re.S)  # <!-- and --> are skipped at the top only
_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
_LICENSE = re.compile(r"copyright|licen[cs]e", re.I)
_CUSTOM_DECL = re.compile(rf"(?:\s|/\*.*?\*/)*(--{_NAME_CHAR}*)\s*:", re.S)
# Every --name counts as read where it occurs, not only in var(): if(style(--x: 1): ...) and
# @container style(--x) read one without var().
_DASHED = re.compile(rf"--{_NAME_CHAR}+")
_AT_NAME = re.compile(r"@(-?[\w-]+)")
_KEYFRAMES_NAME = re.compile(rf"\s*({_IDENT})\s*")
_PAIR = {"}": "{", ")": "(", "]": "["}


class Unsure(Exception):
    """The CSS is not one this module reads with confidence: its block is kept as it is."""


class Sheet:
    """One <style> block's CSS: its brackets and semicolons (offsets, characters and, for an
    opening bracket, the index of its closing one) and its rules as nodes."""

    def __init__(self, css: str):
        self.css = css
        # Blank out the atoms (a few hundred), then let one regular expression find the brackets:
        # a Python loop over every token would take most of the time.
        masked = _ATOM.sub(lambda m: " " * len(m.group()), css)
        self.pos = [m.start() for m in _STRUCTURE.finditer(masked)]
        self.kind = [masked[p] for p in self.pos]
        self.mate = [-1] * len(self.pos)
        stack, kind, mate = [], self.kind, self.mate
        for i, c in enumerate(kind):
            if c in "{([":
                stack.append(i)
            elif c in "})]":
                if not stack or kind[stack[-1]] != _PAIR[c]:
                    raise Unsure("unbalanced brackets")
                mate[stack.pop()] = i
        if stack:
            raise Unsure("unclosed bracket")
        self.rules = self.parse(0, len(css), 0, len(self.pos))

    def parse(self, start: int, stop: int, t: int, t_stop: int) -> list:
        """The rules between offsets start and stop (token indices t..t_stop): ('comment', text),
        ('rule', prelude, content start, content end, first content token, its end token),
        ('at', name, text start, '{' offset or -1, end offset, children or None)."""
        css, pos_, kind, mate = self.css, self.pos, self.kind, self.mate
        rules, pos = [], start
        while True:
            gap = (_TOP_GAP if start == 0 else _GAP).match(css, pos, stop)
            for c in _COMMENT.findall(css, pos, gap.end()):
                if _LICENSE.search(c):
                    rules.append(("comment", c))
            pos = gap.end()
            if pos >= stop:
                return rules
            t = bisect.bisect_left(pos_, pos, t, t_stop)
            at = css[pos] == "@"
            j = t
            while j < t_stop:
                c = kind[j]
                if c in "([":
                    j = mate[j] + 1
                elif c == "{" or (c == ";" and at):
                    break
                else:
                    j += 1
            if j == t_stop:  # runs to the end of its block: kept as it is
                rules.append(("at", "", pos, -1, stop, None))
                return rules
            m = _AT_NAME.match(css, pos)
            name = m.group(1).lower() if m else ""
            if kind[j] == ";":  # @import ...; and the like
                rules.append(("at", name, pos, -1, pos_[j] + 1, None))
                pos, t = pos_[j] + 1, j + 1
                continue
            close = mate[j]
            if at:
                children = None
                if name in ("media", "supports"):
                    children = self.parse(pos_[j] + 1, pos_[close], j + 1, close)
                rules.append(("at", name, pos, pos_[j], pos_[close] + 1, children))
            else:
                rules.append(("rule", css[pos:pos_[j]], pos_[j] + 1, pos_[close], j + 1, close))
            pos, t = pos_[close] + 1, close + 1

    def declarations(self, t: int, t_stop: int, start: int, stop: int) -> list[str] | None:
        """A rule's content split on its top-level ';', or None when it holds a nested block."""
        kind, mate, pos_ = self.kind, self.mate, self.pos
        pieces, j, begin = [], t, start
        while j < t_stop:
            c = kind[j]
            if c == "{":
                return None
            if c in "([":
                j = mate[j] + 1
                continue
            if c == ";":
                pieces.append(self.css[begin:pos_[j]])
                begin = pos_[j] + 1
            j += 1
        pieces.append(self.css[begin:stop])
        return pieces


@functools.lru_cache(maxsize=16)
def read(css: str) -> Sheet:
    """The structure of a block, read once per process: the nbconvert blocks are the same on every
    page of an export."""
    return Sheet(css)


def keeps(prelude: str, names: tuple[set, set, set]) -> str | None:
    """The prelude cut to its selectors that might match (None: none can)."""
    parts = split_list(prelude)
    if parts is None:
        return prelude
    tags, classes, ids = names
    sets = {"t": tags, "c": classes, "i": ids}
    kept, plain = [], True
    for part in parts:
        need, simple = selector(part.strip())
        plain = plain and simple and bool(part.strip())
        if need is None or all(name in sets[k] for k, name in need):
            kept.append(part)
    if not kept:
        return None
    return ",".join(kept) if plain else prelude


# --- the page -------------------------------------------------------------------------------------
class _Page:
    """The decisions for all of a page's <style> blocks at once: a custom property set in one
    block may be read in another."""

    def __init__(self, html: str, blocks: list[re.Match]):
        self.names = page_names(html)
        self.roots: set[str] = set()  # custom properties read by what is kept
        self.reads: dict[str, set[str]] = {}  # custom property -> those its values read
        self.texts: list[str] = []  # what is kept besides declarations, searched for @keyframes names
        self.sheets = []
        self.notices: set[str] = set()
        outside, last = [], 0
        for m in blocks:
            outside.append(html[last:m.start(2)])
            last = m.end(2)
            try:
                sheet = read(m.group(2))
                self.sheets.append(self.decide(sheet, sheet.rules))
            except Unsure:
                self.sheets.append(None)
                self.verbatim(m.group(2))
        outside.append(html[last:])
        rest = "".join(outside)
        self.roots.update(unescape(n) for n in _DASHED.findall(rest))  # style="...var(--x)..."
        self.texts.append(rest)
        used, todo = set(), list(self.roots)
        while todo:
            name = todo.pop()
            if name not in used:
                used.add(name)
                todo.extend(self.reads.get(name, ()))
        self.used = used

    def verbatim(self, text: str) -> None:
        # Kept unread: every --name in it counts as read (var(), @property, a style() query).
        self.roots.update(unescape(n) for n in _DASHED.findall(text))
        self.texts.append(text)

    def decide(self, sheet: Sheet, rules: list) -> list:
        """The rules that stay, with their selectors cut: ('text', css), ('decls', prelude,
        pieces with their custom property name or None), ('block', head, children),
        ('keyframes', name, css)."""
        css, out = sheet.css, []
        for rule in rules:
            if rule[0] == "comment":
                if rule[1] not in self.notices:  # each licence notice once (nbconvert repeats them)
                    self.notices.add(rule[1])
                    out.append(("text", rule[1]))
            elif rule[0] == "rule":
                _, prelude, start, stop, t, t_stop = rule
                prelude = keeps(prelude, self.names)
                if prelude is None:
                    continue
                pieces = sheet.declarations(t, t_stop, start, stop)
                if pieces is None:  # nested rules: kept whole
                    self.verbatim(css[start:stop])
                    out.append(("text", prelude + "{" + css[start:stop] + "}"))
                    continue
                decls = []
                for piece in pieces:
                    m = _CUSTOM_DECL.match(piece)
                    refs = {unescape(n) for n in _DASHED.findall(piece)}
                    if m:
                        name = unescape(m.group(1))
                        if "\\" in m.group(1):
                            self.roots.add(name)
                        self.reads.setdefault(name, set()).update(refs)
                    else:
                        name = None
                        self.roots.update(refs)
                    decls.append((piece, name))
                out.append(("decls", prelude, decls))
            else:
                _, name, start, brace, stop, children = rule
                if children is not None:
                    self.roots.update(unescape(n) for n in _DASHED.findall(css, start, brace))
                    kept = self.decide(sheet, children)
                    if kept:
                        out.append(("block", css[start:brace + 1], kept))
                    continue
                named = name in ("keyframes", "-webkit-keyframes") and brace >= 0 and \
                    _KEYFRAMES_NAME.fullmatch(css, start + len(name) + 1, brace)
                if named:  # dropped later if nothing kept names it
                    self.verbatim(css[brace:stop])
                    out.append(("keyframes", unescape(named.group(1)), css[start:stop]))
                else:
                    self.verbatim(css[start:stop])
                    out.append(("text", css[start:stop]))
        return out

    def declaration_text(self, out: list) -> None:
        for node in out:
            if node[0] == "decls":
                self.texts.extend(p for p, name in node[2] if name is None or name in self.used)
            elif node[0] == "block":
                self.declaration_text(node[2])

    def write(self, out: list, animations: str) -> list[str]:
        lines = []
        for node in out:
            if node[0] == "text":
                lines.append(node[1])
            elif node[0] == "keyframes":
                if node[1] in animations:  # named anywhere (a substring errs on the side of keeping)
                    lines.append(node[2])
            elif node[0] == "block":
                inner = self.write(node[2], animations)
                if any(not line.startswith("/*") for line in inner):
                    lines.append(node[1] + "\n" + "\n".join(inner) + "\n}")
            else:
                _, prelude, decls = node
                kept = [p for p, name in decls if name is None or name in self.used]
                if not any(_COMMENT.sub("", p).strip() for p in kept):
                    continue  # no declaration left: the rule does nothing
                lines.append(prelude + "{" + ";".join(kept) + "}")
        return lines

    def styles(self) -> list[str | None]:
        """Each block's new CSS (None: as it was)."""
        for out in self.sheets:
            if out is not None:
                self.declaration_text(out)
        animations = "\n".join(self.texts)
        result = []
        for out in self.sheets:
            if out is None:
                result.append(None)
                continue
            lines = self.write(out, animations)
            result.append("\n" + "\n".join(lines) + "\n" if any(not line.startswith("/*") for line in lines) else "")
        return result


def style_blocks(html: str) -> list[re.Match]:
    """The page's <style> elements, less those inside <svg> or <math> (left alone)."""
    foreign = [(m.start(), -1 if m.group(1) else 0 if m.group(3) else 1) for m in _FOREIGN.finditer(html)]
    blocks, depth, f = [], 0, 0
    for m in _STYLE.finditer(html):
        while f < len(foreign) and foreign[f][0] < m.start():
            depth = max(0, depth + foreign[f][1])
            f += 1
        if depth == 0:
            blocks.append(m)
    return blocks


def prune(html: str) -> str:
    """The page with the CSS rules and custom properties that cannot apply to it removed from its
    <style> blocks (a block left empty goes too); the rest of the page as it was."""
    blocks = style_blocks(html)
    if not blocks:
        return html
    page = _Page(html, blocks)
    parts, last = [], 0
    for m, css in zip(blocks, page.styles()):
        if css is None:
            continue
        parts.append(html[last:m.start()])
        if css:
            parts.append(m.group(1) + css + m.group(3))
        last = m.end()
    parts.append(html[last:])
    return "".join(parts)
