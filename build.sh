#!/usr/bin/env bash
# Sets a Debian 12 machine up for syswrite, then builds it.
#
#   ./build.sh        set up, build the jar, run its demo on the host JVM and on the
#                     other architecture's JVM under QEMU
#   ./build.sh test   set up, build, run the whole test suite on both architectures
#
# Set-up installs what is missing with apt-get (as root): both GCC cross toolchains and
# binutils, QEMU user-mode emulation, Maven, and JDK 17 for both architectures (Debian
# multiarch). Without root it prints the command to run instead and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")"

usage() {
	echo "usage: $0 [test]" >&2
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

# What the build needs, each with the Debian package that brings it.
requirements() {
	local arch
	echo "mvn maven"
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
}

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

mvn_() {
	JAVA_HOME=$native_jdk mvn -B -ntp "$@"
}

demo() {
	local jar
	jar=$(ls target/syswrite-*.jar)
	echo "== demo on the host JVM ($native)"
	"$native_jdk/bin/java" -jar "$jar"
	echo "== demo on the $emulated JVM under $qemu"
	"$qemu" "$emulated_jdk/bin/java" -jar "$jar"
}

[ $# -le 1 ] || usage
case "${1:-}" in
"")
	set_up
	mvn_ -Dsyswrite.emulated.skip=true -DskipTests package
	demo
	;;
test)
	set_up
	mvn_ verify
	;;
*) usage ;;
esac
