/*
 * The floor: what one write(2) costs from C, through syswrite's own stub and through libc,
 * with no JVM in the way. The JMH suite is compared against it.
 *
 * usage: floor devnull|file PATH RUNS MILLIS SIZE...
 *
 * devnull: a timed loop of writes to PATH (/dev/null); ns/op = elapsed / calls.
 * file:    like JMH's per-invocation fixtures, each write is timed alone and PATH is rewound
 *          (untimed) before it, so the same page-cache pages are rewritten and the file never grows.
 * Each (caller, size) runs RUNS times for about MILLIS ms each; prints one JSON object per
 * line with every run's ns/op and their median.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sys_write.h"

typedef long (*write_fn)(int fd, const void *buf, unsigned long count);

static long libc_write(int fd, const void *buf, unsigned long count)
{
	return write(fd, buf, count);
}

static long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static void die_on(long r, unsigned long size)
{
	if (r != (long)size) {
		fprintf(stderr, "floor: write of %lu returned %ld\n", size, r);
		exit(1);
	}
}

/* ns per call of one run lasting about budget_ns. */
static double run(write_fn fn, int fd, int rewind, const char *buf, unsigned long size, long budget_ns)
{
	long start = now_ns(), timed = 0, calls = 0;

	do {
		for (int i = 0; i < 64; i++, calls++) {
			if (rewind) {
				lseek(fd, 0, SEEK_SET);
				long t0 = now_ns();
				die_on(fn(fd, buf, size), size);
				timed += now_ns() - t0;
			} else {
				die_on(fn(fd, buf, size), size);
			}
		}
	} while (now_ns() - start < budget_ns);
	return (double)(rewind ? timed : now_ns() - start) / (double)calls;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	static const struct { const char *name; write_fn fn; } callers[] = {
		{ "stub", syswrite_sys_write },
		{ "libc", libc_write },
	};

	if (argc < 6 || (strcmp(argv[1], "devnull") && strcmp(argv[1], "file"))) {
		fprintf(stderr, "usage: %s devnull|file PATH RUNS MILLIS SIZE...\n", argv[0]);
		return 2;
	}
	int rewind = strcmp(argv[1], "file") == 0;
	int fd = open(argv[2], O_WRONLY | O_CREAT, 0600);
	int runs = atoi(argv[3]);
	long budget_ns = atol(argv[4]) * 1000000L;
	if (fd < 0 || runs < 1 || runs > 99) {
		perror(argv[2]);
		return 1;
	}
	for (int s = 5; s < argc; s++) {
		unsigned long size = strtoul(argv[s], NULL, 10);
		char *buf = malloc(size ? size : 1);
		memset(buf, 'x', size ? size : 1);
		for (unsigned c = 0; c < sizeof callers / sizeof callers[0]; c++) {
			double ns[99];
			run(callers[c].fn, fd, rewind, buf, size, budget_ns / 4); /* warm-up */
			for (int r = 0; r < runs; r++)
				ns[r] = run(callers[c].fn, fd, rewind, buf, size, budget_ns);
			printf("{\"caller\":\"%s\",\"target\":\"%s\",\"size\":%lu,\"ns\":[", callers[c].name, argv[1], size);
			for (int r = 0; r < runs; r++)
				printf("%s%.1f", r ? "," : "", ns[r]);
			qsort(ns, runs, sizeof ns[0], by_value);
			printf("],\"median\":%.1f}\n", runs % 2 ? ns[runs / 2] : (ns[runs / 2 - 1] + ns[runs / 2]) / 2);
			fflush(stdout);
		}
		free(buf);
	}
	return 0;
}
