#include "sim/trial.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "agents/registry.h"
#include "agents/supply.h"
#include "agents/trading.h"
#include "core/detmath.h"
#include "market/book.h"
#include "policies/engine.h"
#include "sim/external.h"
#include "sim/metrics.h"
#include "world/catalog.h"
#include "world/sampling.h"

namespace reesim::sim {

using world::AgentInfo;
using world::CommodityInfo;
using world::RandomStream;
using world::SampledParameter;
using world::VenueInfo;
using world::World;
namespace {

using agents::Agent;
using Agents = world::ByIndex<world::AgentIndex, Agent>;
using ByVenue = world::ByIndex<world::VenueIndex, double>;

// Under ThreadSanitizer (REESIM_SANITIZE=thread) a trial's parallel steps run on plain threads
// instead of oneTBB's workers, as the trial pool's jobs do (experiment/trial_pool.cpp): Debian's
// libtbb is not built with TSan, which therefore cannot see a task handed from one thread to
// another and reports a race at every handoff (an agent's orders prepared on a worker, read after
// the join), hiding any real one. std::thread and std::atomic are visible to it, so it then checks
// the steps' own code. Each step writes only its own agent's or book's state either way, so
// nothing computed changes.
#if defined(__SANITIZE_THREAD__)
#define REESIM_TRIAL_PLAIN_THREADS 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define REESIM_TRIAL_PLAIN_THREADS 1
#endif
#endif

// body(i) for every i in [0, count), in parallel within the threads the caller's arena allows,
// each i taken by the next thread free (in order of i). An exception from a body is rethrown.
template <typename Body>
void parallel_each(std::size_t count, const Body& body) {
#ifdef REESIM_TRIAL_PLAIN_THREADS
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::exception_ptr first;
  const auto work = [&] {
    for (std::size_t i = next++; i < count && !failed; i = next++) {
      try {
        body(i);
      } catch (...) {
        const std::lock_guard lock(mutex);
        if (!first) first = std::current_exception();
        failed = true;
      }
    }
  };
  const auto threads = std::min<std::size_t>(
      static_cast<std::size_t>(std::max(tbb::this_task_arena::max_concurrency(), 1)), count);
  std::vector<std::thread> workers;
  for (std::size_t w = 1; w < threads; ++w)
    workers.emplace_back(work);
  work();
  for (std::thread& worker : workers)
    worker.join();
  if (first) std::rethrow_exception(first);
#else
  std::atomic<std::size_t> next{0};
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, 1),
                    [&body, &next](const tbb::blocked_range<std::size_t>& range) {
                      for (std::size_t k = range.begin(); k != range.end(); ++k)
                        body(next.fetch_add(1));
                    });
#endif
}

// The book's ids for the world's indices (the book keeps its own narrow integer types).
market::VenueId market_venue(world::VenueIndex v) {
  return market::VenueId{static_cast<std::uint16_t>(v.value())};
}
market::NationId market_nation(world::NationIndex n) {
  return market::NationId{static_cast<std::uint8_t>(n.value())};
}
market::AgentId market_agent(world::AgentIndex a) {
  return market::AgentId{static_cast<std::uint32_t>(a.value())};
}
world::AgentIndex agent_of(market::AgentId id) {
  return world::AgentIndex{static_cast<std::int32_t>(id.value())};
}

// The model parameters of trial `trial`: those the scenario gives, drawn from the "model"
// entity's own stream, the others at their defaults.
std::vector<double> draw_model_params(const World& world, std::uint64_t seed, std::uint64_t trial) {
  RandomStream stream(seed, trial, "model", "params");
  return world::sample_params(model_params(), world.scenario().model().params(), stream);
}

// Applies trades to inventories, cash, the ledger and the policies' memory of flows. The
// policies and the ledger are told of each trade as it happens (their budgets and quotas run in
// trade order); the agents' own inventories, cash and trading experience are posted by post()
// once the books have matched, agent by agent, each agent's postings in trade order, so that the
// sums come out as if posted trade by trade while a large world's agents are visited once each,
// in order, rather than at random per trade.
class Settlement final : public market::BookObserver {
 public:
  Settlement(const World& world, Agents& agents, const world::PolicyView& view, TickLedger& ledger,
             policies::PolicyEngine& engine)
      : world_(world), agents_(agents), view_(view), ledger_(ledger), engine_(engine) {
    for (const AgentInfo& info : world.agents())
      stockpile_.push_back((info.spec->traits & world::kStockpileAgency) != 0 ? 1 : 0);
  }

  void set_venue(world::VenueIndex venue) { venue_ = venue; }

  void on_trade(const market::Trade& trade) override {
    const VenueInfo& v = world_.venues()[venue_];
    const world::CommodityIndex c = v.commodity;
    const CommodityInfo& commodity = world_.commodities()[c];
    const double units = static_cast<double>(trade.quantity.value()) * commodity.lot;
    const double price = commodity.usd(trade.price);
    const world::AgentIndex buyer_id = agent_of(trade.buyer);
    const world::AgentIndex seller_id = agent_of(trade.seller);
    const double paid = commodity.usd(trade.landed_price()) * units;
    postings_.push_back({buyer_id, venue_, true, units, paid, 0.0});
    // A strategic stockpile buys with public money.
    if (stockpile_[buyer_id] != 0) {
      ledger_.spending(world_.agents()[buyer_id].nation) += paid;
      engine_.record_purchase(buyer_id, paid);
    }
    const world::NationIndex origin{trade.origin.value()};
    const world::NationIndex destination{trade.destination.value()};
    // Public money: a price floor tops up sales below it, within its yearly volume; an
    // incentive pays per unit sold, within its budget.
    double top_up = 0;
    if (engine_.pays_sales(seller_id)) {
      const double floor = view_[seller_id].floor_usd[c];
      top_up = (floor > 0 ? engine_.pay_floor(seller_id, c, floor, units, price) : 0.0) +
               engine_.pay_incentives(seller_id, c, units);
    }
    postings_.push_back({seller_id, venue_, false, units, price * units, top_up});
    if (top_up > 0) ledger_.spending(world_.agents()[seller_id].nation) += top_up;
    // The levies the buyer paid over the price go to the nations that levy them, in proportion
    // to their rates.
    if (trade.tariff.value() != 0) {
      engine_.levies(venue_, origin, destination, levies_);
      double rates = 0;
      for (const policies::Levy& levy : levies_)
        rates += levy.rate;
      const double levied = commodity.usd(trade.tariff) * units;
      if (rates > 0)
        for (const policies::Levy& levy : levies_) {
          const double usd = levied * levy.rate / rates;
          ledger_.revenue(levy.nation) += usd;
          ledger_.add_policy_revenue(levy.policy, usd);
        }
    }
    ledger_.add_flow(c, origin, destination, units);
    engine_.record_flow(c, origin, destination, units);
    volume_[venue_] += units;
  }

