#!/usr/bin/env bash
# Compares syswrite's SLF4J provider at two commits, side by side on this machine: builds each
# commit's logging benchmark in a worktree of its own, then runs SysWriteProvider.enabled for
# each, alternating, at 1 and 2 threads, and prints the medians.
#
#   bench/logging/compare.sh OLD NEW [ROUNDS]      e.g. bench/logging/compare.sh HEAD~3 HEAD
#
# JMH's iteration options come from $JMH (default: 3 warm-up and 5 measured iterations of 1 s).
#
# Alternating runs share the machine's noise; quote the medians and their ratio, never one run.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OLD NEW [ROUNDS]" >&2; exit 2; }
cd "$(dirname "$0")/../.."
jdk=/usr/lib/jvm/java-17-openjdk-$([ "$(uname -m)" = x86_64 ] && echo amd64 || echo arm64)
rounds=${3:-3}
jmh=${JMH:--f 1 -wi 3 -w 1s -i 5 -r 1s}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/old" 2>/dev/null; git worktree remove --force "$work/new" 2>/dev/null; rm -rf "$work"' EXIT

for side in old new; do
	rev=$([ $side = old ] && echo "$1" || echo "$2")
	git worktree add --detach -q "$work/$side" "$rev"
	# Each side's library goes into a repository of its own, so the two never mix.
	JAVA_HOME=$jdk mvn -B -ntp -q -f "$work/$side/pom.xml" -Dmaven.repo.local="$work/m2-$side" -Dsyswrite.emulated.skip=true -DskipTests install
	JAVA_HOME=$jdk mvn -B -ntp -q -f "$work/$side/bench/logging/pom.xml" -Dmaven.repo.local="$work/m2-$side" package
	cp "$work/$side/bench/logging/target/benchmarks-logging.jar" "$work/$side.jar"
done

for round in $(seq "$rounds"); do
	for threads in 1 2; do
		for side in old new; do
			rm -rf "$work/logs"
			# shellcheck disable=SC2086 # $jmh is a word list on purpose
			"$jdk/bin/java" -jar "$work/$side.jar" 'SysWriteProvider.enabled' $jmh -t "$threads" \
				-bm thrpt,sample -prof gc -jvmArgsPrepend "-Xms1g -Xmx1g -XX:+AlwaysPreTouch -Dbench.logs=$work/logs" \
				-rf json -rff "$work/$side-t$threads-r$round.json" >/dev/null
		done
	done
done

python3 - "$work" <<'PY'
import glob, json, statistics, sys
work = sys.argv[1]
print("side threads  events/s (median, runs)           B/event  p50 ns  p99 ns  p99.9 ns")
for threads in (1, 2):
    for side in ("old", "new"):
        thrpt, alloc, p50, p99, p999 = [], [], [], [], []
        for f in glob.glob(f"{work}/{side}-t{threads}-r*.json"):
            for b in json.load(open(f)):
                pm = b["primaryMetric"]
                if b["mode"] == "thrpt":
                    thrpt.append(pm["score"] * 1e6)
                    alloc.append(b["secondaryMetrics"]["gc.alloc.rate.norm"]["score"])
                else:
                    p = pm["scorePercentiles"]
                    p50.append(p["50.0"] * 1e3); p99.append(p["99.0"] * 1e3); p999.append(p["99.9"] * 1e3)
        m = statistics.median
        print(f"{side:4} {threads:7}  {m(thrpt):>9,.0f} {sorted(round(x) for x in thrpt)!s:24} {m(alloc):7.2f} {m(p50):7,.0f} {m(p99):7,.0f} {m(p999):9,.0f}")
PY
