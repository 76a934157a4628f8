// The Special Commission's part of a daily report (engine/daily_report.h): the cases opened on
// the day, the decisions taken on it, and the remedies due by its end. Private to engine/.
//
// Thread safety: pure functions.
#pragma once

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "base/status.h"
#include "engine/daily_report.h"
#include "model/timestamp.h"

namespace guarantor::engine_internal {

// A decision of the Special Commission on a case (decisions.jsonl).
struct DayDecision {
  Timestamp at;
  std::string case_id, to, by, reason, remedy, remedy_due;
  std::string party;  // an attributed decision: the party it held responsible, when it named one
};

// A remedy decided whose deadline has come by the end of the day, its case still awaiting it
// (remedy_decided, not yet closed).
struct RemedyDue {
  std::string case_id, remedy, due;
  bool overdue = false;  // due before the day
};

// The Special Commission's day: the cases opened, and the decisions taken, in time order; the
// remedies due by the day, by case.
struct CommissionDay {
  std::vector<std::pair<std::string, std::string>> opened;  // id, summary
  std::vector<DayDecision> decisions;
  std::vector<std::string> closed;  // the cases a decision closed
  std::vector<RemedyDue> remedies_due;
};

// The cases of `records` opened on `day` (YYYY-MM-DD in local time at `offset` minutes from
// UTC), the decisions taken on it, and the remedies due by its end. Errors are those of the
// records' sources.
Result<CommissionDay> ReadCommissionDay(const ReportRecords& records, const std::string& day,
                                        int offset);

// The report's "## Special Commission" section; `withheld`, when not empty, said instead of the
// lists (a reader not cleared for cases).
void WriteCommission(std::ostringstream& md, const CommissionDay& day, const std::string& withheld);

// The JSON fields cases_opened, decisions, cases_closed and remedies_due.
nlohmann::ordered_json CommissionJson(const CommissionDay& day);

}  // namespace guarantor::engine_internal