  // Groups the tick's postings by agent, each agent's in trade order (a stable counting sort),
  // for post().
  void sort_postings() {
    first_.assign(agents_.size() + 1, 0);
    for (const Posting& p : postings_)
      ++first_[world::at(p.agent) + 1];
    for (std::size_t a = 1; a < first_.size(); ++a)
      first_[a] += first_[a - 1];
    next_.assign(first_.begin(), first_.end() - 1);
    sorted_.resize(postings_.size());
    for (const Posting& p : postings_)
      sorted_[next_[world::at(p.agent)]++] = p;
    postings_.clear();
  }

  // Posts agent `a`'s trades of the tick to its own state (see the class comment), after
  // sort_postings(). Touches agent `a` alone, so agents may be posted in parallel.
  void post(world::AgentIndex a) {
    agents::Agent& agent = agents_[a];
    for (std::size_t k = first_[world::at(a)]; k < first_[world::at(a) + 1]; ++k) {
      const Posting& p = sorted_[k];
      const world::CommodityIndex c = world_.venues()[p.venue].commodity;
      if (p.buys) {
        agent.inventory[c] += p.units;
        agent.trading[p.venue].bought += p.units;
        agent.cash -= p.usd;
        agent.purchases_usd += p.usd;
        continue;
      }
      agent.inventory[c] -= p.units;
      agent.cash += p.usd;
      agent.trading[p.venue].sold += p.units;
      if (p.public_usd > 0) agent.cash += p.public_usd;
    }
  }

  void begin_tick(std::size_t venues) { volume_.assign(venues, 0.0); }
  [[nodiscard]] const ByVenue& volume() const { return volume_; }

 private:
  // One side of a trade, to post to its agent: a buyer's units and the landed cost it paid
  // (USD); a seller's units, the price times units it received and the public money on top.
  struct Posting {
    world::AgentIndex agent;
    world::VenueIndex venue;
    bool buys;
    double units;
    double usd;
    double public_usd;  // a seller's floor and incentive payments; 0 for a buyer
  };

  const World& world_;
  Agents& agents_;
  const world::PolicyView& view_;
  TickLedger& ledger_;
  policies::PolicyEngine& engine_;
  world::ByIndex<world::AgentIndex, std::uint8_t> stockpile_;  // 1: a stockpile agency
  world::VenueIndex venue_{};
  ByVenue volume_;
  std::vector<policies::Levy> levies_;
  std::vector<Posting> postings_;   // this tick's, in trade order
  std::vector<Posting> sorted_;     // by agent, each agent's in trade order
  std::vector<std::size_t> first_;  // by agent (and one past the last): its first in sorted_
  std::vector<std::size_t> next_;   // sort_postings's cursors
};

// One trial's mutable world.
class Trial {
 public:
  Trial(const World& world, std::uint64_t seed, std::uint64_t trial,
        ExternalDecisions* external = nullptr, const TrialOptions& options = {})
      : world_(world),
        external_(external),
        parallel_(options.parallel_agents > 0 && world.agents().size() >= options.parallel_agents),
        by_venue_(parallel_ || (options.by_venue_agents > 0 &&
                                world.agents().size() >= options.by_venue_agents)),
        seed_(seed),
        trial_(trial),
        model_values_(draw_model_params(world, seed, trial)),
        model_(resolve_model_params(model_values_)),
        engine_(world, model_, seed, trial),
        ledger_(world.commodities().size(), static_cast<std::size_t>(world.nation_count()),
                world.policies().size()),
        recorder_(world),
        settlement_(world, agents_, view_, ledger_, engine_),
        market_random_(seed, trial, "market", "order-entry") {
    // Each array is sized first and filled in its own pass, so that each agent's blocks on the
    // heap (its state's, then its row of the view's) lie in agent order, one after another: a
    // large world's per-agent passes then read them as streams.
    agents_.reserve(world.agents().size());
    production_random_.reserve(world.agents().size());
    for (const AgentInfo& info : world.agents()) {
      agents_.push_back(agents::make_agent(world, info, model_, seed, trial));
      production_random_.push_back(RandomStream(seed, trial, info.id, "production"));
    }
    world::AgentEffects none;
    none.floor_usd.assign(world.commodities().size(), 0.0);
    none.incentive_usd.assign(world.commodities().size(), 0.0);
    view_.assign(world.agents().size(), none);
    for (const world::VenueIndex v : world.venues().indices()) {
      market::BookConfig config;
      config.venue = market_venue(v);
      config.mode = world.venues()[v].call_auction ? market::ClearingMode::kCallAuction
                                                   : market::ClearingMode::kContinuous;
      // Orders live one tick: at most a bid and an offer from each agent listed on the venue
      // (the book grows if it must). A small table keeps the trial's sixteen-odd books in cache.
      config.expected_orders = 16;
      config.index_ids = false;  // orders are only ever withdrawn all at once (cancel_all)
      for (const AgentInfo& info : world.agents())
        config.expected_orders +=
            2 * static_cast<std::size_t>(std::count(info.venues.begin(), info.venues.end(), v));
      books_.push_back(std::make_unique<market::OrderBook>(config));
      books_.back()->set_observer(&settlement_);
      books_.back()->set_rules(&engine_);
      snapshot_.venue_price.push_back(
          world.commodities()[world.venues()[v].commodity].reference_price);
    }
    snapshot_.venue_volume.assign(world.venues().size(), 0.0);
    snapshot_.normal_price.assign(world.commodities().size(), 0.0);
    mean_price_.assign(world.commodities().size(), 0.0);
    venues_priced_.assign(world.commodities().size(), 0);
    for (const world::CommodityIndex c : world.commodities().indices()) {
      const world::Input input = world.commodities()[c].input;
      if (input != world::Input::kNone && !input_commodity_[world::at(input)])
        input_commodity_[world::at(input)] = c;
    }
    snapshot_.demand_growth = model_.expected_growth_prior;
    snapshot_.nation_shortage.assign(static_cast<std::size_t>(world.nation_count()), 0.0);
    snapshot_.end_of_life.assign(static_cast<std::size_t>(world.nation_count()) * world::kInputs,
                                 0.0);
    nation_demand_.assign(snapshot_.nation_shortage.size(), 0.0);
    nation_unmet_.assign(snapshot_.nation_shortage.size(), 0.0);
    snapshot_.dt_years = world.tick_days() / 365.0;
    find_traders();
    orders_.resize(agents_.size());
    // Room for a supply curve on each venue an agent lists, which most agents' orders fit, taken
    // now in agent order: grown as the first ticks' decisions need, each agent's array would lie
    // wherever the heap had a gap, and a large world's decisions would write them at random.
    for (const world::AgentIndex a : agents_.indices())
      orders_[a].reserve(agents::kAskTranches * static_cast<std::size_t>(world.agents()[a].slots));
    prepared_blocks_.resize((agents_.size() + kAgentGrain - 1) / kAgentGrain);
    prepared_range_.resize(agents_.size());
    entries_.resize(world.venues().size());
    order_.resize(agents_.size());
    for (const AgentInfo& info : world.agents()) {
      nation_.push_back(info.nation);
      made_first_.push_back(made_commodity_.size());
      made_commodity_.insert(made_commodity_.end(), info.outputs.begin(), info.outputs.end());
    }
    made_first_.push_back(made_commodity_.size());
    for (const world::AgentIndex a : agents_.indices()) {
      const AgentInfo& info = world.agents()[a];
      if ((info.spec->traits & world::kEndUser) == 0) continue;
      end_users_.push_back({a, info.nation,
                            info.outputs.empty() ? nullptr : &world.commodities()[info.outputs[0]],
                            std::holds_alternative<agents::SectorBuyer>(agents_[a].kind)});
    }
    use_.resize(agents_.size());
    made_.assign(made_commodity_.size(), 0.0);
    public_spent_.assign(agents_.size(), 0.0);
    support_due_.assign(agents_.size(), 0);
  }

