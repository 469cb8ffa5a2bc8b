"""promlint's rules over a Prometheus text page read from stdin.

The page is parsed by the official Python client's text-format parser
(prometheus_client.parser), so a page it cannot parse fails here too. The rules are those of
promlint (github.com/prometheus/client_golang, prometheus/testutil/promlint and its
validations/ package, which `promtool check metrics` runs), ported with their tables and their
messages:

  help                   no help text
  metric_units           use base unit "seconds" instead of "milliseconds"
  counter                counter metrics should have "_total" suffix; non-counters should not
  histogram_summary      _count/_sum/_bucket suffixes and le/quantile labels reserved to them
  type_in_name           metric name should not include type 'gauge'
  reserved_chars         metric names should not contain ':'
  camel_case             metric and label names in snake_case
  unit_abbreviations     metric names should not contain abbreviated units
  duplicate              metric not unique

Prints one "name: problem" line per finding (sorted, as promtool does) and exits 1 if there is
any, 0 if none, 2 if the page cannot be parsed.
"""
import re
import sys

from prometheus_client.parser import text_string_to_metric_families

# validations/units.go
UNITS = {
    "amperes": "amperes", "bytes": "bytes", "celsius": "celsius", "grams": "grams",
    "joules": "joules", "kelvin": "kelvin", "meters": "meters", "metres": "metres",
    "seconds": "seconds", "volts": "volts",
    "minutes": "seconds", "hours": "seconds", "days": "seconds", "weeks": "seconds",
    "kelvins": "kelvin", "fahrenheit": "celsius", "rankine": "celsius",
    "inches": "meters", "yards": "meters", "miles": "meters",
    "bits": "bytes", "calories": "joules", "pounds": "grams", "ounces": "grams",
}
UNIT_PREFIXES = ["pico", "nano", "micro", "milli", "centi", "deci", "deca", "hecto", "kilo", "kibi",
                 "mega", "mibi", "giga", "gibi", "tera", "tebi", "peta", "pebi"]
UNIT_ABBREVIATIONS = ["s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d"]
CAMEL_CASE = re.compile(r"[a-z][A-Z]")


def exposed_name(family):
    """The name on the page's TYPE line: prometheus_client drops a counter's _total from the
    family name (an OpenMetrics convention), promlint sees it as exposed."""
    if family.type == "counter":
        names = {s.name for s in family.samples if not s.name.endswith("_created")}
        if len(names) == 1:
            return names.pop()
    return family.name


def metric_units(name):
    for part in name.split("_"):
        if part in UNITS:
            return part, UNITS[part]
        for prefix in UNIT_PREFIXES:
            if part.startswith(prefix) and part[len(prefix):] in UNITS:
                return part, UNITS[part[len(prefix):]]
    return None


def lint(family):
    name = exposed_name(family)
    kind = family.type
    problems = []
    if not family.documentation:
        problems.append("no help text")
    units = metric_units(name)
    if units and units[0] != units[1]:
        problems.append('use base unit "%s" instead of "%s"' % (units[1], units[0]))
    if kind == "counter" and not name.endswith("_total"):
        problems.append('counter metrics should have "_total" suffix')
    if kind != "counter" and name.endswith("_total"):
        problems.append('non-counter metrics should not have "_total" suffix')
    if kind not in ("histogram", "gaugehistogram", "summary"):
        for suffix in ("_count", "_sum", "_bucket"):
            if name.endswith(suffix):
                problems.append('non-histogram and non-summary metrics should not have "%s" suffix' % suffix)
        labels = {label for s in family.samples for label in s.labels}
        if "le" in labels:
            problems.append('non-histogram metrics should not have "le" label')
        if "quantile" in labels:
            problems.append('non-summary metrics should not have "quantile" label')
    if kind not in ("unknown", "untyped"):
        lowered = name.lower()
        if "_" + kind + "_" in lowered or lowered.endswith("_" + kind):
            problems.append("metric name should not include type '%s'" % kind)
    if ":" in name:
        problems.append("metric names should not contain ':'")
    if CAMEL_CASE.search(name):
        problems.append("metric names should be written in 'snake_case' not 'camelCase'")
    for label in sorted({label for s in family.samples for label in s.labels}):
        if CAMEL_CASE.search(label):
            problems.append("label names should be written in 'snake_case' not 'camelCase'")
    lowered = name.lower()
    for abbreviation in UNIT_ABBREVIATIONS:
        if "_" + abbreviation + "_" in lowered or lowered.endswith("_" + abbreviation):
            problems.append("metric names should not contain abbreviated units")
    seen = set()
    for s in family.samples:
        key = (s.name, tuple(sorted(s.labels.items())))
        if key in seen:
            problems.append("metric not unique")
        seen.add(key)
    return [(name, p) for p in problems]


def main():
    page = sys.stdin.read()
    try:
        families = list(text_string_to_metric_families(page))
    except Exception as e:  # the parser's own error, whatever its type
        print("unparseable: %s" % e)
        return 2
    findings = sorted(f for family in families for f in lint(family))
    for name, problem in findings:
        print("%s: %s" % (name, problem))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
