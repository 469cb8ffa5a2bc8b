#!/usr/bin/env python3
"""Issue 11's "Done when: cost and wait" benchmark: the shipped default policy against static
message-count policies swept by hand, on four loads and two worker speeds, with `ebb simulate`.

For every load x speed x seed it makes one `bin/ebb simulate` run with the default policy and every
static policy side by side (the simulator runs them in parallel), reads the table it prints, and
takes the median over the seeds of each policy's cost and p95 wait. Per load x speed:

  tuned   = the cheapest static policy that kept up (processed all but at most 0.1 % of the messages,
            what a load running until the end leaves in flight) in every seed and whose median p95 wait is
            within max(1.5 x, + 45 s) of the best median p95 of any static policy
  pass    = default cost <= 1.3 x tuned cost  and  default p95 <= tuned p95 + max(25 %, 45 s)

Usage (from the repository root; about 15-25 minutes on 2 cores):
  bench/policy-sweep.py [--seeds 5] [--policy config/scaling-policy.yaml] [--cells burst/fast,steady/slow]
                        [--keep DIR] [--markdown]
Writes the sweep (every policy's medians) and the summary table to stdout.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

LOADS = {
    "burst": ["--pattern", "burst:n=200000"],
    "steady": ["--pattern", "steady:rate=116/s"],
    "diurnal": ["--pattern", "diurnal:daily=10000000"],
    "bursty": ["--pattern", "bursty:every=1h,size=20000,spread=1m"],
}
SPEEDS = {
    # the measured worker (docs/worker.md): ~112 msg/s per 1-vCPU task
    "fast": ["--task-cpu", "1", "--task-memory", "2", "--processing-time", "lognormal:150ms,400ms", "--concurrency", "20"],
    # a slow worker: 2 s a message, 20 at a time, ~10 msg/s per 0.5-vCPU task
    "slow": ["--task-cpu", "0.5", "--task-memory", "1", "--processing-time", "2s", "--concurrency", "20"],
}
TARGETS = [10, 50, 100, 200, 400, 800, 1600, 3200, 5000, 10000]
MAX_TASKS = [20, 40]
MODES = ["drain", "stop-excess"]
COST_FACTOR = 1.3
TUNED_P95_FACTOR = 1.5
SLACK_S = 45


def static_policy(target, max_tasks, mode):
    name = f"t{target}-{mode}-{max_tasks}"
    scale_down = "{mode: drain}" if mode == "drain" else "{mode: stop-excess, stabilizationWindowSeconds: 300}"
    return name, f"""apiVersion: ebb.dev/v1
kind: ScalingPolicy
metadata: {{name: {name}}}
spec:
  targetMessagesPerTask: {target}
  minTasks: 0
  maxTasks: {max_tasks}
  maxLaunchesPerCycle: {max_tasks}
  capacityProviders: [{{name: FARGATE_SPOT, weight: 1}}]
  spotFallback: true
  scaleDown: {scale_down}
