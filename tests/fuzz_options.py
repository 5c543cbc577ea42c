#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Fuzz run_tests.sh's option parser: N argument vectors made of options,
patterns and garbage, each run with -l (parse and select, run nothing).
Every answer must be exit 0 (something listed) or 2 (a usage error, one
line saying so); never a shell error, a crash or a hang.

  fuzz_options.py RUN_TESTS N [SEED]
"""
import random
import subprocess
import sys

TOKENS = ["-t", "-b", "-j", "-v", "-l", "--json", "--timeout", "--kver",
          "--kconfig", "--report", "--compare", "--strict-spec", "-h",
          "ctx_access", "ctx_access/mark", "helpers/*/availability", "kfuncs.",
          "datapath/ret/drop_drops_ipv4", "0", "-1", "3", "99999999999999",
          "6.1", "x.y", "", " ", "*", "?", "[", "\\", "'", '"', "$(id)", "`id`",
          "--", "-", "--json=", "-t,", ",,", "/", "//", "a" * 300, "\x01",
          "é", "-jj", "-tctx_access", "--timeout=0", "--kver=", "/dev/null"]
BAD = ("syntax error", "unbound variable", "command not found", "Segmentation",
       "core dumped", "bad substitution", "unexpected")


def main():
    run, n = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    bad = 0
    for i in range(n):
        argv = [rnd.choice(TOKENS) for _ in range(rnd.randint(1, 6))]
        if "--compare" in argv or "-h" in argv:
            argv = [a for a in argv if a not in ("--compare", "-h")]
        try:
            p = subprocess.run([run] + argv + ["-l"], capture_output=True,
                               text=True, errors="replace", timeout=20)
        except subprocess.TimeoutExpired:
            print("# hang: %r" % argv)
            bad += 1
            continue
        err = p.stderr
        if p.returncode not in (0, 2) or any(b in err for b in BAD) or \
           (p.returncode == 2 and not err.strip()):
            print("# %r: exit %d: %s" % (argv, p.returncode, err.strip()[:200]))
            bad += 1
    print("# fuzz_options: %d argument vectors, %d bad answers" % (n, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
