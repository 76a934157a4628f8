// guarantor force: the optimal sourcing of the force's requirements from the contributions,
// with coverage, gaps, single points of failure, lead nations and the readiness timeline.
// guarantor whatif: the same under changed assumptions (a nation withdraws, a parliament
// rejects, no US backstop), set against the baseline: what breaks.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/rounding.h"
#include "command_input.h"
#include "commands.h"
#include "force/sourcing.h"

namespace guarantor::cli {
namespace {
using nlohmann::ordered_json;

struct ForceOptions {
  std::string scenario_dir;
  bool json = false;
  bool greedy = false;
  std::vector<std::string> drop, reject;
  bool no_us_backstop = false;
};

ordered_json PlanJson(const Scenario& s, const SourcingPlan& plan) {
  ordered_json j;
  j["required_units"] = RoundTo(plan.required_units, 3);
  j["covered_units"] = RoundTo(plan.covered_units, 3);
  ordered_json reqs = ordered_json::array();
  for (const RequirementCoverage& c : plan.coverage) {
    const Requirement& r = s.requirements[c.requirement];
    ordered_json sources = ordered_json::array();
    for (const Assignment& a : plan.assignments) {
      if (a.requirement != c.requirement) continue;
      sources.push_back({{"contribution", s.contributions[a.contribution].id},
                         {"party", s.contributions[a.contribution].party},
                         {"quantity", RoundTo(a.quantity, 3)},
                         {"conditional", a.conditional}});
    }
    ordered_json rj = {{"requirement", r.id},
                       {"capability", std::string(ToString(r.capability))},
                       {"region", r.region},
                       {"needed_by_day", r.needed_by_day},
                       {"priority", r.priority},
                       {"quantity", RoundTo(r.quantity, 3)},
                       {"assigned", RoundTo(c.assigned, 3)},
                       {"coverage", RoundTo(c.share, 3)},
                       {"nations", c.nations},
                       {"single_point_of_failure", c.single_point_of_failure},
                       {"sources", sources}};
    if (!c.gap_reason.empty()) rj["gap"] = c.gap_reason;
    reqs.push_back(rj);
  }
  j["requirements"] = reqs;
  j["lead_nation"] = plan.lead_nation;
  ordered_json timeline = ordered_json::array();
  for (const auto& [day, share] : plan.readiness)
    timeline.push_back({{"day", day}, {"share", RoundTo(share, 3)}});
  j["readiness"] = timeline;
  return j;
}

void PrintPlan(const Scenario& s, const SourcingPlan& plan) {
  std::printf(
      "| requirement | capability | region | by | need | assigned | coverage | nations | note |\n");
  std::printf("|---|---|---|---:|---:|---:|---:|---|---|\n");
  for (const RequirementCoverage& c : plan.coverage) {
    const Requirement& r = s.requirements[c.requirement];
    std::string nations;
    for (const std::string& n : c.nations) nations += (nations.empty() ? "" : ", ") + n;
    std::string note = c.gap_reason.empty() ? "" : "GAP: " + c.gap_reason;
    if (c.single_point_of_failure) {
      note += std::string(note.empty() ? "" : "; ") +
              (c.conditional_only ? "single point of failure (conditional pledges only)"
                                  : "single point of failure (one nation)");
    }
    std::printf("| %s | %s | %s | D+%d | %g | %g | %.0f%% | %s | %s |\n", r.id.c_str(),
                std::string(ToString(r.capability)).c_str(), r.region.c_str(), r.needed_by_day,
                r.quantity, RoundTo(c.assigned, 3), 100 * c.share, nations.c_str(), note.c_str());
  }
  std::printf("\ncovered %g of %g required units (%.0f%%)\nlead nation by domain:",
              RoundTo(plan.covered_units, 3), RoundTo(plan.required_units, 3),
              plan.required_units > 0 ? 100 * plan.covered_units / plan.required_units : 0.0);
  for (const auto& [domain, party] : plan.lead_nation)
    std::printf(" %s %s;", domain.c_str(), party.c_str());
  std::printf("\nreadiness (share of required units deployable):");
  for (const auto& [day, share] : plan.readiness) std::printf(" D+%d %.0f%%;", day, 100 * share);
  std::printf("\n");
}

int RunForce(const ForceOptions& opt) {
  std::unique_ptr<Scenario> s = LoadScenarioOnlyForCommand(opt.scenario_dir, "force");
  if (!s) return 1;
  Result<SourcingPlan> plan =
      opt.greedy ? Result<SourcingPlan>(GreedySourcing(*s, WhatIf{})) : SolveSourcing(*s, WhatIf{});
  if (!plan.ok()) {
    std::cerr << "force: " << plan.status().message() << "\n";
    return 1;
  }
  if (opt.json) {
    std::cout << PlanJson(*s, *plan).dump() << "\n";
  } else {
    PrintPlan(*s, *plan);
  }
  return 0;
}

int RunWhatIf(const ForceOptions& opt) {
  std::unique_ptr<Scenario> s = LoadScenarioOnlyForCommand(opt.scenario_dir, "whatif");
  if (!s) return 1;
  for (const std::string& p : opt.drop) {
    if (s->FindParty(p) == nullptr) {
      std::cerr << "--drop: expected a party of the scenario; found \"" << p << "\"\n";
      return 2;
    }
  }
  for (const std::string& p : opt.reject) {
    if (s->FindParty(p) == nullptr) {
      std::cerr << "--reject: expected a party of the scenario; found \"" << p << "\"\n";
      return 2;
    }
  }
  WhatIf what_if;
  what_if.dropped_parties = opt.drop;
  what_if.parliament_rejects = opt.reject;
  if (opt.no_us_backstop) what_if.us_backstop = false;
  Result<SourcingPlan> base = SolveSourcing(*s, WhatIf{});
  Result<SourcingPlan> changed = SolveSourcing(*s, what_if);
  if (!base.ok() || !changed.ok()) {
    std::cerr << "whatif: the sourcing could not be solved\n";
    return 1;
  }
  ordered_json breaks = ordered_json::array();
  for (size_t j = 0; j < s->requirements.size(); ++j) {
    const double before = base->coverage[j].share, after = changed->coverage[j].share;
    if (after < before - 1e-9) {
      breaks.push_back({{"requirement", s->requirements[j].id},
                        {"coverage_before", RoundTo(before, 3)},
                        {"coverage_after", RoundTo(after, 3)},
                        {"why", changed->coverage[j].gap_reason}});
    }
  }
  if (opt.json) {
    std::cout << ordered_json{{"baseline", PlanJson(*s, *base)},
                              {"what_if", PlanJson(*s, *changed)},
                              {"breaks", breaks}}
                     .dump()
              << "\n";
    return 0;
  }
  PrintPlan(*s, *changed);
  std::printf("\ncompared with the baseline (%.0f%% covered):\n",
              base->required_units > 0 ? 100 * base->covered_units / base->required_units : 0.0);
  if (breaks.empty()) std::printf("nothing breaks\n");
  for (const auto& b : breaks) {
    std::printf("- %s: %.0f%% -> %.0f%%: %s\n", b["requirement"].get<std::string>().c_str(),
                100 * b["coverage_before"].get<double>(), 100 * b["coverage_after"].get<double>(),
                b["why"].get<std::string>().c_str());
  }
  return 0;
}

}  // namespace

void AddForceCommands(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ForceOptions>();
  CLI::App* force = app.add_subcommand(
      "force",
      "Source the force's requirements from the contributions (optimal, honouring every "
      "caveat): coverage, gaps, single points of failure, lead nations, readiness");
  force->add_option("--scenario", opt->scenario_dir, "scenario directory")->required();
  force->add_flag("--greedy", opt->greedy, "use the plain greedy baseline instead of the optimum");
  force->add_flag("--json", opt->json, "print the plan as one JSON object");
  force->callback([opt, exit_code] { *exit_code = RunForce(*opt); });

  CLI::App* whatif = app.add_subcommand(
      "whatif", "Re-source under changed assumptions and list what breaks against the baseline");
  whatif->add_option("--scenario", opt->scenario_dir, "scenario directory")->required();
  whatif->add_option("--drop", opt->drop, "a nation withdraws all its contributions (repeatable)");
  whatif->add_option("--reject", opt->reject,
                     "a nation's parliament rejects its pending approvals (repeatable)");
  whatif->add_flag("--no-us-backstop", opt->no_us_backstop, "no US backstop is given");
  whatif->add_flag("--json", opt->json, "print baseline, what-if and breaks as one JSON object");
  whatif->callback([opt, exit_code] { *exit_code = RunWhatIf(*opt); });
}

}  // namespace guarantor::cli
