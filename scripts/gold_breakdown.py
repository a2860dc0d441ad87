#!/usr/bin/env python3
"""Two breakdowns of the coder's output on ../shared/eval/gold, in one coding pass:

- entity precision, recall and F1 per type (PERSON, ORG, LOC), scored alone with the
  shared scorer's own matching, so the figures add up to its entity line;
- source/target country accuracy over the gold events coded with the right CAMEO root
  (one-to-one, root-only matching, preferring pairs whose countries agree).

  python3 scripts/gold_breakdown.py [--gold ../shared/eval/gold] [--cmd 'bin/marsad code {file}']
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
    matched = right = 0
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

        def same_root(p, ge):
            roots = {c[:2] for c in (ge.get("codes") or [ge["code"]])}
            if ge.get("root"):
                roots.add(ge["root"])
            return (p.get("code") or "")[:2] in roots

        evs, gev = pred.get("events") or [], g.get("events", [])
        for i, j in score.match(evs, gev, same_root, lambda p, ge: 2 if score.event_compat(p, ge) else 1):
            matched += 1
            right += score.event_compat(evs[i], gev[j])
    for t, (tp, fp, fn) in totals.items():
        s = score.prf(tp, fp, fn)
        print(f'{t:7s} P={s["p"]:.3f} R={s["r"]:.3f} F1={s["f1"]:.3f} (tp={tp} fp={fp} fn={fn})')
    print(f"gold events coded with the right root: {matched}; source and target countries right: {right} ({right / max(matched, 1):.2f})")


if __name__ == "__main__":
    main()
