// Running a job with the GIL released, so that other Python threads go on while trials run, and
// stopping it on Ctrl-C. The job runs on a thread of its own; the calling thread waits for it and,
// every kPollInterval, takes the GIL to let Python run its signal handlers (PyErr_CheckSignals).
// When a handler raises (SIGINT: KeyboardInterrupt), the job's stop flag is set, the job ends
// without results (experiment::Stopped) once the trials under way have finished, and the Python
// exception is raised in the caller. Call with the GIL held.
#pragma once

#include <pybind11/pybind11.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace reesim::python {

inline constexpr std::chrono::milliseconds kPollInterval{50};

// Calls job(stop) on a new thread with the GIL released and returns what it returns; `stop` is
// the flag the job must pass on (RunOptions::stop). Rethrows the job's exception, or raises the
// Python exception of a signal handler that ran meanwhile (which then takes precedence).
template <class Job>
auto run_released(Job&& job) -> decltype(job(std::declval<const std::atomic<bool>&>())) {
  using Value = decltype(job(std::declval<const std::atomic<bool>&>()));
  std::atomic<bool> stop{false};
  std::optional<Value> value;
  std::exception_ptr error;
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  bool signalled = false;
  {
    pybind11::gil_scoped_release released;
    std::thread worker([&] {
      try {
        value.emplace(job(static_cast<const std::atomic<bool>&>(stop)));
      } catch (...) {
        error = std::current_exception();
      }
      const std::lock_guard<std::mutex> lock(mutex);
      done = true;
      finished.notify_all();
    });
    std::unique_lock<std::mutex> lock(mutex);
    while (!finished.wait_for(lock, kPollInterval, [&] { return done; })) {
      if (signalled) continue;
      lock.unlock();
      {
        pybind11::gil_scoped_acquire gil;
        // Runs the handlers on the main thread only; elsewhere it returns 0. The exception a
        // handler raised stays set until it is raised below.
        if (PyErr_CheckSignals() != 0) signalled = true;
      }
      if (signalled) stop.store(true);
      lock.lock();
    }
    lock.unlock();
    worker.join();
  }
  if (signalled) throw pybind11::error_already_set();
  if (error) std::rethrow_exception(error);
  return std::move(*value);
}

}  // namespace reesim::python
