#include "core/detmath.h"

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

// Only exact operations come from <cmath> here: frexp, ldexp, ilogb, floor, fabs and copysign
// scale, split or round without rounding error, so they give the same bits on every platform. The
// build's -ffp-contract=off keeps each a * b + c below two roundings, which the double-double
// steps rely on.

namespace reesim::detmath {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// ln 2 = kLn2Hi + kLn2Lo; kLn2Hi has 32 significant bits, so k * kLn2Hi is exact for |k| < 2^21.
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;
constexpr double kSqrtHalf = 7.07106781186547524401e-01;

// e^x overflows above kExpMax and is below half the smallest subnormal under kExpMin.
constexpr double kExpMax = 7.09782712893383973096e+02;
constexpr double kExpMin = -7.45133219101941108420e+02;

// ---- double-double arithmetic: a value hi + lo with |lo| <= ulp(hi) / 2 ----

struct Double2 {
  double hi;
  double lo;
};

// a + b exactly, any magnitudes (Knuth).
Double2 two_sum(double a, double b) {
  const double s = a + b;
  const double bb = s - a;
  return {s, (a - (s - bb)) + (b - bb)};
}

// a + b exactly when |a| >= |b| (Dekker).
Double2 fast_two_sum(double a, double b) {
  const double s = a + b;
  return {s, b - (s - a)};
}

// a split into two halves of 26 bits each (Veltkamp); |a| < 2^996.
Double2 split(double a) {
  const double c = 134217729.0 * a;  // 2^27 + 1
  const double hi = c - (c - a);
  return {hi, a - hi};
}

// a * b exactly (Dekker); |a|, |b| < 2^996.
Double2 two_prod(double a, double b) {
  const double p = a * b;
  const Double2 as = split(a);
  const Double2 bs = split(b);
  return {p, ((as.hi * bs.hi - p) + as.hi * bs.lo + as.lo * bs.hi) + as.lo * bs.lo};
}

// ---- exact scaling by powers of two, by the bits for normal numbers ----

// frexp for a positive finite x: x = m 2^k with 0.5 <= m < 1. A normal x is split by its exponent
// field (the same bits as std::frexp); a subnormal one goes to std::frexp.
double frexp_positive(double x, int& k) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  const int biased = static_cast<int>(bits >> 52);
  if (biased == 0) return std::frexp(x, &k);
  k = biased - 1022;
  return std::bit_cast<double>((bits & 0x800fffffffffffffULL) | 0x3fe0000000000000ULL);
}

// y 2^k for 0.5 <= |y| < 2: a product with 2^k is exact (the same bits as std::ldexp) while
// both 2^k and the result are normal; otherwise std::ldexp.
double scale_by_power_of_two(double y, int k) {
  if (k < -1020 || k > 1022) return std::ldexp(y, k);
  return y * std::bit_cast<double>(static_cast<std::uint64_t>(k + 1023) << 52);
}

// ---- exp ----

// e^(x + tail), |tail| tiny beside |x|: fdlibm's e_exp.c with the tail folded into the reduced
// argument. Reduction: x = k ln 2 + r, |r| <= ln 2 / 2; e^r from a rational approximation whose
// error is below 2^-59.
double exp_with_tail(double x, double tail) {
  constexpr double kP1 = 1.66666666666666019037e-01;
  constexpr double kP2 = -2.77777777770155933842e-03;
  constexpr double kP3 = 6.61375632143793436117e-05;
  constexpr double kP4 = -1.65339022054652515390e-06;
  constexpr double kP5 = 4.13813679705723846039e-08;
  if (x != x) return x;
  if (x > kExpMax) return kInf;
  if (x < kExpMin) return 0.0;
  if (std::fabs(x) < 0x1p-54) return 1.0 + x;
  const double k = std::floor(x * kInvLn2 + 0.5);
  const double hi = x - k * kLn2Hi;  // exact
  const double lo = k * kLn2Lo - tail;
  const double r = hi - lo;
  const double t = r * r;
  const double c = r - t * (kP1 + t * (kP2 + t * (kP3 + t * (kP4 + t * kP5))));
  const double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
  return scale_by_power_of_two(y, static_cast<int>(k));
}

// ---- log ----