"""


def seconds(text):
    if text == "-":
        return float("nan")
    total = 0.0
    for number, unit in re.findall(r"(\d+(?:\.\d+)?)(ms|s|m|h)", text):
        total += float(number) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[unit]
    return total


def parse(output, names):
    rows = {}
    for line in output.splitlines():
        tokens = line.split()
        if len(tokens) <= len(names):
            continue
        label = " ".join(tokens[: len(tokens) - len(names)])
        rows.setdefault(label, tokens[len(tokens) - len(names):])
    result = {}
    for i, name in enumerate(names):
        result[name] = {
            "cost": float(rows["cost (USD)"][i].lstrip("$")),
            "p95": seconds(rows["wait p95"][i]),
            "max": seconds(rows["wait max"][i]),
            # a load that runs to the end of the day leaves its last seconds in flight: allow 0.1 %
            "all": int(rows["processed"][i].replace(",", "")) >= 0.999 * int(rows["messages"][i].replace(",", "")),
            "peak": int(rows["peak tasks"][i].replace(",", "")),
            "launches": int(rows["launches"][i].replace(",", "")),
            "nowork": int(rows["that did no work"][i].replace(",", "")),
            "idle": float(rows["idle task-minutes"][i].replace(",", "")),
        }
    return result


def median(runs, key):
    return statistics.median(r[key] for r in runs)


def fmt_wait(s):
    if s != s:
        return "-"
    if s < 60:
        return f"{s:.1f}s"
    return f"{int(s // 60)}m{int(round(s % 60)):02d}s" if s < 3600 else f"{int(s // 3600)}h{int((s % 3600) // 60):02d}m"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--policy", default="config/scaling-policy.yaml", help="the policy to hold against the sweep")
    ap.add_argument("--cells", default="", help="e.g. burst/fast,steady/slow (default: all eight)")
    ap.add_argument("--keep", help="keep every ebb simulate output here")
    ap.add_argument("--no-sweep", action="store_true", help="print only the summary table")
    args = ap.parse_args()

    cells = [tuple(c.split("/")) for c in args.cells.split(",")] if args.cells else [(l, s) for l in LOADS for s in SPEEDS]
    work = tempfile.mkdtemp(prefix="ebb-sweep-")
    statics = []
    for mode in MODES:
        for max_tasks in MAX_TASKS:
            for target in TARGETS:
                name, text = static_policy(target, max_tasks, mode)
                path = os.path.join(work, name + ".yaml")
                with open(path, "w") as f:
                    f.write(text)
                statics.append((name, path))
    default_path = os.path.abspath(os.path.join(ROOT, args.policy))
    names = ["default"] + [n for n, _ in statics]
    policy_args = ["--policy", default_path] + [a for _, p in statics for a in ("--policy", p)]

    # build once (bin/ebb rebuilds when a source changed), then run that one jar throughout
    subprocess.run([os.path.join(ROOT, "bin", "ebb"), "simulate", "--help"], cwd=ROOT, check=True, capture_output=True)
    env = dict(os.environ, EBB_NO_BUILD="1", EBB_JAVA_OPTS="-Xmx1g -XX:+UseSerialGC")

    summary = []
    for load, speed in cells:
        runs = {n: [] for n in names}
        for seed in range(1, args.seeds + 1):
            cmd = [os.path.join(ROOT, "bin", "ebb"), "simulate"] + policy_args + LOADS[load] + SPEEDS[speed] + ["--seed", str(seed)]
            out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
            if out.returncode != 0:
                sys.exit(f"{' '.join(cmd)}\n{out.stderr}")
            if args.keep:
                os.makedirs(args.keep, exist_ok=True)
                with open(os.path.join(args.keep, f"{load}-{speed}-seed{seed}.txt"), "w") as f:
                    f.write(out.stdout)
            # headers: the policy names, in --policy order (the default file's name is "default")
            for n, r in parse(out.stdout, names).items():
                runs[n].append(r)
        med = {n: {k: median(rs, k) for k in ("cost", "p95", "max", "peak", "launches", "nowork", "idle")}
               | {"all": all(r["all"] for r in rs)} for n, rs in runs.items()}
        eligible = [n for n, _ in statics if med[n]["all"]]
        best = min(med[n]["p95"] for n in eligible)
        limit = max(best * TUNED_P95_FACTOR, best + SLACK_S)
        tuned = min((n for n in eligible if med[n]["p95"] <= limit), key=lambda n: (med[n]["cost"], med[n]["p95"]))
        d, t = med["default"], med[tuned]
        cost_ok = d["cost"] <= COST_FACTOR * t["cost"]
        wait_ok = d["p95"] <= t["p95"] + max(0.25 * t["p95"], SLACK_S)
        summary.append((load, speed, d, tuned, t, cost_ok, wait_ok, d["all"]))
        if not args.no_sweep:
            print(f"\n### {load} / {speed}: medians of {args.seeds} seeds; best static p95 {fmt_wait(best)}, tuned = cheapest with p95 <= {fmt_wait(limit)}\n")
            print("| policy | cost | p95 wait | max wait | peak tasks | launches | did no work | idle task-min | all processed |")
            print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
            for n in names:
                m = med[n]
                mark = " **(tuned)**" if n == tuned else ""
                print(f"| {n}{mark} | ${m['cost']:.4f} | {fmt_wait(m['p95'])} | {fmt_wait(m['max'])} | {m['peak']:.0f} | {m['launches']:.0f} "
                      f"| {m['nowork']:.0f} | {m['idle']:.1f} | {'yes' if m['all'] else 'no'} |")
            sys.stdout.flush()

    print(f"\n### Summary: {args.policy} against the tuned static policy (medians of {args.seeds} seeds)\n")
    print("| load | speed | default cost | tuned policy | tuned cost | cost ratio (≤ 1.3) | default p95 | tuned p95 | p95 allowed | result |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for load, speed, d, tuned, t, cost_ok, wait_ok, processed in summary:
        allowed = t["p95"] + max(0.25 * t["p95"], SLACK_S)
        verdict = "pass" if cost_ok and wait_ok and processed else "FAIL (" + ", ".join(
            x for x, bad in (("cost", not cost_ok), ("wait", not wait_ok), ("not drained", not processed)) if bad) + ")"
        print(f"| {load} | {speed} | ${d['cost']:.4f} | {tuned} | ${t['cost']:.4f} | {d['cost'] / t['cost']:.2f} "
              f"| {fmt_wait(d['p95'])} | {fmt_wait(t['p95'])} | {fmt_wait(allowed)} | {verdict} |")


if __name__ == "__main__":
    main()
