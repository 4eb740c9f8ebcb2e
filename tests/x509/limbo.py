#!/usr/bin/env python3
"""Runs the x509-limbo path-validation suite (../shared/conformance/limbo.json.gz) through
`ember-x509 verify`, one process per case, and prints per-group results, every failure's id
(with --verbose), and a closing line "N passed, N failed, N skipped". Progress goes to stdout
every 1,000 cases on stderr (--progress N to change, 0 = none).

Usage: limbo.py EMBER_X509 [LIMBO_JSON_GZ] [--verbose] [--min-pass N] [--progress N]
                [--no-cn-fallback]
--min-pass makes the exit status non-zero when fewer cases pass (a regression gate);
--no-cn-fallback passes that option to ember-x509 (Web PKI: never the subject CN). Without it
the default host-name rules apply (the CN only for a leaf without any subjectAltName)."""
import collections
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    no_cn_fallback = "--no-cn-fallback" in sys.argv
    min_pass = None
    if "--min-pass" in sys.argv:
        min_pass = int(sys.argv[sys.argv.index("--min-pass") + 1])
        args = [a for a in args if a != str(min_pass)]
    progress = 1000
    if "--progress" in sys.argv:
        progress = int(sys.argv[sys.argv.index("--progress") + 1])
        args = [a for a in args if a != str(progress)]
    exe = args[0]
    path = args[1] if len(args) > 1 else os.path.join(
        os.path.dirname(__file__), "../../../shared/conformance/limbo.json.gz")
    if not os.path.exists(path):
        print("FAIL: %s not found (the x509-limbo data lives in ../shared/conformance beside "
              "the checkout)" % path)
        return 1
    with gzip.open(path, "rt") as f:
        cases = json.load(f)["testcases"]
    tmp = tempfile.mkdtemp(prefix="limbo-")
    workers = os.cpu_count() or 2
    print("limbo: %d cases from %s, %d at a time" % (len(cases), path, workers), flush=True)
    started = time.monotonic()

    def run(i_case):
        i, tc = i_case
        d = os.path.join(tmp, str(i))
        os.mkdir(d)
        def write(name, pems):
            p = os.path.join(d, name)
            with open(p, "w") as f:
                f.write("".join(pems))
            return p
        cmd = [exe, "verify", "--cafile", write("trusted.pem", tc["trusted_certs"])]
        if no_cn_fallback:
            cmd.insert(2, "--no-cn-fallback")
        for j, crl in enumerate(tc.get("crls") or []):
            cmd += ["--crl", write("crl%d.pem" % j, [crl])]
        name = tc.get("expected_peer_name")
        if name and name["kind"] in ("DNS", "IP"):
            cmd += ["--host", name["value"]]
        if tc.get("validation_time"):
            cmd += ["--time", tc["validation_time"][:19] + "Z"]
        eku = tc.get("extended_key_usage") or []
        if "clientAuth" in eku or (not eku and tc["validation_kind"] == "CLIENT"):
            cmd += ["--purpose", "client"]
        else:
            cmd += ["--purpose", "server"]
        if tc.get("max_chain_depth") is not None:
            cmd += ["--max-intermediates", str(tc["max_chain_depth"])]
        cmd.append(write("chain.pem", [tc["peer_certificate"]] + tc["untrusted_intermediates"]))
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
            got = "SUCCESS" if p.returncode == 0 else "FAILURE"
            detail = (p.stdout.splitlines() or [""])[0] or p.stderr.strip()
        except subprocess.TimeoutExpired:
            got, detail = "FAILURE", "timeout"
        return tc, got, detail

    results = collections.Counter()
    per_group = collections.defaultdict(collections.Counter)
    failures = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for done, (tc, got, detail) in enumerate(pool.map(run, enumerate(cases)), 1):
            if progress and (done % progress == 0 or done == len(cases)):
                # On stderr, so that stdout is the results; with the time left at this pace.
                spent = time.monotonic() - started
                left = spent / done * (len(cases) - done)
                print("limbo: %5d/%d cases, %d failed so far (%.0f s, about %.0f s left)" %
                      (done, len(cases), results["failed"] + (got != tc["expected_result"]),
                       spent, left), file=sys.stderr, flush=True)
            group = tc["id"].split("::")[0]
            if got == tc["expected_result"]:
                results["passed"] += 1
                per_group[group]["passed"] += 1
            else:
                results["failed"] += 1
                per_group[group]["failed"] += 1
                failures.append((tc["id"], tc["expected_result"], got, detail))
    for g, c in sorted(per_group.items()):
        print("%-12s %5d passed %5d failed" % (g, c["passed"], c["failed"]))
    if verbose:
        for f in failures:
            print("FAILED %s: expected %s, got %s (%s)" % f)
    print("%d passed, %d failed, %d skipped" % (results["passed"], results["failed"], 0))
    subprocess.run(["rm", "-rf", tmp])
    if min_pass is not None and results["passed"] < min_pass:
        print("fewer than %d cases passed" % min_pass)
        return 1
    return 0

if __name__ == "__main__":
    sys.exit(main())
