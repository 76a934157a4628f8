// guarantor cases: the Special Commission's cases from a replay's results.
//   cases list    --result DIR [--state S] [--remedy-due-by DAY] [--json]
//   cases show    --result DIR CASE [--observations FILE] [--json]   (down to the raw reports;
//                 a Markdown dossier, or with --json the same as one JSON document)
//   cases decide  --result DIR CASE --to STATE --by WHO --at TIME --reason TEXT
//                 [--remedy TEXT [--remedy-due YYYY-MM-DD]] [--json]
//                 [--party P] (a remedy is required to remedy_decided; a deadline only with a
//                 remedy; a party only to attributed, and required there when the engine left the
//                 case undetermined)
// Decisions are appended to DIR/decisions.jsonl only when the state machine allows them; the
// state of every case is the fold of its opening and the decisions, in order.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <system_error>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "base/markdown.h"
#include "base/rounding.h"
#include "commands.h"
#include "commission/case_file.h"
#include "commission/case_records.h"
#include "engine/case_dossier.h"
#include "engine/incident_output.h"

namespace guarantor::cli {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

struct CasesOptions {
  std::string result_dir, state, case_id, observations, to, by, at, reason, remedy, remedy_due;
  std::string party;
  std::string remedy_due_by;
  bool json = false;
};

// The same record as cases.jsonl, with the state after the recorded decisions.
ordered_json CaseJson(const Case& c) { return ordered_json::parse(CaseJsonLine(c)); }

// A party code as the scenario writes them: 1 to 16 letters, digits, '-' or '_'.
bool IsPartyCode(const std::string& s) {
  return !s.empty() && s.size() <= 16 && std::all_of(s.begin(), s.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_';
  });
}

// Whom the case is attributed to: the engine's attribution, and the party the Commission named
// when it attributed the case to another ("undetermined; RU by the Commission").
std::string AttributedCell(const Case& c) {
  std::string cell = c.attributed_party.empty() ? "undetermined" : c.attributed_party;
  const std::string held = ResponsibleParty(c, c.history.size());
  if (held != c.attributed_party) cell += "; " + held + " by the Commission";
  return MarkdownCell(cell);
}

int List(const CasesOptions& opt) {
  CaseFile file;
  if (Status s = LoadCases(opt.result_dir, &file); !s.ok()) {
    std::cerr << "cases: " << s.message() << "\n";
    return 1;
  }
  std::optional<CaseState> filter;
  if (!opt.state.empty()) {
    filter = ParseCaseState(opt.state);
    if (!filter) {
      std::cerr << "--state: expected " << CaseStateChoices() << "; found \"" << opt.state
                << "\"\n";
      return 2;
    }
  }
  if (!opt.remedy_due_by.empty() && !Timestamp::IsCalendarDay(opt.remedy_due_by)) {
    std::cerr << "--remedy-due-by: expected a day YYYY-MM-DD; found \"" << opt.remedy_due_by
              << "\"\n";
    return 2;
  }
  // A remedy due by the day: decided with a deadline no later, and not yet moved on from (the
  // service's GET /v1/cases?remedy_due_by=).
  const auto due = [&](const Case& c) {
    return c.state == CaseState::kRemedyDecided && !c.history.back().remedy_due.empty() &&
           c.history.back().remedy_due <= opt.remedy_due_by;
  };
  if (!opt.json) {
    std::cout << "| case | state | severity | attributed to | method | confidence | opened | "
                 "incident |\n|---|---|---:|---|---|---:|---|---|\n";
  }
  int listed = 0;
  for (const Case& c : file.cases()) {
    if (filter && c.state != *filter) continue;
    if (!opt.remedy_due_by.empty() && !due(c)) continue;
    ++listed;
    if (opt.json) {
      std::cout << CaseJson(c).dump() << "\n";
      continue;
    }
    std::cout << "| " << MarkdownCell(c.id) << " | " << ToString(c.state) << " | " << c.severity
              << " | " << AttributedCell(c) << " | " << c.attribution_method << " | "
              << FormatFixed(c.attribution_confidence, 3) << " | " << c.opened_at.ToRfc3339()
              << " | " << MarkdownCell(c.incident) << " |\n";
  }
  if (!opt.json) std::cout << "\n" << listed << " case(s)\n";
  return 0;
}

