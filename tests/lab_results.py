#!/usr/bin/env python3
"""Checks a `verdict lab` results file: the shape DESIGN promises and its internal consistency
(medians are the medians of the runs, ratios follow from the medians, percentiles are ordered).
Usage: lab_results.py RESULTS.json [--quick] [--complete]
  --quick     the file comes from a --quick run (run counts and sizes of that mode)
  --complete  every toolchain was present: nothing skipped, every workload and measure there
Prints what is wrong and exits 1, or exits 0."""
import json
import math
import statistics
import sys

problems = []


def want(cond, what):
    if not cond:
        problems.append(what)
    return cond


def stat(x, where, n=None):
    """A {median, min, max, runs} object: positive, ordered, median of its runs."""
    if not want(isinstance(x, dict) and {"median", "min", "max", "runs"} <= x.keys(),
                f"{where}: not a stat object: {x!r}"):
        return
    runs = x["runs"]
    want(all(isinstance(v, (int, float)) and v >= 0 for v in runs), f"{where}: runs {runs}")
    if n is not None:
        want(len(runs) == n, f"{where}: {len(runs)} runs, expected {n}")
    if runs:
        rel = lambda a, b: abs(a - b) <= 1e-5 * max(abs(b), 1e-9) + 1e-6
        want(rel(x["median"], statistics.median(runs)), f"{where}: median {x['median']} of {runs}")
        want(rel(x["min"], min(runs)) and rel(x["max"], max(runs)), f"{where}: min/max of {runs}")


