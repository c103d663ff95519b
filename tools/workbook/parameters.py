"""The notebooks and their parameters: which notebooks there are and in what order, the
parameters cell (first code cell, tagged `parameters`: `TYPE name = value; // ... domain: ...`
lines and `// require:` lines), the checks of values against those declarations (the rules
themselves are domains.py's), `-p name=value` overrides as Java literals, the injected cell
that carries them, and Java literals back to Python values."""

from __future__ import annotations

import difflib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import NOTEBOOKS, RunError, UsageError, domains

# Notebook order on the site and in full runs; notebooks not listed here follow alphabetically.
ORDER = ["A", "B", "C", "D", "E", "W1", "W2", "W3", "W4", "BBVI", "BLR", "EP", "GMM"]


TYPES = ("double", "int", "long", "boolean", "String", "double[]", "int[]", "long[]")
DECLARATION = re.compile(
    r"^\s*(?P<type>double\[\]|int\[\]|long\[\]|double|int|long|boolean|String)\s+"
    r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?P<value>.+?)\s*;\s*(?://(?P<comment>.*))?$"
)
NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
INTEGER = re.compile(r"^[-+]?\d+$")
WORD = re.compile(r"^[A-Za-z0-9_.\-]+$")


@dataclass
class Parameter:
    name: str
    type: str
    default: str  # the Java text of the default value
    comment: str = ""  # what the parameter is (the comment before "domain:")
    domain: domains.Domain | None = None

    @property
    def default_value(self):
        """The default as a Python value (a float, a list of floats, a bool or a str)."""
        return json_value(self.type, self.default)


@dataclass
class Notebook:
    id: str
    path: Path
    parameters: dict[str, Parameter] = field(default_factory=dict)
    title: str = ""
    requirements: list = field(default_factory=list)  # domains.Requirement: rules across parameters

    @property
    def domains(self) -> dict:
        return {n: p.domain for n, p in self.parameters.items()}

    def defaults(self) -> dict:
        return {n: p.default_value for n, p in self.parameters.items()}

    def check(self, values: dict, names=None) -> None:
        """Raises UsageError naming the parameter, the rule and the value if `values` (every
        parameter) lie outside the declared domains or break a requirement."""
        try:
            domains.check_all(self.id, self.domains, self.requirements, values, names)
        except domains.DomainError as exc:
            raise UsageError(str(exc)) from None


def notebook_ids() -> list[str]:
    found = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
    ordered = [i for i in ORDER if i in found]
    return ordered + [i for i in found if i not in ordered]


