// libFuzzer target: the daily report's readers of a replay's results on arbitrary bytes: the
// input is split at lines "---" into incidents.jsonl, cases.jsonl and decisions.jsonl, read both
// by the day's reader (engine/result_day_records.h, as `guarantor report` reads them) and as
// every record (ResultDirRecords). Properties: no crash; a report is built, or refused with a
// message naming one of the three files and a line (or, for the day's reader, a field of a
// line); a built report's JSON is an object for the day asked.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/daily_report.h"
#include "engine/result_day_records.h"
#include "fuzz/loaded_theatre.h"
#include "fuzz/scratch_directory.h"

namespace {

// The zones theatre, and the directory the three files are written to (removed at exit).
struct Theatre : guarantor::fuzz::LoadedTheatre {
  Theatre() : LoadedTheatre(GUARANTOR_SOURCE_DIR "/tests/data/zones") {}
  guarantor::fuzz::ScratchDirectory scratch{"daily-report-fuzz"};
};

const Theatre& TheTheatre() {
  static const Theatre theatre;
  return theatre;
}

void CheckReport(const guarantor::Result<guarantor::DailyReport>& r, const std::string& day) {
  if (!r.ok()) {
    const std::string& m = r.status().message();
    const bool names_a_line = m.find("incidents.jsonl:") != std::string::npos ||
                              m.find("cases.jsonl:") != std::string::npos ||
                              m.find("decisions.jsonl:") != std::string::npos;
    if (!names_a_line) std::abort();
    return;
  }
  const nlohmann::json j = nlohmann::json::parse(r->json, nullptr, false);
  if (!j.is_object() || j.value("day", "") != day) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Theatre& t = TheTheatre();
  const std::string input(reinterpret_cast<const char*>(data), size);
  const char* names[] = {"incidents.jsonl", "cases.jsonl", "decisions.jsonl"};
  size_t start = 0;
  for (const char* name : names) {
    size_t end = input.find("\n---\n", start);
    if (end == std::string::npos) end = input.size();
    std::ofstream(t.scratch.path + "/" + name, std::ios::binary)
        << input.substr(std::min(start, input.size()), end - std::min(start, input.size()));
    start = end + 5;
  }
  const std::string day = "2026-02-02";
  guarantor::Result<guarantor::DayRecords> records =
      guarantor::ResultDayRecords(t.scratch.path, day, 120);
  if (!records.ok()) {
    CheckReport(records.status(), day);
  } else {
    CheckReport(guarantor::BuildDailyReport({.scenario = t.scenario.get(),
                                             .map = t.map.get(),
                                             .records = std::move(records->records),
                                             .reports_by_type = std::move(records->reports_by_type),
                                             .gaps = {},
                                             .day = day,
                                             .cases_withheld = ""}),
                day);
  }
  CheckReport(guarantor::BuildDailyReport({.scenario = t.scenario.get(),
                                           .map = t.map.get(),
                                           .records = guarantor::ResultDirRecords(t.scratch.path),
                                           .reports_by_type = std::nullopt,
                                           .gaps = {},
                                           .day = day,
                                           .cases_withheld = ""}),
              day);
  return 0;
}
