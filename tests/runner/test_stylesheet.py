"""stylesheet.prune on small pages: what can match an element of the page stays, byte for byte;
what cannot goes (rules, selectors of a list, emptied @media, unread custom properties, unnamed
@keyframes); what it does not understand stays; nothing outside <style> changes. The structure
it reads is checked against tinycss2's on nbconvert's real stylesheet."""

from __future__ import annotations

import re

import pytest

from workbook import stylesheet
from workbook.stylesheet import prune

BODY = """<body>
<div class="jp-Cell used" id="main"><p class="note">text <em>x</em></p>
<svg><g><path d="M0 0"/></g><foreignObject/></svg></div>
</body>"""


def page(css: str, body: str = BODY, attrs: str = "") -> str:
    return f"<!DOCTYPE html>\n<html><head><style{attrs}>{css}</style></head>\n{body}</html>"


def css_of(html: str) -> str:
    found = re.findall(r"<style\b[^>]*>(.*?)</style>", html, re.S)
    return "\n".join(found)


def squash(css: str) -> str:
    return re.sub(r"\s+", " ", css).strip()


def test_a_used_class_is_kept_and_an_unused_one_dropped():
    out = css_of(prune(page(".used { color: red; }\n.absent { color: blue; }")))
    assert ".used { color: red; }" in out
    assert "absent" not in out and "blue" not in out


def test_ids_and_element_names_are_required_too():
    out = css_of(prune(page("#main { a: 1 } #nope { a: 2 } p em { a: 3 } p table { a: 4 } div > p.note { a: 5 }")))
    assert "#main" in out and "p em" in out and "div > p.note" in out
    assert "#nope" not in out and "table" not in out


def test_a_selector_list_is_cut_to_the_selectors_that_can_match():
    out = css_of(prune(page(".absent,\n.used > p,\n.gone .used { margin: 0; }")))
    assert squash(out) == ".used > p{ margin: 0; }"


def test_a_list_with_syntax_some_browser_rejects_is_kept_whole():
    # Chromium drops the whole rule for ::-moz-placeholder; without .absent's selector it would apply.
    css = ".used::-webkit-input-placeholder,\n.absent::-moz-placeholder { color: red; }"
    assert squash(css_of(prune(page(css)))) == squash(css)
    # ... and dropped when no selector of it can match.
    assert css_of(prune(page(".gone::-webkit-input-placeholder, .absent::-moz-placeholder { color: red; } .used{a:b}"))).strip() == ".used{a:b}"


def test_negations_and_other_arguments_require_nothing():
    css = (":not(.absent) { a: 1 }\n.used:not(.absent) { a: 2 }\n:is(.absent, .gone) p { a: 3 }\n"
           ".note:where(.nothing) { a: 4 }\n.absent:not(.used) { a: 5 }\n:has(.absent) { a: 6 }")
    out = css_of(prune(page(css)))
    for kept in (":not(.absent) { a: 1 }", ".used:not(.absent) { a: 2 }", ":is(.absent, .gone) p { a: 3 }",
                 ".note:where(.nothing) { a: 4 }", ":has(.absent) { a: 6 }"):
        assert kept in out
    assert "a: 5" not in out  # .absent itself is required


def test_attribute_selectors_and_pseudo_classes_and_elements():
    css = ("[data-jp-theme='true'] { a: 1 }\n.used[title] { a: 2 }\n.absent[title] { a: 3 }\n"
           ".used:hover { a: 4 }\n.absent:hover { a: 5 }\n.note::before { a: 6 }\n.absent::after { a: 7 }\n"
           "p:nth-child(2n+1) { a: 8 }\ntable tr:nth-child(odd) { a: 9 }\n:root { a: 10 }\n* { a: 11 }")
    out = css_of(prune(page(css)))
    for n in (1, 2, 4, 6, 8, 10, 11):
        assert f"a: {n} " in out
    for n in (3, 5, 7, 9):
        assert f"a: {n} " not in out