def read_json(path: Path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def cell_source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def load_notebook(nb_id: str) -> Notebook:
    path = NOTEBOOKS / f"{nb_id}.ipynb"
    if not path.exists():
        raise UsageError(f"unknown notebook '{nb_id}'. Notebooks are: {', '.join(notebook_ids())}")
    return notebook_from_node(nb_id, path, read_json(path))


def notebook_from_node(nb_id: str, path: Path | None, nb: dict) -> Notebook:
    """A notebook's declarations read from its JSON (the source notebook, or an executed copy:
    the nbconvert exporter reads the parameters from the notebook it exports)."""
    title = ""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in cell_source(cell).splitlines():
                if line.startswith("#"):
                    title = line.lstrip("#").strip()
                    break
            if title:
                break
    return notebook_from_cell(nb_id, path, cell_source(parameters_cell(nb, nb_id)), title)


def notebook_from_cell(nb_id: str, path: Path | None, source: str, title: str = "") -> Notebook:
    """The parameters and requirements declared in a parameters cell's source (the runner's
    notebooks, and papermill's Java translator, tools/plugins/papermill-java, read it so)."""
    params = {}
    requirements = []
    for number, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        try:
            if stripped.startswith("//"):
                rest = stripped[2:].strip()
                if rest.startswith("require:"):
                    requirements.append(domains.parse_requirement(rest[len("require:"):]))
                continue
            if not stripped:
                continue
            m = DECLARATION.match(line)
            if not m:
                raise RunError(
                    f"{nb_id}: line {number} of the parameters cell is not a declaration "
                    f"'TYPE name = value;' with TYPE one of {', '.join(TYPES)}: {line!r}"
                )
            comment, _, rules = (m["comment"] or "").rpartition("domain:") if "domain:" in (m["comment"] or "") \
                else ((m["comment"] or ""), "", "")
            p = Parameter(m["name"], m["type"], m["value"], comment.strip().rstrip(".;,").strip(),
                          domains.parse_domain(m["name"], m["type"], rules.strip()))
        except domains.DeclarationError as exc:
            raise RunError(f"{nb_id}: line {number} of the parameters cell: {exc}") from None
        if p.name in params:
            raise RunError(f"{nb_id}: parameter '{p.name}' is declared twice in the parameters cell")
        params[p.name] = p
    meta = Notebook(nb_id, path, params, title, requirements)
    try:
        meta.check(meta.defaults())
    except UsageError as exc:
        raise RunError(f"{nb_id}: its defaults lie outside its own declared domains: {exc}") from None
    return meta


def parameters_cell(nb: dict, nb_id: str) -> dict:
    code = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    if not code or "parameters" not in code[0].get("metadata", {}).get("tags", []):
        raise RunError(f"{nb_id}: the first code cell must be tagged 'parameters'")
    return code[0]


def describe(params: dict[str, Parameter]) -> str:
    if not params:
        return "(this notebook has no parameters)"
    return ", ".join(f"{p.name} ({p.type}, default {p.default}, domain: {p.domain.text})" for p in params.values())


def java_literal(nb_id: str, p: Parameter, value: str) -> str:
    """The Java text for `value` as a `p.type`, or a UsageError saying what is expected."""

    def fail(expected: str) -> UsageError:
        return UsageError(
            f"{nb_id}: parameter '{p.name}' is a {p.type}; {expected}, got '{value}'"
        )

    v = value.strip()
    if p.type == "double":
        if not NUMBER.match(v) or not math.isfinite(float(v)):
            raise fail("expected a finite number such as 1.5 or -2e-3")
        return v
    if p.type in ("int", "long"):
        if not INTEGER.match(v):
            raise fail("expected a whole number such as 3")
        n = int(v)
        limit = 2**31 if p.type == "int" else 2**63
        if not -limit <= n < limit:
            raise fail(f"expected a whole number that fits in a Java {p.type}")
        return str(n) + ("L" if p.type == "long" else "")
    if p.type == "boolean":
        if v not in ("true", "false"):
            raise fail("expected true or false")
        return v
    if p.type == "String":
        if not WORD.match(v):
            raise fail("expected one word of letters, digits, '_', '.' or '-'")
        return '"' + v + '"'
    # arrays
    items = [s.strip() for s in v.split(",")] if v else []
    if any(s == "" for s in items):
        raise fail("expected a comma-separated list of numbers with no empty entries, such as 1.2,0.7,2.3")
    element = p.type[:-2]
    out = []
    for s in items:
        if element == "double":
            if not NUMBER.match(s) or not math.isfinite(float(s)):
                raise fail(f"expected a comma-separated list of finite numbers ('{s}' is not one)")
            out.append(s)
        else:
            if not INTEGER.match(s):
                raise fail(f"expected a comma-separated list of whole numbers ('{s}' is not one)")
            out.append(s + ("L" if element == "long" else ""))
    return "{" + ", ".join(out) + "}"


def parse_overrides(nb: Notebook, pairs: list[str]) -> dict[str, str]:
    """name=value strings to {name: java literal}; refuses unknown names and ill-typed values."""
    result = {}
    for pair in pairs:
        if "=" not in pair:
            raise UsageError(f"-p expects name=value, got '{pair}'")
        name, value = pair.split("=", 1)
        name = name.strip()
        if name not in nb.parameters:
            hint = difflib.get_close_matches(name, list(nb.parameters), n=1)
            did_you_mean = f" Did you mean '{hint[0]}'?" if hint else ""
            raise UsageError(
                f"{nb.id} has no parameter '{name}'.{did_you_mean} Valid parameters: {describe(nb.parameters)}"
            )
        result[name] = java_literal(nb.id, nb.parameters[name], value)
    values = nb.defaults()
    values.update({n: json_value(nb.parameters[n].type, lit) for n, lit in result.items()})
    # The parameters given first (their own rules), then every rule, so that a combination the
    # notebook cannot serve (a length that no longer matches a default) is refused too.
    nb.check(values, names=list(result))
    nb.check(values)
    return result


def cli_value(value) -> str:
    """A Python parameter value as the text after -p name=."""
    if isinstance(value, list):
        return ",".join(domains.show(v) for v in value)
    return domains.show(value)


def overrides_from_values(nb: Notebook, values: dict) -> dict[str, str]:
    """Python values (papermill's: int, float, bool, str, None, a list of numbers) to Java
    literals of the declared types, through the same checks as `-p name=value` (parse_overrides):
    unknown names, ill-typed values, domains and requirements are refused alike."""
    pairs = []
    for name, value in values.items():
        if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, (list, dict)) for v in value)):
            raise UsageError(f"{nb.id}: parameter '{name}' takes a number, a word, true/false or a list of "
                             f"numbers, got {value!r}")
        pairs.append(f"{name}={cli_value(value)}")
    return parse_overrides(nb, pairs)


def injected_source(nb: Notebook, overrides: dict[str, str], by: str = "./workbook run") -> str:
    """The source of the injected parameters cell: one Java declaration of the declared type per
    override (papermill's Java translator writes the same, `by="papermill"`)."""
    lines = [f"// Parameters injected by {by} (they replace the defaults above)"]
    for name, literal in overrides.items():
        lines.append(f"{nb.parameters[name].type} {name} = {literal};")
    return "\n".join(lines)


def injected_cell(nb: Notebook, overrides: dict[str, str]) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": "injected-parameters",
        "metadata": {"tags": ["injected-parameters"]},
        "outputs": [],
        "source": injected_source(nb, overrides),
    }



def json_value(java_type: str, literal: str):
    t = literal.strip().rstrip("L")
    if java_type == "String":
        return t.strip('"')
    if java_type == "boolean":
        return t == "true"
    whole = java_type.split("[")[0] in ("int", "long")
    if java_type.endswith("[]"):
        inner = t.strip("{}").strip()
        return [int(s.strip().rstrip("L")) if whole else float(s) for s in inner.split(",")] if inner else []
    return int(t) if whole else float(t)


def same_value(a, b) -> bool:
    if isinstance(b, list):
        return isinstance(a, list) and len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(b, float) and isinstance(a, (int, float)) and not isinstance(a, bool):
        return a == b or abs(a - b) <= 1e-12 * max(1.0, abs(b))
    return a == b

