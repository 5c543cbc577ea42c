#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The spec page's tables re-made from one run of the suite.

  report.py RUN.json [--md FILE.md] [--json FILE.json]
  report.py --compare A.json B.json

RUN.json is run_tests.sh --json output (or a --json report of this
script). Every row says what the spec page claims, what the kernel did,
and whether they differ; each divergence names the case that shows it,
what was observed and the kernel function the case cites. Nothing here
is asserted from memory: a row exists only where a case ran.
"""
import json
import re
import sys
from collections import OrderedDict

READ_SIZES = (("u8", 1), ("u16", 2), ("u32", 4), ("u64", 8))
WRITE_FORMS = (("write", "STX"), ("store_imm", "ST"))


def source_of(expected):
    """The kernel function a case cites: from its first " [" to the last
    "]" (the citation may hold brackets of its own)."""
    e = expected or ""
    a, b = e.find(" ["), e.rfind("]")
    return e[a + 2:b] if 0 <= a < b else ""


def accepted(r):
    return r is not None and r["observed"].startswith("accepted")


def ctx_rows(res):
    """Per __sk_buff field: the sizes read and written at its start."""
    fields = OrderedDict()
    for name, r in res.items():
        parts = name.split("/")
        if parts[0] == "ctx_access" and len(parts) == 3:
            fields.setdefault(parts[1], {})[parts[2]] = r
    rows = []
    for f, cases in fields.items():
        if not any(k.startswith("read_") for k in cases):
            continue    # a special case, not a field
        spec_r = spec_w = "?"
        for r in cases.values():
            m = re.match(r"(read|write): (yes|no)", r["spec"])
            if m and m.group(1) == "read":
                spec_r = m.group(2)
            elif m:
                spec_w = m.group(2)
        if spec_r == spec_w == "?":
            continue    # not a field of the page (packet, ctx_ptr)
        rd = [s for s, _ in READ_SIZES if accepted(cases.get("read_" + s))]
        wr = sorted({s for s, _ in READ_SIZES for form, _ in WRITE_FORMS
                     if accepted(cases.get("%s_%s" % (form, s)))},
                    key=lambda s: dict(READ_SIZES)[s])
        case_r = next((cases[k] for k in ("read_u32", "read_u64") if k in cases), None)
        case_w = next((cases[k] for k in ("write_u32", "write_u64") if k in cases), None)
        kr, kw = ("yes" if rd else "no"), ("yes" if wr else "no")
        div = []
        if spec_r in ("yes", "no") and spec_r != kr:
            div.append(("read", case_r))
        if spec_w in ("yes", "no") and spec_w != kw:
            div.append(("write", case_w))
        rows.append({"field": f, "spec_read": spec_r, "read_sizes": rd,
                     "spec_write": spec_w, "write_sizes": wr,
                     "differs": bool(div),
                     "evidence": [{"what": w, "case": c["name"] if c else "",
                                   "observed": c["observed"] if c else "",
                                   "source": source_of(c["expected"]) if c else ""}
                                  for w, c in div]})
    return rows


def list_rows(res, category):
    """helpers/<h>/availability or kfuncs/<k>/availability."""
    rows = []
    for name, r in res.items():
        parts = name.split("/")
        if parts[0] != category or parts[-1] != "availability" or len(parts) != 3:
            continue
        listed = "list: yes" in r["spec"]
        if r["status"] == "skip":
            kernel = "absent"
        elif category == "helpers":
            kernel = "allowed" if r["observed"].startswith("allowed") else "denied"
        else:
            kernel = "callable" if r["observed"].startswith("loaded") else "refused"
        rows.append({"name": parts[1], "spec": "listed" if listed else "not listed",
                     "kernel": kernel, "status": r["status"],
                     "differs": "DIVERGES" in r["spec"], "case": name,
                     "observed": r["observed"], "source": source_of(r["expected"])})
    return rows


def runtime_rows(res):
    return [{"case": n, "status": r["status"], "expected": r["expected"],
             "observed": r["observed"]}
            for n, r in res.items()
            if n.startswith(("datapath/ret/", "push_encap/"))]


def report(run):
    res = OrderedDict((r["name"], r) for r in run["results"])
    out = {"kernel": run.get("kernel", "?"), "kver": run.get("kver", "?"),
           "config": run.get("config", ""), "summary": run.get("summary", {}),
           "ctx_fields": ctx_rows(res), "helpers": list_rows(res, "helpers"),
           "kfuncs": list_rows(res, "kfuncs"), "runtime": runtime_rows(res)}
    # A divergence is shown only by a case that passed: a failed or
    # skipped one shows nothing about the kernel's behaviour.
    div = []
    for f in out["ctx_fields"]:
        for e in f["evidence"]:
            if res.get(e["case"], {}).get("status") == "pass":
                div.append({"what": "context field %s: %s" % (f["field"], e["what"]), **e})
    for kind in ("helpers", "kfuncs"):
        for h in out[kind]:
            if h["differs"] and h["status"] == "pass":
                div.append({"what": "%s %s: %s on the page, %s here" %
                            (kind[:-1], h["name"], h["spec"], h["kernel"]),
                            "case": h["case"], "observed": h["observed"],
                            "source": h["source"]})
    for n, r in res.items():        # other cases that mark a divergence
        if "DIVERGES" in r["spec"] and not n.endswith("/availability") \
                and r["status"] == "pass":
            div.append({"what": r["spec"], "case": n, "observed": r["observed"],
                        "source": source_of(r["expected"])})
    out["divergences"] = div
    return out


def cell(s):
    return str(s).replace("|", "\\|").replace("\n", " ")


def markdown(rep):
    L = ["# `BPF_PROG_TYPE_LWT_IN` on %s" % rep["kernel"], "",
         "Made by `run_tests.sh --report` from the suite's results on kernel "
         "`%s` (judged as %s). %s" % (rep["kernel"], rep["kver"], rep["config"]),
         "Summary: %s." % ", ".join("%s %s" % (v, k) for k, v in rep["summary"].items()),
         "", "## Context", "",
         "Sizes are the loads and stores at the field's offset that the "
         "verifier accepted (the page names no sizes).", "",
         "| Field | Read (page) | Read here | Write (page) | Write here | Differs |",
         "| --- | --- | --- | --- | --- | --- |"]
    for f in rep["ctx_fields"]:
        L.append("| `%s` | %s | %s | %s | %s | %s |" % (
            f["field"], f["spec_read"], ", ".join(f["read_sizes"]) or "no",
            f["spec_write"], ", ".join(f["write_sizes"]) or "no",
            "**yes**" if f["differs"] else ""))
    for kind, title in (("helpers", "Helper functions"), ("kfuncs", "KFuncs")):
        L += ["", "## " + title, "",
              "| %s | Page | This kernel | Differs | Decided by |" % title[:-1],
              "| --- | --- | --- | --- | --- |"]
        for h in sorted(rep[kind], key=lambda h: h["name"]):
            L.append("| `%s` | %s | %s | %s | %s |" % (
                h["name"], h["spec"], h["kernel"], "**yes**" if h["differs"] else "",
                cell(h["source"])))
    L += ["", "## Runtime behaviour", "", "| Case | Result | Expected | Observed |",
          "| --- | --- | --- | --- |"]
    for r in rep["runtime"]:
        L.append("| `%s` | %s | %s | %s |" % (r["case"], r["status"],
                                              cell(r["expected"]), cell(r["observed"])))
    L += ["", "## Divergences from the documentation", ""]
    if not rep["divergences"]:
        L.append("None found by this run.")
    for d in rep["divergences"]:
        L.append("- %s. Case `%s`: %s. Source: %s." % (
            cell(d["what"]), d["case"], cell(d["observed"]), cell(d["source"]) or "-"))
    return "\n".join(L) + "\n"


def load(path):
    with open(path) as f:
        d = json.load(f)
    return d if "ctx_fields" in d else report(d)


def compare(a, b):
    """Row by row: what changed from A to B."""
    out = ["# %s -> %s" % (a["kernel"], b["kernel"])]
    for kind, key in (("ctx_fields", "field"), ("helpers", "name"), ("kfuncs", "name")):
        ra = {r[key]: r for r in a[kind]}
        rb = {r[key]: r for r in b[kind]}
        for k in sorted(set(ra) | set(rb)):
            x, y = ra.get(k), rb.get(k)
            if kind == "ctx_fields":
                fx = x and (x["read_sizes"], x["write_sizes"])
                fy = y and (y["read_sizes"], y["write_sizes"])
                show = lambda v: "absent" if not v else "read %s, write %s" % (
                    ",".join(v[0]) or "no", ",".join(v[1]) or "no")
            else:
                fx, fy = x and x["kernel"], y and y["kernel"]
                show = lambda v: v or "absent"
            if fx != fy:
                out.append("%s %s: %s -> %s" % (kind, k, show(fx), show(fy)))
    ra = {r["case"]: r["status"] for r in a["runtime"]}
    rb = {r["case"]: r["status"] for r in b["runtime"]}
    for k in sorted(set(ra) | set(rb)):
        if ra.get(k) != rb.get(k):
            out.append("runtime %s: %s -> %s" % (k, ra.get(k, "absent"), rb.get(k, "absent")))
    if len(out) == 1:
        out.append("no difference")
    return "\n".join(out)


def main(argv):
    if len(argv) == 3 and argv[0] == "--compare":
        print(compare(load(argv[1]), load(argv[2])))
        return 0
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    rep = load(argv[0])
    args = dict(zip(argv[1::2], argv[2::2]))
    if "--md" in args:
        with open(args["--md"], "w") as f:
            f.write(markdown(rep))
    if "--json" in args:
        with open(args["--json"], "w") as f:
            json.dump(rep, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
