#!/usr/bin/env python3
"""Sums the test time per test class from a .trx file (dotnet test --logger trx), slowest first.

Usage: scripts/test-durations.py TestResults/results.trx [top-N]
The wall time of the run (first start to last end) is printed too: with parallel classes it is
less than the sum of the test durations.
"""
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import datetime

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def seconds(duration):
    hours, minutes, rest = duration.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def moment(text):
    # 2026-12-06T19:20:01.1234567+00:00: trim the fraction to microseconds for fromisoformat.
    head, _, tail = text.partition(".")
    if not tail:
        return datetime.fromisoformat(text)
    digits = "".join(c for c in tail if c.isdigit())
    zone = tail[len(digits):]
    return datetime.fromisoformat(f"{head}.{digits[:6].ljust(6, '0')}{zone}")


def main():
    root = ET.parse(sys.argv[1]).getroot()
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    class_of = {}
    for test in root.iterfind("t:TestDefinitions/t:UnitTest", NS):
        method = test.find("t:TestMethod", NS)
        class_of[test.get("id")] = method.get("className").rsplit(".", 1)[-1]
    per_class = defaultdict(float)
    counts = defaultdict(int)
    outcomes = defaultdict(int)
    starts, ends = [], []
    for result in root.iterfind("t:Results/t:UnitTestResult", NS):
        name = class_of.get(result.get("testId"), "?")
        per_class[name] += seconds(result.get("duration", "0:0:0"))
        counts[name] += 1
        outcomes[result.get("outcome")] += 1
        if result.get("startTime"):
            starts.append(moment(result.get("startTime")))
            ends.append(moment(result.get("endTime")))
    total = sum(per_class.values())
    for name, spent in sorted(per_class.items(), key=lambda item: -item[1])[:top]:
        print(f"{spent:8.1f} s  {counts[name]:4d} tests  {name}")
    print(f"{total:8.1f} s  {sum(counts.values()):4d} tests  sum of test durations")
    if starts:
        print(f"{(max(ends) - min(starts)).total_seconds():8.1f} s  wall time, first test start to last test end")
    print("outcomes: " + ", ".join(f"{k}={v}" for k, v in sorted(outcomes.items())))


if __name__ == "__main__":
    main()
