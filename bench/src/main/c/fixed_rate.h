/*
 * The fixed-rate schedule of the JVM producers (FixedRateProducer), for native drivers: with T
 * threads at R events/s, thread t's event i is due at start + (i * T + t) / R; a thread
 * busy-waits until an event is due unless it is late already, then calls the driver's function.
 * Response time runs from when the event was due to when the call returned (a stall is charged
 * to every event it delays: coordinated omission corrected); service time from the call's
 * actual start. A warm-up phase is run and discarded, then a measured one; the percentiles of
 * both times over every thread's measured events are printed as one JSON object.
 *
 * Header-only, valid C and C++, for one driver each: include it, define the call, and call
 * fixed_rate_main.
 */
#ifndef FIXED_RATE_H
#define FIXED_RATE_H

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef void (*fixed_rate_call)(long i);

struct fixed_rate_thread {
	pthread_t thread;
	int index, threads;
	long rate, start, deadline, issued;
	long *response, *service; /* one slot per event the phase may issue */
	fixed_rate_call call;
};

static long fixed_rate_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static void *fixed_rate_producer(void *arg)
{
	struct fixed_rate_thread *p = (struct fixed_rate_thread *)arg;

	p->issued = 0;
	for (long i = 0;; i++) {
		long intended = p->start + (long)((double)(i * p->threads + p->index) * 1e9 / (double)p->rate);
		long now = fixed_rate_now();
		if (intended >= p->deadline || now >= p->deadline)
			return NULL;
		while (now < intended)
			now = fixed_rate_now(); /* a sleep cannot wake within a microsecond */
		p->call(i);
		long end = fixed_rate_now();
		p->response[i] = end - intended;
		p->service[i] = end - now;
		p->issued = i + 1;
	}
}

static int fixed_rate_compare(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* Sorts times[0, n) and prints its percentiles, in ns, as a JSON object's members. */
static void fixed_rate_print(const char *name, long *times, long n)
{
	static const double percentiles[] = {50, 90, 99, 99.9, 99.99};

	qsort(times, (size_t)n, sizeof *times, fixed_rate_compare);
	printf("\"%s\":{", name);
	for (unsigned k = 0; k < sizeof percentiles / sizeof percentiles[0]; k++)
		printf("\"p%g\":%ld,", percentiles[k], n == 0 ? 0 : times[(long)((double)(n - 1) * percentiles[k] / 100)]);
	printf("\"max\":%ld}", n == 0 ? 0 : times[n - 1]);
}

/* One phase of threads x rate events/s for millis ms; returns the events issued. */
static long fixed_rate_phase(struct fixed_rate_thread *p, int threads, long millis)
{
	long start = fixed_rate_now() + 1000000, issued = 0;

	for (int t = 0; t < threads; t++) {
		p[t].start = start;
		p[t].deadline = start + millis * 1000000L;
		if (pthread_create(&p[t].thread, NULL, fixed_rate_producer, &p[t]) != 0) {
			perror("pthread_create");
			exit(1);
		}
	}
	for (int t = 0; t < threads; t++) {
		pthread_join(p[t].thread, NULL);
		issued += p[t].issued;
	}
	return issued;
}

/*
 * usage: DRIVER RATE THREADS WARM_UP_MS MEASURED_MS [ARG]: prints
 * {"driver":..., "rate":..., "threads":..., "achieved":..., "response_ns":{...}, "service_ns":{...}}
 */
static int fixed_rate_main(int argc, char **argv, const char *driver, fixed_rate_call call)
{
	if (argc < 5) {
		fprintf(stderr, "usage: %s RATE THREADS WARM_UP_MS MEASURED_MS [ARG]\n", argv[0]);
		return 2;
	}
	long rate = atol(argv[1]), warm = atol(argv[3]), measured = atol(argv[4]);
	int threads = atoi(argv[2]);
	if (rate <= 0 || threads <= 0 || threads > 64 || warm < 0 || measured <= 0) {
		fprintf(stderr, "%s: bad arguments\n", argv[0]);
		return 2;
	}
	long per_thread = (long)((double)rate * (double)(warm > measured ? warm : measured) / 1000.0 / threads) + 2;
	struct fixed_rate_thread p[64];
	for (int t = 0; t < threads; t++) {
		memset(&p[t], 0, sizeof p[t]);
		p[t].index = t;
		p[t].threads = threads;
		p[t].rate = rate;
		p[t].call = call;
		p[t].response = (long *)malloc((size_t)per_thread * sizeof(long));
		p[t].service = (long *)malloc((size_t)per_thread * sizeof(long));
		if (p[t].response == NULL || p[t].service == NULL) {
			perror("malloc");
			return 1;
		}
		memset(p[t].response, 0, (size_t)per_thread * sizeof(long)); /* touched now, not during the phase */
		memset(p[t].service, 0, (size_t)per_thread * sizeof(long));
	}
	fixed_rate_phase(p, threads, warm);
	long issued = fixed_rate_phase(p, threads, measured);
	long *response = (long *)malloc((size_t)issued * sizeof(long)), *service = (long *)malloc((size_t)issued * sizeof(long)), n = 0;
	for (int t = 0; t < threads; t++) {
		memcpy(response + n, p[t].response, (size_t)p[t].issued * sizeof(long));
		memcpy(service + n, p[t].service, (size_t)p[t].issued * sizeof(long));
		n += p[t].issued;
	}
	printf("{\"driver\":\"%s\",\"rate\":%ld,\"threads\":%d,\"achieved\":%.0f,", driver, rate, threads, issued * 1000.0 / (double)measured);
	fixed_rate_print("response_ns", response, issued);
	printf(",");
	fixed_rate_print("service_ns", service, issued);
	printf("}\n");
	return 0;
}

#endif
