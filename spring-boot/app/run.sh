#!/usr/bin/env bash
# Runs the Spring Boot application (built against the installed syswrite-spring-boot) as a user
# would, with no JVM flag: logging.file.name from the command line, ECS JSON from
# application.properties. Requests, changes a level through the actuator's /loggers, stops it
# with SIGTERM (graceful shutdown), then checks every line of the file. Fails on any surprise.
#
#   spring-boot/app/run.sh JAVA
set -euo pipefail
cd "$(dirname "$0")"
java=$1
work=$(mktemp -d)
log=$work/app.log
pid=
trap '[ -z "$pid" ] || kill -KILL "$pid" 2>/dev/null; rm -rf "$work"' EXIT

fail() {
	echo "spring-boot app: $1" >&2
	echo "--- stderr" >&2
	cat "$work/stderr" >&2
	echo "--- the last lines of $log" >&2
	tail -n 20 "$log" >&2 || true
	exit 1
}

# The lines whose message is exactly $1.
count() {
	grep -c "\"message\":\"$1\"," "$log" || true
}

"$java" -jar target/app.jar --server.port=0 --logging.file.name="$log" >"$work/stdout" 2>"$work/stderr" &
pid=$!
port=
for _ in $(seq 600); do
	[ -f "$log" ] && port=$(sed -n 's/.*"message":"Tomcat started on port \([0-9]*\) .*/\1/p' "$log" | head -1)
	[ -n "$port" ] && break
	kill -0 "$pid" 2>/dev/null || fail "exited before it started"
	sleep 0.1
done
[ -n "$port" ] || fail "not started within a minute"
url=http://127.0.0.1:$port
# Each request at most 30 s: a hung application fails the run, not the CI's time limit.
curl() { command curl --max-time 30 "$@"; }

requests=50
for n in $(seq "$requests"); do
	[ "$(curl -sf "$url/hello?n=$n")" = "hello $n" ] || fail "request $n"
done
levels() { curl -sf "$url/actuator/loggers/dev.syswrite.spring.app"; }
[ "$(levels)" = '{"effectiveLevel":"INFO"}' ] || fail "before the change, /loggers says $(levels)"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
	-d '{"configuredLevel":"DEBUG"}' "$url/actuator/loggers/dev.syswrite.spring.app")
[ "$code" = 204 ] || fail "POST /actuator/loggers answered $code"
[ "$(levels)" = '{"configuredLevel":"DEBUG","effectiveLevel":"DEBUG"}' ] || fail "after the change, /loggers says $(levels)"
last=$((requests + 1))
[ "$(curl -sf "$url/hello?n=$last")" = "hello $last" ] || fail "request $last"

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
[ "$status" = 0 ] || [ "$status" = 143 ] || fail "exit status $status after SIGTERM"

# Every line is ECS JSON: its first three keys, ecs.version, the service from spring.application.name.
bad=$(grep -cv '^{"@timestamp":"[^"]*","log.level":"[A-Z]*","message":".*","ecs.version":"1.2.0","service.name":"syswrite-app",' "$log" || true)
[ "$bad" = 0 ] || fail "$bad lines are not ECS as configured"
for n in $(seq "$last"); do
	[ "$(count "hello $n")" = 1 ] || fail "\"hello $n\" is not in the file exactly once"
	[ "$(count "jul info $n")" = 1 ] || fail "\"jul info $n\" (java.util.logging) is not in the file exactly once"
done
[ "$(count "debug $last")" = 1 ] && [ "$(count "jul fine $last")" = 1 ] || fail "DEBUG and FINE after the change are missing"
[ "$(grep -c '"message":"debug \|"message":"jul fine ' "$log")" = 2 ] || fail "DEBUG or FINE lines before the change"
[ "$(count "Starting service \\[Tomcat\\]")" = 1 ] || fail "Tomcat's own line (JUL) is missing"
[ "$(count "Graceful shutdown complete")" = 1 ] || fail "the last line of the graceful shutdown is missing"
if grep -q 'SLF4J' "$work/stderr" "$work/stdout"; then
	fail "SLF4J said something: $(grep -h SLF4J "$work/stderr" "$work/stdout")"
fi
[ ! -s "$work/stderr" ] || fail "stderr is not empty"
echo "spring-boot app: $(wc -l <"$log") lines, all ECS; $last requests each logged once; the level changed through /loggers took effect at once; shut down gracefully"