int Show(const CasesOptions& opt) {
  CaseFile file;
  if (Status s = LoadCases(opt.result_dir, &file, opt.case_id); !s.ok()) {
    std::cerr << "cases: " << s.message() << "\n";
    return 1;
  }
  const Case* c = file.Find(opt.case_id);
  if (c == nullptr) {
    std::cerr << "cases: no case " << opt.case_id << "\n";
    return 1;
  }
  ordered_json out = CaseJson(*c);
  // The incident behind it, and the raw reports when the observations file is given.
  std::ifstream incidents(fs::path(opt.result_dir) / "incidents.jsonl", std::ios::binary);
  for (std::string line; std::getline(incidents, line);) {
    if (line.find("\"incident\":\"" + c->incident + "\"") == std::string::npos) continue;
    ordered_json record = ordered_json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded()) {
      std::cerr << "cases: " << (fs::path(opt.result_dir) / "incidents.jsonl").string()
                << ": the line of " << c->incident << ": expected a JSON object; found malformed "
                << "JSON\n";
      return 1;
    }
    out["incident_record"] = std::move(record);
    break;
  }
  if (!opt.observations.empty()) {
    std::ifstream obs(opt.observations, std::ios::binary);
    ordered_json raw = ordered_json::array();
    const std::set<std::string> wanted(c->observations.begin(), c->observations.end());
    for (std::string line; std::getline(obs, line);) {
      json j = json::parse(line, nullptr, false);
      if (!j.is_discarded() && j.contains("id") && j["id"].is_string() &&
          wanted.count(j["id"].get<std::string>()) != 0) {
        raw.push_back(ordered_json::parse(line));
      }
    }
    out["raw_observations"] = raw;
  }
  std::cout << (opt.json ? out.dump() + "\n" : CaseDossierMarkdown(out));
  return 0;
}

// Appends `line` and a newline to the file at `path` (made if missing) in one write, and makes
// it durable before returning: a recorded decision is not lost with the machine. On any failure
// the file is cut back to its length before, so that no half line is left for readers.
Status AppendLineDurably(const fs::path& path, std::string line) {
  line += '\n';
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Status::IoError(
        path.string() + ": could not open it to append: " + std::system_category().message(errno));
  }
  struct stat before {};
  const bool sized = ::fstat(fd, &before) == 0;
  size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(fd, line.data() + written, line.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  const int write_errno = errno;
  const bool ok = written == line.size() && ::fsync(fd) == 0;
  if (!ok && sized) (void)::ftruncate(fd, before.st_size);
  ::close(fd);
  if (!ok) {
    return Status::IoError(
        path.string() + ": could not append the decision: " +
        std::system_category().message(written == line.size() ? errno : write_errno));
  }
  return Status::Ok();
}

int Decide(const CasesOptions& opt) {
  CaseFile file;
  std::string digest;
  if (Status s = LoadCases(opt.result_dir, &file, opt.case_id, &digest); !s.ok()) {
    std::cerr << "cases: " << s.message() << "\n";
    return 1;
  }
  std::optional<CaseState> to = ParseCaseState(opt.to);
  if (!to) {
    std::cerr << "--to: expected one of: under_review, attributed, remedy_decided, closed, "
                 "unverifiable; found \""
              << opt.to << "\"\n";
    return 2;
  }
  Result<Timestamp> at = Timestamp::Parse(opt.at);
  if (!at.ok()) {
    std::cerr << "--at: " << at.status().message() << "\n";
    return 2;
  }
  if (Status s = CheckDecisionRemedy(*to, opt.remedy); !s.ok()) {
    std::cerr << "--remedy: " << s.message() << "\n";
    return 2;
  }
  // The deadline is a day no earlier than the decision's own (in the offset --at is written in).
  if (Status s = CheckRemedyDue(opt.remedy, opt.remedy_due, at->LocalDate(at->offset_minutes()));
      !s.ok()) {
    std::cerr << "--remedy-due: " << s.message() << "\n";
    return 2;
  }
  if (!opt.party.empty() && !IsPartyCode(opt.party)) {
    std::cerr << "--party: expected a party code such as RU (letters, digits, - or _, at most 16); "
                 "found \""
              << opt.party << "\"\n";
    return 2;
  }
  if (const Case* c = file.Find(opt.case_id); c != nullptr) {
    if (Status s = CheckDecisionParty(*to, opt.party, c->attributed_party); !s.ok()) {
      std::cerr << "--party: " << s.message() << "\n";
      return 2;
    }
  }
  if (Status s = file.Transition(opt.case_id, *to, opt.by, *at, opt.reason, opt.remedy,
                                 opt.remedy_due, opt.party);
      !s.ok()) {
    std::cerr << "cases: " << s.message() << "\n";
    return 1;
  }
  ordered_json decision{{"case", opt.case_id},   {"to", opt.to},         {"by", opt.by},
                        {"at", at->ToRfc3339()}, {"reason", opt.reason}, {"remedy", opt.remedy}};
  if (!opt.remedy_due.empty()) decision["remedy_due"] = opt.remedy_due;
  if (!opt.party.empty()) decision["party"] = opt.party;
  decision["case_sha256"] = digest;
  if (Status s = AppendLineDurably(fs::path(opt.result_dir) / "decisions.jsonl", decision.dump());
      !s.ok()) {
    std::cerr << "cases: " << s.message() << "; the decision was not recorded\n";
    return 1;
  }
  const std::string_view state = ToString(file.Find(opt.case_id)->state);
  if (opt.json) {
    std::cout
        << ordered_json{{"case", opt.case_id}, {"state", state}, {"recorded", decision}}.dump()
        << "\n";
  } else {
    std::cout << opt.case_id << ": " << state << "\n";
  }
  return 0;
}

}  // namespace

void AddCasesCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<CasesOptions>();
  CLI::App* cmd = app.add_subcommand("cases", "List, show and decide Special Commission cases");
  cmd->require_subcommand(1);
  CLI::App* list = cmd->add_subcommand("list", "List cases with their state");
  list->add_option("--result", opt->result_dir, "directory written by guarantor replay --out")
      ->required();
  list->add_option("--state", opt->state, "only cases in this state");
  list->add_option("--remedy-due-by", opt->remedy_due_by,
                   "only cases awaiting a remedy decided with a deadline on or before this day "
                   "(YYYY-MM-DD): the remedies due and overdue");
  list->add_flag("--json", opt->json,
                 "one JSON object per case (the cases.jsonl record, in its current state) "
                 "instead of the Markdown table");
  list->callback([opt, exit_code] { *exit_code = List(*opt); });
  CLI::App* show = cmd->add_subcommand("show",
                                       "Show a case as a dossier: the case, its incident, its "
                                       "evidence down to the raw reports, its decisions");
  show->add_option("--result", opt->result_dir, "directory written by guarantor replay --out")
      ->required();
  show->add_option("case", opt->case_id, "case id")->required();
  show->add_option("--observations", opt->observations, "the observations file, for raw reports");
  show->add_flag("--json", opt->json,
                 "one JSON document (the case, its incident record, its raw reports) instead of "
                 "the Markdown dossier");
  show->callback([opt, exit_code] { *exit_code = Show(*opt); });
  CLI::App* decide = cmd->add_subcommand("decide", "Record a decision on a case");
  decide->add_option("--result", opt->result_dir, "directory written by guarantor replay --out")
      ->required();
  decide->add_option("case", opt->case_id, "case id")->required();
  decide->add_option("--to", opt->to, "new state")->required();
  decide->add_option("--by", opt->by, "who decided")->required();
  decide->add_option("--at", opt->at, "when (RFC 3339)")->required();
  decide->add_option("--reason", opt->reason, "why")->required();
  decide->add_option("--remedy", opt->remedy,
                     "what is to be done, by whom (required with --to remedy_decided; any "
                     "other decision may state one too)");
  decide->add_option("--remedy-due", opt->remedy_due,
                     "the day by which the remedy is to be carried out, YYYY-MM-DD (with "
                     "--remedy; no earlier than the day of --at)");
  decide->add_option("--party", opt->party,
                     "with --to attributed: the party the Commission holds responsible (required "
                     "when the engine left the case undetermined; absent, the engine's attribution "
                     "is confirmed)");
  decide->add_flag("--json", opt->json,
                   "print the case, its new state and the decision as recorded, as one JSON "
                   "object");
  decide->callback([opt, exit_code] { *exit_code = Decide(*opt); });
}

}  // namespace guarantor::cli