  TrialOutput run() {
    TrialOutput out;
    for (int tick = 0; tick < world_.ticks(); ++tick) {
      step(tick);
      out.decisions += static_cast<std::int64_t>(agents_.size());
    }
    out.orders = static_cast<std::int64_t>(next_order_id_ - 1);
    for (const SampledParameter& p : world_.sampled_parameters())
      out.parameters.push_back(sampled(p));
    out.scalars = recorder_.scalars();
    if (external_) external_->finish(trial_, out.scalars);
    const auto& metrics = world_.scenario().metrics();
    for (int m = 0; m < metrics.size(); ++m)
      if (metrics[m].series()) out.series.push_back(recorder_.series(m));
    return out;
  }

 private:
  void step(int tick) {
    snapshot_.tick = tick;
    snapshot_.years = tick * snapshot_.dt_years;
    ledger_.clear();
    settlement_.begin_tick(books_.size());

    // Policies update.
    engine_.begin_tick(tick, recorder_.latest());
    // Production quotas share their pools by capacity: the first tick's are recorded here, the
    // next ones as production brings builds on line (the only change to a capacity).
    if (engine_.caps_output() && tick == 0)
      for (const world::AgentIndex a : agents_.indices())
        engine_.set_capacity(a, agents_[a].capacity);
    engine_.update_view(view_, tick);
    update_landed();
    update_normal_prices();
    if (tick > 0 && tick % agents::invest_review_ticks(model_, snapshot_.dt_years) == 0)
      update_content_outlook();

    // Production and decisions, in one visit per agent: an agent decides from its own state
    // just after producing (a large world's agents do not fit in cache, and two passes over them
    // would fetch each twice). Both read only the agent's own state and what every agent reads
    // (the snapshot, its row of the view), never another agent's, the ledger or the policies'
    // budgets, so they may run in parallel. What production adds to shared totals is kept by
    // agent and booked after, in agent order (book_production), so every sum adds the same
    // terms in the same order as a visit in turn would. An agent whose builds await capital
    // support decides only once it is paid, as the support adds to its cash.
    for (std::vector<Prepared>& block : prepared_blocks_)
      block.clear();
    for_each_chunk([this](std::int32_t begin, std::int32_t end) {
      agents::ByCommodity output(world_.commodities().size(), 0.0);
      for (std::int32_t k = begin; k != end; ++k) {
        const world::AgentIndex a{k};
        Agent& agent = agents_[a];
        agents::produce(context(a), agent, production_random_[a], output);
        if (engine_.caps_output()) engine_.set_capacity(a, agent.capacity);  // for the next tick
        // An agent produces only its outputs: those entries of `output` are kept and zeroed
        // again (a repeated output keeps its zero the second time).
        for (std::size_t j = made_first_[world::at(a)]; j < made_first_[world::at(a) + 1]; ++j) {
          const world::CommodityIndex c = made_commodity_[j];
          made_[j] = output[c];
          output[c] = 0.0;
        }
        public_spent_[a] = std::exchange(agent.public_spent, 0.0);
        support_due_[a] = agent.supported_capacity > 0 ? 1 : 0;
        if (support_due_[a] != 0) continue;
        orders_[a].clear();
        agents::decide(context(a), agent, orders_[a]);
        if (!external_) prepare(a);
      }
    });
    book_production();
    if (external_) decide_externally();

    // Books: yesterday's orders are withdrawn; today's enter in a shuffled, seeded order.
    for (const world::VenueIndex v : books_.indices()) {
      books_[v]->begin_tick(market::Tick{tick});
      settlement_.set_venue(v);
      books_[v]->cancel_all();
      if (engine_.terms_changed(world_.venues()[v].commodity)) books_[v]->rules_changed();
    }
    for (std::size_t k = 0; k < order_.size(); ++k)
      order_[k] = world::AgentIndex{static_cast<std::int32_t>(k)};
    for (std::size_t k = order_.size(); k > 1; --k)
      std::swap(order_[k - 1], order_[market_random_.next_u64() % k]);
    find_quotes();
    if (by_venue_)
      enter_by_venue(tick);
    else
      enter_in_turn(tick);
    settlement_.sort_postings();

    // Each agent's trades are posted, it consumes, and it learns from its trading, in one visit:
    // a large world's agents do not fit in cache, and three passes over them cost three misses
    // of each. Learning reads and writes only the agent's own trading record, which nothing
    // between consumption and the metrics reads (the prices below come from the books, the
    // shortages from consumption), so it may come this early.
    for_each_agent([this](world::AgentIndex a) {
      settlement_.post(a);
      agents::consume(context(a), agents_[a]);
      agents::learn_from_trading(model_, agents_[a]);
      use_[a] = {agents_[a].demand, agents_[a].unmet};
    });

    // Prices seen next tick: this tick's VWAP where the venue traded; where it did not, the
    // middle of the best quotes left in the book, so that a market without trades still
    // discovers its price.
    for (const world::VenueIndex v : books_.indices()) {
      const CommodityInfo& c = world_.commodities()[world_.venues()[v].commodity];
      const market::TickStats& stats = books_[v]->tick_stats();
      if (stats.has_trades()) {
        snapshot_.venue_price[v] = stats.vwap_exact() * c.price_tick;
      } else if (quote_bid_[v] > 0 && quote_ask_[v] != kNoAsk) {
        // No trade: the book would hold every order of the tick (find_quotes).
        snapshot_.venue_price[v] =
            0.5 * (c.usd(market::Price{quote_bid_[v]}) + c.usd(market::Price{quote_ask_[v]}));
      }
      snapshot_.venue_volume[v] = settlement_.volume()[v];
    }
    update_shortage();
    recorder_.record(tick, MetricInputs{agents_, ledger_, snapshot_.venue_price,
                                        snapshot_.venue_volume, orders_, engine_});
  }

