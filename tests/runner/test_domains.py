"""Parameter domains (tools/workbook/domains.py, draws.py) and how the runner uses them: refusals before a kernel
starts, ./workbook list, the random draws of the parameter-space test, the page header."""

import math
import random
import re
import shlex
import subprocess
import time
from pathlib import Path

import pytest

import workbook
from workbook import domains, execution, parameters, site, testing

ROOT = Path(__file__).resolve().parents[2]


def refusal(name, java_type, rules, value, others=None, requirements=()):
    d = domains.parse_domain(name, java_type, rules)
    values = dict(others or {})
    values[name] = value
    all_domains = {name: d}
    for other in values:
        all_domains.setdefault(other, domains.parse_domain(other, "double[]" if isinstance(values[other], list) else "double", ""))
    with pytest.raises(domains.DomainError) as info:
        domains.check_all("NB", all_domains, [domains.parse_requirement(r) for r in requirements], values)
    return str(info.value)


# ---- the rules ---------------------------------------------------------------------------------

@pytest.mark.parametrize("rules, good, bad", [
    ("> 0", [1e-300, 5], [0, -1]),
    (">= 1", [1, 2], [0, 0.5]),
    ("< 1", [0.99, -5], [1, 2]),
    ("<= 1", [1, -5], [1.0001]),
    ("!= 0", [1, -1], [0]),
    ("in (0, 1]", [1, 0.5], [0, 1.5]),
    ("in [0, 1)", [0, 0.5], [1, -0.1]),
    ("odd; >= 3", [3, 2001], [2, 1, 4]),
    ("any", [-1e300, 0, 1e300], []),
])
def test_number_rules_accept_and_refuse(rules, good, bad):
    d = domains.parse_domain("p", "double", rules)
    for v in good:
        domains.check_value("NB", d, float(v), {})
    for v in bad:
        with pytest.raises(domains.DomainError):
            domains.check_value("NB", d, float(v), {})


def test_a_refusal_names_the_parameter_the_rule_and_the_value():
    msg = refusal("sigma2", "double", "> 0", -1.0)
    assert "parameter 'sigma2'" in msg and "must be > 0" in msg and "sigma2 = -1" in msg


def test_list_rules_name_the_entry_that_breaks_them():
    msg = refusal("var1", "double[]", "each > 0; length = len(mu1)", [1.0, -0.5], {"mu1": [0.0, 1.0]})
    assert "'var1'" in msg and "every entry is > 0" in msg and "entry 2 is -0.5" in msg


def test_lengths_that_must_match_are_refused_with_both_lengths():
    msg = refusal("var1", "double[]", "each > 0; length = len(mu1)", [1.0, 2.0, 3.0], {"mu1": [0.0, 1.0]})
    assert "'var1'" in msg and "length = len(mu1) = 2" in msg and "(length 3)" in msg


def test_sums_increasing_and_distinct():
    assert "sums to 1" in refusal("w", "double[]", "each > 0; sum = 1", [0.3, 0.6])
    d = domains.parse_domain("w", "double[]", "each > 0; sum = 1")
    domains.check_value("NB", d, [0.1, 0.2, 0.7], {})  # rounding of 0.1 + 0.2 is not a violation
    assert "strictly increasing" in refusal("g", "double[]", "increasing", [1.0, 1.0, 2.0])
    assert "distinct" in refusal("g", "double[]", "distinct", [1.0, 2.0, 1.0])


def test_words():
    d = domains.parse_domain("estimator", "String", "one of reinforce, reinforce_cv, reparam")
    domains.check_value("NB", d, "reparam", {})
    msg = refusal("estimator", "String", "one of reinforce, reinforce_cv, reparam", "reparm")
    assert "one of reinforce, reinforce_cv, reparam" in msg and "estimator = reparm" in msg


def test_a_requirement_across_parameters_names_every_parameter_in_it():
    msg = refusal("data", "double[]", "any", [1.0, 2.0, 3.0],
                  requirements=["len(data) % 2 == 0; the points are (x, y) pairs"])
    assert "data must satisfy len(data) % 2 == 0 (the points are (x, y) pairs)" in msg and "data = 1,2,3" in msg


@pytest.mark.parametrize("rules", [
    "> zero", "between 0 and 1", "in [1, 0]", "length = __import__('os')", "length = open('x')",
    "each > 0",  # on a scalar
])
def test_a_wrongly_written_domain_is_refused_as_a_declaration_error(rules):
    with pytest.raises(domains.DeclarationError):
        domains.parse_domain("p", "double", rules)


def test_requirements_cannot_reach_python():
    for text in ["__import__('os').system('true')", "().__class__", "open('/etc/passwd')", "[x for x in ().__class__.__mro__]"]:
        with pytest.raises(domains.DeclarationError):
            domains.parse_requirement(text)