// x = 2^k m with sqrt(1/2) <= m < sqrt(2), for a positive finite x.
double reduce_log(double x, int& k) {
  double m = frexp_positive(x, k);
  if (m < kSqrtHalf) {
    m *= 2.0;
    --k;
  }
  return m;
}

// ln x as a double-double, for a positive finite x: ln x = k ln 2 + 2 atanh(s) with
// s = (m - 1) / (m + 1), |s| < 0.172. s and the series' first two terms, 2 s + 2 s^3 / 3, are kept
// in double-double, the rest (below 2^-6 of 2 s^3 / 3) in double: the error is below 2^-62 |ln x|.
Double2 log_double2(double x) {
  int k = 0;
  const double m = reduce_log(x, k);
  const double f = m - 1.0;  // exact
  const Double2 d = two_sum(m, 1.0);
  const double s_hi = f / d.hi;
  const Double2 p = two_prod(s_hi, d.hi);
  const double s_lo = (((f - p.hi) - p.lo) - s_hi * d.lo) / d.hi;
  // s^3 / 3 in double-double.
  const Double2 square = two_prod(s_hi, s_hi);
  Double2 cube = two_prod(s_hi, square.hi);
  cube.lo += s_hi * square.lo + 3.0 * s_lo * square.hi;
  const double third_hi = cube.hi / 3.0;
  const Double2 back = two_prod(third_hi, 3.0);
  const double third_lo = (((cube.hi - back.hi) - back.lo) + cube.lo) / 3.0;
  // 2 s^5 (1/5 + s^2/7 + ... + s^20/25); s^22 < 2^-56, a part in 2^-56 of this tail.
  const double z = square.hi;
  // 1 / (2 j + 1) for j = 2..12, rounded once as the division would be.
  static constexpr std::array<double, 11> kOdd = {1.0 / 5,  1.0 / 7,  1.0 / 9,  1.0 / 11,
                                                  1.0 / 13, 1.0 / 15, 1.0 / 17, 1.0 / 19,
                                                  1.0 / 21, 1.0 / 23, 1.0 / 25};
  double poly = kOdd[10];
  for (int j = 9; j >= 0; --j)
    poly = kOdd[j] + z * poly;
  const double rest = 2.0 * cube.hi * z * poly;
  const Double2 lead = two_sum(2.0 * s_hi, 2.0 * third_hi);
  const Double2 log_m = fast_two_sum(lead.hi, lead.lo + (2.0 * s_lo + 2.0 * third_lo + rest));
  const double dk = k;
  const Double2 sum = two_sum(dk * kLn2Hi, log_m.hi);
  return fast_two_sum(sum.hi, sum.lo + (log_m.lo + dk * kLn2Lo));
}

// ---- sin and cos: fdlibm's kernels on [-pi/4, pi/4], the argument given as x + y ----

double sin_kernel(double x, double y) {
  constexpr double kS1 = -1.66666666666666324348e-01;
  constexpr double kS2 = 8.33333333332248946124e-03;
  constexpr double kS3 = -1.98412698298579493134e-04;
  constexpr double kS4 = 2.75573137070700676789e-06;
  constexpr double kS5 = -2.50507602534068634195e-08;
  constexpr double kS6 = 1.58969099521155010221e-10;
  const double z = x * x;
  const double w = z * z;
  const double r = kS2 + z * (kS3 + z * kS4) + z * w * (kS5 + z * kS6);
  const double v = z * x;
  return x - ((z * (0.5 * y - v * r) - y) - v * kS1);
}

double cos_kernel(double x, double y) {
  constexpr double kC1 = 4.16666666666666019037e-02;
  constexpr double kC2 = -1.38888888888741095749e-03;
  constexpr double kC3 = 2.48015872894767294178e-05;
  constexpr double kC4 = -2.75573143513906633035e-07;
  constexpr double kC5 = 2.08757232129817482790e-09;
  constexpr double kC6 = -1.13596475577881948265e-11;
  const double z = x * x;
  const double w = z * z;
  const double r = z * (kC1 + z * (kC2 + z * kC3)) + w * w * (kC4 + z * (kC5 + z * kC6));
  const double hz = 0.5 * z;
  const double one_minus = 1.0 - hz;
  return one_minus + (((1.0 - one_minus) - hz) + (z * r - x * y));
}

