#include "server/internal/case_view.h"

#include <string_view>
#include <utility>

namespace guarantor::server {

using json = nlohmann::ordered_json;

namespace {

const char* KindName(store::CaseEventKind kind) {
  switch (kind) {
    case store::CaseEventKind::kClaim:
      return "claim";
    case store::CaseEventKind::kRelease:
      return "release";
    case store::CaseEventKind::kDecision:
      return "decision";
  }
  return "unknown";
}

}  // namespace

Triage TriageOf(const std::vector<store::CaseEvent>& events, const std::string& case_sha256) {
  Triage t;
  for (const store::CaseEvent& e : events) {
    if (!e.case_sha256.empty() && e.case_sha256 != case_sha256) {
      json other = {{"event", e.sequence},
                    {"kind", KindName(e.kind)},
                    {"by", e.user},
                    {"at", e.at},
                    {"case_sha256", e.case_sha256}};
      if (e.kind == store::CaseEventKind::kDecision) {
        other["decision"] = e.decision;
        other["rationale"] = e.rationale;
        other["remedy"] = e.remedy;
        if (!e.remedy_due.empty()) other["remedy_due"] = e.remedy_due;
        if (!e.party.empty()) other["party"] = e.party;
      }
      t.other_case_events.push_back(std::move(other));
    } else if (e.kind == store::CaseEventKind::kClaim) {
      if (!t.holder.empty() && t.holder != e.user) {
        t.takeovers.push_back(
            {{"by", e.user}, {"from", t.holder}, {"at", e.at}, {"reason", e.rationale}});
      }
      t.holder = e.user;
      if (t.state == CaseState::kOpen) t.state = CaseState::kUnderReview;
    } else if (e.kind == store::CaseEventKind::kRelease) {
      t.holder.clear();
    } else {
      t.state = ParseCaseState(e.decision).value_or(t.state);
      t.remedy_due = e.remedy_due;
      t.decisions.push_back({{"decision", e.decision},
                             {"by", e.user},
                             {"at", e.at},
                             {"rationale", e.rationale},
                             {"remedy", e.remedy}});
      if (!e.remedy_due.empty()) t.decisions.back()["remedy_due"] = e.remedy_due;
      if (!e.party.empty()) t.decisions.back()["party"] = e.party;
      if (t.state == CaseState::kClosed || t.state == CaseState::kUnverifiable) t.holder.clear();
    }
  }
  return t;
}

namespace {

// The edit on the parsed record: what CaseViewText must print.
std::string EditedRecord(const std::string& opened, const Triage& t) {
  json j = json::parse(opened);
  j["state"] = ToString(t.state);
  j["claimed_by"] = t.holder;
  j["decisions"] = t.decisions;
  if (!t.takeovers.empty()) j["takeovers"] = t.takeovers;
  if (!t.other_case_events.empty()) j["other_case_events"] = t.other_case_events;
  return j.dump();
}

// Where the top-level "state" string value starts and ends in compact JSON text: found by a scan
// that tracks strings and nesting, so that the same key in a nested object, or the pattern
// inside a string value, is passed over. npos when the text has no such key, or spells it with
// spaces (the caller then edits the parsed record instead).
std::pair<size_t, size_t> TopLevelStateValue(const std::string& text) {
  static constexpr std::string_view kStateKey = "\"state\":\"";
  constexpr auto kNone = std::make_pair(std::string::npos, std::string::npos);
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (in_string) {
      if (ch == '\\') {
        ++i;
      } else if (ch == '"') {
        in_string = false;
      }
    } else if (ch == '{' || ch == '[') {
      ++depth;
    } else if (ch == '}' || ch == ']') {
      --depth;
    } else if (ch == '"') {
      if (depth == 1 && text.compare(i, kStateKey.size(), kStateKey) == 0) {
        const size_t value = i + kStateKey.size();
        for (size_t j = value; j < text.size(); ++j) {
          if (text[j] == '\\') return kNone;  // a state name has no escapes
          if (text[j] == '"') return {value, j};
        }
        return kNone;
      }
      in_string = true;
    }
  }
  return kNone;
}

}  // namespace

std::string CaseViewText(const std::string& opened, const Triage& t) {
  const auto [value, value_end] = TopLevelStateValue(opened);
  if (value == std::string::npos || opened.back() != '}') return EditedRecord(opened, t);
  std::string out;
  out.reserve(opened.size() + 64);
  out.append(opened, 0, value);
  out += ToString(t.state);
  out.append(opened, value_end, opened.size() - 1 - value_end);
  out += ",\"claimed_by\":" + json(t.holder).dump() + ",\"decisions\":" + t.decisions.dump();
  if (!t.takeovers.empty()) out += ",\"takeovers\":" + t.takeovers.dump();
  if (!t.other_case_events.empty()) out += ",\"other_case_events\":" + t.other_case_events.dump();
  out += '}';
  return out;
}

}  // namespace guarantor::server
