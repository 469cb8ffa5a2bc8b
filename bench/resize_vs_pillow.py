#!/usr/bin/python3
"""Ebb's image engine against the original worker's Pillow loop, measured in the same run.

Both run the same job the same way: one process, a thread pool of THREADS, one untimed warm-up
pass, then timed passes that read each file, fit it into SIZExSIZE and write a JPEG q85.
Pillow: ../shared/bench/bench_pillow.py orig. Ebb: `bin/ebb resize-bench` (same loop in Java).
Runs alternate (Pillow, Ebb, Pillow, Ebb, ...) so machine noise hits both. Peak RSS comes from
/usr/bin/time around each process. CPU ms/img is the process's CPU time per image (Ebb's includes
its JIT and GC threads), a second view that is less disturbed by other load than wall time. Prints a Markdown table; raw lines go to --raw.

usage: bench/resize_vs_pillow.py [--corpus /tmp/corpus] [--sets large,medium] [--sizes 224,299]
                                 [--threads 1,2] [--runs 3] [--raw FILE]
Build the corpus first: bash ../shared/bench/make-corpus.sh
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PILLOW = os.path.join(ROOT, '..', 'shared', 'bench', 'bench_pillow.py')
EBB = os.path.join(ROOT, 'bin', 'ebb')


def timed(cmd, env=None):
    """Runs cmd under /usr/bin/time; returns (stdout, peak RSS in MB)."""
    with tempfile.NamedTemporaryFile('r', suffix='.time') as t:
        p = subprocess.run(['/usr/bin/time', '-f', '%M', '-o', t.name] + cmd, capture_output=True, text=True, env=env)
        if p.returncode != 0:
            sys.exit('failed: %s\n%s%s' % (' '.join(cmd), p.stdout, p.stderr))
        rss_kb = int(t.read().strip().splitlines()[-1])
    return p.stdout, rss_kb / 1024.0


def img_per_s(out):
    """Median over the timed passes of (wall img/s, CPU ms per image)."""
    passes = [(float(m.group(2)), float(m.group(1))) for m in
              re.finditer(r'pass=\d+ n=(?:\d+) .*cpu_ms=([\d.]+) ms_per_img=[\d.]+ img_per_s=([\d.]+)', out)]
    n = re.search(r' n=(\d+) ', out)
    if not passes or not n:
        sys.exit('no timed pass in output:\n' + out)
    return statistics.median(p[0] for p in passes), statistics.median(p[1] for p in passes) / int(n.group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--corpus', default='/tmp/corpus')
    ap.add_argument('--sets', default='large,medium')
    ap.add_argument('--sizes', default='224,299')
    ap.add_argument('--threads', default='1,2')
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--passes', type=int, default=3)
    ap.add_argument('--raw', default=None)
    ap.add_argument('--extra', default='', help='extra args for ebb resize-bench, e.g. --imageio')
    a = ap.parse_args()
    if not os.path.isfile(PILLOW):
        sys.exit('missing %s (the shared baselines)' % PILLOW)
    env = dict(os.environ, EBB_NO_BUILD='1')
    subprocess.run([EBB, '--version'], check=True, capture_output=True, env=dict(os.environ))  # build once
    out_dir = tempfile.mkdtemp(prefix='ebb-bench-')
    raw = open(a.raw, 'w') if a.raw else None
    rows = []
    for s in a.sets.split(','):
        folder = os.path.join(a.corpus, s)
        if not os.path.isdir(folder):
            sys.exit('missing corpus folder %s: run bash ../shared/bench/make-corpus.sh' % folder)
        for size in a.sizes.split(','):
            for t in a.threads.split(','):
                res = {'pillow': [], 'ebb': []}
                cpu = {'pillow': [], 'ebb': []}
                rss = {'pillow': 0.0, 'ebb': 0.0}
                for run in range(a.runs):
                    cmds = {
                        'pillow': ['/usr/bin/python3', PILLOW, 'orig', t, size, '1', str(a.passes),
                                   os.path.join(out_dir, 'pil'), folder],
                        'ebb': [EBB, 'resize-bench', '--threads', t, '--size', size, '--warmup', '1',
                                '--passes', str(a.passes), '--out', os.path.join(out_dir, 'ebb')]
                               + a.extra.split() + [folder],
                    }
                    for tool in ('pillow', 'ebb'):
                        out, peak = timed(cmds[tool], env)
                        rate, cpu_ms = img_per_s(out)
                        res[tool].append(rate)
                        cpu[tool].append(cpu_ms)
                        rss[tool] = max(rss[tool], peak)
                        if raw:
                            raw.write('%s\t%s\t%s\t%s\t%d\t%.2f\t%.2f\t%.0f\n' % (tool, s, size, t, run + 1, res[tool][-1], cpu[tool][-1], peak))
                            raw.flush()
                p = statistics.median(res['pillow'])
                e = statistics.median(res['ebb'])
                cp = statistics.median(cpu['pillow'])
                ce = statistics.median(cpu['ebb'])
                rows.append((s, size, t, p, e, e / p, rss['pillow'], rss['ebb'],
                             min(res['ebb']) / max(res['pillow']), max(res['ebb']) / min(res['pillow']), cp, ce))
                print('%s %s t%s: pillow %.1f img/s, ebb %.1f img/s, x%.2f' % (s, size, t, p, e, e / p), file=sys.stderr)
    print('| set | size | threads | Pillow img/s | Ebb img/s | Ebb / Pillow (min-max over runs) | CPU ms/img Pillow / Ebb (ratio) | peak RSS MB Pillow / Ebb |')
    print('|---|---|---|---|---|---|---|---|')
    for s, size, t, p, e, r, rp, re_, lo, hi, cp, ce in rows:
        print('| %s | %s | %s | %.1f | %.1f | **%.2fx** (%.2f-%.2f) | %.1f / %.1f (%.2fx) | %.0f / %.0f |'
              % (s, size, t, p, e, r, lo, hi, cp, ce, cp / ce, rp, re_))


if __name__ == '__main__':
    main()
