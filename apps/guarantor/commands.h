// The subcommands of the guarantor CLI. Each Add*Command registers its options and a callback
// that stores its exit status in `*exit_code`.
#pragma once

namespace CLI {
class App;
}

namespace guarantor::cli {

void AddValidateCommand(CLI::App& app, int* exit_code);
void AddAssessCommand(CLI::App& app, int* exit_code);
void AddSimulateCommand(CLI::App& app, int* exit_code);
void AddReplayCommand(CLI::App& app, int* exit_code);
void AddEvaluateCommand(CLI::App& app, int* exit_code);
void AddReportCommand(CLI::App& app, int* exit_code);
void AddCasesCommand(CLI::App& app, int* exit_code);
void AddForceCommands(CLI::App& app, int* exit_code);  // force, whatif
void AddActivateCommand(CLI::App& app, int* exit_code);
void AddPositionsAndSupportCommands(CLI::App& app, int* exit_code);  // positions, support
void AddImportCommand(CLI::App& app, int* exit_code);
void AddLocCommands(CLI::App& app, int* exit_code);  // loc derive, loc control
void AddKeysCommand(CLI::App& app, int* exit_code);    // keys new, keys list
void AddLedgerCommand(CLI::App& app, int* exit_code);  // ledger append, verify, head, ...
void AddLedgerSubmitCommand(CLI::App* ledger, int* exit_code);  // ledger submit (to a server)
void AddServeCommand(CLI::App& app, int* exit_code);
void AddUsersCommand(CLI::App& app, int* exit_code);  // users add, users list

}  // namespace guarantor::cli
