#include "commission/case_file.h"

#include <algorithm>
#include <array>

namespace guarantor {
namespace {
constexpr std::array<std::string_view, 6> kNames = {
    "open", "under_review", "attributed", "remedy_decided", "closed", "unverifiable"};

// Whether `remedy` says nothing: empty, or only blanks.
bool SaysNothing(std::string_view remedy) {
  return remedy.find_first_not_of(" \t\r\n") == std::string_view::npos;
}
}  // namespace

std::string_view ToString(CaseState s) { return kNames[static_cast<size_t>(s)]; }

std::optional<CaseState> ParseCaseState(std::string_view s) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == s) return static_cast<CaseState>(i);
  }
  return std::nullopt;
}

bool CaseFile::Allowed(CaseState from, CaseState to) {
  switch (from) {
    case CaseState::kOpen:
      return to == CaseState::kUnderReview || to == CaseState::kUnverifiable;
    case CaseState::kUnderReview:
      return to == CaseState::kAttributed || to == CaseState::kUnverifiable;
    case CaseState::kAttributed:
      return to == CaseState::kRemedyDecided;
    case CaseState::kRemedyDecided:
    case CaseState::kUnverifiable:
      return to == CaseState::kClosed;
    case CaseState::kClosed:
      return false;
  }
  return false;
}

const Case& CaseFile::Open(Case c, const Timestamp& at, const std::string& reason) {
  c.state = CaseState::kOpen;
  c.opened_at = at;
  c.history.push_back({CaseState::kOpen, CaseState::kOpen, "system", at, reason, "", "", ""});
  cases_.push_back(std::move(c));
  return cases_.back();
}

const Case* CaseFile::Find(const std::string& case_id) const {
  for (const Case& c : cases_) {
    if (c.id == case_id) return &c;
  }
  return nullptr;
}

Status CheckDecisionRemedy(CaseState to, std::string_view remedy) {
  if (to == CaseState::kRemedyDecided && SaysNothing(remedy)) {
    return Status::InvalidArgument(
        "a remedy_decided decision must state the remedy (what is to be done, by whom)");
  }
  return Status::Ok();
}

Status CheckRemedyDue(std::string_view remedy, std::string_view remedy_due,
                      std::string_view decided_day) {
  if (remedy_due.empty()) return Status::Ok();
  if (SaysNothing(remedy)) {
    return Status::InvalidArgument("a deadline is set only with the remedy it is for");
  }
  if (!Timestamp::IsCalendarDay(remedy_due)) {
    return Status::InvalidArgument("expected a day YYYY-MM-DD; found \"" + std::string(remedy_due) +
                                   "\"");
  }
  if (remedy_due < decided_day) {
    return Status::InvalidArgument("expected a day no earlier than the decision's, " +
                                   std::string(decided_day) + "; found " + std::string(remedy_due));
  }
  return Status::Ok();
}

Status CheckDecisionParty(CaseState to, std::string_view party, std::string_view proposed) {
  if (to != CaseState::kAttributed) {
    if (party.empty()) return Status::Ok();
    return Status::InvalidArgument("only an attributed decision names the party responsible");
  }
  if (party.empty() && proposed.empty()) {
    return Status::InvalidArgument(
        "the engine left this case undetermined: an attributed decision must name the party the "
        "Commission holds responsible");
  }
  return Status::Ok();
}

std::string ResponsibleParty(const Case& c, size_t transitions) {
  for (size_t i = std::min(transitions, c.history.size()); i-- > 0;) {
    if (c.history[i].to == CaseState::kAttributed && !c.history[i].party.empty()) {
      return c.history[i].party;
    }
  }
  return c.attributed_party;
}

Status CaseFile::Transition(const std::string& case_id, CaseState to, const std::string& by,
                            const Timestamp& at, const std::string& reason,
                            const std::string& remedy, const std::string& remedy_due,
                            const std::string& party) {
  if (by.empty() || reason.empty()) {
    return Status::InvalidArgument("a decision needs who decided and why");
  }
  for (Case& c : cases_) {
    if (c.id != case_id) continue;
    if (!Allowed(c.state, to)) {
      return Status::FailedPrecondition("case " + case_id + " cannot go from " +
                                        std::string(ToString(c.state)) + " to " +
                                        std::string(ToString(to)));
    }
    if (at < c.history.back().at) {
      return Status::InvalidArgument("a decision on case " + case_id +
                                     " cannot predate the previous one");
    }
    c.history.push_back({c.state, to, by, at, reason, remedy, remedy_due, party});
    c.state = to;
    return Status::Ok();
  }
  return Status::NotFound("no case " + case_id);
}

}  // namespace guarantor
