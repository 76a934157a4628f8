#include "guarantee/remedy_trigger.h"

#include <algorithm>
#include <tuple>

namespace guarantor {
namespace {

constexpr int64_t kMicrosPerHour = 3600LL * 1'000'000;
constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;

}  // namespace

std::vector<DecidedRemedy> DecidedRemedies(const Case& c) {
  std::vector<DecidedRemedy> out;
  for (size_t i = 0; i < c.history.size(); ++i) {
    const CaseTransition& t = c.history[i];
    if (t.to != CaseState::kRemedyDecided || t.remedy_due.empty()) continue;
    DecidedRemedy r{c.id, c.incident, ResponsibleParty(c, i), t.remedy, t.remedy_due, t.at, {}};
    if (i + 1 < c.history.size()) r.moved_on_at = c.history[i + 1].at;
    out.push_back(std::move(r));
  }
  return out;
}

Timestamp IgnoredAt(const std::string& due, int offset_minutes, int grace_hours) {
  const int64_t day_start = Timestamp::StartOfLocalDay(due, offset_minutes).utc_micros();
  return Timestamp(day_start + kMicrosPerDay + int64_t{grace_hours} * kMicrosPerHour,
                   offset_minutes);
}

std::vector<Activation> IgnoredRemedyActivations(const Scenario& scenario,
                                                 const std::vector<DecidedRemedy>& remedies,
                                                 const Timestamp& as_of) {
  const int offset = scenario.agreement.effective.offset_minutes();
  std::vector<Activation> out;
  for (const Trigger& t : scenario.triggers) {
    if (t.kind != TriggerKind::kRemedyIgnored) continue;
    const DecidedRemedy* earliest = nullptr;
    Timestamp earliest_at;
    for (const DecidedRemedy& r : remedies) {
      if (r.party.empty() || r.party != t.party || !Timestamp::IsCalendarDay(r.due)) continue;
      const Timestamp at = IgnoredAt(r.due, offset, t.grace_hours);
      if (at > as_of || (r.moved_on_at && *r.moved_on_at < at)) continue;
      if (!earliest || std::tie(at, r.case_id) < std::tie(earliest_at, earliest->case_id)) {
        earliest = &r;
        earliest_at = at;
      }
    }
    if (!earliest) continue;
    std::string reason = t.party + " did not carry out by " + earliest->due +
                         " the remedy the Special Commission decided on " + earliest->case_id +
                         " (incident " + earliest->incident + ") on " +
                         earliest->decided_at.LocalDate(offset) + ": " + earliest->remedy;
    if (t.grace_hours > 0) reason += " (" + std::to_string(t.grace_hours) + " h of grace)";
    out.push_back(PlanActivation(scenario, t, earliest_at, earliest_at, std::move(reason),
                                 {earliest->case_id}));
  }
  std::stable_sort(out.begin(), out.end(), [](const Activation& a, const Activation& b) {
    return std::tie(a.fired_at, a.trigger) < std::tie(b.fired_at, b.trigger);
  });
  return out;
}

}  // namespace guarantor
