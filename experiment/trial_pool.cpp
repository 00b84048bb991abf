#include "experiment/trial_pool.h"

#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

// Under ThreadSanitizer (cmake/Sanitizers.cmake, REESIM_SANITIZE=thread) the jobs run on plain
// threads instead of oneTBB's workers. Debian's libtbb is not built with TSan, so TSan cannot see
// how it hands a task from one thread to another and would report a race at every handoff; a
// suppression of libtbb's frames would hide every race in the jobs as well, since their stacks
// pass through libtbb. std::thread, std::mutex and std::atomic are visible to TSan, which then
// checks the jobs' own code against each other and against the caller. Results are folded in job
// order either way (DESIGN §4), so nothing computed changes.
#if defined(__SANITIZE_THREAD__)
#define REESIM_TRIAL_POOL_PLAIN_THREADS 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define REESIM_TRIAL_POOL_PLAIN_THREADS 1
#endif
#endif

#ifdef REESIM_TRIAL_POOL_PLAIN_THREADS
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>
#endif

namespace reesim::experiment {
namespace {

int resolve(int threads) {
  return threads > 0 ? threads : tbb::info::default_concurrency();
}

#ifdef REESIM_TRIAL_POOL_PLAIN_THREADS
// body(i) for every i in [0, count) on up to `threads` threads of its own, while the caller runs
// `alongside` (when given); after the first exception no further job starts, and it is rethrown
// once every thread has returned, as oneTBB does.
void run_on_plain_threads(int threads, std::int64_t count,
                          const std::function<void(std::int64_t)>& body,
                          const std::function<void()>* alongside) {
  std::atomic<std::int64_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::exception_ptr first;
  const auto record = [&] {
    const std::lock_guard lock(mutex);
    if (!first) first = std::current_exception();
    failed = true;
  };
  const auto work = [&] {
    for (std::int64_t i = next++; i < count && !failed; i = next++) {
      try {
        body(i);
      } catch (...) {
        record();
        return;
      }
    }
  };
  std::vector<std::thread> workers;
  for (std::int64_t w = 0; w < std::min<std::int64_t>(threads, count); ++w)
    workers.emplace_back(work);
  if (alongside) {
    try {
      (*alongside)();
    } catch (...) {
      record();
    }
  }
  for (std::thread& worker : workers)
    worker.join();
  if (first) std::rethrow_exception(first);
}
#endif

}  // namespace

TrialPool::TrialPool(int threads)
    : threads_(resolve(threads)),
      parallelism_(tbb::global_control::max_allowed_parallelism,
                   static_cast<std::size_t>(threads_)),
      arena_(threads_) {}

void TrialPool::for_each(std::int64_t count, const std::function<void(std::int64_t)>& body) {
  if (count <= 0) return;
#ifdef REESIM_TRIAL_POOL_PLAIN_THREADS
  run_on_plain_threads(threads_, count, body, nullptr);
#else
  arena_.execute([&] { tbb::parallel_for(std::int64_t{0}, count, body); });
#endif
}

void TrialPool::for_each_alongside(std::int64_t count,
                                   const std::function<void(std::int64_t)>& body,
                                   const std::function<void()>& alongside) {
#ifdef REESIM_TRIAL_POOL_PLAIN_THREADS
  run_on_plain_threads(threads_, count, body, &alongside);
#else
  arena_.execute([&] {
    tbb::parallel_invoke(
        [&] {
          if (count > 0) tbb::parallel_for(std::int64_t{0}, count, body);
        },
        alongside);
  });
#endif
}

}  // namespace reesim::experiment
