#!/usr/bin/env bash
# Sets a Debian 12 machine up for syswrite, then builds it.
#
#   ./build.sh        set up, build both jars, run the bridge's demo on the host JVM and on the
#                     other architecture's JVM under QEMU; needs a JDK 22 or later (below)
#   ./build.sh test   set up, build, run both artifacts' suites (the bridge's, then the SLF4J
#                     backend's, slf4j/) on both architectures and on JDK 25, then consumer/, a
#                     project depending on the installed jars, on the class path and the module
#                     path, and spring-boot/app, a Spring Boot application logging through
#                     syswrite-spring-boot; without a JDK 22 or later, all but its part
#   ./build.sh bench [quick|full]
#                     set up, build, run the benchmarks on this machine (quick: about fifteen
#                     minutes, five sizes, short iterations; full: about an hour and three
#                     quarters, every size): write(2) paths against the JDK's, FFM and a C
#                     floor, and the SLF4J provider against Logback, Log4j2 and slf4j-simple;
#                     then write bench/results/<run>.md (the report), <run>.json (every figure
#                     it uses), <run>-writes.png and <run>-logging.png; and the backends' response
#                     times at fixed rates (quick: about 5 minutes of the total, full: about 27),
#                     bench/results/<run>-latency.{md,json,png}, beside two native anchors at the
#                     same rates, the capture floor (C) and spdlog's async logger (C++, which
#                     set-up then installs: libspdlog-dev), in raw/<run>-native-latency.jsonl.gz. <run> is the UTC date and time
#                     the run started and the host name, 2026-11-28-0140-vm; the raw JMH and
#                     floor output goes to bench/results/raw/<run>*.json.gz, which git ignores
#
# Set-up installs what is missing with apt-get (as root): both GCC cross toolchains and
# binutils, QEMU user-mode emulation, Maven, JDK 17 and musl for both architectures (Debian
# multiarch). Without root it prints the command to run instead and exits non-zero.
#
# A JDK 22 or later is the one thing it cannot install: Debian 12 packages none, on either
# architecture. It compiles the jar's JDK 22 classes (the FFM part, META-INF/versions/22) and
# runs the suite's third run. JDK25_HOME names one; else build.sh looks for Temurin 25 and
# Debian's (13 and later) OpenJDK 25 under /usr/lib/jvm. Without one, ./build.sh test builds and
# tests all the rest, and says at its end what it skipped; ./build.sh, which builds the jar
# (a release), stops and says how to get one. JDK25_HOME=none builds as if there were none.
set -euo pipefail
cd "$(dirname "$0")"

usage() {
	echo "usage: $0 [test | bench [quick|full]]" >&2
	exit 2
}

# The host decides which architecture is native and which runs under QEMU.
case "$(uname -m)" in
x86_64) native=x86_64 emulated=aarch64 ;;
aarch64) native=aarch64 emulated=x86_64 ;;
*)
	echo "build.sh: unsupported host $(uname -m); syswrite builds on x86_64 or aarch64 Linux" >&2
	exit 1
	;;
esac
deb_arch() { [ "$1" = x86_64 ] && echo amd64 || echo arm64; }
native_deb=$(deb_arch "$native")
emulated_deb=$(deb_arch "$emulated")
native_jdk=/usr/lib/jvm/java-17-openjdk-$native_deb
emulated_jdk=/usr/lib/jvm/java-17-openjdk-$emulated_deb
qemu=qemu-$emulated-static
# A JDK 22 or later (Temurin 25 on the team's machines; Debian 12 packages no JDK past 17): it
# compiles the jar's JDK 22 classes (META-INF/versions/22), and runs a third test run and the
# FFM benchmarks. One named by JDK25_HOME must be one; without JDK25_HOME, the first found.
is_jdk22() { [ "$1" != none ] && "$1/bin/javac" --release 22 --version >/dev/null 2>&1; }
if [ -n "${JDK25_HOME:-}" ]; then
	jdk25=$JDK25_HOME
	if [ "$jdk25" != none ] && ! is_jdk22 "$jdk25"; then
		echo "build.sh: JDK25_HOME=$jdk25 is no JDK 22 or later (its bin/javac must take --release 22); JDK25_HOME=none builds without one" >&2
		exit 1
	fi
