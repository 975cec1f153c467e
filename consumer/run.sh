#!/usr/bin/env bash
# Runs the consumer (built against the installed syswrite) on the class path and on the module
# path, shaded with syswrite relocated (its library binds to the relocated classes), and on a
# JDK 24+ also with native access granted (silently) and denied (a cause that names the grant),
# and the jar's JDK 22 part (segments) on both paths; fails on any surprise.
#
#   consumer/run.sh JAVA [JAVA_24_OR_LATER]
set -euo pipefail
cd "$(dirname "$0")"
jar=target/syswrite-consumer.jar
deps=$(cat target/dependencies.path)
# No -Dslf4j.provider: syswrite-slf4j on either path is SLF4J's backend through ServiceLoader,
# and SLF4J then says nothing (the runs below that want a quiet stderr check that too).
provider=(-Dsyswrite.logger.output=stdout -Dsyswrite.logger.time=none -Dsyswrite.logger.thread=false)
main_cp=(-cp "$jar:$deps" dev.syswrite.consumer.Main)
main_mp=(-p "$jar:$deps" -m dev.syswrite.consumer/dev.syswrite.consumer.Main)

fail() {
	printf 'consumer: %s\n--- stdout\n%s\n--- stderr\n' "$1" "$2" >&2
	cat target/stderr >&2
	exit 1
}

# expect NAME STDOUT-REGEX STDERR(any|quiet) EXIT command...
expect() {
	local name=$1 pattern=$2 stderr=$3 status=$4 out code=0
	shift 4
	out=$("$@" 2>target/stderr) || code=$?
	[ "$code" = "$status" ] || fail "$name: exit $code, expected $status" "$out"
	printf '%s' "$out" | grep -qzE "^$pattern\$" || fail "$name: stdout is not /$pattern/" "$out"
	[ "$stderr" = any ] || [ ! -s target/stderr ] || fail "$name: stderr is not empty" "$out"
	echo "consumer: $name: as expected"
}

# On the module path dev.syswrite.internal is not exported: the native entry points are sealed.
ok() {
	local internals=$([ "$1" = "module path" ] && echo sealed || echo reachable)
	printf 'raw write on the %s\nINFO consumer - logged on the %s\nresult Ok\\[bytesWritten=%s\\]\ninternals %s\n' "$1" "$1" "$2" "$internals"
}

java=$1
expect "class path" "$(ok "class path" 28)" quiet 0 "$java" "${provider[@]}" "${main_cp[@]}"
expect "module path" "$(ok "module path" 29)" quiet 0 "$java" "${provider[@]}" "${main_mp[@]}"
# Shaded and relocated (consumer/shaded): the library binds its entry points to the relocated
# class, and SLF4J finds the relocated provider.
expect "shaded and relocated" "$(ok "class path" 28)" quiet 0 \
	"$java" "${provider[@]}" -cp shaded/target/syswrite-consumer-shaded.jar dev.syswrite.consumer.Main

if [ $# -ge 2 ]; then
	java24=$2
	expect "class path, JDK 24+, granted" "$(ok "class path" 28)" quiet 0 "$java24" --enable-native-access=ALL-UNNAMED "${provider[@]}" "${main_cp[@]}"
	expect "module path, JDK 24+, granted" "$(ok "module path" 29)" quiet 0 "$java24" --enable-native-access=dev.syswrite "${provider[@]}" "${main_mp[@]}"
	# The JDK 22 classes of the multi-release jar, used from a source file on both paths.
	segments() { printf 'segment written on the %s\na closed arena.s buffer refused: Already closed\n' "$1"; }
	expect "class path, JDK 22+ segments" "$(segments "class path")" quiet 0 \
		"$java24" --enable-native-access=ALL-UNNAMED -cp "$deps" segments/SegmentCheck.java "class path"
	expect "module path, JDK 22+ segments" "$(segments "module path")" quiet 0 \
		"$java24" --enable-native-access=dev.syswrite -p "$deps" --add-modules dev.syswrite segments/SegmentCheck.java "module path"
	expect "module path, JDK 24+, denied" \
		'unavailable on the module path: .*native access is denied to module dev.syswrite: start the JVM with --enable-native-access=dev.syswrite'$'\n' \
		any 1 "$java24" --illegal-native-access=deny "${main_mp[@]}"
fi