  // Books what production added to shared totals, agent by agent in order, as a visit in turn
  // would have: public money spent, capital support paid (then the supported agent decides), and
  // output by commodity and nation (and for production quotas).
  void book_production() {
    for (const world::AgentIndex a : agents_.indices()) {
      const world::NationIndex nation = nation_[a];
      ledger_.spending(nation) += public_spent_[a];
      // Capital support pays its share of the builds started, as public spending.
      if (support_due_[a] != 0) {
        Agent& agent = agents_[a];
        const double paid =
            engine_.pay_capital_support(a, std::exchange(agent.supported_capacity, 0.0));
        agent.cash += paid;
        ledger_.spending(nation) += paid;
        orders_[a].clear();
        agents::decide(context(a), agent, orders_[a]);
        if (!external_) prepare(a);
      }
      for (std::size_t j = made_first_[world::at(a)]; j < made_first_[world::at(a) + 1]; ++j) {
        const world::CommodityIndex c = made_commodity_[j];
        ledger_.output(c, nation) += made_[j];
        if (engine_.caps_output()) engine_.record_output(a, c, made_[j]);
      }
    }
  }

  // The external decider replaces some agents' orders (sim/external.h); then every agent's
  // orders are prepared, as without it.
  void decide_externally() {
    in_force_.resize(world_.policies().size());
    for (const world::PolicyIndex p : world_.policies().indices())
      in_force_[p] = engine_.active(p) ? 1 : 0;
    moves_.clear();
    external_->decide({world_, trial_, snapshot_, model_, agents_, view_, in_force_, engine_},
                      orders_, moves_);
    for (const PolicyMove& move : moves_) {
      if (move.param < 0)
        engine_.set_in_force(move.policy, move.value != 0);
      else
        engine_.set_param(move.policy, move.param, move.value);
    }
    for (const world::AgentIndex a : agents_.indices())
      prepare(a);
  }

  // `body` for every agent: in turn, or for a large world in parallel (TrialOptions). `body`
  // must write only agent `a`'s own state.
  template <typename Body>
  void for_each_agent(const Body& body) {
    for_each_chunk([&body](std::int32_t begin, std::int32_t end) {
      for (std::int32_t k = begin; k != end; ++k)
        body(world::AgentIndex{k});
    });
  }

  // `body(begin, end)` over consecutive ranges of agents covering them all: one range, or for a
  // large world ranges in parallel, each of whole blocks of kAgentGrain agents (so that no two
  // threads prepare orders into one block's array, prepare()). The same rule as for_each_agent
  // for what it may write.
  template <typename Body>
  void for_each_chunk(const Body& body) {
    const auto agents = static_cast<std::int32_t>(agents_.size());
    if (!parallel_) {
      body(0, agents);
      return;
    }
#ifdef REESIM_TRIAL_PLAIN_THREADS
    const auto blocks = static_cast<std::size_t>((agents + kAgentGrain - 1) / kAgentGrain);
    parallel_each(blocks, [&body, agents](std::size_t block) {
      const auto begin = static_cast<std::int32_t>(block) * kAgentGrain;
      body(begin, std::min(begin + kAgentGrain, agents));
    });
#else
    const std::int32_t blocks = (agents + kAgentGrain - 1) / kAgentGrain;
    tbb::parallel_for(tbb::blocked_range<std::int32_t>(0, blocks, 1),
                      [&body, agents](const tbb::blocked_range<std::int32_t>& range) {
                        body(range.begin() * kAgentGrain,
                             std::min(range.end() * kAgentGrain, agents));
                      });
#endif
  }

  // What agent `a`'s hooks read besides its own state.
  [[nodiscard]] agents::Context context(world::AgentIndex a) const {
    return {world_, world_.agents()[a], snapshot_, model_, view_[a]};
  }

  // Turns agent `a`'s requests into book orders (whole lots, price ticks) and counts what it
  // offers and bids for. Done right after its decision, away from the books, so that these
  // conversions do not wait behind order matching.
  void prepare(world::AgentIndex a) {
    const AgentInfo& info = world_.agents()[a];
    std::vector<Prepared>& block = prepared_blocks_[block_of(a)];
    const auto first = static_cast<std::uint32_t>(block.size());
    for (const agents::OrderRequest& request : orders_[a]) {
      const world::VenueIndex v = request.venue;
      const CommodityInfo& c = world_.commodities()[world_.venues()[v].commodity];
      // Lots are 1 unit in the calibrated worlds: the division (exact there) is skipped.
      const double units = c.lot == 1.0 ? request.units : request.units / c.lot;
      if (!(units >= 1) || !(request.price_usd > 0)) continue;
      // Whole lots, at most kMaxQuantity: the floor of a positive size below it is its
      // truncation.
      const double most = static_cast<double>(market::kMaxQuantity.value());
      const market::Quantity quantity{units < most ? static_cast<std::int64_t>(units)
                                                   : market::kMaxQuantity.value()};
      // The id is given at submission, in the shuffled order.
      const market::Order order = market::Order::limit(request.side, market::OrderId{0},
                                                       c.ticks(request.price_usd), quantity)
                                      .by(market_agent(a), market_nation(info.nation));
      agents::TradingRecord& record = agents_[a].trading[v];
      (request.side == market::Side::kSell ? record.offered : record.wanted) +=
          static_cast<double>(quantity.value()) * c.lot;
      block.push_back({v, order});
    }
    prepared_range_[a] = {first, static_cast<std::uint32_t>(block.size())};
  }

  // The block of agents, and so the array of prepared orders, agent `a` belongs to.
  [[nodiscard]] static std::size_t block_of(world::AgentIndex a) {
    return world::at(a) / static_cast<std::size_t>(kAgentGrain);
  }

  // Each venue's highest bid and lowest ask of the tick, in book ticks, over every order
  // prepared for it (none: 0 and kNoAsk). Every order is a valid limit order, and the books are
  // empty when the tick's orders enter, so a book that makes no trade holds them all at the end
  // of the tick: its best quotes are these.
  void find_quotes() {
    quote_bid_.assign(books_.size(), 0);
    quote_ask_.assign(books_.size(), kNoAsk);
    for (const std::vector<Prepared>& block : prepared_blocks_)
      for (const Prepared& prepared : block) {
        const std::int64_t price = prepared.order.price.value();
        if (prepared.order.side == market::Side::kBuy)
          quote_bid_[prepared.venue] = std::max(quote_bid_[prepared.venue], price);
        else
          quote_ask_[prepared.venue] = std::min(quote_ask_[prepared.venue], price);
      }
  }

  // Whether `order` may trade on `venue` this tick. A buyer's limit is the most it pays landed, and
  // landed costs are never below the seller's price (tariffs and freight are not negative,
  // market/landed_cost.h), so an ask above the venue's highest bid, or a bid below its lowest
  // ask, crosses no order of the tick: in a continuous book it would rest untouched and be
  // withdrawn, in a call auction it would take no part (market/auction.md). The books skip it,
  // which changes no trade, and find_quotes() keeps the quotes it would have set.
  [[nodiscard]] bool may_cross(world::VenueIndex venue, const market::Order& order) const {
    const std::int64_t price = order.price.value();
    return order.side == market::Side::kBuy ? price >= quote_ask_[venue]
                                            : price <= quote_bid_[venue];
  }

