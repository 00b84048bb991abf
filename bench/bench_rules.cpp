#include "bench/book_stream.h"

namespace reesim::bench {

market::PairTerms BenchRules::terms(market::VenueId, market::NationId origin,
                                    market::NationId destination) const {
  const int s = origin.value();
  const int b = destination.value();
  market::PairTerms terms;
  if (s == b) return terms;  // domestic: free
  terms.allowed = !(s == 0 && b == 1);
  if (s == 0) terms.tariff_bp = 1000 + 500 * (b % 4);  // 10-25 % on the dominant producer
  if (b == 0) terms.tariff_bp = 500;                   // 5 % into it
  if ((s + b) % 7 == 3) terms.tariff_bp += 250;        // assorted bilateral tariffs
  terms.freight = market::Price{(s > b ? s - b : b - s) % 5};
  return terms;
}

}  // namespace reesim::bench
