#include "experiment/trial_pool.h"

#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

namespace reesim::experiment {
namespace {

int resolve(int threads) {
  return threads > 0 ? threads : tbb::info::default_concurrency();
}

}  // namespace

TrialPool::TrialPool(int threads)
    : threads_(resolve(threads)),
      parallelism_(tbb::global_control::max_allowed_parallelism,
                   static_cast<std::size_t>(threads_)),
      arena_(threads_) {}

void TrialPool::for_each(std::int64_t count, const std::function<void(std::int64_t)>& body) {
  if (count <= 0) return;
  arena_.execute([&] { tbb::parallel_for(std::int64_t{0}, count, body); });
}

void TrialPool::for_each_alongside(std::int64_t count,
                                   const std::function<void(std::int64_t)>& body,
                                   const std::function<void()>& alongside) {
  arena_.execute([&] {
    tbb::parallel_invoke(
        [&] {
          if (count > 0) tbb::parallel_for(std::int64_t{0}, count, body);
        },
        alongside);
  });
}

}  // namespace reesim::experiment