  // Gives each agent's prepared orders, in the shuffled order (order_), the next ids and passes
  // those that may trade (may_cross) to `enter(venue, order)`. Each agent's orders are fetched a
  // few agents ahead (its range, then every cache line of its orders: a seller's supply curve is
  // several lines), so that a large world's entry does not wait on memory.
  template <typename Enter>
  void number_in_turn(Enter enter) {
    for (std::size_t k = 0; k < order_.size(); ++k) {
      if (k + 2 * kFetchAhead < order_.size())
        __builtin_prefetch(&prepared_range_[order_[k + 2 * kFetchAhead]]);
      if (k + kFetchAhead < order_.size()) {
        const world::AgentIndex ahead = order_[k + kFetchAhead];
        const PreparedRange range = prepared_range_[ahead];
        const char* const bytes =
            reinterpret_cast<const char*>(prepared_blocks_[block_of(ahead)].data() + range.begin);
        for (std::size_t at = 0; at < (range.end - range.begin) * sizeof(Prepared);
             at += kCacheLine)
          __builtin_prefetch(bytes + at);
      }
      const world::AgentIndex a = order_[k];
      const PreparedRange range = prepared_range_[a];
      Prepared* const block = prepared_blocks_[block_of(a)].data();
      for (std::uint32_t j = range.begin; j != range.end; ++j) {
        Prepared& prepared = block[j];
        prepared.order.id = market::OrderId{next_order_id_++};
        if (may_cross(prepared.venue, prepared.order)) enter(prepared.venue, prepared.order);
      }
    }
  }

  // Orders enter the books in the shuffled order (order_), each given the next id, and each
  // trade is settled as its book makes it; then the call auctions clear, in venue order.
  void enter_in_turn(int tick) {
    number_in_turn([this](world::VenueIndex venue, const market::Order& order) {
      settlement_.set_venue(venue);
      books_[venue]->submit(order);
    });
    for (const world::VenueIndex v : books_.indices()) {
      if (!world_.venues()[v].call_auction) continue;
      settlement_.set_venue(v);
      books_[v]->clear_auction(market::Tick{tick});
    }
  }

  // The same entry, book by book (TrialOptions::by_venue_agents): one book's orders and levels
  // stay in cache while it matches, where entering the orders in turn moves from book to book at
  // each, which more than pays for keeping the trades and settling them after (on one thread,
  // bench scale: about 7 % more ticks per second at 10,000 agents and 4 % at 1,000, 8 % fewer at
  // 100). A book that reads no quota (OrderBook::reads_quotas) reads nothing outside itself
  // while it matches, so it may match all its orders of the tick at once, in their order of
  // entry, and clear its auction, keeping its trades; such books match in parallel with
  // TrialOptions::parallel_agents. The trades are then settled in the order enter_in_turn()
  // settles them: going through the orders by id, each order's trades (it is the taker of every
  // trade its entry makes), then the auctions' in venue order. A book that reads quotas shares
  // them with the settlement and the other books, so its orders enter at their turn in that
  // pass, as in enter_in_turn(). The settlement sees the same trades in the same order, so every
  // sum comes out bit for bit.
  void enter_by_venue(int tick) {
    for (const world::VenueIndex v : books_.indices()) {
      VenueEntry& entry = entries_[v];
      entry.orders.clear();
      entry.trades.clear();
      entry.next_order = 0;
      entry.next_trade = 0;
      entry.alone = !books_[v]->reads_quotas();
    }
    entered_.clear();
    number_in_turn([this](world::VenueIndex venue, const market::Order& order) {
      entries_[venue].orders.push_back(order);
      entered_.push_back({venue, order.id});
    });
    // The costliest books first, each taken by the next thread free, so that no thread is left
    // with a large one at the end. A call auction's clearing prices it over several rounds: per
    // order it costs about five times a continuous book's matching.
    match_order_.clear();
    for (const world::VenueIndex v : books_.indices())
      if (entries_[v].alone) match_order_.push_back(v);
    auto cost = [this](world::VenueIndex v) {
      return entries_[v].orders.size() * (world_.venues()[v].call_auction ? 5 : 1);
    };
    std::stable_sort(
        match_order_.begin(), match_order_.end(),
        [&cost](world::VenueIndex x, world::VenueIndex y) { return cost(x) > cost(y); });
    if (!parallel_) {
      for (const world::VenueIndex v : match_order_)
        match_alone(v, tick);
    } else {
      parallel_each(match_order_.size(),
                    [this, tick](std::size_t k) { match_alone(match_order_[k], tick); });
    }
    for (const EnteredOrder& entered : entered_) {
      const world::VenueIndex v = entered.venue;
      VenueEntry& entry = entries_[v];
      settlement_.set_venue(v);
      if (!entry.alone) {
        books_[v]->submit(entry.orders[entry.next_order++]);
        continue;
      }
      if (world_.venues()[v].call_auction) continue;
      const market::OrderId id = entered.id;
      while (entry.next_trade < entry.trades.size() && taker(entry.trades[entry.next_trade]) == id)
        settlement_.on_trade(entry.trades[entry.next_trade++]);
    }
    for (const world::VenueIndex v : books_.indices()) {
      VenueEntry& entry = entries_[v];
      settlement_.set_venue(v);
      if (world_.venues()[v].call_auction) {
        if (!entry.alone) {
          books_[v]->clear_auction(market::Tick{tick});
          continue;
        }
        while (entry.next_trade < entry.trades.size())
          settlement_.on_trade(entry.trades[entry.next_trade++]);
      }
      if (entry.next_trade != entry.trades.size())
        throw std::logic_error("trial: a trade was left unsettled on venue " +
                               world_.venues()[v].id);
    }
  }

  // Book `v` takes its orders of the tick, in their order of entry, and clears its auction, if
  // it has one, keeping its trades for enter_by_venue()'s settlement.
  void match_alone(world::VenueIndex v, int tick) {
    VenueEntry& entry = entries_[v];
    market::OrderBook& book = *books_[v];
    book.set_observer(&entry);
    for (const market::Order& order : entry.orders)
      book.submit(order);
    if (world_.venues()[v].call_auction) book.clear_auction(market::Tick{tick});
    book.set_observer(&settlement_);
  }

  // The order whose entry made a trade of a continuous book.
  [[nodiscard]] static market::OrderId taker(const market::Trade& trade) {
    return trade.aggressor == market::Aggressor::kBuyer ? trade.buy_order : trade.sell_order;
  }