def main():
    path = sys.argv[1]
    quick = "--quick" in sys.argv
    complete = "--complete" in sys.argv
    d = json.load(open(path))
    want(d.get("results_version") == 1, "results_version is not 1")
    for k in ("started", "finished"):
        want(isinstance(d.get(k), str) and d[k].endswith("Z") and len(d[k]) == 20, f"{k}: {d.get(k)}")
    want(d.get("quick") is quick, f"quick is {d.get('quick')}")
    reps = d.get("repeats")
    want(isinstance(reps, int) and reps >= 1, f"repeats {reps}")
    m = d.get("machine", {})
    want(all(isinstance(m.get(k), str) and m[k] for k in ("host", "cpu", "kernel")), f"machine {m}")
    want(isinstance(m.get("cores"), int) and m["cores"] >= 1, "machine.cores")
    tc = d.get("toolchains", {})
    want(set(tc) == {"go", "cargo", "rustc", "cc", "nginx"}, f"toolchains {sorted(tc)}")
    for name, t in tc.items():
        if t.get("found"):
            want(isinstance(t.get("version"), str) and t["version"], f"{name} has no version")
        else:
            want(t.get("install", "").startswith("apt-get install "), f"{name}: no install line")
    go = tc.get("go", {})
    if go.get("found"):
        want(go["version"].startswith("go1."), f"go version {go['version']}")
        want(isinstance(go.get("green_tea_gc"), bool), "go.green_tea_gc missing")
        want(go["green_tea_gc"] or "predates Go 1.26" in go.get("note", ""), "old Go without a note")
    pin = d.get("pinning")
    if m.get("cores", 1) >= 2:
        want(isinstance(pin, dict) and pin["server_cpu"] != pin["load_cpu"], f"pinning {pin}")
    for s in d.get("skipped", []):
        want({"workload", "implementation", "reason"} <= s.keys(), f"skipped entry {s}")
    w = d.get("workloads", {})
    if complete:
        want(d.get("skipped") == [], f"skipped: {d.get('skipped')}")
        want(set(w) == {"build", "cpu", "http-plaintext", "http-json", "gc-tail", "footprint"},
             f"workloads {sorted(w)}")

    if "build" in w:
        for lang in ("go", "rust"):
            b = w["build"].get(lang)
            if b is None:
                continue
            stat(b["clean_s"], f"build.{lang}.clean_s", 1 if quick else 3)
            stat(b["incremental_s"], f"build.{lang}.incremental_s", 2 if quick else 5)
            stat(b["own_code_s"], f"build.{lang}.own_code_s", 2 if quick else 5)
            want(b["clean_s"]["min"] > b["incremental_s"]["min"], f"build.{lang}: clean not slower than incremental")
            want(b["binary_bytes"] > 100000, f"build.{lang}.binary_bytes")
    if "cpu" in w:
        for k, x in w["cpu"]["kernels"].items():
            want(k in ("nbody", "fannkuch", "spectral", "trees"), f"kernel {k}")
            for lang in ("go", "rust", "c"):
                if complete:
                    want(lang in x, f"cpu.{k} has no {lang}")
                if lang in x:
                    for key in ("elapsed_s", "cpu_s", "max_rss_kb"):
                        stat(x[lang][key], f"cpu.{k}.{lang}.{key}", reps)
                    # every peak-RSS figure says where it came from (issue 10: never a silent 0)
                    srcs = x[lang].get("rss_sources")
                    want(isinstance(srcs, list) and len(srcs) == reps and all(s in ("vmhwm", "wait4") for s in srcs),
                         f"cpu.{k}.{lang}.rss_sources: {srcs}")
                    want(x[lang].get("rss_source") == (srcs[0] if srcs and len(set(srcs)) == 1 else "mixed"),
                         f"cpu.{k}.{lang}.rss_source: {x[lang].get('rss_source')} for {srcs}")
                    want(x[lang]["max_rss_kb"]["min"] > 0, f"cpu.{k}.{lang}: a peak RSS of 0 KB")
    for name in ("http-plaintext", "http-json"):
        if name not in w:
            continue
        h = w[name]
        for lang in ("go", "rust", "nginx"):
            if lang not in h:
                want(not complete, f"{name} has no {lang}")
                continue
            x = h[lang]
            stat(x["peak_rps"], f"{name}.{lang}.peak_rps", reps)
            want(x["peak_rps"]["min"] > 0 and x["peak_errors"] == 0, f"{name}.{lang}: peak {x['peak_rps']}, errors {x['peak_errors']}")
            want(isinstance(x["generator_bound"], bool), f"{name}.{lang}.generator_bound")
            if lang == "nginx":
                continue
            for ol in x["open_loop"]:
                want(ol["errors"] == 0 and ol["rate"] > 0, f"{name}.{lang} open loop {ol['errors']} errors")
                for key in ("p50_ms", "p99_ms", "p999_ms", "max_ms", "achieved_rps"):
                    stat(ol[key], f"{name}.{lang}.open_loop.{key}", reps)
                want(ol["p50_ms"]["median"] <= ol["p99_ms"]["median"] <= ol["p999_ms"]["median"] <= ol["max_ms"]["median"],
                     f"{name}.{lang}: percentiles out of order")
    if "gc-tail" in w:
        g = w["gc-tail"]
        want(g["entries"] == (200000 if quick else 2000000), f"gc-tail.entries {g['entries']}")
        for lang in ("go", "rust"):
            if lang not in g:
                continue
            x = g[lang]
            want(x["errors"] == 0, f"gc-tail.{lang}: {x['errors']} errors")
            want(x["p50_ms"] <= x["p99_ms"] <= x["p999_ms"] <= x["max_ms"], f"gc-tail.{lang}: percentiles out of order")
            secs = x["p99_per_second_ms"]
            want(abs(len(secs) - g["duration_s"]) <= 1, f"gc-tail.{lang}: {len(secs)} windows for {g['duration_s']} s")
            ws = x["worst_second"]
            want(secs and ws["p99_ms"] == max(secs) and secs[ws["at_s"]] == ws["p99_ms"], f"gc-tail.{lang}: worst second {ws} of {secs}")
            want(ws["max_ms"] <= x["max_ms"], f"gc-tail.{lang}: worst second's max above the run's")
            want(isinstance(x["collections"], int) and x["collections"] >= 0, f"gc-tail.{lang}.collections")
        if "rust" in g:
            want(g["rust"]["collections"] == 0, "Rust reported garbage collections")
    if "footprint" in w:
        for lang in ("go", "rust"):
            if lang not in w["footprint"]:
                continue
            x = w["footprint"][lang]
            for key in ("rss_start_mb", "rss_holding_mb", "cold_start_ms"):
                stat(x[key], f"footprint.{lang}.{key}", reps)
            want(x["rss_holding_mb"]["median"] > x["rss_start_mb"]["median"], f"footprint.{lang}: holding 5,000 resources took no memory")
            want(x["binary_mb"] > 0.1, f"footprint.{lang}.binary_mb")

    ids = set()
    for x in d.get("measures", []):
        i = x["id"]
        ids.add(i)
        g, r = x["go"]["median"], x["rust"]["median"]
        a = r / g if x["better"] == "higher" else g / r
        want(math.isclose(a, x["rust_advantage"], rel_tol=1e-4), f"measure {i}: advantage {x['rust_advantage']} vs {a}")
        want(x["low"] <= x["rust_advantage"] * (1 + 1e-6) and x["rust_advantage"] <= x["high"] * (1 + 1e-6), f"measure {i}: bounds")
        pub = x.get("published")
        want(pub is None or (0 < pub["low"] <= pub["high"] and pub["claims"]), f"measure {i}: published {pub}")
        want(isinstance(x.get("finding"), str) and x["finding"], f"measure {i}: no finding")
    if complete:
        expected = {"build-clean", "build-incremental", "build-own-code", "cpu", "cpu-nbody", "cpu-fannkuch", "cpu-spectral",
                    "cpu-trees", "http-plaintext-peak", "http-json-peak", "http-json-p99", "gc-tail-p99",
                    "gc-tail-p999", "gc-tail-max", "gc-tail-worst-second", "footprint-start",
                    "footprint-holding", "binary-size", "cold-start"}
        want(ids == expected, f"measures: missing {sorted(expected - ids)}, extra {sorted(ids - expected)}")
    if problems:
        print(f"{path}:")
        for p in problems:
            print("  " + p)
        sys.exit(1)


main()
