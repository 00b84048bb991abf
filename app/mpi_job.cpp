#include "app/mpi_job.h"

#include <mpi.h>
#include <sched.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <thread>

namespace reesim::app {
namespace {

// What precedes a rank's bytes: its status, the sizes of its message and results, and its stats.
enum Field : std::size_t {
  kStatus,
  kMessageBytes,
  kResultsBytes,
  kPoints,
  kReplicates,
  kFirstJob,
  kLastJob,
  kResumedJobs,
  kResumedBlocks,
  kThreads,
  kDecisions,
  kSecondsBits,
  kFields
};
using Header = std::array<std::int64_t, kFields>;

// MPI counts are ints: bytes travel in chunks of at most 1 GiB.
constexpr std::int64_t kChunk = std::int64_t{1} << 30;
constexpr int kTag = 17;

Header header_of(const RankReport& report, std::int64_t message_bytes, std::int64_t results_bytes) {
  const experiment::SweepStats& s = report.stats;
  Header h{};
  h[kStatus] = report.status;
  h[kMessageBytes] = message_bytes;
  h[kResultsBytes] = results_bytes;
  h[kPoints] = s.points;
  h[kReplicates] = s.replicates;
  h[kFirstJob] = s.jobs.first;
  h[kLastJob] = s.jobs.last;
  h[kResumedJobs] = s.resumed_jobs;
  h[kResumedBlocks] = s.resumed_blocks;
  h[kThreads] = s.threads;
  h[kDecisions] = s.decisions;
  std::memcpy(&h[kSecondsBits], &s.seconds, sizeof s.seconds);
  return h;
}

experiment::SweepStats stats_of(const Header& h) {
  experiment::SweepStats s;
  s.points = h[kPoints];
  s.replicates = h[kReplicates];
  s.jobs = {h[kFirstJob], h[kLastJob]};
  s.resumed_jobs = h[kResumedJobs];
  s.resumed_blocks = h[kResumedBlocks];
  s.threads = static_cast<int>(h[kThreads]);
  s.decisions = h[kDecisions];
  std::memcpy(&s.seconds, &h[kSecondsBits], sizeof s.seconds);
  return s;
}

void send_bytes(std::string_view bytes) {
  for (std::int64_t at = 0; at < static_cast<std::int64_t>(bytes.size()); at += kChunk) {
    const auto count = static_cast<int>(
        std::min<std::int64_t>(kChunk, static_cast<std::int64_t>(bytes.size()) - at));
    MPI_Send(bytes.data() + at, count, MPI_BYTE, 0, kTag, MPI_COMM_WORLD);
  }
}

std::string receive_bytes(int from, std::int64_t size) {
  std::string bytes(static_cast<std::size_t>(size), '\0');
  for (std::int64_t at = 0; at < size; at += kChunk) {
    const auto count = static_cast<int>(std::min<std::int64_t>(kChunk, size - at));
    MPI_Recv(bytes.data() + at, count, MPI_BYTE, from, kTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  }
  return bytes;
}

// Collective over `node` (the ranks on this node): this rank's CPUs divided by the ranks of `node`
// whose CPUs overlap them, itself included; at least 1.
int threads_for(MPI_Comm node, int ranks_on_node) {
  cpu_set_t mine;
  CPU_ZERO(&mine);
  if (sched_getaffinity(0, sizeof mine, &mine) != 0) CPU_ZERO(&mine);
  std::vector<cpu_set_t> all(static_cast<std::size_t>(ranks_on_node));
  const auto bytes = static_cast<int>(sizeof mine);
  MPI_Allgather(&mine, bytes, MPI_BYTE, all.data(), bytes, MPI_BYTE, node);
  const int cpus = CPU_COUNT(&mine);
  if (cpus == 0)  // affinity unknown: share the node's cores
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / ranks_on_node);
  int sharing = 0;
  for (cpu_set_t& other : all) {
    cpu_set_t both;
    CPU_AND(&both, &mine, &other);
    if (CPU_COUNT(&both) > 0) ++sharing;
  }
  return std::max(1, cpus / std::max(1, sharing));
}

}  // namespace

MpiJob::MpiJob() {
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (initialized == 0) MPI_Init(nullptr, nullptr);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  MPI_Comm node = MPI_COMM_NULL;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &node);
  MPI_Comm_size(node, &ranks_on_node_);
  default_threads_ = threads_for(node, ranks_on_node_);
  MPI_Comm_free(&node);
}

MpiJob::~MpiJob() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (finalized == 0) MPI_Finalize();
}

std::vector<RankReport> MpiJob::gather(RankReport mine) const {
  // The payload: the message, then (from a rank other than 0 that succeeded) its results.
  std::string results;
  if (mine.status == 0 && mine.results.ByteSizeLong() > static_cast<std::size_t>(INT_MAX)) {
    mine.status = 1;
    mine.message = "reesim sweep --mpi: rank " + std::to_string(rank_) + ": its shard's " +
                   std::to_string(mine.results.ByteSizeLong()) +
                   " bytes of results exceed protobuf's limit of 2 GiB; run more ranks";
  } else if (mine.status == 0 && rank_ != 0 && !mine.results.SerializeToString(&results)) {
    mine.status = 1;
    mine.message = "reesim sweep --mpi: rank " + std::to_string(rank_) +
                   ": its shard's results cannot be serialized";
    results.clear();
  }
  const Header header = header_of(mine, static_cast<std::int64_t>(mine.message.size()),
                                  static_cast<std::int64_t>(results.size()));
  std::vector<Header> headers(rank_ == 0 ? static_cast<std::size_t>(size_) : 0);
  MPI_Gather(header.data(), kFields, MPI_INT64_T, headers.data(), kFields, MPI_INT64_T, 0,
             MPI_COMM_WORLD);
  if (rank_ != 0) {
    send_bytes(mine.message);
    send_bytes(results);
    return {};
  }

  std::vector<RankReport> reports;
  reports.reserve(static_cast<std::size_t>(size_));
  reports.push_back(std::move(mine));
  for (int r = 1; r < size_; ++r) {
    const Header& h = headers[static_cast<std::size_t>(r)];
    RankReport& report = reports.emplace_back();
    report.status = static_cast<int>(h[kStatus]);
    report.message = receive_bytes(r, h[kMessageBytes]);
    report.stats = stats_of(h);
    const std::string results_of_rank = receive_bytes(r, h[kResultsBytes]);
    if (report.status == 0 && !report.results.ParseFromString(results_of_rank)) {
      report.status = 1;
      report.message = "reesim sweep --mpi: rank " + std::to_string(r) +
                       ": its results arrived unreadable (" + std::to_string(h[kResultsBytes]) +
                       " bytes)";
    }
  }
  return reports;
}

int MpiJob::max_status(int status) const {
  int worst = status;
  MPI_Allreduce(&status, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  return worst;
}

int MpiJob::broadcast(int status) const {
  MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return status;
}

void MpiJob::barrier() const {
  MPI_Barrier(MPI_COMM_WORLD);
}

}  // namespace reesim::app