def test_svg_and_implied_elements_count():
    css = "foreignObject { a: 1 } foreignobject { a: 2 } svg path { a: 3 } tbody td { a: 4 } html body { a: 5 } circle { a: 6 }"
    out = css_of(prune(page(css)))
    for n in (1, 2, 3, 5):
        assert f"a: {n} " in out
    assert "circle" not in out
    assert "a: 4" not in out  # no <td>; <tbody> alone is implied by a <table>
    assert "tbody td" in css_of(prune(page(css, BODY.replace("</body>", "<table><tr><td>1</td></tr></table></body>"))))


def test_media_and_supports_blocks_lose_their_unused_rules_and_go_when_empty():
    css = "@media print { .absent { a: 1 } .used { a: 2 } }\n@media (max-width: 10px) { .absent { a: 3 } }\n" \
          "@supports (display: grid) { @media screen { .gone { a: 4 } } }\n.used { a: 5 }"
    out = css_of(prune(page(css)))
    assert squash(out) == "@media print { .used { a: 2 } } .used { a: 5 }"


def test_custom_properties_read_transitively_are_kept_and_unread_ones_dropped():
    css = (":root {\n  --jp-a: var(--jp-b);\n  --jp-b: 1px;\n  --jp-unused: var(--jp-c);\n  --jp-c: red;\n"
           "  --jp-style: 3px;\n}\n.used { margin: var(--jp-a); }\n.absent { color: var(--jp-c); }\n"
           ":root { --only-unused: 1; }")
    body = BODY.replace('<p class="note">', '<p class="note" style="padding: var(--jp-style)">')
    out = css_of(prune(page(css, body)))
    assert "--jp-a: var(--jp-b);" in out and "--jp-b: 1px;" in out and "--jp-style: 3px" in out
    assert "--jp-unused" not in out and "--jp-c" not in out
    assert "--only-unused" not in out and out.count(":root") == 1  # a rule left with no declaration goes
    assert ".used { margin: var(--jp-a); }" in out


def test_keyframes_stay_only_when_named():
    css = "@keyframes spin { to { a: 1 } }\n@keyframes fade { to { a: 2 } }\n.used { animation: spin 1s; }\n" \
          ".absent { animation: fade 1s; }\n@font-face { font-family: X; src: url(x.woff); }\n@page { margin: 1in; }"
    out = css_of(prune(page(css)))
    assert "@keyframes spin" in out and "fade" not in out
    assert "@font-face { font-family: X; src: url(x.woff); }" in out and "@page { margin: 1in; }" in out


def test_strings_urls_comments_and_escapes_do_not_confuse_the_structure():
    css = (".used { background: url(data:image/svg+xml;utf8,<svg>}{;</svg>); }\n"
           ".used::before { content: \"} .absent { \"; }\n/* } .absent { */\n"
           ".sm\\:flex { a: 1 }\n.used { b: 2 }")
    out = css_of(prune(page(css)))
    assert "url(data:image/svg+xml;utf8,<svg>}{;</svg>)" in out
    assert "content: \"} .absent { \"" in out
    assert "sm\\:flex" not in out and "b: 2" in out
    body = BODY.replace('class="note"', 'class="note sm:flex"')
    assert ".sm\\:flex { a: 1 }" in css_of(prune(page(css, body)))


def test_what_it_cannot_read_is_kept_as_it_is():
    broken = ".absent { a: 1 } .used { b: (2 }"  # an unbalanced bracket
    assert prune(page(broken)) == page(broken)
    nested = ".used { color: red; & .absent { color: blue } }\n.gone { x: 1 }"
    out = css_of(prune(page(nested)))
    assert ".used { color: red; & .absent { color: blue } }" in out and ".gone" not in out
    odd = "svg|path { a: 1 } .absent || td { a: 2 }"  # namespaces, column combinator
    assert squash(css_of(prune(page(odd)))) == squash(odd)


