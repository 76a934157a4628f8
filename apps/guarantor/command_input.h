// What several subcommands read the same way: a scenario with its indexed agreement, and an
// observations input that is a file or standard input. Errors are printed to standard error.
#pragma once

#include <fstream>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "monitor/agreement_map.h"
#include "scenario/scenario.h"

namespace guarantor::cli {

// The map refers to the scenario: keep both together, at a stable address.
struct LoadedScenario {
  Scenario scenario;
  std::unique_ptr<AgreementMap> map;
};

// nullptr (after printing every error, prefixed by `command`) when the scenario does not load.
std::unique_ptr<LoadedScenario> LoadScenarioForCommand(const std::string& dir,
                                                       std::string_view command);
// The scenario alone, for commands that need no geography.
std::unique_ptr<Scenario> LoadScenarioOnlyForCommand(const std::string& dir,
                                                     std::string_view command);

class ObservationInput {
 public:
  ObservationInput() = default;
  ~ObservationInput();
  ObservationInput(const ObservationInput&) = delete;
  ObservationInput& operator=(const ObservationInput&) = delete;

  // `path` "-" means standard input. False (after printing why) when the file cannot be read.
  bool Open(const std::string& path);
  int fd() const { return fd_; }
  int64_t total_bytes() const { return total_bytes_; }  // 0 for standard input
  const std::string& label() const { return label_; }

 private:
  // Reads by file descriptor so that a pipe's records are handed on as soon as they arrive.
  int fd_ = -1;
  bool owns_fd_ = false;
  int64_t total_bytes_ = 0;
  std::string label_;
};

}  // namespace guarantor::cli
