#!/usr/bin/env python3
"""Entity precision, recall and F1 per type (PERSON, ORG, LOC) on ../shared/eval/gold.

  python3 scripts/entity_types.py [--gold ../shared/eval/gold] [--cmd 'bin/marsad code {file}']

It runs the coder on every gold article and scores each type alone with the shared
scorer's own matching (../shared/eval/score.py), so the figures add up to its entity line.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default="../shared/eval/gold")
    ap.add_argument("--cmd", default="bin/marsad code {file}")
    a = ap.parse_args()
    eval_dir = os.path.dirname(os.path.abspath(a.gold.rstrip("/")))
    sys.path.insert(0, eval_dir)
    import score  # the shared scorer

    root = os.path.dirname(eval_dir)
    totals = {t: [0, 0, 0] for t in ("PERSON", "ORG", "LOC")}
    for g in score.load_golds(a.gold):
        path = os.path.join(root, g["file"])
        out = subprocess.run(a.cmd.replace("{file}", shlex.quote(path)), shell=True, capture_output=True, check=True)
        pred = json.loads(out.stdout)
        for t in totals:
            gt = dict(g, entities=[e for e in g.get("entities", []) if e["type"] == t])
            pt = dict(pred, entities=[e for e in pred.get("entities", []) if (e.get("type") or "").upper() == t])
            r = score.score_article(gt, pt)["entities"]
            for i, k in enumerate(("tp", "fp", "fn")):
                totals[t][i] += r[k]
    for t, (tp, fp, fn) in totals.items():
        s = score.prf(tp, fp, fn)
        print(f'{t:7s} P={s["p"]:.3f} R={s["r"]:.3f} F1={s["f1"]:.3f} (tp={tp} fp={fp} fn={fn})')


if __name__ == "__main__":
    main()