# ---- every notebook ----------------------------------------------------------------------------

def test_every_parameter_of_every_notebook_declares_its_domain():
    missing = []
    for nb_id in parameters.notebook_ids():
        nb = parameters.load_notebook(nb_id)  # also refuses defaults outside their own domains
        source = parameters.cell_source(parameters.parameters_cell(parameters.read_json(nb.path), nb_id))
        for name in nb.parameters:
            line = next(ln for ln in source.splitlines() if re.match(rf"^\s*\S+\s+{name}\s*=", ln))
            if "domain:" not in line:
                missing.append(f"{nb_id}.{name}")
    assert not missing, f"parameters without a declared domain: {', '.join(missing)}"


def test_random_draws_lie_in_every_domain_are_seeded_and_reach_past_the_defaults():
    for nb_id in parameters.notebook_ids():
        nb = parameters.load_notebook(nb_id)
        first = testing.fuzz_draws(nb, 20, seed=7)
        assert first == testing.fuzz_draws(nb, 20, seed=7), f"{nb_id}: draws are not reproducible"
        changed = set()
        for overrides in first:
            values = nb.defaults()
            values.update(overrides)
            nb.check(values)  # every draw inside every domain and requirement
            changed |= set(overrides)
        fixed = {n for n, p in nb.parameters.items() if p.domain.fuzz_fixed or p.domain.fuzz_range == (0, 0)}
        assert changed or not (set(nb.parameters) - fixed), f"{nb_id}: 20 draws never left the defaults"


def test_the_printed_command_of_a_draw_reproduces_it():
    nb = parameters.load_notebook("W4")
    for overrides in testing.fuzz_draws(nb, 5, seed=3):
        command = testing.fuzz_command("W4", overrides)
        words = shlex.split(command)
        assert words[:3] == ["./workbook", "run", "W4"]
        pairs = [words[i + 1] for i in range(3, len(words), 2)]
        literals = parameters.parse_overrides(nb, pairs)
        for name, value in overrides.items():
            assert parameters.same_value(parameters.json_value(nb.parameters[name].type, literals[name]), value)


def test_list_shows_each_domain():
    out = subprocess.run([str(ROOT / "workbook"), "list", "W4"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert re.search(r"sigma2\s+double\s+= 1.0\s+domain: > 0", out.stdout), out.stdout


def test_an_out_of_domain_value_is_refused_before_a_kernel_starts():
    kernel_log = workbook.BUILD / "logs" / "W4.kernel.log"
    before = kernel_log.stat().st_mtime if kernel_log.exists() else None
    t = time.time()
    out = subprocess.run([str(ROOT / "workbook"), "run", "W4", "-p", "sigma2=-1"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert "parameter 'sigma2' must be > 0; got sigma2 = -1" in out.stderr
    assert (kernel_log.stat().st_mtime if kernel_log.exists() else None) == before, "a kernel was started"
    assert "running" not in out.stdout


# ---- what a page and the index say about the parameters -----------------------------------------

def test_the_page_header_lists_every_value_and_marks_those_off_the_defaults():
    nb = parameters.load_notebook("W4")
    recorded = {n: p.default_value for n, p in nb.parameters.items()}
    recorded["theta1"] = 0.0
    html = site.parameters_header(nb, recorded)
    assert "1 of 8 differ from the defaults: theta1" in html
    row = re.search(r'<tr class="vwb-changed"><td><code>theta1</code></td><td><code>([^<]*)</code>', html)
    assert row and row.group(1) == "0.0" and "default 1.0" in html
    assert html.count('class="vwb-changed"') == 1
    assert "all 8 at their defaults" in site.parameters_header(nb, {n: p.default_value for n, p in nb.parameters.items()})


def test_non_finite_results_are_found_wherever_they_are():
    assert execution.non_finite({"a": 1.0, "b": [1.0, {"c": None}]}) == "b[1].c"
    assert execution.non_finite({"a": [1.0, 2.0], "b": {"c": True, "d": "x"}}) is None
    assert execution.non_finite({"a": math.nan}) == "a"


def test_the_core_edge_cases_give_every_notebook_at_least_4_runs_with_the_draws():
    core, every = testing.read_cases(extended=False), testing.read_cases()
    assert len(core) < len(every)
    assert {c for _, c, _ in core} <= {c for _, c, _ in every}
    for nb_id in parameters.notebook_ids():
        n = sum(1 for i, _, _ in core if i == nb_id)
        assert n >= 1, f"{nb_id} has no core edge case"
        assert n + max(1, 4 - n) >= 4
    for nb_id, case, pairs in every:  # every case, extended or not, lies inside its notebook's domains
        parameters.parse_overrides(parameters.load_notebook(nb_id), pairs)