else
	jdk25=none
	for candidate in /usr/lib/jvm/temurin-25-jdk-$native_deb /usr/lib/jvm/java-25-openjdk-$native_deb; do
		if is_jdk22 "$candidate"; then
			jdk25=$candidate
			break
		fi
	done
fi

# How to get a JDK 22 or later, for the messages below.
get_jdk22="install a JDK 22 or later (Debian 12 packages none, on either architecture: Temurin 25 \
from Adoptium, for x86_64 and aarch64; on Debian 13, openjdk-25-jdk-headless) and run build.sh again, \
with JDK25_HOME set to it unless it is /usr/lib/jvm/temurin-25-jdk-$native_deb or \
/usr/lib/jvm/java-25-openjdk-$native_deb"

# What the build leaves out without a JDK 22 or later, and how to get it: said once, at the end.
without_jdk22() {
	cat >&2 <<END

build.sh: =====================================================================================
build.sh: NO JDK 22 OR LATER, SO THIS RUN SKIPPED:
build.sh:  - the jar's JDK 22 classes (src/main/java22, the FFM part: SegmentWrite) and their tests
build.sh:    (src/test/java22): the jar holds only the JDK 17 classes, which JDK 22 and later run
build.sh:    too (the copy path); it is no release;
build.sh:  - the suite's third run, on JDK 25, and consumer/ on JDK 24+ (native access, segments);
build.sh:  - in ./build.sh bench, the FFM benchmarks.
build.sh: To run them, $get_jdk22.
build.sh: =====================================================================================
END
}

