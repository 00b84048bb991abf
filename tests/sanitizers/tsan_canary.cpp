// The thread-sanitised build's canary (REESIM_SANITIZE=thread): two threads write one counter
// without synchronisation, a data race that ThreadSanitizer must report. Its test passes only when
// the report appears, so a TSan build that stopped seeing races (lost instrumentation, an
// over-broad suppression) fails instead of passing quietly.
#include <cstdio>
#include <thread>

namespace {

long planted_race_counter = 0;  // written by both threads, unguarded: the planted race

void bump() {
  for (int i = 0; i < 1000; ++i)
    planted_race_counter = planted_race_counter + 1;
}

}  // namespace

int main() {
  std::thread first(bump);
  std::thread second(bump);
  first.join();
  second.join();
  std::printf("counter %ld\n", planted_race_counter);
  return 0;
}
