"""Seeded random parameter sets for `./workbook fuzz` and the parameter-space step of `./workbook
test`: each value drawn from its domain's `fuzz` hints (or near its default), lists of the right
length, and the whole set kept only when every domain and `require` line accepts it (rejection
sampling). The rules and their checks are domains.py's."""

from __future__ import annotations

import math
import random

from .domains import OPS, DeclarationError, Domain, DomainError, Requirement, check_all, evaluate, names_in


INT_TYPES = ("int", "long", "int[]", "long[]")


def draw_number(d: Domain, default: float | None, rng: random.Random, integer: bool) -> float:
    b = d.bound()
    if d.fuzz_range:
        lo, hi = d.fuzz_range
    else:
        centre = default if default is not None and math.isfinite(default) else 0.0
        scale = max(1.0, abs(centre))
        lo, hi = centre - 2 * scale, centre + 2 * scale
        if b.lo >= 0 and centre > 0 and not integer:  # a positive scale: within a factor 10 of the default
            lo, hi = centre / 10, centre * 10
    lo, hi = max(lo, b.lo), min(hi, b.hi)
    if integer:
        lo, hi = math.ceil(lo), math.floor(hi)
    for _ in range(1000):
        if integer:
            v = float(rng.randint(int(lo), int(hi))) if lo <= hi else float(default or 0)
        elif d.fuzz_log and lo > 0:
            v = math.exp(rng.uniform(math.log(lo), math.log(hi)))
        else:
            v = rng.uniform(lo, hi)
        if not integer:
            v = float(f"{v:.4g}")  # readable commands
        if all(r.test(v) for r in d.value_rules):
            return int(v) if integer else v
    raise DeclarationError(f"parameter '{d.name}': no value drawn from its fuzz range lies in its domain")


def draw(nb_id: str, domains: dict[str, Domain], requirements: list[Requirement], defaults: dict,
         rng: random.Random, tries: int = 500) -> dict:
    """One random parameter set inside every domain and every requirement (rejection sampling)."""
    order = dependency_order(domains)
    for _ in range(tries):
        values = dict(defaults)
        for name in order:
            d = domains[name]
            if d.fuzz_fixed:
                continue
            values[name] = draw_one(d, defaults[name], values, rng)
        try:
            check_all(nb_id, domains, requirements, values)
            return values
        except DomainError:
            continue
    raise DeclarationError(f"{nb_id}: no random draw satisfied every domain and requirement in {tries} tries")


def draw_one(d: Domain, default, values: dict, rng: random.Random):
    integer = d.type in INT_TYPES
    if d.type == "boolean":
        return rng.random() < 0.5
    if d.type == "String":
        words = d.fuzz_words or d.words()
        return rng.choice(words) if words else default
    if not d.is_list:
        return draw_number(d, default, rng, integer)
    length = None
    for op, expr in d.length_rules:
        if op in ("=", "=="):
            length = int(evaluate(expr, values))
    if length is None:
        lo, hi = d.fuzz_length or (len(default), len(default))
        for _ in range(100):
            length = rng.randint(int(lo), int(hi))
            if all(OPS[op](length, evaluate(expr, values)) for op, expr in d.length_rules):
                break
    centre = sum(default) / len(default) if default else None
    entries = [draw_number(d, centre, rng, integer) for _ in range(length)]
    if d.increasing:
        entries = sorted(set(entries))
    if d.total is not None and entries:
        s = sum(entries)
        entries = [float(f"{v * d.total / s:.4g}") for v in entries[:-1]]
        entries.append(d.total - sum(entries))
    return entries


def dependency_order(domains: dict[str, Domain]) -> list[str]:
    """Parameters whose length rules name others come after them."""
    deps = {n: {m for _, e in d.length_rules for m in names_in(e) if m in domains and m != n}
            for n, d in domains.items()}
    order, seen = [], set()

    def visit(n, stack=()):
        if n in seen:
            return
        if n in stack:
            raise DeclarationError(f"the length rules of {', '.join(stack)} refer to each other in a circle")
        for m in sorted(deps[n]):
            visit(m, stack + (n,))
        seen.add(n)
        order.append(n)

    for n in domains:
        visit(n)
    return order
