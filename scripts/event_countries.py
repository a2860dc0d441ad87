#!/usr/bin/env python3
"""How often the coder gets the source and target countries right, over the gold events
it coded with the right CAMEO root (one-to-one, root-only matching, preferring pairs
whose countries agree), on ../shared/eval/gold.

  python3 scripts/event_countries.py [--gold ../shared/eval/gold] [--cmd 'bin/marsad code {file}']
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
    total = right = 0
    for g in score.load_golds(a.gold):
        path = os.path.join(root, g["file"])
        out = subprocess.run(a.cmd.replace("{file}", shlex.quote(path)), shell=True, capture_output=True, check=True)
        evs = json.loads(out.stdout).get("events") or []
        gev = g.get("events", [])

        def same_root(p, ge):
            roots = {c[:2] for c in (ge.get("codes") or [ge["code"]])}
            if ge.get("root"):
                roots.add(ge["root"])
            return (p.get("code") or "")[:2] in roots

        pairs = score.match(evs, gev, same_root, lambda p, ge: 2 if score.event_compat(p, ge) else 1)
        for i, j in pairs:
            total += 1
            right += score.event_compat(evs[i], gev[j])
    print(f"gold events coded with the right root: {total}; source and target countries right: {right} ({right / total:.2f})")


if __name__ == "__main__":
    main()