// x = n pi/2 + (y0 + y1), |y0 + y1| <= pi/4 (about), returning n mod 4: fdlibm's e_rem_pio2.c
// medium-size reduction, pi/2 in three pieces of 33 bits each.
int reduce_half_pi(double x, double& y0, double& y1) {
  constexpr double kInvHalfPi = 6.36619772367581382433e-01;
  constexpr double kHalfPi1 = 1.57079632673412561417e+00;
  constexpr double kHalfPi1Tail = 6.07710050650619224932e-11;
  constexpr double kHalfPi2 = 6.07710050630396597660e-11;
  constexpr double kHalfPi2Tail = 2.02226624879595063154e-21;
  constexpr double kHalfPi3 = 2.02226624871116645580e-21;
  constexpr double kHalfPi3Tail = 8.47842766036889956997e-32;
  const double n = std::floor(x * kInvHalfPi + 0.5);
  double r = x - n * kHalfPi1;
  double w = n * kHalfPi1Tail;
  y0 = r - w;
  const int exponent = std::ilogb(x);
  if (y0 == 0.0 || exponent - std::ilogb(y0) > 16) {  // cancellation: take the next 33 bits
    double t = r;
    w = n * kHalfPi2;
    r = t - w;
    w = n * kHalfPi2Tail - ((t - r) - w);
    y0 = r - w;
    if (y0 == 0.0 || exponent - std::ilogb(y0) > 49) {
      t = r;
      w = n * kHalfPi3;
      r = t - w;
      w = n * kHalfPi3Tail - ((t - r) - w);
      y0 = r - w;
    }
  }
  y1 = (r - y0) - w;
  return static_cast<int>(std::fmod(n, 4.0) + 4.0) % 4;
}

constexpr double kQuarterPi = 7.85398163397448278999e-01;

bool is_integer(double y) {
  return std::floor(y) == y;
}
bool is_odd_integer(double y) {
  return std::fabs(y) < 0x1p53 && std::fmod(y, 2.0) != 0.0 && is_integer(y);
}

}  // namespace

double exp(double x) noexcept {
  return exp_with_tail(x, 0.0);
}

double log(double x) noexcept {
  constexpr double kLg1 = 6.666666666666735130e-01;
  constexpr double kLg2 = 3.999999999940941908e-01;
  constexpr double kLg3 = 2.857142874366239149e-01;
  constexpr double kLg4 = 2.222219843214978396e-01;
  constexpr double kLg5 = 1.818357216161805012e-01;
  constexpr double kLg6 = 1.531383769920937332e-01;
  constexpr double kLg7 = 1.479819860511658591e-01;
  if (x != x) return x;
  if (x < 0.0) return kNan;
  if (x == 0.0) return -kInf;
  if (x == kInf) return x;
  // fdlibm's e_log.c: ln(1 + f) = f - (f^2/2 - s (f^2/2 + R(s^2))), s = f / (2 + f).
  int k = 0;
  const double f = reduce_log(x, k) - 1.0;  // exact
  const double dk = k;
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double r =
      z * (kLg1 + z * (kLg2 + z * (kLg3 + z * (kLg4 + z * (kLg5 + z * (kLg6 + z * kLg7))))));
  const double half_f2 = 0.5 * f * f;
  return dk * kLn2Hi - ((half_f2 - (s * (half_f2 + r) + dk * kLn2Lo)) - f);
}

