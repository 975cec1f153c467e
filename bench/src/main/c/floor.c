/*
 * The floor: what one write(2) costs from C, through syswrite's own stub and through libc,
 * with no JVM in the way. The JMH suite is compared against it.
 *
 * usage: floor devnull|file|append|synced PATH RUNS MILLIS SIZE...
 *        floor tlb /dev/null RUNS MILLIS   (see tlb_penalty)
 *
 * devnull: a timed loop of writes to PATH (/dev/null); ns/op = elapsed / calls.
 * file:    like JMH's per-invocation fixtures, each write is timed alone and PATH is rewound
 *          (untimed) before it, so the same page-cache pages are rewritten and the file never grows.
 * append:  a timed loop of writes to PATH opened with O_APPEND, as a logger appends its lines:
 *          the file grows, so the kernel also allocates page-cache pages; it is truncated
 *          (untimed) before each run.
 * synced:  append, each write followed by fdatasync(2), as a logger makes an audit event durable.
 * Each (caller, size) runs RUNS times for about MILLIS ms each; prints one JSON object per
 * line with every run's ns/op and their median.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sys_fdatasync.h"
#include "sys_write.h"

typedef long (*write_fn)(int fd, const void *buf, unsigned long count);
typedef long (*sync_fn)(int fd);

static long libc_write(int fd, const void *buf, unsigned long count)
{
	return write(fd, buf, count);
}

static long libc_fdatasync(int fd)
{
	return fdatasync(fd);
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
		fprintf(stderr, "floor: a call of %lu bytes returned %ld\n", size, r);
		exit(1);
	}
}

/* ns per call of one run lasting about budget_ns; each write followed by a sync if sync is set. */
static double run(write_fn fn, sync_fn sync, int fd, int rewind, const char *buf, unsigned long size, long budget_ns)
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
			if (sync)
				die_on(sync(fd), 0);
		}
	} while (now_ns() - start < budget_ns);
	return (double)(rewind ? timed : now_ns() - start) / (double)calls;
}

/* Append mode starts each run on an empty file, so no run inherits a larger one. */
static void empty_file(int fd, int append)
{
	if (append && ftruncate(fd, 0) != 0) {
		perror("floor: ftruncate");
		exit(1);
	}
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * What a syscall costs the code that runs after it: the time to touch `pages` pages after each
 * write, minus the time to touch them with no write in between. On a kernel that flushes the
 * TLB on every entry (page-table isolation without PCID) this grows with the working set, which
 * is why a JVM, with far more pages in play than this loop, sits above the floor.
 */
static void tlb_penalty(int fd, int runs, long budget_ns)
{
	static const int working_sets[] = { 0, 8, 32, 128, 512 };
	long page = sysconf(_SC_PAGESIZE);
	volatile char *pages = malloc(512 * page);
	char byte = 'x';

	for (int i = 0; i < 512; i++)
		pages[i * page] = 1;
	for (unsigned w = 0; w < sizeof working_sets / sizeof working_sets[0]; w++) {
		int n = working_sets[w];
		double with_write[99], alone[99];
		for (int r = 0; r < runs; r++) {
			for (int with = 0; with < 2; with++) {
				long start = now_ns(), calls = 0;
				do {
					if (with)
						die_on(syswrite_sys_write(fd, &byte, 1), 1);
					for (int i = 0; i < n; i++)
						(void)pages[i * page];
					calls++;
				} while (now_ns() - start < budget_ns);
				(with ? with_write : alone)[r] = (double)(now_ns() - start) / (double)calls;
			}
		}
		qsort(with_write, runs, sizeof with_write[0], by_value);
		qsort(alone, runs, sizeof alone[0], by_value);
		printf("{\"pages\":%d,\"write_and_touch\":%.1f,\"touch_alone\":%.1f}\n", n, with_write[runs / 2], alone[runs / 2]);
		fflush(stdout);
	}
}

int main(int argc, char **argv)
{
	static const struct { const char *name; write_fn fn; sync_fn sync; } callers[] = {
		{ "stub", syswrite_sys_write, syswrite_sys_fdatasync },
		{ "libc", libc_write, libc_fdatasync },
	};

	if (argc == 5 && strcmp(argv[1], "tlb") == 0) {
		int fd = open(argv[2], O_WRONLY);
		if (fd < 0) {
			perror(argv[2]);
			return 1;
		}
		tlb_penalty(fd, atoi(argv[3]) > 99 ? 99 : atoi(argv[3]), atol(argv[4]) * 1000000L);
		return 0;
	}
	if (argc < 6 || (strcmp(argv[1], "devnull") && strcmp(argv[1], "file") && strcmp(argv[1], "append") && strcmp(argv[1], "synced"))) {
		fprintf(stderr, "usage: %s devnull|file|append|synced PATH RUNS MILLIS SIZE...\n       %s tlb /dev/null RUNS MILLIS\n", argv[0], argv[0]);
		return 2;
	}
	int rewind = strcmp(argv[1], "file") == 0;
	int synced = strcmp(argv[1], "synced") == 0;
	int append = synced || strcmp(argv[1], "append") == 0;
	int fd = open(argv[2], O_WRONLY | O_CREAT | (append ? O_APPEND : 0), 0600);
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
			empty_file(fd, append);
			sync_fn sync = synced ? callers[c].sync : NULL;
			run(callers[c].fn, sync, fd, rewind, buf, size, budget_ns / 4); /* warm-up */
			for (int r = 0; r < runs; r++) {
				empty_file(fd, append);
				ns[r] = run(callers[c].fn, sync, fd, rewind, buf, size, budget_ns);
			}
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
