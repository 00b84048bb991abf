// Fuzz target: the reader of a finished run folder's results.pb (experiment/result_folder.h), as
// `reesim merge`, `analyze` and `report` use it. Each input is read twice: as a results.pb beside
// a digest file that cannot be its own (it must be refused with InputError, never crash); and,
// when it parses and its trials have a digest, beside that digest, when it must be accepted and
// read back unchanged.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include <google/protobuf/stubs/logging.h>

#include "experiment/errors.h"
#include "experiment/result_folder.h"
#include "results/digest.h"
#include "results/writers.h"
#include "scratch_folder.h"

namespace {

namespace ex = reesim::experiment;

const reesim::fuzz::ScratchFolder& scratch() {
  static const reesim::fuzz::ScratchFolder folder("results");
  return folder;
}

void require(bool condition) {
  if (!condition) __builtin_trap();
}

void write_folder(std::string_view results_pb, const std::string& digest) {
  scratch().clear();
  scratch().write(std::string(reesim::results::kResultsFile), results_pb);
  scratch().write(std::string(reesim::results::kDigestFile), digest + "\n");
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

  // A digest no run has (not 64 hex digits): refused, whatever results.pb holds.
  write_folder(bytes, "not-a-digest");
  bool refused = false;
  try {
    (void)ex::read_result_folder(scratch().path());
  } catch (const ex::InputError&) {
    refused = true;
  }
  require(refused);

  reesim::Results results;
  if (!results.ParseFromArray(data, static_cast<int>(size))) return 0;
  std::string digest;
  try {
    digest = reesim::results::run_digest(results);
  } catch (const std::invalid_argument&) {  // a trial without its series hash
    return 0;
  }
  results.mutable_manifest()->set_digest(digest);
  const std::string sealed = reesim::results::deterministic_bytes(results);
  write_folder(sealed, digest);
  const reesim::Results read = ex::read_result_folder(scratch().path());
  require(reesim::results::deterministic_bytes(read) == sealed);
  return 0;
}
