/*
 * spdlog's asynchronous logger (Debian's libspdlog-dev) at the fixed rates the JVM backends are
 * measured at (fixed_rate.h): the same event, `order {} filled at {}` with an int and a double,
 * appended to a file by spdlog's one background thread, its queue 8,192 entries deep (spdlog's
 * default) and a full queue blocking the caller (its default policy), with a pattern that writes
 * what syswrite's default text layout writes: UTC time to the microsecond, thread, level, logger.
 *
 * usage: spdlog_latency RATE THREADS WARM_UP_MS MEASURED_MS FILE
 */
#include <spdlog/async.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include "fixed_rate.h"

static std::shared_ptr<spdlog::logger> logger;

static void log_event(long)
{
	logger->info("order {} filled at {}", 4242, 99.5);
}

int main(int argc, char **argv)
{
	if (argc != 6) {
		std::fprintf(stderr, "usage: %s RATE THREADS WARM_UP_MS MEASURED_MS FILE\n", argv[0]);
		return 2;
	}
	spdlog::init_thread_pool(8192, 1);
	logger = spdlog::basic_logger_mt<spdlog::async_factory>("bench", argv[5], true);
	logger->set_pattern("%Y-%m-%dT%H:%M:%S.%fZ [%t] %l %n - %v", spdlog::pattern_time_type::utc);
	int status = fixed_rate_main(argc, argv, "spdlog-async", log_event);
	spdlog::shutdown(); // drains the queue: every event is in the file when this returns
	return status;
}
