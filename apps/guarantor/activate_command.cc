// guarantor activate: evaluates the scenario's triggers over a replay's verified violations (and
// the scenario's diplomatic events) in record time, and prints every activation plan: the facts
// that met the trigger, and who must now do what, by when, with the capability timeline.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "base/json_lines.h"
#include "command_input.h"
#include "commands.h"
#include "guarantee/trigger_evaluator.h"

namespace guarantor::cli {
namespace {
using nlohmann::json;
using nlohmann::ordered_json;

struct ActivateOptions {
  std::string scenario_dir, result_dir;
  bool json = false;
};

Status LoadFacts(const std::string& dir, std::vector<VerifiedViolation>* facts) {
  return ForEachJsonLine(dir + "/incidents.jsonl", [&](const json& j) {
    if (j.at("status").get<std::string>() != "verified" || !j.at("violation").get<bool>()) return;
    VerifiedViolation v;
    v.incident = j.at("incident").get<std::string>();
    v.time = *Timestamp::Parse(j.at("verified_at").get<std::string>());
    const std::string party = j.at("attribution").at("party").get<std::string>();
    v.party = party == "undetermined" ? "" : party;
    v.severity = j.at("severity").get<int>();
    v.position =
        LatLng{j.at("position").at("lat").get<double>(), j.at("position").at("lon").get<double>()};
    const std::string zone = j.at("at").at("zone").get<std::string>();
    if (zone.rfind("protected_site:", 0) == 0) v.protected_site = zone.substr(15);
    facts->push_back(std::move(v));
  });
}

ordered_json ActivationJson(const Activation& a) {
  ordered_json obligations = ordered_json::array();
  std::map<std::string, double> cumulative;
  ordered_json timeline = ordered_json::array();
  for (const Obligation& o : a.obligations) {
    ordered_json oj = {{"commitment", o.commitment},
                       {"party", o.party},
                       {"response", o.response},
                       {"deadline", o.deadline.ToRfc3339()},
                       {"nature", o.legally_binding ? "legal" : "political"},
                       {"classification", std::string(ToString(o.classification))}};
    if (o.capability) {
      oj["capability"] = std::string(ToString(*o.capability));
      oj["quantity"] = o.quantity;
      cumulative[std::string(ToString(*o.capability))] += o.quantity;
      timeline.push_back({{"by", o.deadline.ToRfc3339()},
                          {"capability", std::string(ToString(*o.capability))},
                          {"cumulative", cumulative[std::string(ToString(*o.capability))]}});
    }
    obligations.push_back(oj);
  }
  return {{"trigger", a.trigger},       {"fired_at", a.fired_at.ToRfc3339()},
          {"reason", a.reason},         {"facts", a.facts},
          {"obligations", obligations}, {"capability_timeline", timeline}};
}

int RunActivate(const ActivateOptions& opt) {
  std::unique_ptr<LoadedScenario> loaded = LoadScenarioForCommand(opt.scenario_dir, "activate");
  if (!loaded) return 1;
  std::vector<VerifiedViolation> facts;
  if (Status s = LoadFacts(opt.result_dir, &facts); !s.ok()) {
    std::cerr << "activate: " << s.message() << "\n";
    return 1;
  }
  std::stable_sort(facts.begin(), facts.end(), [](const auto& a, const auto& b) {
    return std::tie(a.time, a.incident) < std::tie(b.time, b.incident);
  });
  TriggerEvaluator triggers(loaded->scenario, *loaded->map);
  std::vector<Activation> activations;
  for (const VerifiedViolation& v : facts) {
    for (Activation& a : triggers.Add(v)) activations.push_back(std::move(a));
  }
  if (!facts.empty()) {
    for (Activation& a : triggers.AdvanceTo(facts.back().time)) activations.push_back(std::move(a));
  }
  if (opt.json) {
    ordered_json all = ordered_json::array();
    for (const Activation& a : activations) all.push_back(ActivationJson(a));
    std::cout << ordered_json{{"facts", facts.size()}, {"activations", all}}.dump() << "\n";
    return 0;
  }
  std::printf("%zu verified violation(s) evaluated; %zu trigger(s) fired\n", facts.size(),
              activations.size());
  for (const Activation& a : activations) {
    std::printf("\n## %s fired at %s\n%s (%zu fact(s): %s%s)\n\n", a.trigger.c_str(),
                a.fired_at.ToRfc3339().c_str(), a.reason.c_str(), a.facts.size(),
                a.facts.empty() ? "" : a.facts.front().c_str(), a.facts.size() > 1 ? ", ..." : "");
    std::printf("| deadline | party | commitment | response | nature |\n|---|---|---|---|---|\n");
    for (const Obligation& o : a.obligations) {
      std::string response = o.response;
      if (o.capability) {
        char q[64];
        std::snprintf(q, sizeof q, " (%g %s)", o.quantity,
                      std::string(ToString(*o.capability)).c_str());
        response += q;
      }
      std::printf("| %s | %s | %s | %s | %s |\n", o.deadline.ToRfc3339().c_str(), o.party.c_str(),
                  o.commitment.c_str(), response.c_str(),
                  o.legally_binding ? "legal" : "political");
    }
  }
  return 0;
}

}  // namespace

void AddActivateCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ActivateOptions>();
  CLI::App* cmd =
      app.add_subcommand("activate",
                         "Evaluate the triggers over a replay's verified violations and print the "
                         "activation plans: who must now do what, by when");
  cmd->add_option("--scenario", opt->scenario_dir, "scenario directory")->required();
  cmd->add_option("--result", opt->result_dir, "directory written by guarantor replay --out")
      ->required();
  cmd->add_flag("--json", opt->json, "print the activations as one JSON object");
  cmd->callback([opt, exit_code] { *exit_code = RunActivate(*opt); });
}

}  // namespace guarantor::cli
