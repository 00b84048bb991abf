#include "results/exact_sum.h"

#include <bit>
#include <cmath>
#include <limits>

namespace reesim::results {
namespace {

constexpr std::uint64_t kMantissaMask = (std::uint64_t{1} << 52) - 1;
constexpr int kUnitExponent = -1074;  // the fixed-point unit is 2^kUnitExponent

}  // namespace

void ExactSum::add(double term) {
  const auto bits = std::bit_cast<std::uint64_t>(term);
  const bool negative = (bits >> 63) != 0;
  const int biased_exponent = static_cast<int>((bits >> 52) & 0x7ff);
  std::uint64_t mantissa = bits & kMantissaMask;
  if (biased_exponent == 0x7ff) {
    if (mantissa != 0) {
      has_nan_ = true;
    } else {
      ++(negative ? negative_infinities_ : positive_infinities_);
    }
    return;
  }
  // term = mantissa * 2^(shift + kUnitExponent), with the implicit bit for normal numbers.
  int shift = 0;
  if (biased_exponent != 0) {
    mantissa |= std::uint64_t{1} << 52;
    shift = biased_exponent - 1;
  }
  if (mantissa == 0) return;
  const int word = shift / 64;
  const int bit = shift % 64;
  const std::uint64_t low = mantissa << bit;
  const std::uint64_t high = bit == 0 ? 0 : mantissa >> (64 - bit);  // < 2^53: no overflow below
  if (!negative) {
    words_[word] += low;
    std::uint64_t carry = words_[word] < low ? 1 : 0;
    const std::uint64_t add_high = high + carry;
    words_[word + 1] += add_high;
    carry = words_[word + 1] < add_high ? 1 : 0;
    for (int i = word + 2; carry != 0 && i < kWords; ++i)
      carry = ++words_[i] == 0 ? 1 : 0;
  } else {
    std::uint64_t borrow = words_[word] < low ? 1 : 0;
    words_[word] -= low;
    const std::uint64_t sub_high = high + borrow;
    borrow = words_[word + 1] < sub_high ? 1 : 0;
    words_[word + 1] -= sub_high;
    for (int i = word + 2; borrow != 0 && i < kWords; ++i)
      borrow = words_[i]-- == 0 ? 1 : 0;
  }
}

void ExactSum::merge(const ExactSum& other) {
  std::uint64_t carry = 0;
  for (int i = 0; i < kWords; ++i) {
    const std::uint64_t a = words_[i];
    const std::uint64_t sum = a + other.words_[i];
    const std::uint64_t with_carry = sum + carry;
    carry = (sum < a ? 1 : 0) + (with_carry < sum ? 1 : 0);
    words_[i] = with_carry;
  }
  positive_infinities_ += other.positive_infinities_;
  negative_infinities_ += other.negative_infinities_;
  has_nan_ = has_nan_ || other.has_nan_;
}

double ExactSum::value() const {
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  if (has_nan_ || (positive_infinities_ > 0 && negative_infinities_ > 0)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (positive_infinities_ > 0) return kInfinity;
  if (negative_infinities_ > 0) return -kInfinity;

  // Magnitude and sign of the two's-complement integer.
  std::array<std::uint64_t, kWords> magnitude = words_;
  const bool negative = (magnitude[kWords - 1] >> 63) != 0;
  if (negative) {
    std::uint64_t carry = 1;
    for (auto& word : magnitude) {
      word = ~word + carry;
      carry = (carry != 0 && word == 0) ? 1 : 0;
    }
  }
  int top_word = kWords - 1;
  while (top_word >= 0 && magnitude[top_word] == 0)
    --top_word;
  if (top_word < 0) return 0.0;
  const int top_bit = 64 * top_word + 63 - std::countl_zero(magnitude[top_word]);

  // The 64 bits of the magnitude whose highest is `top_bit`, and whether any bit below is set.
  const auto bits_at = [&](int lowest) -> std::uint64_t {
    if (lowest < 0) return magnitude[0] << -lowest;
    const int word = lowest / 64;
    const int bit = lowest % 64;
    std::uint64_t value = magnitude[word] >> bit;
    if (bit != 0 && word + 1 < kWords) value |= magnitude[word + 1] << (64 - bit);
    return value;
  };
  const int lowest = top_bit - 63;
  const std::uint64_t window = bits_at(lowest);
  bool sticky = false;
  for (int i = 0; i < kWords && 64 * i < lowest; ++i) {
    const int below = lowest - 64 * i;  // bits of word i that lie below the window
    const std::uint64_t mask = below >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << below) - 1;
    if ((magnitude[i] & mask) != 0) sticky = true;
  }

  // Round the window to 53 significant bits, to nearest, ties to even. When top_bit < 53 the
  // window's low 11 bits are zero and the magnitude is exact (a subnormal or small normal).
  std::uint64_t mantissa = window >> 11;
  const std::uint64_t rest = window & 0x7ff;
  constexpr std::uint64_t kHalf = 0x400;
  if (rest > kHalf || (rest == kHalf && (sticky || (mantissa & 1) != 0))) ++mantissa;
  const double result = std::ldexp(static_cast<double>(mantissa), top_bit - 52 + kUnitExponent);
  return negative ? -result : result;
}

}  // namespace reesim::results