  // Which nations may sell on each venue (agents listing it that make its commodity, hold
  // stock to release or make markets) and which nations bid there, for update_landed.
  void find_traders() {
    const std::size_t venues = world_.venues().size();
    const auto nations = static_cast<std::size_t>(world_.nation_count());
    origins_.assign(venues, {});
    bidders_.assign(venues, {});
    auto add = [](std::vector<world::NationIndex>& list, world::NationIndex nation) {
      if (std::find(list.begin(), list.end(), nation) == list.end()) list.push_back(nation);
    };
    for (const world::AgentIndex a : agents_.indices()) {
      const AgentInfo& info = world_.agents()[a];
      for (const world::VenueIndex venue : info.venues) {
        const world::CommodityIndex c = world_.venues()[venue].commodity;
        const bool makes =
            std::find(info.outputs.begin(), info.outputs.end(), c) != info.outputs.end();
        const std::uint32_t sells_stock = world::kQuotes | world::kStockpileAgency;
        if (makes || (info.spec->traits & sells_stock) != 0) add(origins_[venue], info.nation);
        add(bidders_[venue], info.nation);
      }
    }
    snapshot_.nations = world_.nation_count();
    snapshot_.landed_low.assign(venues * nations, 0.0);
    snapshot_.landed_high.assign(venues * nations, 0.0);
    open_.assign(venues * nations, {});
    quota_limited_.assign(venues, 0);
    landed_known_ = false;
  }

  // What a unit on each venue costs, landed (price x (1 + tariff) + freight), each nation that
  // bids there, at the venue's last price: from the origin of lowest landed cost whose sales to
  // it this tick's terms allow (with quota left, where quota-limited), and from the origin of
  // highest landed cost among those open to it without a quota (bidding more does not enlarge a
  // licence or quota: it only outbids compatriots). A bid is a limit on landed cost, so the
  // freight counts: for a concentrate it is a sixth or more of the price (docs/model.md §7.6).
  //
  // The origins open to each bidder, with their duty factors (1 + tariff) and freight, change
  // only with the terms, so they are found again only for venues whose commodity's terms changed
  // this tick, or that hold a quota-limited pair (whose quota may run out from one tick to the
  // next).
  void update_landed() {
    for (const world::VenueIndex v : books_.indices()) {
      if (!landed_known_ || quota_limited_[v] != 0 ||
          engine_.terms_changed(world_.venues()[v].commodity))
        find_open_origins(v);
      const double price = snapshot_.venue_price[v];
      for (const world::NationIndex d : bidders_[v]) {
        const std::size_t at = snapshot_.landed_at(v, d);
        double low = INFINITY;
        double high = -INFINITY;
        for (const OpenOrigin& o : open_[at]) {
          const double landed = price * o.duty_factor + o.freight_usd;
          low = std::min(low, landed);
          if (!o.quota_limited) high = std::max(high, landed);
        }
        if (!std::isfinite(low)) low = price;
        snapshot_.landed_low[at] = low;
        snapshot_.landed_high[at] = std::max(high, low);
      }
    }
    landed_known_ = true;
  }

  // The origins open to each bidding nation on venue `v` under this tick's terms (see
  // update_landed).
  void find_open_origins(world::VenueIndex v) {
    const market::VenueId venue = market_venue(v);
    const world::ByIndex<world::NationIndex, double>& freight = world_.venues()[v].freight_usd;
    quota_limited_[v] = 0;
    for (const world::NationIndex d : bidders_[v]) {
      std::vector<OpenOrigin>& open = open_[snapshot_.landed_at(v, d)];
      open.clear();
      const market::NationId destination = market_nation(d);
      for (const world::NationIndex o : origins_[v]) {
        const market::NationId origin = market_nation(o);
        const market::PairTerms t = engine_.terms(venue, origin, destination);
        if (t.quota_limited) quota_limited_[v] = 1;
        if (!t.allowed ||
            (t.quota_limited && engine_.quota_left(venue, origin, destination).value() <= 0))
          continue;
        open.push_back({1.0 + t.tariff_bp / 1e4, world::at(o) < freight.size() ? freight[o] : 0.0,
                        t.quota_limited});
      }
    }
  }

  // The level each commodity's quotes are pulled toward (Snapshot::normal_price; none without a
  // pull): its reference moved by the cost of its inputs at last prices (mean over their venues).
  // A magnet's passes on the change in the cost of the oxides it contains, its conversion and
  // margin unchanged; a concentrate's moves in proportion to the value of its oxides (a payable
  // share); an oxide's is its reference, the long-run level (docs/model.md §7.6).
  void update_normal_prices() {
    const auto& commodities = world_.commodities();
    std::fill(mean_price_.begin(), mean_price_.end(), 0.0);
    std::fill(venues_priced_.begin(), venues_priced_.end(), 0);
    for (const world::VenueIndex v : books_.indices()) {
      const world::CommodityIndex c = world_.venues()[v].commodity;
      mean_price_[c] += snapshot_.venue_price[v];
      ++venues_priced_[c];
    }
    for (const world::CommodityIndex c : commodities.indices())
      mean_price_[c] = venues_priced_[c] > 0 ? mean_price_[c] / venues_priced_[c]
                                             : commodities[c].reference_price;
    for (const world::CommodityIndex c : commodities.indices()) {
      const CommodityInfo& info = commodities[c];
      double normal = info.reference_price;
      if (info.stage == STAGE_MAGNET || info.stage == STAGE_CONCENTRATE) {
        double now = 0;
        double then = 0;
        for (std::size_t i = 0; i < world::kInputs; ++i) {
          const std::optional<world::CommodityIndex> k = input_commodity_[i];
          if (!k || info.yields[i] <= 0) continue;
          now += info.yields[i] * mean_price_[*k];
          then += info.yields[i] * commodities[*k].reference_price;
        }
        if (then > 0)
          normal = info.stage == STAGE_MAGNET ? info.reference_price + (now - then)
                                              : info.reference_price * now / then;
      }
      snapshot_.normal_price[c] = std::max(normal, 0.0);
    }
  }

  // Each nation's unmet share of its buyers' demand, and the content of the magnets they used,
  // which reaches end of life for recyclers: the stock retiring now stands in for today's use
  // (magnet lifetimes are not modelled, docs/model.md §7.14).
  void update_shortage() {
    std::fill(nation_demand_.begin(), nation_demand_.end(), 0.0);
    std::fill(nation_unmet_.begin(), nation_unmet_.end(), 0.0);
    std::fill(snapshot_.end_of_life.begin(), snapshot_.end_of_life.end(), 0.0);
    content_demand_.fill(0.0);
    for (const EndUser& user : end_users_) {
      const double demand = use_[user.agent].demand;
      const double unmet = use_[user.agent].unmet;
      if (user.used != nullptr)
        for (std::size_t i = 0; i < world::kInputs; ++i)
          content_demand_[i] += demand * content_of(*user.used, i);
      // A nation's shortage is its magnet buyers': sector buyers' uses are not added to them.
      if (user.sector_buyer) continue;
      const world::NationIndex n = user.nation;
      nation_demand_[n] += demand;
      nation_unmet_[n] += unmet;
      if (user.used == nullptr) continue;
      const auto& content = user.used->yields;
      for (std::size_t i = 0; i < world::kInputs; ++i)
        snapshot_.end_of_life[world::at(n) * world::kInputs + i] += (demand - unmet) * content[i];
    }
    double demand = 0;
    for (const world::NationIndex n : nation_demand_.indices()) {
      snapshot_.nation_shortage[n] =
          nation_demand_[n] > 0 ? nation_unmet_[n] / nation_demand_[n] : 0.0;
      demand += nation_demand_[n];
    }
    update_demand_growth(demand);
    if (content_base_.empty()) {
      const auto& commodities = world_.commodities();
      outlook_capacity();
      content_base_.assign(commodities.size() * world::kInputs, 0.0);
      for (const world::CommodityIndex c : commodities.indices())
        for (std::size_t i = 0; i < world::kInputs; ++i)
          if (content_demand_[i] > 0 && content_of(commodities[c], i) > 0)
            content_base_[world::at(c) * world::kInputs + i] =
                content_supply_[world::at(c) * kLeads] / content_demand_[i];
    }
  }

