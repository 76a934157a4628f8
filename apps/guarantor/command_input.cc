#include "command_input.h"

#include <fcntl.h>
#include <unistd.h>

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

ObservationInput::~ObservationInput() {
  if (owns_fd_) ::close(fd_);
}

bool ObservationInput::Open(const std::string& path) {
  if (path == "-") {
    fd_ = STDIN_FILENO;
    label_ = "<stdin>";
    return true;
  }
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0 || std::filesystem::is_directory(path)) {
    std::cerr << path << ": expected a readable observations file; found none\n";
    return false;
  }
  owns_fd_ = true;
  std::error_code ec;
  total_bytes_ = static_cast<int64_t>(std::filesystem::file_size(path, ec));
  label_ = path;
  return true;
}

}  // namespace guarantor::cli
