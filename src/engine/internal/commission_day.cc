#include "engine/internal/commission_day.h"

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/markdown.h"
#include "model/json_fields.h"

namespace guarantor::engine_internal {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// The remedies due by the end of `day`: of each case, the last decision taken by then (in time
// order; `decisions` in the order recorded), when it decided a remedy with a deadline on or
// before the day.
std::vector<RemedyDue> RemediesDue(std::vector<DayDecision> decisions, const std::string& day) {
  std::stable_sort(decisions.begin(), decisions.end(),
                   [](const DayDecision& a, const DayDecision& b) { return a.at < b.at; });
  std::map<std::string, const DayDecision*> last;  // by case id, so listed in id order
  for (const DayDecision& d : decisions) last[d.case_id] = &d;
  std::vector<RemedyDue> due;
  for (const auto& [id, d] : last) {
    if (d->to != "remedy_decided" || d->remedy_due.empty() || d->remedy_due > day) continue;
    due.push_back({id, d->remedy, d->remedy_due, d->remedy_due < day});
  }
  return due;
}

}  // namespace

Result<CommissionDay> ReadCommissionDay(const ReportRecords& records, const std::string& day,
                                        int offset) {
  CommissionDay out;
  RETURN_IF_ERROR(records.cases([&](const json& j) {
    if (TimeField(j, "opened_at").LocalDate(offset) != day) return;
    out.opened.emplace_back(std::string(StringField(j, "case")),
                            "severity " + std::to_string(IntegerField(j, "severity", 0, 5)) + ", " +
                                std::string(StringField(j, "attributed_party")));
  }));
  std::vector<DayDecision> by_then;  // every decision taken by the end of the day
  RETURN_IF_ERROR(records.decisions([&](const json& j) {
    const Timestamp at = TimeField(j, "at");
    const std::string decided_day = at.LocalDate(offset);
    if (decided_day > day) return;
    by_then.push_back({at, std::string(StringField(j, "case")), std::string(StringField(j, "to")),
                       std::string(StringField(j, "by")), std::string(StringField(j, "reason")),
                       std::string(OptionalStringField(j, "remedy")),
                       std::string(OptionalStringField(j, "remedy_due")),
                       std::string(OptionalStringField(j, "party"))});
    if (decided_day == day) out.decisions.push_back(by_then.back());
  }));
  out.remedies_due = RemediesDue(std::move(by_then), day);
  std::stable_sort(out.decisions.begin(), out.decisions.end(),
                   [](const DayDecision& a, const DayDecision& b) { return a.at < b.at; });
  for (const DayDecision& d : out.decisions) {
    if (d.to == "closed") out.closed.push_back(d.case_id);
  }
  return out;
}

void WriteCommission(std::ostringstream& md, const CommissionDay& day,
                     const std::string& withheld) {
  md << "\n## Special Commission\n\n";
  if (!withheld.empty()) {
    md << withheld << "\n";
    return;
  }
  md << "### Cases opened\n\n";
  if (day.opened.empty()) md << "None.\n";
  for (const auto& [id, summary] : day.opened) md << "- `" << id << "`: " << summary << "\n";
  md << "\n### Decisions\n\n";
  if (day.decisions.empty()) {
    md << "None.\n";
  } else {
    md << "| time | case | decision | by | reason | remedy | due |\n"
          "|---|---|---|---|---|---|---|\n";
  }
  for (const DayDecision& d : day.decisions) {
    md << "| " << d.at.ToRfc3339() << " | " << MarkdownCell(d.case_id) << " | "
       << MarkdownCell(d.party.empty() ? d.to : d.to + " (" + d.party + ")") << " | "
       << MarkdownCell(d.by) << " | " << MarkdownCell(d.reason) << " | " << MarkdownCell(d.remedy)
       << " | " << d.remedy_due << " |\n";
  }
  md << "\n### Remedies due\n\n";
  if (day.remedies_due.empty()) md << "None.\n";
  for (const RemedyDue& r : day.remedies_due) {
    md << "- `" << r.case_id << "`: " << MarkdownCell(r.remedy) << " (due " << r.due
       << (r.overdue ? ", overdue" : ", today") << ")\n";
  }
}

ordered_json CommissionJson(const CommissionDay& day) {
  ordered_json opened = ordered_json::array();
  for (const auto& [id, summary] : day.opened) opened.push_back(id);
  ordered_json decisions = ordered_json::array();
  for (const DayDecision& d : day.decisions) {
    decisions.push_back({{"case", d.case_id},
                         {"to", d.to},
                         {"by", d.by},
                         {"at", d.at.ToRfc3339()},
                         {"reason", d.reason},
                         {"remedy", d.remedy},
                         {"remedy_due", d.remedy_due}});
    if (!d.party.empty()) decisions.back()["party"] = d.party;
  }
  ordered_json due = ordered_json::array();
  for (const RemedyDue& r : day.remedies_due) {
    due.push_back(
        {{"case", r.case_id}, {"remedy", r.remedy}, {"due", r.due}, {"overdue", r.overdue}});
  }
  return {{"cases_opened", opened},
          {"decisions", decisions},
          {"cases_closed", day.closed},
          {"remedies_due", due}};
}

}  // namespace guarantor::engine_internal
