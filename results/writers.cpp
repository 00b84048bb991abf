#include "results/writers.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>

#include <climits>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <utility>
#include <vector>

#include "results/atomic_file.h"
#include "results/column_names.h"
#include "results/csv_tables.h"
#include "results/digest.h"
#include "results/units.h"

namespace reesim::results {

namespace {

// Writes `message`, whose cached size is `size`, to `stream` with deterministic serialization.
void serialize_deterministic(const google::protobuf::Message& message, std::size_t size,
                             google::protobuf::io::ZeroCopyOutputStream& stream) {
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  message.SerializeWithCachedSizes(&coded);
  coded.Trim();
  if (coded.HadError() || static_cast<std::size_t>(coded.ByteCount()) != size)
    throw std::runtime_error("cannot serialise the results");
}

// Throws std::runtime_error when `results` would pass protobuf's 2 GiB message limit.
void check_results_size(const Results& results) {
  if (results.ByteSizeLong() > static_cast<std::size_t>(INT_MAX)) {
    throw std::runtime_error("results of " + std::to_string(results.trials_size()) +
                             " trials exceed protobuf's 2 GiB message limit");
  }
}

}  // namespace

std::string deterministic_bytes(const google::protobuf::Message& message) {
  const std::size_t size = message.ByteSizeLong();
  if (size > static_cast<std::size_t>(INT_MAX)) {
    throw std::runtime_error("a " + message.GetDescriptor()->full_name() + " of " +
                             std::to_string(size) + " bytes exceeds protobuf's 2 GiB limit");
  }
  // Into a buffer of the exact size: a growing string would hold up to twice the bytes.
  std::string bytes(size, '\0');
  google::protobuf::io::ArrayOutputStream stream(bytes.data(), static_cast<int>(size));
  serialize_deterministic(message, size, stream);
  return bytes;
}

std::string results_bytes(const Results& results) {
  check_results_size(results);
  return deterministic_bytes(results);
}

void write_results_bytes(const Results& results, std::ostream& out) {
  check_results_size(results);
  // The bytes of deterministic_bytes(), streamed: a run of 100,000 trials never holds them all.
  google::protobuf::io::OstreamOutputStream stream(&out);
  serialize_deterministic(results, results.ByteSizeLong(), stream);
}

bool trial_series_in_results(std::uint64_t message_bytes, std::uint64_t limit) {
  return message_bytes <= limit;
}

Results without_trial_series(const Results& results) {
  Results slim;  // field by field, so that the series are never copied
  *slim.mutable_manifest() = results.manifest();
  *slim.mutable_parameter_names() = results.parameter_names();
  *slim.mutable_scalar_names() = results.scalar_names();
  *slim.mutable_quantiles() = results.quantiles();
  *slim.mutable_trials() = results.trials();
  *slim.mutable_series() = results.series();
  *slim.mutable_summary() = results.summary();
  *slim.mutable_scalar_covariance() = results.scalar_covariance();
  *slim.mutable_scalar_units() = results.scalar_units();
  *slim.mutable_metric_units() = results.metric_units();
  slim.set_trial_series_csv_only(true);
  return slim;
}

std::string manifest_text(const RunManifest& manifest) {
  std::string text;
  if (!google::protobuf::TextFormat::PrintToString(manifest, &text)) {
    throw std::runtime_error("cannot print the run manifest in text format");
  }
  return "# proto-message: reesim.RunManifest\n" + text;
}

void write_run_outputs(const std::filesystem::path& out_dir, const Results& results,
                       std::uint64_t results_limit) {
  const std::string digest = run_digest(results);
  const std::string& declared = results.manifest().digest();
  if (!declared.empty() && declared != digest) {
    throw std::invalid_argument("the manifest's digest " + declared +
                                " is not the digest of the trials, " + digest);
  }
  // A copy with the digest and the units, only when the message lacks them (the commands fill
  // both; a message assembled elsewhere may not).
  const bool without_units =
      results.scalar_units_size() != results.scalar_names_size() ||
      (results.metric_units().empty() && !results.manifest().scenario().metrics().empty());
  std::optional<Results> stamped;
  if (declared.empty() || without_units) {
    stamped = results;
    if (declared.empty()) stamped->mutable_manifest()->set_digest(digest);
    if (without_units) fill_units(*stamped);
  }
  const Results& complete = stamped ? *stamped : results;

  // The small files are made, and the large ones (trials.csv, trial_series.csv, results.pb)
  // checked, before any is written: inconsistent results leave no file. The large ones are then
  // written a block at a time, so that a large run's outputs are never all in memory at once; the
  // digest comes last.
  check_trial_rows(complete);
  std::vector<std::pair<std::string_view, std::string>> small;
  small.emplace_back(kSeriesFile, series_csv(complete));
  small.emplace_back(kSummaryFile, summary_csv(complete));
  small.emplace_back(kCovarianceFile, covariance_csv(complete));
  if (complete.manifest().experiment().has_sweep())
    small.emplace_back(kPointsFile, points_csv(complete));
  small.emplace_back(kUnitsFile, units_csv(complete));
  small.emplace_back(kColumnsFile, columns_csv(complete));
  const std::string manifest = manifest_text(complete.manifest());
  // A sweep's per-trial series go to trial_series.csv alone, as they grow with its points.
  std::optional<Results> slim;
  if (!complete.trial_series().empty() &&
      (complete.manifest().experiment().has_sweep() ||
       !trial_series_in_results(complete.ByteSizeLong(), results_limit)))
    slim = without_trial_series(complete);
  const Results& stored = slim ? *slim : complete;
  check_results_size(stored);
  std::filesystem::create_directories(out_dir);
  auto write = [&](std::string_view name, const auto& fill) {
    AtomicFile file(out_dir / name);
    fill(file.stream());
    file.commit();
  };
  write(kTrialsFile, [&](std::ostream& out) { write_trials_csv(complete, out); });
  if (complete.manifest().experiment().outputs().trial_series())
    write(kTrialSeriesFile, [&](std::ostream& out) { write_trial_series_csv(complete, out); });
  for (const auto& [name, content] : small)
    write_file_atomically(out_dir / name, content);
  write(kResultsFile, [&](std::ostream& out) { write_results_bytes(stored, out); });
  write_file_atomically(out_dir / kManifestFile, manifest);
  write_file_atomically(out_dir / kDigestFile, digest + "\n");
}

}  // namespace reesim::results