namespace {

// log_double2 of the bases pow met last on this thread, by a hash of their bits: a model's
// fixed base (a buyer's 1 + demand growth) comes back every tick with a new exponent. The entries
// start as zeros, which no lookup matches: a zero base never reaches the table.
struct LogEntry {
  std::uint64_t x;
  Double2 ln;
};
constexpr int kLogCacheBits = 8;
thread_local std::array<LogEntry, std::size_t{1} << kLogCacheBits> log_cache{};

Double2 log_of_base(double ax) {
  const auto bits = std::bit_cast<std::uint64_t>(ax);
  LogEntry& entry = log_cache[(bits * 0x9e3779b97f4a7c15ULL) >> (64 - kLogCacheBits)];
  if (entry.x != bits) entry = {bits, log_double2(ax)};
  return entry.ln;
}

// e^(y ln), ln in double-double: pow's main path.
double exp_of_product(double y, Double2 ln) {
  const Double2 product = two_prod(y, ln.hi);
  const Double2 t = fast_two_sum(product.hi, product.lo + y * ln.lo);
  return exp_with_tail(t.hi, t.lo);
}

double pow_computed(double x, double y) noexcept {
  if (x != x || y != y) return kNan;
  if (y == 1.0) return x;
  const double ax = std::fabs(x);
  if (std::isinf(y)) {
    if (ax == 1.0) return 1.0;
    return (ax < 1.0) == (y < 0.0) ? kInf : 0.0;
  }
  if (x == 0.0 || std::isinf(x)) {
    // |x|^y is 0 or inf; a negative x keeps its sign for an odd y.
    const bool large = (x == 0.0) == (y < 0.0);
    const double magnitude = large ? kInf : 0.0;
    return is_odd_integer(y) ? std::copysign(magnitude, x) : magnitude;
  }
  if (x < 0.0 && !is_integer(y)) return kNan;
  // Only a negative base needs y's parity (its sign); the common positive base skips fmod.
  const bool odd = x < 0.0 && is_odd_integer(y);
  double result = 0.0;
  if (std::fabs(y) > 0x1p900) {
    // |y ln x| is then far beyond the range of exp unless |x| is within 2^-800 of 1.
    result = exp_with_tail(y * log(ax), 0.0);
  } else {
    result = exp_of_product(y, log_of_base(ax));
  }
  return x < 0.0 && odd ? -result : result;
}

// The powers a thread computed last, by a hash of the arguments' bits. A tick asks for the same
// power many times over (buyers of one commodity share their price memories, producers ask again
// at unchanged prices): about a third of the calls in a calibrated run. A hit returns the bits
// pow_computed gave for the same bits. The entries start as zeros, which no lookup matches:
// y = 0 never reaches the table.
struct PowEntry {
  std::uint64_t x;
  std::uint64_t y;
  double result;
};
constexpr int kPowCacheBits = 6;
thread_local std::array<PowEntry, std::size_t{1} << kPowCacheBits> pow_cache{};

}  // namespace

double pow(double x, double y) noexcept {
  if (y == 0.0 || x == 1.0) return 1.0;
  const auto xb = std::bit_cast<std::uint64_t>(x);
  const auto yb = std::bit_cast<std::uint64_t>(y);
  const std::uint64_t mixed = (xb ^ (yb * 0x9e3779b97f4a7c15ULL)) * 0xff51afd7ed558ccdULL;
  PowEntry& entry = pow_cache[mixed >> (64 - kPowCacheBits)];
  if (entry.x != xb || entry.y != yb) entry = {xb, yb, pow_computed(x, y)};
  return entry.result;
}

namespace detail {

PowLog pow_log(double x) noexcept {
  const Double2 ln = log_of_base(x);
  return {ln.hi, ln.lo};
}

double pow_by_log(PowLog ln, double y) noexcept {
  return exp_of_product(y, {ln.hi, ln.lo});
}

}  // namespace detail

double sin(double x) noexcept {
  if (std::isinf(x) || x != x) return kNan;
  if (std::fabs(x) <= kQuarterPi) return sin_kernel(x, 0.0);
  double y0 = 0.0;
  double y1 = 0.0;
  switch (reduce_half_pi(x, y0, y1)) {
    case 0:
      return sin_kernel(y0, y1);
    case 1:
      return cos_kernel(y0, y1);
    case 2:
      return -sin_kernel(y0, y1);
    default:
      return -cos_kernel(y0, y1);
  }
}

double cos(double x) noexcept {
  if (std::isinf(x) || x != x) return kNan;
  if (std::fabs(x) <= kQuarterPi) return cos_kernel(x, 0.0);
  double y0 = 0.0;
  double y1 = 0.0;
  switch (reduce_half_pi(x, y0, y1)) {
    case 0:
      return cos_kernel(y0, y1);
    case 1:
      return -sin_kernel(y0, y1);
    case 2:
      return -cos_kernel(y0, y1);
    default:
      return sin_kernel(y0, y1);
  }
}

}  // namespace reesim::detmath
