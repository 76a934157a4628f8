#include "server/ledger_plan.h"

#include <cctype>
#include <cmath>
#include <utility>

#include <nlohmann/json.hpp>

#include "scenario/scenario_loader.h"
#include "store/store.h"

namespace guarantor::server {
namespace {

using json = nlohmann::ordered_json;

// Ledger ids start with their party's id in lower case and a hyphen ("fr-" for FR): ids of
// different parties never collide, so refusing a taken id tells an author nothing of another
// party's records.
std::string IdPrefix(const std::string& party) {
  std::string prefix = party;
  for (char& ch : prefix) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return prefix + "-";
}

EntryCheck Refuse(EntryCheck::Verdict verdict, std::string message) {
  return EntryCheck{verdict, std::move(message)};
}

EntryCheck Malformed(std::string message) {
  return Refuse(EntryCheck::Verdict::kMalformed, std::move(message));
}

std::string Quoted(const std::string& s) { return json(s).dump(); }

std::string JoinErrors(const std::vector<Diagnostic>& errors) {
  std::string out;
  for (const Diagnostic& d : errors) out += (out.empty() ? "" : "; ") + d.ToString();
  return out;
}

// What an author of the ledger may be told about: coalition records and its own (a
// delegation's view, the narrowest of those who may append).
store::ReadScope AuthorView(const std::string& author) {
  return store::ReadScope{Classification::kCoalition, author};
}

}  // namespace

Classification EntryClassification(const ledger::LedgerEntry& e) {
  try {
    const json payload = json::parse(e.payload);
    if (payload.is_object() && payload.contains("classification") &&
        payload["classification"].is_string()) {
      return ParseClassification(payload["classification"].get<std::string>())
          .value_or(Classification::kNational);
    }
  } catch (const json::exception&) {
    return Classification::kNational;  // unreadable: the narrowest audience
  }
  return Classification::kCoalition;
}

struct LedgerPlan::Parsed {
  std::optional<Contribution> pledge;
  std::optional<Commitment> commitment;
  // A change of contributions_[target]:
  size_t target = 0;
  std::optional<double> quantity;
  std::optional<int> readiness_days;
  bool withdraw = false;
};

LedgerPlan::LedgerPlan(const Scenario& baseline) : baseline_(baseline) {
  for (const Contribution& c : baseline.contributions) {
    contribution_index_[c.id] = contributions_.size();
    contributions_.push_back(PlannedContribution{c, std::nullopt, {}, std::nullopt});
  }
  for (const Commitment& c : baseline.commitments) {
    commitment_index_[c.id] = commitments_.size();
    commitments_.push_back(PlannedCommitment{c, std::nullopt});
  }
}

EntryCheck LedgerPlan::Check(const ledger::LedgerEntry& entry) const {
  Parsed parsed;
  return Parse(entry, &parsed);
}

EntryCheck LedgerPlan::Parse(const ledger::LedgerEntry& entry, Parsed* out) const {
  switch (entry.kind) {
    case ledger::EntryKind::kPledge:
      return ParsePledge(entry, out);
    case ledger::EntryKind::kContributionChange:
      return ParseChange(entry, out);
    case ledger::EntryKind::kCommitment:
      return ParseCommitment(entry, out);
    case ledger::EntryKind::kCommissionDecision:
    case ledger::EntryKind::kActivation:
    case ledger::EntryKind::kStatement:
      break;
  }
  return EntryCheck{};
}

EntryCheck LedgerPlan::ParsePledge(const ledger::LedgerEntry& entry, Parsed* out) const {
  ItemLoad<Contribution> load = LoadContribution(entry.payload, "payload", baseline_);
  if (!load.ok()) return Malformed(JoinErrors(load.errors));
  const Contribution& c = *load.item;
  if (c.party != entry.author) {
    return Refuse(EntryCheck::Verdict::kNotItsParty,
                  "payload: party: expected " + Quoted(entry.author) +
                      ", the entry's author (a party pledges only its own contributions); found " +
                      Quoted(c.party));
  }
  if (!c.id.starts_with(IdPrefix(c.party))) {
    return Malformed("payload: id: expected an id starting with " + Quoted(IdPrefix(c.party)) +
                     " (the ids a party adds on the ledger start with its own); found " +
                     Quoted(c.id));
  }
  if (auto it = contribution_index_.find(c.id); it != contribution_index_.end()) {
    const PlannedContribution& taken = contributions_[it->second];
    return Malformed("payload: id: expected a contribution id not used before; found " +
                     Quoted(c.id) + ", already " +
                     (taken.pledged_in
                          ? "pledged at ledger entry " + std::to_string(*taken.pledged_in)
                          : std::string("a contribution of the scenario")));
  }
  out->pledge = std::move(*load.item);
  return EntryCheck{EntryCheck::Verdict::kApplies, ""};
}

EntryCheck LedgerPlan::ParseChange(const ledger::LedgerEntry& entry, Parsed* out) const {
  json payload = json::parse(entry.payload, nullptr, /*allow_exceptions=*/false);
  if (!payload.is_object()) return Malformed("payload: expected a JSON object");
  const char* const kFields = "contribution, quantity, readiness_days, withdrawn, classification";
  for (const auto& [key, value] : payload.items()) {
    if (key != "contribution" && key != "quantity" && key != "readiness_days" &&
        key != "withdrawn" && key != "classification") {
      return Malformed("payload: " + key + ": unknown field; expected " + kFields);
    }
  }
  if (!payload.contains("contribution") || !payload["contribution"].is_string() ||
      payload["contribution"].get<std::string>().empty()) {
    return Malformed(
        "payload: contribution: expected the id of the contribution to change; found " +
        (payload.contains("contribution") ? payload["contribution"].dump()
                                          : std::string("nothing")));
  }
  const std::string id = payload["contribution"].get<std::string>();
  if (payload.contains("quantity")) {
    const json& q = payload["quantity"];
    if (!q.is_number() || !std::isfinite(q.get<double>()) || q.get<double>() < 0.001 ||
        q.get<double>() > 1e9) {
      return Malformed("payload: quantity: expected a number in [0.001, 1e+09]; found " + q.dump());
    }
    out->quantity = q.get<double>();
  }
  if (payload.contains("readiness_days")) {
    const json& r = payload["readiness_days"];
    if (!r.is_number_integer() || r.get<int64_t>() < 0 || r.get<int64_t>() > 3650) {
      return Malformed("payload: readiness_days: expected a whole number in [0, 3650]; found " +
                       r.dump());
    }
    out->readiness_days = static_cast<int>(r.get<int64_t>());
  }
  if (payload.contains("withdrawn")) {
    if (payload["withdrawn"] != true) {
      return Malformed(
          "payload: withdrawn: expected true (a withdrawal is final: pledge anew instead); "
          "found " +
          payload["withdrawn"].dump());
    }
    if (out->quantity || out->readiness_days) {
      return Malformed(
          "payload: withdrawn: expected alone, without quantity or readiness_days (a withdrawn "
          "contribution has none)");
    }
    out->withdraw = true;
  }
  if (!out->withdraw && !out->quantity && !out->readiness_days) {
    return Malformed("payload: expected at least one of quantity, readiness_days, withdrawn");
  }
  if (payload.contains("classification")) {
    const json& c = payload["classification"];
    if (!c.is_string() || !ParseClassification(c.get<std::string>())) {
      return Malformed(
          "payload: classification: expected one of: public, coalition, restricted, national; "
          "found " +
          c.dump());
    }
  }
  auto it = contribution_index_.find(id);
  if (it == contribution_index_.end() ||
      !store::CanRead(AuthorView(entry.author),
                      contributions_[it->second].contribution.classification,
                      contributions_[it->second].contribution.party)) {
    return Malformed("payload: contribution: expected the id of a contribution of " +
                     Quoted(entry.author) + "; found " + Quoted(id));
  }
  const PlannedContribution& target = contributions_[it->second];
  if (target.contribution.party != entry.author) {
    return Refuse(EntryCheck::Verdict::kNotItsParty,
                  "payload: contribution: " + Quoted(id) + " is " + target.contribution.party +
                      "'s; only " + target.contribution.party + " may change it");
  }
  if (target.withdrawn_in) {
    return Malformed("payload: contribution: " + Quoted(id) + " was withdrawn at ledger entry " +
                     std::to_string(*target.withdrawn_in) + "; pledge anew under a new id");
  }
  const Classification own = EntryClassification(entry);
  if (own < target.contribution.classification) {
    return Malformed("payload: classification: expected " +
                     Quoted(std::string(ToString(target.contribution.classification))) +
                     " or narrower, that of " + Quoted(id) +
                     " (a change reaches no reader its contribution does not); found " +
                     Quoted(std::string(ToString(own))) +
                     (payload.contains("classification") ? "" : " (the default)"));
  }
  out->target = it->second;
  return EntryCheck{EntryCheck::Verdict::kApplies, ""};
}

EntryCheck LedgerPlan::ParseCommitment(const ledger::LedgerEntry& entry, Parsed* out) const {
  ItemLoad<Commitment> load = LoadCommitment(entry.payload, "payload", baseline_);
  if (!load.ok()) return Malformed(JoinErrors(load.errors));
  const Commitment& c = *load.item;
  if (c.party != entry.author) {
    return Refuse(EntryCheck::Verdict::kNotItsParty,
                  "payload: party: expected " + Quoted(entry.author) +
                      ", the entry's author (a party commits only itself); found " +
                      Quoted(c.party));
  }
  if (!c.id.starts_with(IdPrefix(c.party))) {
    return Malformed("payload: id: expected an id starting with " + Quoted(IdPrefix(c.party)) +
                     " (the ids a party adds on the ledger start with its own); found " +
                     Quoted(c.id));
  }
  if (auto it = commitment_index_.find(c.id); it != commitment_index_.end()) {
    const PlannedCommitment& taken = commitments_[it->second];
    return Malformed("payload: id: expected a commitment id not used before; found " +
                     Quoted(c.id) + ", already " +
                     (taken.committed_in
                          ? "committed at ledger entry " + std::to_string(*taken.committed_in)
                          : std::string("a commitment of the scenario")));
  }
  out->commitment = std::move(*load.item);
  return EntryCheck{EntryCheck::Verdict::kApplies, ""};
}

void LedgerPlan::Apply(const ledger::LedgerEntry& entry) {
  snapshot_.reset();
  ++size_;
  Parsed parsed;
  const EntryCheck check = Parse(entry, &parsed);
  switch (check.verdict) {
    case EntryCheck::Verdict::kOutsidePlans:
      return;
    case EntryCheck::Verdict::kMalformed:
    case EntryCheck::Verdict::kNotItsParty:
      ignored_.push_back(IgnoredEntry{entry.sequence, entry.kind, entry.author,
                                      EntryClassification(entry), check.message});
      return;
    case EntryCheck::Verdict::kApplies:
      break;
  }
  if (parsed.pledge) {
    contribution_index_[parsed.pledge->id] = contributions_.size();
    contributions_.push_back(
        PlannedContribution{std::move(*parsed.pledge), entry.sequence, {}, std::nullopt});
  } else if (parsed.commitment) {
    commitment_index_[parsed.commitment->id] = commitments_.size();
    commitments_.push_back(PlannedCommitment{std::move(*parsed.commitment), entry.sequence});
  } else {
    PlannedContribution& c = contributions_[parsed.target];
    c.changed_in.push_back(entry.sequence);
    if (parsed.quantity) c.contribution.quantity = *parsed.quantity;
    if (parsed.readiness_days) c.contribution.readiness_days = *parsed.readiness_days;
    if (parsed.withdraw) c.withdrawn_in = entry.sequence;
  }
}

std::shared_ptr<const PlanSnapshot> LedgerPlan::Snapshot() {
  if (snapshot_) return snapshot_;
  auto s = std::make_shared<PlanSnapshot>();
  s->ledger_size = size_;
  s->contributions = contributions_;
  s->commitments = commitments_;
  s->ignored = ignored_;
  Scenario& p = s->planned;
  p.id = baseline_.id;
  p.name = baseline_.name;
  p.parties = baseline_.parties;
  p.regions = baseline_.regions;
  p.planning = baseline_.planning;
  p.requirements = baseline_.requirements;
  p.triggers = baseline_.triggers;
  for (const PlannedContribution& c : contributions_) {
    if (!c.withdrawn_in) p.contributions.push_back(c.contribution);
  }
  for (const PlannedCommitment& c : commitments_) p.commitments.push_back(c.commitment);
  snapshot_ = s;
  return snapshot_;
}

}  // namespace guarantor::server