def test_style_attributes_are_kept_empty_blocks_removed_the_rest_untouched():
    html = page(".absent { a: 1 }", attrs=' type="text/css"').replace(
        "</head>", '<style media="print">.used { a: 2 }</style></head>')
    out = prune(html)
    assert 'type="text/css"' not in out  # that block is empty now: it goes
    assert '<style media="print">' in out
    assert out.replace('<style media="print">\n.used { a: 2 }\n</style>', "") == \
        html.replace('<style type="text/css">.absent { a: 1 }</style>', "").replace('<style media="print">.used { a: 2 }</style>', "")


def test_a_style_inside_svg_is_left_alone():
    body = BODY.replace("<g>", "<style>.absent { fill: red }</style><g>")
    html = page(".used { a: 1 }", body)
    assert "<style>.absent { fill: red }</style>" in prune(html)


def test_a_page_without_style_is_unchanged():
    html = f"<!DOCTYPE html><html><head></head>{BODY}</html>"
    assert prune(html) == html


def test_the_structure_read_agrees_with_tinycss2_on_nbconvert_css():
    import sys
    from pathlib import Path

    import tinycss2

    folder = Path(sys.prefix) / "share" / "jupyter" / "nbconvert" / "templates" / "lab" / "static"
    css_files = sorted(folder.glob("*.css"))
    if not css_files:
        pytest.skip(f"nbconvert's lab CSS is not in {folder}")

    def same_form(text):  # as tinycss2 writes it back (its quotes)
        return squash(tinycss2.serialize(tinycss2.parse_component_value_list(text, skip_comments=True)))

    def ours(sheet, rules):
        for r in rules:
            if r[0] == "rule":
                yield "rule", same_form(r[1]), same_form(sheet.css[r[2]:r[3]])
            elif r[0] == "at":
                yield "at", r[1], None
                if r[5] is not None:
                    yield from ours(sheet, r[5])

    def theirs(rules):
        for r in rules:
            if r.type == "qualified-rule":
                yield "rule", squash(tinycss2.serialize(r.prelude)), squash(tinycss2.serialize(r.content))
            elif r.type == "at-rule":
                yield "at", r.lower_at_keyword, None
                if r.lower_at_keyword in ("media", "supports") and r.content is not None:
                    yield from theirs(tinycss2.parse_rule_list(r.content, skip_comments=True, skip_whitespace=True))

    compared = 0
    for path in css_files:
        css = path.read_text(encoding="utf-8")
        mine = list(ours(stylesheet.Sheet(css), stylesheet.Sheet(css).rules))
        reference = list(theirs(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)))
        assert mine == reference, path
        compared += len(mine)
    assert compared > 500


@pytest.mark.parametrize("selector, need, plain", [
    (".a.b > c", {("c", "a"), ("c", "b"), ("t", "c")}, True),
    ("#x:hover::before", {("i", "x")}, True),
    (":not(.a, .b .c) d", {("t", "d")}, True),
    (".a::-moz-selection", {("c", "a")}, False),
    (".a > ", {("c", "a")}, False),
    ("svg|rect", None, False),
    ("& .a", None, False),
    ("input[type=\"text\" i]", {("t", "input")}, True),
    ("li:nth-child(2n + 1)", {("t", "li")}, True),
])
def test_what_a_selector_requires(selector, need, plain):
    assert stylesheet.selector(selector) == ((frozenset(need) if need is not None else None), plain)


def test_custom_properties_read_by_rules_kept_whole_are_kept():
    css = (":root { --jp-k: red; --jp-f: X; --jp-n: 1px; --jp-x: 0; }\n"
           "@keyframes spin { to { color: var(--jp-k) } }\n.used { animation: spin 1s; }\n"
           "@font-face { font-family: var(--jp-f); }\n.used { & p { margin: var(--jp-n) } }")
    out = css_of(prune(page(css)))
    assert "--jp-k: red" in out and "--jp-f: X" in out and "--jp-n: 1px" in out
    assert "--jp-x" not in out