# What the build needs, each with the Debian package that brings it.
requirements() {
	local arch
	echo "mvn maven"
	echo "curl curl" # spring-boot/app/run.sh makes its requests with it
	echo "$native_jdk/bin/javac openjdk-17-jdk-headless:$native_deb"
	echo "$emulated_jdk/bin/java openjdk-17-jdk-headless:$emulated_deb"
	echo "$qemu qemu-user-static"
	echo "$native-linux-gnu-gcc gcc"
	echo "$native-linux-gnu-objdump binutils"
	echo "/usr/include/stdio.h libc6-dev" # jni.h includes it; nothing links libc
	echo "/usr/include/asm-generic/errno.h linux-libc-dev" # the tests check Errno against it
	arch=${emulated//_/-}
	echo "$emulated-linux-gnu-gcc gcc-$arch-linux-gnu"
	echo "$emulated-linux-gnu-objdump binutils-$arch-linux-gnu"
	echo "/usr/$emulated-linux-gnu/include/stdio.h libc6-dev-$emulated_deb-cross"
	# musl (Alpine's C library), both architectures: the tests load each library under its loader.
	for arch in "$native" "$emulated"; do
		echo "/usr/lib/$arch-linux-musl/musl-gcc.specs musl-dev:$(deb_arch "$arch")"
		echo "/lib/ld-musl-$arch.so.1 musl:$(deb_arch "$arch")"
	done
	if [ "$bench_tools" = yes ]; then
		# The native anchors of the fixed-rate test: spdlog's async logger, a C++ program.
		echo "g++ g++"
		echo "/usr/include/spdlog/spdlog.h libspdlog-dev"
	fi
}
bench_tools=no

missing_packages() {
	local need package
	while read -r need package; do
		if [ "${need:0:1}" = / ]; then
			[ -e "$need" ] && continue
		else
			command -v "$need" >/dev/null 2>&1 && continue
		fi
		echo "$package"
	done < <(requirements) | sort -u | tr '\n' ' '
}

set_up() {
	local missing install
	missing=$(missing_packages)
	[ -z "$missing" ] && return 0
	install="dpkg --add-architecture $emulated_deb && apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing"
	if [ "$(id -u)" != 0 ]; then
		echo "build.sh: missing $missing" >&2
		echo "build.sh: run as root, then run build.sh again:" >&2
		echo "  sudo sh -c '$install'" >&2
		exit 1
	fi
	echo "build.sh: installing $missing"
	sh -c "$install"
	missing=$(missing_packages)
	if [ -n "$missing" ]; then
		echo "build.sh: still missing after apt-get: $missing" >&2
		exit 1
	fi
}

# Without a JDK 22 or later, the pom's syswrite.java22.skip leaves out the JDK 22 part and the
# JDK 25 run.
if [ "$jdk25" = none ]; then
	java22=(-Dsyswrite.java22.skip=true)
else
	java22=(-Djdk25.home="$jdk25")
fi

mvn_() {
	JAVA_HOME=$native_jdk mvn -B -ntp "${java22[@]}" "$@"
}

# The library's jar, not its -sources, -javadoc or -tests twin.
library_jar() {
	ls target/syswrite-*.jar | grep -Ev -- '-(sources|javadoc|tests)\.jar$'
}

# The parent pom, then the bridge, then the SLF4J backend (slf4j/), which builds against the
# bridge as installed, then Spring Boot's logging system over it (spring-boot/); each with the
# given options and goals.
build_artifacts() {
	mvn_ -q -f parent/pom.xml install
	mvn_ "$@"
	mvn_ -f slf4j/pom.xml "$@"
	mvn_ -f spring-boot/pom.xml "$@"
}

demo() {
	local jar
	jar=$(library_jar)
	echo "== demo on the host JVM ($native)"
	"$native_jdk/bin/java" -jar "$jar"
	echo "== demo on the $emulated JVM under $qemu"
	"$qemu" "$emulated_jdk/bin/java" -jar "$jar"
}

# The JMH suite on JDK 17, its FFM part on JDK 25 (if present), the C floor, and the SLF4J
# backends' fixed-rate response-time test, in one run.
bench() {
	local mode=$1 jmh sizes floor_runs run jvm_args stem
	case "$mode" in
	quick) jmh="-f 1 -wi 1 -w 200ms -i 3 -r 200ms" sizes="16 4096 8193 65536 1048576" floor_runs="5 100" ;;
	full) jmh="-f 1 -wi 3 -w 1s -i 5 -r 1s" sizes="0 16 64 512 4096 8192 8193 65536 1048576" floor_runs="9 300" ;;
	*) usage ;;
	esac
	run=$PWD/bench/target/run
	# Names this run's results: same-day runs on machines of the same name stay apart.
	stem=$(date -u +%Y-%m-%d-%H%M)-$(hostname -s 2>/dev/null || cat /proc/sys/kernel/hostname)
	jvm_args="-Xms1g -Xmx1g -XX:+AlwaysPreTouch -Dsyswrite.bench.native=$PWD/bench/target/native/libsyswrite-bench.so -Dsyswrite.bench.dir=$run"

	build_artifacts -Dsyswrite.emulated.skip=true -DskipTests install
	mvn_ -f bench/pom.xml install
	rm -rf "$run" && mkdir -p "$run"

	echo "== C floor"
	# shellcheck disable=SC2086 # sizes and run counts are word lists on purpose
	bench/target/native/floor.bin devnull /dev/null $floor_runs $sizes >"$run/floor-devnull.jsonl"
	# shellcheck disable=SC2086
	bench/target/native/floor.bin file "$run/floor.bin.out" $floor_runs $sizes >"$run/floor-file.jsonl"
	rm -f "$run/floor.bin.out"
	# shellcheck disable=SC2086
	bench/target/native/floor.bin tlb /dev/null $floor_runs >"$run/floor-tlb.jsonl"
	# A logger's floor: one line appended to an O_APPEND file (the logging benchmarks' line is ~112 B).
	# shellcheck disable=SC2086
	bench/target/native/floor.bin append "$run/floor.bin.out" $floor_runs 112 >"$run/floor-append.jsonl"
	# A synced logger's floor: the same line appended, then fdatasync(2) (milliseconds on most disks).
	bench/target/native/floor.bin synced "$run/floor.bin.out" 3 1000 112 >"$run/floor-synced.jsonl"
	rm -f "$run/floor.bin.out"

	echo "== JMH on JDK 17"
	# shellcheck disable=SC2086
	"$native_jdk/bin/java" -jar bench/target/benchmarks.jar 'bench\.(DevNull|PageCache|JniTransition)\.' \
		$jmh -p size="${sizes// /,}" -prof gc -jvmArgsAppend "$jvm_args" -rf json -rff "$run/jdk17.json"
	local reports=("JDK 17=$run/jdk17.json")
	if [ "$mode" = full ]; then
		echo "== JMH on JDK 17: large-array copy strategies"
		# shellcheck disable=SC2086
		"$native_jdk/bin/java" -jar bench/target/benchmarks.jar 'bench\.LargeArrayCopy\.' \
			$jmh -prof gc -jvmArgsAppend "$jvm_args" -rf json -rff "$run/jdk17-copy.json"
		reports+=("JDK 17 copy strategies=$run/jdk17-copy.json")
	fi

	if [ "$jdk25" != none ]; then
		echo "== JMH on JDK 25 ($jdk25): FFM downcalls beside syswrite's JNI paths"
		# JMH and Maven still use sun.misc.Unsafe, which JDK 25 warns about on every start.
		local quiet=--sun-misc-unsafe-memory-access=allow
		JAVA_HOME=$jdk25 MAVEN_OPTS=$quiet mvn -B -ntp -f bench/ffm/pom.xml package
		# shellcheck disable=SC2086
		"$jdk25/bin/java" $quiet -jar bench/ffm/target/benchmarks-ffm.jar 'bench\.ffm\.' \
			'bench\.(DevNull|PageCache)\.(syswriteArrayRaw|syswriteAddress|jdkFileOutputStream)$' 'JniTransition' \
			$jmh -p size="${sizes// /,}" -prof gc -jvmArgsAppend "$jvm_args --enable-native-access=ALL-UNNAMED $quiet" \
			-rf json -rff "$run/jdk25.json"
		reports+=("JDK 25=$run/jdk25.json")
	fi

	echo "== JMH on JDK 17: SLF4J backends"
	mvn_ -f bench/logging/pom.xml package
	local threads logging_jvm="-Xms1g -Xmx1g -XX:+AlwaysPreTouch"
	for threads in 1 2; do
		# shellcheck disable=SC2086
		# -jvmArgsPrepend: -jvmArgsAppend would replace each class's own, which choose the backend.
		"$native_jdk/bin/java" -jar bench/logging/target/benchmarks-logging.jar $jmh -t "$threads" -bm thrpt,sample -prof gc \
			-jvmArgsPrepend "$logging_jvm -Dbench.logs=$run/logs" -rf json -rff "$run/logging-$threads.json"
		rm -rf "$run/logs"
		reports+=("logging $threads=$run/logging-$threads.json")
	done

	echo "== Native anchors at the fixed rates: the capture floor (C) and spdlog's async logger (C++)"
	# The same schedule as the JVM producers (bench/src/main/c/fixed_rate.h), one process per cell.
	gcc -O2 -Wall -Wextra -Werror -pthread -o bench/target/native/capture_floor bench/src/main/c/capture_floor.c
	g++ -O2 -Wall -Wextra -Werror -pthread -I bench/src/main/c -o bench/target/native/spdlog_latency \
		bench/src/main/cpp/spdlog_latency.cpp -lspdlog -lfmt
	local rate native_ms threads
	native_ms=$([ "$mode" = full ] && echo "5000 20000" || echo "3000 5000")
	for threads in 1 2; do
		for rate in 50000 100000 200000 400000 1600000; do
			# shellcheck disable=SC2086 # the warm-up and measured milliseconds
			bench/target/native/capture_floor "$rate" "$threads" $native_ms >>"$run/native-latency.jsonl"
			# shellcheck disable=SC2086
			bench/target/native/spdlog_latency "$rate" "$threads" $native_ms "$run/spdlog.log" >>"$run/native-latency.jsonl"
			rm -f "$run/spdlog.log"
		done
	done
	mkdir -p bench/results/raw
	gzip -c "$run/native-latency.jsonl" >"bench/results/raw/$stem-native-latency.jsonl.gz"

	echo "== Fixed-rate response time of the SLF4J backends on JDK 17 (quick: about 5 minutes; full: about 27)"
	# One JVM per backend, rate and thread count, one after the other; writes its own report,
	# bench/results/<run>-latency.{json,md,png}.
	"$native_jdk/bin/java" -cp bench/logging/target/benchmarks-logging.jar dev.syswrite.bench.logging.latency.FixedRateLatency "$mode" \
		--jvm-args "$logging_jvm" --work "$run/latency" --out bench/results --floor "$run/floor-append.jsonl" --stem "$stem-latency"

	"$native_jdk/bin/java" -cp bench/target/benchmarks.jar dev.syswrite.bench.report.Report bench/results "$stem" \
		"$mode ($jmh; sizes $sizes)" "$run/floor-devnull.jsonl" "$run/floor-file.jsonl" "$run/floor-tlb.jsonl" "$run/floor-append.jsonl" \
		"$run/floor-synced.jsonl" -- "${reports[@]}"
}

