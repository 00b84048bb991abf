// Fuzz target: the checkpoint reader of a resumed sweep (experiment/checkpoints.h). Each input is
// read twice: as the bytes of a checkpoint file, as a crash or a flipped bit leaves them (anything
// but a whole checkpoint of this sweep must be discarded with a note, or refused as another
// sweep's); and, when it parses, sealed with its checksum by CheckpointFolder::save and read back
// by a sweep with its header, which must not throw and must return only blocks that hold the jobs
// they promise.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>

#include <google/protobuf/stubs/logging.h>

#include "config/validate.h"
#include "experiment/checkpoints.h"
#include "experiment/errors.h"
#include "results/digest.h"
#include "scratch_folder.h"

namespace {

namespace ex = reesim::experiment;

const reesim::fuzz::ScratchFolder& scratch() {
  static const reesim::fuzz::ScratchFolder folder("checkpoint");
  return folder;
}

const ex::JobRange kAllJobs{0, reesim::config::kMaxSweepJobs};

void require(bool condition) {
  if (!condition) __builtin_trap();
}

// What load() returns must be usable as it stands: blocks in job order, each holding its jobs.
void require_usable(const std::vector<reesim::SweepCheckpoint>& blocks, std::int64_t replicates) {
  std::int64_t covered = kAllJobs.first;
  for (const auto& block : blocks) {
    require(block.first_job() >= covered && block.first_job() < block.last_job() &&
            block.last_job() <= kAllJobs.last);
    require(block.trials_size() == block.last_job() - block.first_job());
    for (int i = 0; i < block.trials_size(); ++i) {
      const std::int64_t job = block.first_job() + i;
      require(block.trials(i).point() == job / replicates &&
              block.trials(i).trial() == job % replicates);
      require(block.trials(i).series_sha256().size() == reesim::results::kSeriesHashBytes);
    }
    covered = block.last_job();
  }
}

}  // namespace

// Protobuf's parse errors on stderr would drown the fuzzer's own lines; the reader's verdict is
// what is checked.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const ex::CheckpointFolder folder(scratch().path());

  // As found on disk, read by a sweep whose header is not the file's.
  constexpr std::int64_t kReplicates = 8;
  scratch().clear();
  scratch().write(std::string(ex::kCheckpointFolder) + "/block-000000000000.pb", bytes);
  std::ostringstream notes;
  try {
    require_usable(folder.load(reesim::SweepCheckpoint(), kAllJobs, kReplicates, notes),
                   kReplicates);
  } catch (const ex::InputError&) {  // a checkpoint of another sweep: refused, as it should be
  }

  // Sealed, read by the sweep it belongs to.
  reesim::SweepCheckpoint block;
  if (!block.ParseFromArray(data, static_cast<int>(size))) return 0;
  reesim::SweepCheckpoint identity = block;
  identity.clear_first_job();
  identity.clear_last_job();
  identity.clear_trials();
  identity.clear_content_sha256();
  std::int64_t replicates = 1;
  for (const auto& trial : block.trials())
    replicates = std::clamp<std::int64_t>(trial.trial() + 1, replicates, 1'000'000);
  scratch().clear();
  folder.save(block);
  notes.str({});
  const auto loaded = folder.load(identity, kAllJobs, replicates, notes);
  require_usable(loaded, replicates);
  // Either the block came back whole, or it was discarded with a note saying why.
  require(loaded.size() == 1 ? notes.str().empty() : !notes.str().empty());
  return 0;
}
