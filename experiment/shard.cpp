#include "experiment/shard.h"

#include <charconv>
#include <stdexcept>

namespace reesim::experiment {
namespace {

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

ShardParse failure(std::string why) {
  return {std::nullopt, std::move(why)};
}

__extension__ typedef __int128 Wide;  // (K-1)*J needs up to 126 bits

}  // namespace

std::string Shard::text() const {
  return std::to_string(index) + "/" + std::to_string(count);
}

JobRange shard_jobs(std::int64_t jobs, const Shard& shard) {
  if (jobs < 0 || shard.count < 1 || shard.index < 1 || shard.index > shard.count)
    throw std::invalid_argument("shard " + shard.text() + " of " + std::to_string(jobs) + " jobs");
  const auto bound = [&](std::int64_t k) {
    return static_cast<std::int64_t>(static_cast<Wide>(k) * jobs / shard.count);
  };
  return {bound(shard.index - 1), bound(shard.index)};
}

ShardParse parse_shard(std::string_view text) {
  std::string quoted(1, '\'');  // piecewise: g++ 12 warns falsely on "'" + std::string
  quoted.append(text).append(1, '\'');
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos)
    return failure("--shard " + quoted + ": expected K/N, e.g. 2/8");
  const auto index = parse_integer(text.substr(0, slash));
  const auto count = parse_integer(text.substr(slash + 1));
  if (!index || !count) return failure("--shard " + quoted + ": K and N must be integers");
  if (*count < 1) return failure("--shard " + quoted + ": N must be at least 1");
  if (*count > kMaxShards)
    return failure("--shard " + quoted + ": N must be at most " + std::to_string(kMaxShards));
  if (*index < 1 || *index > *count)
    return failure("--shard " + quoted + ": K must be between 1 and N (shards are 1-based)");
  return {Shard{*index, *count}, {}};
}

ShardParse shard_from_slurm(
    const std::function<std::optional<std::string>(const char* name)>& lookup) {
  const auto id_text = lookup("SLURM_ARRAY_TASK_ID");
  if (!id_text) return {};
  const auto value = [&](const char* name, const std::string& text) -> ShardParse {
    return failure(std::string(name) + "='" + text + "': not an integer");
  };
  const auto id = parse_integer(*id_text);
  if (!id) return value("SLURM_ARRAY_TASK_ID", *id_text);
  std::int64_t min = 0;
  if (const auto min_text = lookup("SLURM_ARRAY_TASK_MIN")) {
    const auto parsed = parse_integer(*min_text);
    if (!parsed) return value("SLURM_ARRAY_TASK_MIN", *min_text);
    min = *parsed;
  }
  const auto count_text = lookup("SLURM_ARRAY_TASK_COUNT");
  if (!count_text)
    return failure(
        "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not; pass --shard K/N");
  const auto count = parse_integer(*count_text);
  if (!count) return value("SLURM_ARRAY_TASK_COUNT", *count_text);
  if (*count < 1)
    return failure("SLURM_ARRAY_TASK_COUNT='" + *count_text + "': must be at least 1");
  if (*count > kMaxShards)
    return failure("SLURM_ARRAY_TASK_COUNT='" + *count_text + "': must be at most " +
                   std::to_string(kMaxShards));
  // In 128 bits: ID and MIN may be any 64-bit values, and their difference must not overflow.
  const Wide wide_index = static_cast<Wide>(*id) - min + 1;
  if (wide_index < 1 || wide_index > *count)
    return failure("SLURM_ARRAY_TASK_ID=" + *id_text + " with SLURM_ARRAY_TASK_MIN=" +
                   std::to_string(min) + " lies outside the array's " + *count_text +
                   " tasks (array task ids must be consecutive, from MIN); pass --shard K/N");
  const auto index = static_cast<std::int64_t>(wide_index);
  if (const auto max_text = lookup("SLURM_ARRAY_TASK_MAX")) {
    const auto max = parse_integer(*max_text);
    if (!max) return value("SLURM_ARRAY_TASK_MAX", *max_text);
    if (static_cast<Wide>(*max) - min + 1 != *count || *id > *max)
      return failure(
          "SLURM_ARRAY_TASK_MIN=" + std::to_string(min) + ", SLURM_ARRAY_TASK_MAX=" + *max_text +
          ", SLURM_ARRAY_TASK_COUNT=" + *count_text + " and " + "SLURM_ARRAY_TASK_ID=" + *id_text +
          " are inconsistent (array task ids must be consecutive, MIN to MAX); pass "
          "--shard K/N");
  }
  return {Shard{index, *count}, {}};
}

}  // namespace reesim::experiment
