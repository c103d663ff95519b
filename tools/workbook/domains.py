"""Parameter domains: what values each notebook parameter may take, read from the parameters cell.

A parameter's domain is written at the end of its line, after the word ``domain:``, as rules
separated by ``;``::

    double sigma2 = 1.0;          // variance of x given z. domain: > 0
    int max_iter = 1000;          // sweeps at most. domain: >= 1; fuzz [1, 200]
    double[] var1 = {1.0, 0.5};   // variances of p. domain: each > 0; length = len(mu1)
    double[] weights = {0.3, 0.7}; // mixture weights. domain: each > 0; sum = 1; length >= 1
    String estimator = "reparam"; // which fit. domain: one of reinforce, reinforce_cv, reparam

Rules of a value (a number, or with ``each`` every entry of a list):
    ``> a``  ``>= a``  ``< a``  ``<= a``  ``!= a``  ``in [a, b]`` (or ``(a, b)``, ``(a, b]``, ``[a, b)``)
    ``odd``  ``even``  ``one of w1, w2, ...``  ``any`` (any value of the type; numbers are finite)
Rules of a list: ``each RULE``, ``length OP EXPR`` (EXPR may use other parameters: ``len(mu1)``),
``sum = s``, ``increasing`` (strictly), ``distinct``.

What ``./workbook fuzz`` draws (draws.py; not a rule, only where random draws come from):
    ``fuzz [a, b]`` (a number, or each entry), ``fuzz length [a, b]``, ``fuzz one of w1, w2``,
    ``fuzz log [a, b]`` (log-uniform), ``fuzz fixed`` (always the default).
Without them a draw stays near the default and inside the domain.

Rules that tie parameters together are lines of the parameters cell of their own::

    // require: len(data) % 2 == 0; the points are (x, y) pairs

An expression over the parameters (numbers and lists of numbers, by name) with ``len``, ``sum``,
``min``, ``max``, ``abs``, ``all``, ``any``, ``sorted`` and ``set``, then after ``;`` the reason
in plain words. A value outside its domain, or a combination a ``require`` refuses, is refused
before a kernel starts, with the parameter, the rule and the value.
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass, field

OPS = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "!=": lambda a, b: a != b,
    "=": lambda a, b: a == b,
    "==": lambda a, b: a == b,
}
CMP = re.compile(r"^(>=|<=|!=|==|=|>|<)\s*(.+)$")
INTERVAL = re.compile(r"^in\s*([\[(])\s*([^,]+?)\s*,\s*([^\])]+?)\s*([\])])$")
FUNCTIONS = {"len": len, "sum": sum, "min": min, "max": max, "abs": abs, "all": all, "any": any,
             "sorted": sorted, "set": set, "round": round}


class DomainError(Exception):
    """A parameter's value lies outside its declared domain (the message names it, the rule, the value)."""


class DeclarationError(Exception):
    """A domain is written wrongly in the parameters cell."""


def number(text: str) -> float:
    t = text.strip()
    if t in ("inf", "+inf"):
        return math.inf
    if t == "-inf":
        return -math.inf
    try:
        return float(t)
    except ValueError:
        raise DeclarationError(f"'{text}' is not a number") from None