case "${1:-}" in
"")
	[ $# -eq 0 ] || usage
	if [ "$jdk25" = none ]; then
		# Before set-up installs anything: without its JDK 22 part the jar is no release.
		echo "build.sh: no JDK 22 or later, which the jar's JDK 22 classes (src/main/java22, the FFM part) need:" >&2
		echo "build.sh: $get_jdk22." >&2
		echo "build.sh: ./build.sh test builds and tests everything else without one." >&2
		exit 1
	fi
	set_up
	build_artifacts -Dsyswrite.emulated.skip=true -DskipTests install # the backend builds against the installed bridge
	demo
	;;
test)
	[ $# -eq 1 ] || usage
	[ "$jdk25" != none ] || trap without_jdk22 EXIT
	set_up
	build_artifacts install # verify, then install: the backend, the benchmarks and the consumer build against them
	if [ "$jdk25" != none ]; then
		# JNI is a restricted method on JDK 25: the jar's manifest must grant it, silently.
		warnings=$("$jdk25/bin/java" -jar "$(library_jar)" 2>&1 >/dev/null) || {
			printf 'build.sh: java -jar on JDK 25 failed:\n%s\n' "$warnings" >&2
			exit 1
		}
		if [ -n "$warnings" ]; then
			printf 'build.sh: java -jar on JDK 25 wrote to stderr:\n%s\n' "$warnings" >&2
			exit 1
		fi
	fi
	# A project that depends on the installed jar, as users' do: class path and module path.
	mvn_ -f consumer/pom.xml package
	mvn_ -f consumer/shaded/pom.xml package
	if [ "$jdk25" != none ]; then
		consumer/run.sh "$native_jdk/bin/java" "$jdk25/bin/java"
	else
		consumer/run.sh "$native_jdk/bin/java"
	fi
	consumer/run.sh "$PWD/target/emulated-jdk/bin/java" # the other arch, through the suite's QEMU wrapper
	# A Spring Boot application with syswrite-spring-boot for its logging, on the host's JVMs
	# (under QEMU it takes minutes to start: the engine under it ran above on both arches).
	mvn_ -f spring-boot/app/pom.xml clean package # repackaged afresh: a stale fat jar keeps old syswrite jars
	spring-boot/app/run.sh "$native_jdk/bin/java"
	[ "$jdk25" = none ] || spring-boot/app/run.sh "$jdk25/bin/java"
	mvn_ -f bench/pom.xml package # keeps the benchmarks compiling; ./build.sh bench runs them
	mvn_ -f bench/logging/pom.xml package
	;;
bench)
	[ $# -le 2 ] || usage
	[ "$jdk25" != none ] || trap without_jdk22 EXIT
	bench_tools=yes
	set_up
	bench "${2:-quick}"
	;;
*) usage ;;
esac
