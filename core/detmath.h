// Deterministic transcendental functions in plain C++ arithmetic (+, -, *, / and exact scaling by
// powers of two), so that a result is the same bit for bit on every platform built with the
// project's floating-point flags (cmake/FloatingPoint.cmake), whatever its libm. Every exp, log,
// pow, sin and cos a run digest depends on (the model, sampling, sweep designs) goes through these
// (docs/reproducibility.md).
//
// Accuracy against the exact result, measured against glibc's libm by tests/core/detmath_test.cpp:
// exp, log, sin and cos within 1 ulp; pow within 1 ulp while |y log x| < 64, within 4 ulp up to
// overflow. The algorithms are fdlibm's (Sun Microsystems, 1993) for exp, log and the sine and
// cosine kernels; pow evaluates exp(y log x) with log x in double-double arithmetic. Special values
// (NaN, infinities, zeros, negative bases) follow C's Annex F. Pure functions; thread-safe.
#pragma once

#include <bit>
#include <cstdint>
#include <limits>

namespace reesim::detmath {

// e^x: +inf above 709.78, +0 below -745.14, NaN for NaN.
[[nodiscard]] double exp(double x) noexcept;

// The natural logarithm: -inf at ±0, NaN below 0 and for NaN, +inf at +inf.
[[nodiscard]] double log(double x) noexcept;

// x^y: 1 when y is 0 or x is 1; x when y is 1; NaN for a negative x and a y that is not an
// integer; signed zeros and infinities as C's pow.
[[nodiscard]] double pow(double x, double y) noexcept;

namespace detail {

// ln x in double-double, as pow keeps it for a base.
struct PowLog {
  double hi;
  double lo;
};

// The logarithm pow takes of a positive finite x other than 1.
[[nodiscard]] PowLog pow_log(double x) noexcept;

// pow(x, y) for the x whose pow_log is `ln` and a finite y other than 0 and 1 with
// |y| <= 2^900: the same bits as pow(x, y), without its caches.
[[nodiscard]] double pow_by_log(PowLog ln, double y) noexcept;

// Whether pow(x, y) takes the path pow_by_log repeats.
[[nodiscard]] inline bool pow_by_log_applies(double x, double y) noexcept {
  return x > 0 && x <= std::numeric_limits<double>::max() && x != 1 && y != 0 && y != 1 &&
         y >= -0x1p900 && y <= 0x1p900;
}

}  // namespace detail

// pow with its last arguments and result kept: a call with the bits of the last call's
// arguments returns the last result without computing it again, for a model quantity that is
// asked for several times before its inputs change. A call with the last base and a new exponent
// (a fixed base raised to the time) reuses the base's logarithm. Not thread-safe; one per owner.
class PowMemo {
 public:
  [[nodiscard]] double operator()(double x, double y) noexcept {
    const auto xb = std::bit_cast<std::uint64_t>(x);
    const auto yb = std::bit_cast<std::uint64_t>(y);
    if (known_ && xb == x_) {
      if (yb == y_) return result_;
      if (detail::pow_by_log_applies(x, y)) {
        if (!log_known_) {
          log_ = detail::pow_log(x);
          log_known_ = true;
        }
        result_ = detail::pow_by_log(log_, y);
        y_ = yb;
        return result_;
      }
    } else {
      log_known_ = false;
    }
    result_ = pow(x, y);
    x_ = xb;
    y_ = yb;
    known_ = true;
    return result_;
  }

 private:
  std::uint64_t x_ = 0;
  std::uint64_t y_ = 0;
  double result_ = 0;
  detail::PowLog log_{};
  bool known_ = false;
  bool log_known_ = false;
};

// Sine and cosine of x radians; NaN for an infinite or NaN x. Within 1 ulp for |x| < 1.6e6
// (2^20 pi/2); deterministic but less accurate beyond.
[[nodiscard]] double sin(double x) noexcept;
[[nodiscard]] double cos(double x) noexcept;

}  // namespace reesim::detmath