  static constexpr std::size_t kLeads = agents::Snapshot::kOutlookYears + 1;

  // Units of recipe input `i` in one unit of `c`: a concentrate's or a magnet's content, 1 for
  // the oxide of that input.
  [[nodiscard]] static double content_of(const CommodityInfo& c, std::size_t i) {
    if (c.input != world::Input::kNone) return world::at(c.input) == i ? 1.0 : 0.0;
    return c.yields[i];
  }

  // The commodities the content outlook follows: concentrates (mines) and oxides (separation).
  [[nodiscard]] static bool in_outlook(const CommodityInfo& c) {
    return c.stage == STAGE_CONCENTRATE || c.stage == STAGE_OXIDE;
  }

  // content_supply_: the world's capacity to make each concentrate and oxide (units a year) by
  // lead, in whole years: capacity now, plus builds due within that many years.
  void outlook_capacity() {
    const auto& commodities = world_.commodities();
    content_supply_.assign(commodities.size() * kLeads, 0.0);
    const double dt = snapshot_.dt_years;
    for (const world::AgentIndex a : agents_.indices()) {
      const Agent& agent = agents_[a];
      const std::span<const world::CommodityIndex> outputs = world_.agents()[a].outputs;
      for (auto it = outputs.begin(); it != outputs.end(); ++it)
        if (in_outlook(commodities[*it]) && std::find(outputs.begin(), it, *it) == it)
          content_supply_[world::at(*it) * kLeads] += agent.capacity[*it];
      for (const agents::Build& b : agent.builds) {
        if (!in_outlook(commodities[b.commodity])) continue;
        const double due = std::max(b.ready - snapshot_.tick, 0) * dt;
        const auto lead = static_cast<std::size_t>(
            std::clamp(std::ceil(due - 1e-9), 0.0, static_cast<double>(kLeads - 1)));
        content_supply_[world::at(b.commodity) * kLeads + lead] += b.per_year;
      }
    }
    for (std::size_t row = 0; row < content_supply_.size(); row += kLeads)
      for (std::size_t y = 1; y < kLeads; ++y)
        content_supply_[row + y] += content_supply_[row + y - 1];
  }

  // Snapshot::content_call (docs/model.md §7.5): for each concentrate and oxide and each lead,
  // end users' demand for each element it holds, projected at demand_growth, over the capacity
  // that will make it, against the same ratio at the first tick; weighed by the elements' value
  // in it at reference prices.
  void update_content_outlook() {
    const auto& commodities = world_.commodities();
    outlook_capacity();
    snapshot_.content_call.assign(commodities.size() * kLeads, 0.0);
    std::array<double, kLeads> growth{};
    for (std::size_t y = 0; y < kLeads; ++y)
      growth[y] = detmath::exp(snapshot_.demand_growth * static_cast<double>(y));
    for (const world::CommodityIndex c : commodities.indices()) {
      const CommodityInfo& info = commodities[c];
      if (!in_outlook(info)) continue;
      const std::size_t row = world::at(c) * kLeads;
      for (std::size_t y = 0; y < kLeads; ++y) {
        const double supply = content_supply_[row + y];
        if (supply <= 0) continue;
        double weight = 0;
        double call = 0;
        for (std::size_t i = 0; i < world::kInputs; ++i) {
          const double base = content_base_[world::at(c) * world::kInputs + i];
          if (!input_commodity_[i] || base <= 0) continue;
          const double w = content_of(info, i) * commodities[*input_commodity_[i]].reference_price;
          weight += w;
          call += w * content_demand_[i] * growth[y] * base / supply;
        }
        snapshot_.content_call[row + y] = weight > 0 ? call / weight : 0.0;
      }
    }
  }

  // The growth of end users' demand that producers expect (Snapshot::demand_growth; docs/model.md
  // §7.5), an adaptive expectation: demand is folded into exponential averages over
  // sales_fast_weeks and sales_slow_weeks, which for demand growing at rate g lag it by about
  // their horizons, so g = log(recent / older) / (the gap between the horizons in years). Before
  // there is history the older average starts expected_growth_prior below the recent one.
  void update_demand_growth(double demand) {
    if (demand <= 0) return;
    const double dt = snapshot_.dt_years;
    const double fast_years = model_.sales_fast_weeks * 7.0 / 365.0;
    const double slow_years = std::max(model_.sales_slow_weeks * 7.0 / 365.0, fast_years + dt);
    if (std::isnan(demand_fast_)) {
      demand_fast_ = demand;
      demand_slow_ =
          demand * detmath::exp(-model_.expected_growth_prior * (slow_years - fast_years));
    } else {
      demand_fast_ += std::min(dt / fast_years, 1.0) * (demand - demand_fast_);
      demand_slow_ += std::min(dt / slow_years, 1.0) * (demand - demand_slow_);
    }
    snapshot_.demand_growth = std::clamp(
        detmath::log(demand_fast_ / demand_slow_) / (slow_years - fast_years), -0.5, 0.5);
  }

  [[nodiscard]] double sampled(const SampledParameter& p) const {
    if (p.model) return model_values_[static_cast<std::size_t>(p.param)];
    if (p.activation_from) return engine_.from_offset_days(world::PolicyIndex{p.owner});
    if (p.activation_duration) return engine_.duration_days(world::PolicyIndex{p.owner});
    if (p.activation) return engine_.per_tick(world::PolicyIndex{p.owner});
    if (p.policy) return engine_.param(world::PolicyIndex{p.owner}, p.param);
    const Agent& s = agents_[world::AgentIndex{p.owner}];
    if (p.param >= 0) return s.params[static_cast<std::size_t>(p.param)];
    // A capacity: re-draw the same number from the agent's parameter stream.
    return initial_capacity(p);
  }

  [[nodiscard]] double initial_capacity(const SampledParameter& p) const {
    const AgentInfo& info = world_.agents()[world::AgentIndex{p.owner}];
    const Agent fresh = agents::make_agent(world_, info, model_, seed_, trial_);
    return fresh.capacity[info.outputs[static_cast<std::size_t>(p.capacity)]];
  }

