#include "command_input.h"

#include <filesystem>
#include <iostream>

#include "scenario/scenario_loader.h"

namespace guarantor::cli {

std::unique_ptr<Scenario> LoadScenarioOnlyForCommand(const std::string& dir,
                                                     std::string_view command) {
  ScenarioLoad load = LoadScenario(dir);
  if (!load.ok()) {
    for (const Diagnostic& d : load.errors) std::cerr << d.ToString() << "\n";
    std::cerr << command << ": the scenario has " << load.errors.size() << " error(s)\n";
    return nullptr;
  }
  return std::make_unique<Scenario>(std::move(*load.scenario));
}

std::unique_ptr<LoadedScenario> LoadScenarioForCommand(const std::string& dir,
                                                       std::string_view command) {
  std::unique_ptr<Scenario> scenario = LoadScenarioOnlyForCommand(dir, command);
  if (!scenario) return nullptr;
  auto loaded = std::make_unique<LoadedScenario>();
  loaded->scenario = std::move(*scenario);
  Result<AgreementMap> map = AgreementMap::Build(loaded->scenario.agreement);
  if (!map.ok()) {
    std::cerr << command << ": " << map.status().message() << "\n";
    return nullptr;
  }
  loaded->map = std::make_unique<AgreementMap>(std::move(*map));
  return loaded;
}

bool ObservationInput::Open(const std::string& path) {
  if (path == "-") {
    in_ = &std::cin;
    label_ = "<stdin>";
    return true;
  }
  file_.open(path, std::ios::binary);
  if (!file_) {
    std::cerr << path << ": expected a readable observations file; found none\n";
    return false;
  }
  std::error_code ec;
  total_bytes_ = static_cast<int64_t>(std::filesystem::file_size(path, ec));
  in_ = &file_;
  label_ = path;
  return true;
}

}  // namespace guarantor::cli
