// guarantor activate: the activation plans that a replay recorded as its triggers fired
// (activations.jsonl, written by `guarantor replay --out`): the facts that met each trigger, who
// must now do what by when, the capability timeline, and that timeline set against what
// restoring the ceasefire requires. With --scenario and --as-of, also the remedy_ignored triggers
// that the Special Commission's decisions (DIR/decisions.jsonl) have fired by then.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "command_input.h"
#include "commands.h"
#include "commission/case_file.h"
#include "commission/case_records.h"
#include "guarantee/activation_output.h"
#include "guarantee/remedy_trigger.h"

namespace guarantor::cli {
namespace {
using nlohmann::ordered_json;

struct ActivateOptions {
  std::string result_dir, scenario_dir, as_of;
  bool json = false;
};

// Appends to `activations` those of the scenario's remedy_ignored triggers that the result's
// decisions have fired by `as_of`, then orders them all by the time they fired. False (after
// printing why) when the scenario or the cases cannot be read.
bool AddIgnoredRemedies(const ActivateOptions& opt, const Timestamp& as_of,
                        std::vector<ordered_json>* activations) {
  std::unique_ptr<Scenario> scenario = LoadScenarioOnlyForCommand(opt.scenario_dir, "activate");
  if (!scenario) return false;
  CaseFile file;
  if (Status s = LoadCases(opt.result_dir, &file); !s.ok()) {
    std::cerr << "activate: " << s.message() << "\n";
    return false;
  }
  std::vector<DecidedRemedy> remedies;
  for (const Case& c : file.cases()) {
    for (DecidedRemedy& r : DecidedRemedies(c)) remedies.push_back(std::move(r));
  }
  for (const Activation& a : IgnoredRemedyActivations(*scenario, remedies, as_of)) {
    activations->push_back(ordered_json::parse(ActivationJsonLine(a)));
  }
  auto fired = [](const ordered_json& a) {
    Result<Timestamp> t = Timestamp::Parse(a.value("fired_at", ""));
    return t.ok() ? t->utc_micros() : INT64_MIN;
  };
  std::stable_sort(
      activations->begin(), activations->end(),
      [&](const ordered_json& a, const ordered_json& b) { return fired(a) < fired(b); });
  return true;
}

// Every activation in `path`, in the order they fired; false (after printing why) when the file
// is missing or a line is not an activation.
bool ReadActivations(const std::string& path, std::vector<ordered_json>* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "activate: " << path
              << ": expected the activations written by `guarantor replay --out`; found none\n";
    return false;
  }
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    ordered_json j = ordered_json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object() || !j.contains("trigger") ||
        !j.contains("obligations") || !j.contains("restoration")) {
      std::cerr << "activate: " << path << ":" << n
                << ": expected an activation (trigger, obligations, restoration); found "
                << (j.is_discarded() ? "malformed JSON" : "another object") << "\n";
      return false;
    }
    out->push_back(std::move(j));
  }
  return true;
}

std::string Str(const ordered_json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

void PrintMarkdown(const std::vector<ordered_json>& activations) {
  std::printf("%zu trigger(s) fired\n", activations.size());
  for (const ordered_json& a : activations) {
    const auto& facts = a["facts"];
    std::printf("\n## %s fired at %s\n%s, as of %s (%zu fact(s): %s%s)\n\n",
                Str(a, "trigger").c_str(), Str(a, "fired_at").c_str(), Str(a, "reason").c_str(),
                Str(a, "facts_as_of").c_str(), facts.size(),
                facts.empty() ? "" : facts[0].get<std::string>().c_str(),
                facts.size() > 1 ? ", ..." : "");
    std::printf("| deadline | party | commitment | response | nature |\n|---|---|---|---|---|\n");
    for (const ordered_json& o : a["obligations"]) {
      std::string response = Str(o, "response");
      if (o.contains("capability")) {
        char q[96];
        std::snprintf(q, sizeof q, " (%g %s)", o["quantity"].get<double>(),
                      Str(o, "capability").c_str());
        response += q;
      }
      std::printf("| %s | %s | %s | %s | %s |\n", Str(o, "deadline").c_str(),
                  Str(o, "party").c_str(), Str(o, "commitment").c_str(), response.c_str(),
                  Str(o, "nature").c_str());
    }
    if (a["restoration"].empty()) continue;
    std::printf(
        "\nWhat restoring the ceasefire requires, against the obligations:\n\n"
        "| capability | required | needed by | committed by then | committed in all | met |\n"
        "|---|---:|---|---:|---:|---|\n");
    for (const ordered_json& r : a["restoration"]) {
      char shortfall[64];
      std::snprintf(shortfall, sizeof shortfall, "no: shortfall of %g",
                    r["required"].get<double>() - r["committed_in_all"].get<double>());
      const std::string met = r["met"].get<bool>()      ? "yes"
                              : r["met_at"].is_string() ? "late: at " + Str(r, "met_at")
                                                        : shortfall;
      std::printf("| %s | %g | %s | %g | %g | %s |\n", Str(r, "capability").c_str(),
                  r["required"].get<double>(), Str(r, "needed_by").c_str(),
                  r["committed_by_then"].get<double>(), r["committed_in_all"].get<double>(),
                  met.c_str());
    }
  }
}

int RunActivate(const ActivateOptions& opt) {
  std::optional<Timestamp> as_of;
  if (!opt.as_of.empty()) {
    Result<Timestamp> t = Timestamp::Parse(opt.as_of);
    if (!t.ok()) {
      std::cerr << "--as-of: expected an RFC 3339 time such as 2026-02-06T00:00:00+02:00; found \""
                << opt.as_of << "\"\n";
      return 2;
    }
    if (opt.scenario_dir.empty()) {
      std::cerr << "--as-of: expected --scenario as well (the triggers and commitments of the "
                   "remedies ignored)\n";
      return 2;
    }
    as_of = *t;
  }
  std::vector<ordered_json> activations;
  if (!ReadActivations(opt.result_dir + "/activations.jsonl", &activations)) return 1;
  if (as_of && !AddIgnoredRemedies(opt, *as_of, &activations)) return 1;
  if (opt.json) {
    std::cout << ordered_json{{"activations", activations}}.dump() << "\n";
  } else {
    PrintMarkdown(activations);
  }
  return 0;
}

}  // namespace

void AddActivateCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ActivateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "activate",
      "Print the activation plans recorded by a replay as its triggers fired: the facts, who "
      "must now do what by when, and what restoring the ceasefire requires");
  cmd->add_option("--result", opt->result_dir, "directory written by guarantor replay --out")
      ->required();
  cmd->add_option("--scenario", opt->scenario_dir,
                  "scenario directory (with --as-of: its remedy_ignored triggers and their "
                  "commitments)");
  cmd->add_option("--as-of", opt->as_of,
                  "also the remedy_ignored triggers the Special Commission's decisions "
                  "(decisions.jsonl) have fired by this time (RFC 3339)");
  cmd->add_flag("--json", opt->json, "print the activations as one JSON object");
  cmd->callback([opt, exit_code] { *exit_code = RunActivate(*opt); });
}

}  // namespace guarantor::cli
