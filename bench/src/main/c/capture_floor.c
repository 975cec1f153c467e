/*
 * The floor of capturing a log event: what a logging call that captures rather than formats cannot
 * avoid, at the fixed rates the JVM backends are measured at (fixed_rate.h). Per call: read the
 * wall clock (the event's time, through the vDSO), claim 32 bytes of a ring the producers share
 * (one compare-and-set on its tail), store a record of the time, a template id and the two
 * arguments of `order {} filled at {}`, and commit it with a release store. No consumer reads
 * the ring (it wraps over itself): this is the producer's part alone, and what is left above it
 * in a JVM backend is the JVM's and the backend's.
 *
 * usage: capture_floor RATE THREADS WARM_UP_MS MEASURED_MS
 */
#include <stdatomic.h>
#include <stdint.h>

#include "fixed_rate.h"

#define RECORD 32
#define RING (1 << 22)

static _Alignas(64) unsigned char ring[RING];
static _Alignas(64) _Atomic long tail;

static void capture(long i)
{
	struct timespec now;
	long at;
	int32_t template_id = 7, order = 4242;
	double price = 99.5;

	(void)i;
	clock_gettime(CLOCK_REALTIME, &now);
	int64_t micros = (int64_t)now.tv_sec * 1000000 + now.tv_nsec / 1000;
	at = atomic_load_explicit(&tail, memory_order_relaxed);
	while (!atomic_compare_exchange_weak_explicit(&tail, &at, at + RECORD, memory_order_acq_rel, memory_order_relaxed))
		; /* at now holds the tail another producer moved it to */
	unsigned char *record = ring + (at & (RING - 1));
	memcpy(record + 8, &micros, sizeof micros);
	memcpy(record + 16, &template_id, sizeof template_id);
	memcpy(record + 20, &order, sizeof order);
	memcpy(record + 24, &price, sizeof price);
	atomic_store_explicit((_Atomic int32_t *)(void *)record, RECORD, memory_order_release); /* the commit */
}

int main(int argc, char **argv)
{
	return fixed_rate_main(argc, argv, "capture-floor", capture);
}
