#!/usr/bin/env bash
# Compares syswrite at two commits, side by side on this machine: builds each commit's benchmarks
# in a worktree of its own, then runs them for each, alternating, and prints the medians.
#
#   bench/compare.sh bridge OLD NEW [ROUNDS]    the write(2) paths to /dev/null (DevNull), four sizes
#   bench/compare.sh logging OLD NEW [ROUNDS]   the SLF4J provider, sync and async (SysWriteProvider.enabled,
#                                                SysWriteAsync.enabled), 1 and 2 threads
#
# JMH's iteration options come from $JMH (default: 3 warm-up and 5 measured iterations of 1 s);
# $JDK picks the JVM that runs them (default: JDK 17; the bridge's JDK 22 paths want JDK 25); for
# the bridge, $SIZES (comma-separated) narrows what runs; for either, $BENCHMARK (a JMH regex).
#
# Alternating runs share the machine's noise; quote the medians and their ratio, never one run.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 bridge|logging OLD NEW [ROUNDS]" >&2; exit 2; }
cd "$(dirname "$0")/.."
suite=$1
case "$suite" in
bridge) module=bench jar=benchmarks.jar benchmark=${BENCHMARK:-'DevNull.syswrite'} threads_list=1 options="-bm avgt -p size=${SIZES:-16,4096,65536,1048576}" ;;
logging) module=bench/logging jar=benchmarks-logging.jar benchmark=${BENCHMARK:-'SysWrite(Provider|Async).enabled'} threads_list="1 2" options="-bm thrpt,sample" ;;
*) echo "usage: $0 bridge|logging OLD NEW [ROUNDS]" >&2; exit 2 ;;
esac
shift
jdk17=/usr/lib/jvm/java-17-openjdk-$([ "$(uname -m)" = x86_64 ] && echo amd64 || echo arm64)
jdk=${JDK:-$jdk17}
rounds=${3:-3}
jmh=${JMH:--f 1 -wi 3 -w 1s -i 5 -r 1s}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/old" 2>/dev/null; git worktree remove --force "$work/new" 2>/dev/null; rm -rf "$work"' EXIT

for side in old new; do
	rev=$([ $side = old ] && echo "$1" || echo "$2")
	git worktree add --detach -q "$work/$side" "$rev"
	# Each side's library goes into a repository of its own, so the two never mix. Since the SLF4J
	# backend became an artifact of its own (slf4j/, over parent/), a side installs those too.
	for project in parent . slf4j; do
		[ -f "$work/$side/$project/pom.xml" ] || continue
		JAVA_HOME=$jdk17 mvn -B -ntp -q -f "$work/$side/$project/pom.xml" -Dmaven.repo.local="$work/m2-$side" -Dsyswrite.emulated.skip=true -DskipTests install
	done
	JAVA_HOME=$jdk17 mvn -B -ntp -q -f "$work/$side/$module/pom.xml" -Dmaven.repo.local="$work/m2-$side" package
	cp "$work/$side/$module/target/$jar" "$work/$side.jar"
done

jvm_args="-Xms1g -Xmx1g -XX:+AlwaysPreTouch --enable-native-access=ALL-UNNAMED -Dsyswrite.bench.dir=$work"
native=bench/target/native/libsyswrite-bench.so # the bridge's baselines; the logging suite ignores it
for round in $(seq "$rounds"); do
	for threads in $threads_list; do
		for side in old new; do
			rm -rf "$work/logs"
			# shellcheck disable=SC2086 # $jmh and $options are word lists on purpose
			"$jdk/bin/java" -jar "$work/$side.jar" "$benchmark" $jmh $options -t "$threads" \
				-prof gc -jvmArgsPrepend "$jvm_args -Dbench.logs=$work/logs -Dsyswrite.bench.native=$work/$side/$native" \
				-rf json -rff "$work/$side-t$threads-r$round.json" >"$work/jmh.log" 2>&1 || { cat "$work/jmh.log" >&2; exit 1; }
			# JMH reports a benchmark that threw and goes on: no score is a failure here.
			grep -q '"primaryMetric"' "$work/$side-t$threads-r$round.json" || { cat "$work/jmh.log" >&2; exit 1; }
		done
	done
done

python3 - "$work" "$suite" <<'PY'
import collections, glob, json, statistics, sys
work, suite = sys.argv[1], sys.argv[2]
m = statistics.median
if suite == "bridge":
    ns = collections.defaultdict(list)  # (benchmark, size, side) -> ns/op of each round
    for side in ("old", "new"):
        for f in glob.glob(f"{work}/{side}-t1-r*.json"):
            for b in json.load(open(f)):
                ns[(b["benchmark"].rsplit(".", 1)[1], int(b["params"]["size"]), side)].append(b["primaryMetric"]["score"])
    print(f"{'path':24} {'bytes':>8} {'old ns/op':>10} {'new ns/op':>10} {'new/old':>8}")
    for name, size in sorted({(k[0], k[1]) for k in ns}):
        old, new = m(ns[(name, size, "old")]), m(ns[(name, size, "new")])
        print(f"{name:24} {size:8} {old:10,.0f} {new:10,.0f} {new / old:8.3f}")
    sys.exit(0)
# Class and method: a $BENCHMARK that matches several methods of a class must not pool their runs.
name = lambda b: ".".join(b["benchmark"].rsplit(".", 2)[1:])
benchmarks = sorted({name(b) for f in glob.glob(f"{work}/*-t*-r*.json") for b in json.load(open(f))})
print("benchmark                   side threads  events/s (median, runs)           B/event  p50 ns  p99 ns  p99.9 ns")
for benchmark in benchmarks:
    for threads in (1, 2):
        medians = {}
        for side in ("old", "new"):
            thrpt, alloc, p50, p99, p999 = [], [], [], [], []
            for f in glob.glob(f"{work}/{side}-t{threads}-r*.json"):
                for b in json.load(open(f)):
                    if name(b) != benchmark:
                        continue
                    pm = b["primaryMetric"]
                    if b["mode"] == "thrpt":
                        thrpt.append(pm["score"] * 1e6)
                        alloc.append(b["secondaryMetrics"]["gc.alloc.rate.norm"]["score"])
                    else:
                        p = pm["scorePercentiles"]
                        p50.append(p["50.0"] * 1e3); p99.append(p["99.0"] * 1e3); p999.append(p["99.9"] * 1e3)
            medians[side] = m(thrpt)
            print(f"{benchmark:27} {side:4} {threads:7}  {m(thrpt):>9,.0f} {sorted(round(x) for x in thrpt)!s:24} {m(alloc):7.2f} {m(p50):7,.0f} {m(p99):7,.0f} {m(p999):9,.0f}")
        print(f"{benchmark:27} new/old throughput, {threads} thread(s): {medians['new'] / medians['old']:.3f}")
PY
