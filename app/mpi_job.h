// The MPI job behind `reesim sweep --mpi` (DESIGN §7): each rank of `mpirun -np N` runs one shard
// of the sweep and hands its results to rank 0, which merges them. This is the only code that
// calls MPI; it is compiled only in builds configured with -DREESIM_MPI=ON (REESIM_WITH_MPI).
// Not thread-safe: call from the main thread, and every collective call on every rank.
#pragma once

#include <string>
#include <vector>

#include "experiment/sweep_runner.h"
#include "results.pb.h"

namespace reesim::app {

// What one rank did: its shard's results, or why it failed.
struct RankReport {
  int status = 0;                // the rank's exit status: 0 ok, 1 a run failed, 2 bad input
  std::string message;           // why it failed (one or more lines); empty when status is 0
  Results results;               // the shard's results when status is 0
  experiment::SweepStats stats;  // of the shard's run
};

// The MPI job of this process: MPI_Init when constructed (a process started without mpirun is a
// job of one rank), MPI_Finalize when destroyed. At most one per process.
class MpiJob {
 public:
  MpiJob();
  ~MpiJob();
  MpiJob(const MpiJob&) = delete;
  MpiJob& operator=(const MpiJob&) = delete;

  [[nodiscard]] int rank() const { return rank_; }
  [[nodiscard]] int size() const { return size_; }
  // How many of the job's ranks run on this rank's node (share its cores).
  [[nodiscard]] int ranks_on_node() const { return ranks_on_node_; }
  // Worker threads for this rank: the CPUs it may run on (its affinity, which mpirun's binding
  // sets) divided by the ranks on its node whose CPUs overlap them, at least 1. So unbound ranks
  // share the node's cores, and bound ranks use the cores they were given.
  [[nodiscard]] int default_threads() const { return default_threads_; }

  // Collective: the largest `status` of all ranks, on every rank.
  [[nodiscard]] int max_status(int status) const;

  // Collective: every rank's report, in rank order, on rank 0; an empty vector on the others. A
  // report that cannot be sent or read arrives as a failure (status 1) saying so.
  [[nodiscard]] std::vector<RankReport> gather(RankReport mine) const;

  // Collective: rank 0's `status` on every rank.
  [[nodiscard]] int broadcast(int status) const;

  // Collective: returns once every rank has called it.
  void barrier() const;

 private:
  int rank_ = 0;
  int size_ = 1;
  int ranks_on_node_ = 1;
  int default_threads_ = 1;
};

}  // namespace reesim::app