def show(value) -> str:
    """A value as the user would type it after -p."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, list):
        return ",".join(show(v) for v in value) if value else "(empty)"
    return str(value)


# ------------------------------------------------------------------------------------------------
# Rules
# ------------------------------------------------------------------------------------------------

@dataclass
class Bound:
    """lo < x or lo <= x, and x < hi or x <= hi: the interval a value rule allows."""

    lo: float = -math.inf
    lo_open: bool = True
    hi: float = math.inf
    hi_open: bool = True

    def meet(self, other: "Bound") -> "Bound":
        b = Bound(self.lo, self.lo_open, self.hi, self.hi_open)
        if other.lo > b.lo or (other.lo == b.lo and other.lo_open):
            b.lo, b.lo_open = other.lo, other.lo_open
        if other.hi < b.hi or (other.hi == b.hi and other.hi_open):
            b.hi, b.hi_open = other.hi, other.hi_open
        return b


@dataclass
class ValueRule:
    """A rule one number (or word) must satisfy."""

    text: str
    test: object  # callable(value) -> bool
    bound: Bound = field(default_factory=Bound)
    words: tuple = ()
    parity: int | None = None  # 1: odd, 0: even


def value_rule(text: str) -> ValueRule:
    t = text.strip()
    if t == "any":
        return ValueRule(t, lambda v: True)
    if t in ("odd", "even"):
        parity = 1 if t == "odd" else 0
        return ValueRule(t, lambda v: float(v).is_integer() and int(v) % 2 == parity, parity=parity)
    if t.startswith("one of "):
        words = tuple(w.strip() for w in t[len("one of "):].split(","))
        if not all(words):
            raise DeclarationError(f"'{t}': an empty word in the list")
        return ValueRule(t, lambda v: v in words, words=words)
    m = INTERVAL.match(t)
    if m:
        lo, hi = number(m[2]), number(m[3])
        lo_open, hi_open = m[1] == "(", m[4] == ")"
        if lo > hi:
            raise DeclarationError(f"'{t}': the interval is empty")

        def inside(v, lo=lo, hi=hi, lo_open=lo_open, hi_open=hi_open):
            return (v > lo if lo_open else v >= lo) and (v < hi if hi_open else v <= hi)

        return ValueRule(t, inside, Bound(lo, lo_open, hi, hi_open))
    m = CMP.match(t)
    if m:
        op, a = m[1], number(m[2])
        bound = {">": Bound(lo=a), ">=": Bound(lo=a, lo_open=False), "<": Bound(hi=a),
                 "<=": Bound(hi=a, hi_open=False)}.get(op, Bound())
        return ValueRule(t, lambda v, op=op, a=a: OPS[op](v, a), bound)
    raise DeclarationError(f"'{t}' is not a rule (> a, >= a, < a, <= a, != a, in [a, b], odd, even, "
                           "one of ..., any, each ..., length ..., sum = s, increasing, distinct)")


@dataclass
class Domain:
    """Everything declared for one parameter: its rules and where fuzz draws come from."""

    name: str
    type: str
    text: str = "any"  # the rules as written (without fuzz clauses)
    value_rules: list = field(default_factory=list)  # for a list: rules of each entry
    length_rules: list = field(default_factory=list)  # (op, expression text)
    total: float | None = None  # sum = s
    increasing: bool = False
    distinct: bool = False
    fuzz_range: tuple | None = None  # (lo, hi)
    fuzz_log: bool = False
    fuzz_length: tuple | None = None
    fuzz_words: tuple | None = None
    fuzz_fixed: bool = False

    @property
    def is_list(self) -> bool:
        return self.type.endswith("[]")

    def bound(self) -> Bound:
        b = Bound()
        for r in self.value_rules:
            b = b.meet(r.bound)
        return b

    def words(self) -> tuple:
        for r in self.value_rules:
            if r.words:
                return r.words
        return ()


def parse_domain(name: str, java_type: str, text: str | None) -> Domain:
    d = Domain(name, java_type)
    if not text:
        return d
    shown = []
    for clause in (c.strip() for c in text.split(";")):
        if not clause:
            continue
        try:
            if clause.startswith("fuzz"):
                parse_fuzz(d, clause[len("fuzz"):].strip())
                continue
            shown.append(clause)
            if clause == "any":
                continue  # any value of the type (numbers finite, as the runner's type check requires)
            if clause.startswith("each "):
                if not d.is_list:
                    raise DeclarationError("'each' applies to a list parameter")
                d.value_rules.append(value_rule(clause[len("each "):]))
            elif clause.startswith("length"):
                if not d.is_list:
                    raise DeclarationError("'length' applies to a list parameter")
                m = CMP.match(clause[len("length"):].strip())
                if not m:
                    raise DeclarationError(f"'{clause}': expected 'length OP EXPR', e.g. 'length = len(mu1)'")
                check_expression(m[2])
                d.length_rules.append((m[1], m[2].strip()))
            elif clause.startswith("sum"):
                m = CMP.match(clause[len("sum"):].strip())
                if not d.is_list or not m or m[1] not in ("=", "=="):
                    raise DeclarationError(f"'{clause}': expected 'sum = s' on a list")
                d.total = number(m[2])
            elif clause == "increasing":
                d.increasing = True
            elif clause == "distinct":
                d.distinct = True
            else:
                if d.is_list:
                    raise DeclarationError(f"'{clause}' on a list: write 'each {clause}' for its entries")
                d.value_rules.append(value_rule(clause))
        except DeclarationError as exc:
            raise DeclarationError(f"parameter '{name}': {exc}") from None
    d.text = "; ".join(shown) or "any"
    if java_type == "String" and not d.words() and d.text != "any":
        raise DeclarationError(f"parameter '{name}': a String's domain is 'one of ...' or 'any'")
    return d


def parse_fuzz(d: Domain, rest: str) -> None:
    def interval(text):
        m = re.match(r"^\[\s*([^,]+?)\s*,\s*([^\]]+?)\s*\]$", text)
        if not m:
            raise DeclarationError(f"'fuzz {rest}': expected an interval [a, b]")
        lo, hi = number(m[1]), number(m[2])
        if not lo <= hi:
            raise DeclarationError(f"'fuzz {rest}': the interval is empty")
        return lo, hi

    if rest == "fixed":
        d.fuzz_fixed = True
    elif rest.startswith("length"):
        d.fuzz_length = interval(rest[len("length"):].strip())
    elif rest.startswith("one of "):
        d.fuzz_words = tuple(w.strip() for w in rest[len("one of "):].split(","))
    elif rest.startswith("log"):
        d.fuzz_range, d.fuzz_log = interval(rest[len("log"):].strip()), True
        if d.fuzz_range[0] <= 0:
            raise DeclarationError(f"'fuzz {rest}': a log-uniform range must be positive")
    else:
        d.fuzz_range = interval(rest)


# ------------------------------------------------------------------------------------------------
# Expressions (length rules and require lines)
# ------------------------------------------------------------------------------------------------

ALLOWED = (
    ast.Expression, ast.BoolOp, ast.BinOp, ast.UnaryOp, ast.Compare, ast.Call, ast.Name, ast.Constant,
    ast.List, ast.Tuple, ast.GeneratorExp, ast.ListComp, ast.comprehension, ast.IfExp, ast.Subscript,
    ast.Slice, ast.Load, ast.Store, ast.And, ast.Or, ast.Not, ast.Add, ast.Sub, ast.Mult, ast.Div,
    ast.FloorDiv, ast.Mod, ast.Pow, ast.USub, ast.UAdd, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt,
    ast.GtE, ast.In, ast.NotIn,
)


def check_expression(text: str) -> ast.Expression:
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        raise DeclarationError(f"'{text}' is not an expression") from None
    for node in ast.walk(tree):
        if not isinstance(node, ALLOWED):
            raise DeclarationError(f"'{text}': {type(node).__name__} is not allowed in a rule")
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS):
            raise DeclarationError(f"'{text}': only {', '.join(FUNCTIONS)} may be called in a rule")
    return tree


def evaluate(text: str, values: dict):
    tree = check_expression(text)
    scope = dict(FUNCTIONS)
    scope.update(values)
    return eval(compile(tree, "<rule>", "eval"), {"__builtins__": {}}, scope)  # noqa: S307 (checked AST)


def names_in(text: str) -> list[str]:
    return sorted({n.id for n in ast.walk(check_expression(text)) if isinstance(n, ast.Name) and n.id not in FUNCTIONS})


@dataclass
class Requirement:
    expression: str
    reason: str


def parse_requirement(text: str) -> Requirement:
    expression, _, reason = text.partition(";")
    check_expression(expression)
    return Requirement(expression.strip(), reason.strip())


# ------------------------------------------------------------------------------------------------
# Checking values
# ------------------------------------------------------------------------------------------------

def check_all(nb_id: str, domains: dict[str, Domain], requirements: list[Requirement], values: dict,
              names: list[str] | None = None) -> None:
    """Raises DomainError for the first parameter (of `names`, default all) outside its domain,
    then for the first requirement that does not hold."""
    for name in names or list(domains):
        check_value(nb_id, domains[name], values[name], values)
    for req in requirements:
        try:
            ok = bool(evaluate(req.expression, values))
        except (ArithmeticError, TypeError, ValueError, IndexError) as exc:
            ok, why = False, f" (it cannot be evaluated: {exc})"
        else:
            why = ""
        if not ok:
            involved = names_in(req.expression)
            got = ", ".join(f"{n} = {show(values[n])}" for n in involved if n in values)
            raise DomainError(
                f"{nb_id}: parameter{'s' if len(involved) > 1 else ''} {', '.join(involved)} must satisfy "
                f"{req.expression}" + (f" ({req.reason})" if req.reason else "") + f"{why}; got {got}"
            )


def check_value(nb_id: str, d: Domain, value, values: dict) -> None:
    def refuse(rule: str, shown=None):
        raise DomainError(f"{nb_id}: parameter '{d.name}' must be {rule}; got {d.name} = "
                          f"{show(value) if shown is None else shown} (its domain: {d.text})")

    if d.is_list:
        for op, expr in d.length_rules:
            try:
                want = evaluate(expr, values)
            except (ArithmeticError, TypeError, ValueError, IndexError) as exc:
                raise DomainError(f"{nb_id}: the length rule of '{d.name}' ({expr}) cannot be evaluated: {exc}") from None
            if not OPS[op](len(value), want):
                refuse(f"of length {op} {expr}" + (f" = {show(want)}" if not re.fullmatch(r"\d+", expr) else ""),
                       f"{show(value)} (length {len(value)})")
        for i, v in enumerate(value):
            for r in d.value_rules:
                if not r.test(v):
                    refuse(f"a list whose every entry is {r.text}", f"{show(value)} (entry {i + 1} is {show(v)})")
        if d.total is not None and value and abs(sum(value) - d.total) > 1e-9 * max(1.0, abs(d.total)) * len(value):
            refuse(f"a list that sums to {show(d.total)}", f"{show(value)} (sum {sum(value)!r})")
        if d.increasing and any(b <= a for a, b in zip(value, value[1:])):
            refuse("a strictly increasing list")
        if d.distinct and len(set(value)) != len(value):
            refuse("a list of distinct values")
        return
    for r in d.value_rules:
        if not r.test(value):
            refuse(r.text)