  const World& world_;
  // Agents per parallel task: a few hundred microseconds of decisions each.
  static constexpr std::int32_t kAgentGrain = 64;
  // How many agents ahead of the one entering its orders step() fetches their orders.
  static constexpr std::size_t kFetchAhead = 4;
  static constexpr std::size_t kCacheLine = 64;

  ExternalDecisions* external_;  // none: every agent's rule decides
  bool parallel_;  // the per-agent steps run in parallel (TrialOptions::parallel_agents)
  bool by_venue_;  // orders enter the books venue by venue (enter_by_venue)
  world::ByIndex<world::PolicyIndex, std::uint8_t> in_force_;  // for external_
  std::vector<PolicyMove> moves_;                              // external_'s, this tick
  std::uint64_t seed_;
  std::uint64_t trial_;
  std::vector<double> model_values_;  // the model parameters, aligned with model_params()
  ModelParams model_;
  Agents agents_;
  world::PolicyView view_;  // by agent: what the policies in force mean for it this tick
  world::ByIndex<world::AgentIndex, RandomStream> production_random_;
  policies::PolicyEngine engine_;
  TickLedger ledger_;
  MetricRecorder recorder_;
  Settlement settlement_;
  RandomStream market_random_;
  world::ByIndex<world::VenueIndex, std::unique_ptr<market::OrderBook>> books_;
  agents::Snapshot snapshot_;
  world::ByIndex<world::AgentIndex, std::vector<agents::OrderRequest>> orders_;
  struct Prepared {
    world::VenueIndex venue;
    market::Order order;
  };
  // orders_ as book orders, in one array per block of kAgentGrain agents (a large world's then
  // lie in a few hundred arrays, not one per agent scattered over the heap, which entering them in
  // the shuffled order would reach at random), and each agent's range in its block's array; the
  // agents in this tick's order of entry.
  struct PreparedRange {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
  };
  std::vector<std::vector<Prepared>> prepared_blocks_;
  world::ByIndex<world::AgentIndex, PreparedRange> prepared_range_;
  std::vector<world::AgentIndex> order_;
  // find_quotes()'s, by venue.
  static constexpr std::int64_t kNoAsk = std::numeric_limits<std::int64_t>::max();
  world::ByIndex<world::VenueIndex, std::int64_t> quote_bid_;
  world::ByIndex<world::VenueIndex, std::int64_t> quote_ask_;
  // enter_by_venue's: by venue, the orders of the tick in their order of entry and the trades its
  // book made (kept when it matches alone, without quotas); the orders entered, in turn, with
  // their venues; the venues matched alone, busiest first.
  struct VenueEntry final : market::BookObserver {
    std::vector<market::Order> orders;
    std::vector<market::Trade> trades;
    std::size_t next_order = 0;
    std::size_t next_trade = 0;
    bool alone = false;
    void on_trade(const market::Trade& trade) override { trades.push_back(trade); }
  };
  world::ByIndex<world::VenueIndex, VenueEntry> entries_;
  struct EnteredOrder {
    world::VenueIndex venue;
    market::OrderId id;
  };
  std::vector<EnteredOrder> entered_;
  std::vector<world::VenueIndex> match_order_;
  // Production's shares of shared totals, by agent (book_production): its nation, public money
  // spent this tick, and its output of each of its outputs (made_first_[a] to
  // made_first_[a + 1] in made_commodity_ and made_, the outputs in AgentInfo::outputs order).
  world::ByIndex<world::AgentIndex, world::NationIndex> nation_;
  world::ByIndex<world::AgentIndex, double> public_spent_;
  world::ByIndex<world::AgentIndex, std::uint8_t> support_due_;  // 1: builds await support
  std::vector<std::size_t> made_first_;
  std::vector<world::CommodityIndex> made_commodity_;
  std::vector<double> made_;
  // update_shortage's inputs: the end users in agent order, with what it reads of each that a
  // trial does not change (its nation, the commodity it uses, whether it is a sector buyer), and
  // each agent's use this tick, copied as it consumes, so that the sums read two arrays rather
  // than every agent's state again.
  struct EndUser {
    world::AgentIndex agent;
    world::NationIndex nation;
    const CommodityInfo* used;  // its first output; none without outputs
    bool sector_buyer;
  };
  struct Use {
    double demand = 0;
    double unmet = 0;
  };
  std::vector<EndUser> end_users_;
  world::ByIndex<world::AgentIndex, Use> use_;
  // update_shortage's scratch, by nation.
  world::ByIndex<world::NationIndex, double> nation_demand_;
  world::ByIndex<world::NationIndex, double> nation_unmet_;
  // update_normal_prices's scratch (by commodity), and the oxide of each recipe input, if any.
  double demand_fast_ = NAN;  // update_demand_growth's averages of end users' demand
  double demand_slow_ = NAN;
  world::ByIndex<world::CommodityIndex, double> mean_price_;
  world::ByIndex<world::CommodityIndex, int> venues_priced_;
  std::array<std::optional<world::CommodityIndex>, world::kInputs> input_commodity_{};
  // update_content_outlook's state: end users' demand for each element last tick (units of
  // content); by concentrate or oxide, the world's capacity at the first tick over that demand
  // (by commodity * kInputs + input; 0: none), and its capacity by lead (commodity * kLeads +
  // years).
  std::array<double, world::kInputs> content_demand_{};
  std::vector<double> content_base_;
  std::vector<double> content_supply_;
  // By venue: the nations that may sell there and those that bid there.
  world::ByIndex<world::VenueIndex, std::vector<world::NationIndex>> origins_;
  world::ByIndex<world::VenueIndex, std::vector<world::NationIndex>> bidders_;
  // update_landed's origins open to each bidder, by venue * nations + nation, and which venues
  // hold a quota-limited pair; landed_known_ is false until the first tick has found them all.
  struct OpenOrigin {
    double duty_factor;  // 1 + tariff
    double freight_usd;  // per unit
    bool quota_limited;
  };
  std::vector<std::vector<OpenOrigin>> open_;
  world::ByIndex<world::VenueIndex, std::uint8_t> quota_limited_;
  bool landed_known_ = false;
  std::uint64_t next_order_id_ = 1;
};

}  // namespace

std::vector<std::string> scalar_names(const World& world) {
  std::vector<std::string> names;
  for (const Metric& m : world.scenario().metrics())
    for (const Scalar& s : m.scalars())
      names.push_back(s.id());
  return names;
}

std::vector<std::string> series_names(const World& world) {
  std::vector<std::string> names;
  for (const Metric& m : world.scenario().metrics())
    if (m.series()) names.push_back(m.id());
  return names;
}

TrialOutput run_trial(const World& world, std::uint64_t seed, std::uint64_t trial,
                      const TrialOptions& options) {
  return Trial(world, seed, trial, nullptr, options).run();
}

TrialOutput run_trial(const World& world, std::uint64_t seed, std::uint64_t trial,
                      ExternalDecisions& external) {
  return Trial(world, seed, trial, &external).run();
}

}  // namespace reesim::sim
