// The trial pool's canary (REESIM_SANITIZE=thread): two jobs of experiment::TrialPool write one
// counter without synchronisation. Its test passes only when ThreadSanitizer reports the race, so
// the thread-sanitised build is known to check the code that runs as trials, not only plain
// threads (the pool's jobs must not run where TSan is blind, nor under a suppression that would
// hide them).
#include <atomic>
#include <cstdio>
#include <thread>

#include "experiment/trial_pool.h"

namespace {

long planted_race_counter = 0;  // written by both jobs, unguarded: the planted race
std::atomic<int> jobs_started{0};

}  // namespace

int main() {
  reesim::experiment::TrialPool pool(2);
  pool.for_each(2, [](std::int64_t) {
    // Both jobs are under way before either writes, so that they run on two threads (one thread
    // running both in turn would be no race); the counter is written after this point in each.
    ++jobs_started;
    while (jobs_started.load() < 2)
      std::this_thread::yield();
    for (int i = 0; i < 1000; ++i)
      planted_race_counter = planted_race_counter + 1;
  });
  std::printf("counter %ld\n", planted_race_counter);
  return 0;
}
