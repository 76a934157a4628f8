// guarantor: the command-line interface. See `guarantor --help` and docs/.
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

#include "commands.h"

namespace {

int Run(int argc, char** argv) {
  CLI::App app{
      "guarantor: ceasefire monitoring, verification and security-guarantee engine.\n"
      "Exit status: 0 success, 1 invalid input or rule failure, 2 usage error."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "guarantor 0.1.0");
  int exit_code = 0;
  guarantor::cli::AddValidateCommand(app, &exit_code);
  guarantor::cli::AddAssessCommand(app, &exit_code);
  guarantor::cli::AddSimulateCommand(app, &exit_code);
  guarantor::cli::AddReplayCommand(app, &exit_code);
  guarantor::cli::AddEvaluateCommand(app, &exit_code);
  guarantor::cli::AddReportCommand(app, &exit_code);
  guarantor::cli::AddCasesCommand(app, &exit_code);
  guarantor::cli::AddForceCommands(app, &exit_code);
  guarantor::cli::AddActivateCommand(app, &exit_code);
  guarantor::cli::AddPositionsAndSupportCommands(app, &exit_code);
  guarantor::cli::AddImportCommand(app, &exit_code);
  guarantor::cli::AddLocCommands(app, &exit_code);
  guarantor::cli::AddKeysCommand(app, &exit_code);
  guarantor::cli::AddLedgerCommand(app, &exit_code);
  guarantor::cli::AddServeCommand(app, &exit_code);
  guarantor::cli::AddUsersCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  // Errors are values at every boundary; this is the last resort: a message, not abort().
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fputs("guarantor: internal error: ", stderr);
    std::fputs(e.what(), stderr);
    std::fputs("\n", stderr);
  } catch (...) {
    std::fputs("guarantor: internal error\n", stderr);
  }
  return 1;
}
