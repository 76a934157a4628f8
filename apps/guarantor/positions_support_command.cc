// guarantor positions: the parties' negotiating constraints checked against the optimal force
// plan, every conflict with the constraint and the plan elements involved.
// guarantor support: long-term support pledged, allocated and delivered, by donor and by year.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/rounding.h"
#include "command_input.h"
#include "commands.h"
#include "force/positions.h"
#include "force/support_summary.h"

namespace guarantor::cli {
namespace {
using nlohmann::ordered_json;

struct Options {
  std::string scenario_dir;
  bool json = false;
};

int RunPositions(const Options& opt) {
  std::unique_ptr<Scenario> s = LoadScenarioOnlyForCommand(opt.scenario_dir, "positions");
  if (!s) return 1;
  Result<SourcingPlan> plan = SolveSourcing(*s, WhatIf{});
  if (!plan.ok()) {
    std::cerr << "positions: " << plan.status().message() << "\n";
    return 1;
  }
  const std::vector<PositionConflict> conflicts = CheckPositions(*s, *plan, WhatIf{});
  if (opt.json) {
    ordered_json all = ordered_json::array();
    for (const PositionConflict& c : conflicts) {
      all.push_back({{"constraint", c.constraint},
                     {"party", c.party},
                     {"description", c.description},
                     {"conflict", c.conflict},
                     {"elements", c.elements}});
    }
    std::cout << ordered_json{{"positions", s->positions.size()}, {"conflicts", all}}.dump()
              << "\n";
    return 0;
  }
  std::printf("%zu position(s) checked against the force plan; %zu conflict(s)\n",
              s->positions.size(), conflicts.size());
  for (const PositionConflict& c : conflicts) {
    std::printf("\n- %s (%s): %s\n  conflict: %s\n", c.constraint.c_str(), c.party.c_str(),
                c.description.c_str(), c.conflict.c_str());
    for (const std::string& e : c.elements) std::printf("  - %s\n", e.c_str());
  }
  return 0;
}

ordered_json TotalsJson(const SupportTotals& t) {
  return {{"pledged", RoundTo(t.pledged, 1)},
          {"allocated", RoundTo(t.allocated, 1)},
          {"delivered", RoundTo(t.delivered, 1)},
          {"shortfall", RoundTo(t.shortfall(), 1)},
          {"delivery_rate", RoundTo(t.delivery_rate(), 3)}};
}

int RunSupport(const Options& opt) {
  std::unique_ptr<Scenario> s = LoadScenarioOnlyForCommand(opt.scenario_dir, "support");
  if (!s) return 1;
  const SupportSummary sum = SummariseSupport(*s);
  if (opt.json) {
    ordered_json donors = ordered_json::object(), years = ordered_json::object(),
                 kinds = ordered_json::object();
    for (const auto& [d, t] : sum.by_donor) donors[d] = TotalsJson(t);
    for (const auto& [y, t] : sum.by_year) years[std::to_string(y)] = TotalsJson(t);
    for (const auto& [k, t] : sum.by_kind) kinds[k] = TotalsJson(t);
    std::cout << ordered_json{{"total", TotalsJson(sum.total)},
                              {"by_donor", donors},
                              {"by_year", years},
                              {"by_kind", kinds}}
                     .dump()
              << "\n";
    return 0;
  }
  auto row = [](const std::string& key, const SupportTotals& t) {
    std::printf("| %s | %.1f | %.1f | %.1f | %.1f | %.0f%% |\n", key.c_str(), t.pledged,
                t.allocated, t.delivered, t.shortfall(), 100 * t.delivery_rate());
  };
  const char* header =
      "| %s | pledged | allocated | delivered | shortfall | delivered/pledged |\n"
      "|---|---:|---:|---:|---:|---:|\n";
  std::printf("Long-term support to the Armed Forces of Ukraine (EUR million)\n\n");
  std::printf(header, "donor");
  for (const auto& [d, t] : sum.by_donor) row(d, t);
  row("total", sum.total);
  std::printf("\n");
  std::printf(header, "year");
  for (const auto& [y, t] : sum.by_year) row(std::to_string(y), t);
  return 0;
}

}  // namespace

void AddPositionsAndSupportCommands(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<Options>();
  CLI::App* positions = app.add_subcommand(
      "positions", "Check each party's negotiating constraints against the force plan");
  positions->add_option("--scenario", opt->scenario_dir, "scenario directory")->required();
  positions->add_flag("--json", opt->json, "print the conflicts as one JSON object");
  positions->callback([opt, exit_code] { *exit_code = RunPositions(*opt); });
  CLI::App* support = app.add_subcommand(
      "support", "Long-term support pledged, allocated and delivered, by donor and year");
  support->add_option("--scenario", opt->scenario_dir, "scenario directory")->required();
  support->add_flag("--json", opt->json, "print the totals as one JSON object");
  support->callback([opt, exit_code] { *exit_code = RunSupport(*opt); });
}

}  // namespace guarantor::cli
