// guarantor evaluate: scores a replay's results against the simulator's ground truth
// (detection precision, recall and F1; violation classification; attribution by method; the
// undetermined share; time from first report to verified violation).
#include <CLI/CLI.hpp>
#include <iostream>

#include "command_input.h"
#include "commands.h"
#include "sim/evaluation.h"

namespace guarantor::cli {
namespace {

struct EvaluateOptions {
  std::string scenario_dir, truth_dir, result_dir;
  bool json = false;
};

int RunEvaluate(const EvaluateOptions& opt) {
  std::unique_ptr<Scenario> scenario = LoadScenarioOnlyForCommand(opt.scenario_dir, "evaluate");
  if (!scenario) return 1;
  Result<EvaluationResult> r = Evaluate(*scenario, opt.truth_dir, opt.result_dir);
  if (!r.ok()) {
    std::cerr << "evaluate: " << r.status().message() << "\n";
    return 1;
  }
  std::cout << (opt.json ? EvaluationJson(*r) + "\n" : EvaluationMarkdown(*r));
  return 0;
}

}  // namespace

void AddEvaluateCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<EvaluateOptions>();
  CLI::App* cmd =
      app.add_subcommand("evaluate", "Score replay results against simulated ground truth");
  cmd->add_option("--scenario", opt->scenario_dir, "scenario directory")->required();
  cmd->add_option("--truth", opt->truth_dir, "directory written by guarantor simulate")->required();
  cmd->add_option("--result", opt->result_dir, "directory written by guarantor replay --out")
      ->required();
  cmd->add_flag("--json", opt->json, "print the figures as one JSON object");
  cmd->callback([opt, exit_code] { *exit_code = RunEvaluate(*opt); });
}

}  // namespace guarantor::cli
