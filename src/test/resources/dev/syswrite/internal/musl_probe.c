/*
 * musl probe: a program linked against musl, not glibc, that loads a library with musl's dynamic
 * loader and calls its address entry point, which uses no JNI function (env and cls may be NULL):
 * the library must load and work under any C library, since it links none.
 *
 * usage: musl_probe LIBRARY
 * Writes a line through the library to fd 1, then tries fd -1; prints both raw results and the
 * C library the process runs on to fd 2; exits 0 if the line was written whole and fd -1 gave
 * -EBADF.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef long long (*address_fn)(void *env, void *cls, int fd, long long address, long long len);

/* Which C library mapped this process: musl's loader is its libc, ld-musl-<arch>.so.1. */
static const char *c_library(void)
{
	char line[512];
	const char *found = "unknown";
	FILE *maps = fopen("/proc/self/maps", "r");

	if (maps == NULL)
		return found;
	while (fgets(line, sizeof line, maps) != NULL) {
		if (strstr(line, "libc.so.6") != NULL)
			found = "glibc";
		else if (strstr(line, "musl") != NULL && strcmp(found, "glibc") != 0)
			found = "musl";
	}
	fclose(maps);
	return found;
}

int main(int argc, char **argv)
{
	static const char text[] = "written by libsyswrite under musl\n";
	long long len = (long long)sizeof text - 1;

	if (argc != 2)
		return 64;
	void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		fprintf(stderr, "dlopen: %s\n", dlerror());
		return 65;
	}
	address_fn address = (address_fn)dlsym(lib, "Java_dev_syswrite_internal_NativeWrite_address");
	if (address == NULL) {
		fprintf(stderr, "dlsym: %s\n", dlerror());
		return 66;
	}
	long long written = address(NULL, NULL, 1, (long long)(uintptr_t)text, len);
	long long refused = address(NULL, NULL, -1, (long long)(uintptr_t)text, len);
	fprintf(stderr, "libc=%s written=%lld refused=%lld\n", c_library(), written, refused);
	return written == len && refused == -9 ? 0 : 67;
}
