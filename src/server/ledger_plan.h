// LedgerPlan: the force and guarantee plans as the ledger records them. The scenario's
// contributions and commitments are the baseline; the ledger's `pledge`, `contribution_change`
// and `commitment` entries are folded onto it in sequence order (docs/ledger.md §3.1):
//
//   LedgerPlan plan(scenario);
//   EntryCheck check = plan.Check(entry);       // before appending: refuse what would not apply
//   ...append...
//   plan.Apply(stored);                          // every entry, in sequence order
//   std::shared_ptr<const PlanSnapshot> now = plan.Snapshot();   // what the endpoints serve
//
// A pledge adds a contribution (the payload is one item of the scenario's `contributions`, read
// by the scenario loader with the same rules and messages), a contribution_change changes the
// quantity or readiness of one, or withdraws it, and a commitment adds a commitment (an item of
// `commitments`). Only a contribution's or commitment's own party may pledge, change or commit
// it. An entry on the ledger that breaks a rule (one appended by another process, or before the
// rules existed) changes nothing and is listed in the snapshot's `ignored`, with the reason;
// the service refuses such an entry before it is appended, with the same check.
//
// Entries of other kinds are counted (size()) and otherwise left alone.
//
// Thread safety: not thread-safe (the service holds it under its ledger mutex). A snapshot is
// immutable and may be read from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ledger/ledger_entry.h"
#include "model/classification.h"
#include "scenario/scenario.h"

namespace guarantor::server {

// An entry's own classification: its payload's "classification" field, coalition when absent, and
// national (the narrowest audience) when the payload or the field cannot be read.
Classification EntryClassification(const ledger::LedgerEntry& entry);

struct PlannedContribution {
  Contribution contribution;             // as changed by the entries in `changed_in`
  std::optional<uint64_t> pledged_in;    // the pledge's ledger sequence; none: the scenario's
  std::vector<uint64_t> changed_in;      // contribution_change entries applied, in order
  std::optional<uint64_t> withdrawn_in;  // the withdrawal; a withdrawn contribution serves nothing
};

struct PlannedCommitment {
  Commitment commitment;
  std::optional<uint64_t> committed_in;  // the entry's ledger sequence; none: the scenario's
};

// A plan entry on the ledger that changed nothing, and why.
struct IgnoredEntry {
  uint64_t sequence = 0;
  ledger::EntryKind kind = ledger::EntryKind::kStatement;
  std::string author;
  Classification classification = Classification::kNational;  // EntryClassification
  std::string reason;
};

// The plans after the first `ledger_size` entries.
struct PlanSnapshot {
  uint64_t ledger_size = 0;
  std::vector<PlannedContribution> contributions;  // the scenario's, then the ledger's, in order
  std::vector<PlannedCommitment> commitments;      // likewise
  std::vector<IgnoredEntry> ignored;               // in sequence order
  // The sections of the scenario plans are computed from (parties, regions, planning,
  // requirements, triggers), with the contributions not withdrawn and every commitment. The
  // agreement's geometry and the other sections are left out: sourcing does not read them.
  Scenario planned;
};

struct EntryCheck {
  enum class Verdict {
    kApplies,       // a plan entry that applies
    kOutsidePlans,  // another kind: the plans do not read it
    kMalformed,     // its payload breaks a rule; `message` names the field
    kNotItsParty,   // it pledges, changes or commits for a party other than its author
  };
  Verdict verdict = Verdict::kOutsidePlans;
  std::string message;
};

class LedgerPlan {
 public:
  // REQUIRES: `baseline` outlives the plan.
  explicit LedgerPlan(const Scenario& baseline);

  // Whether `entry`, appended next, would apply. Messages never name a record its author may not
  // read (a delegation's view: coalition records and its own).
  EntryCheck Check(const ledger::LedgerEntry& entry) const;
  // Folds the next entry. REQUIRES: entry.sequence == size().
  void Apply(const ledger::LedgerEntry& entry);
  // How many entries are folded.
  uint64_t size() const { return size_; }
  // The plans now (built once per change).
  std::shared_ptr<const PlanSnapshot> Snapshot();

 private:
  struct Parsed;  // what a plan entry applies
  EntryCheck Parse(const ledger::LedgerEntry& entry, Parsed* out) const;
  EntryCheck ParsePledge(const ledger::LedgerEntry& entry, Parsed* out) const;
  EntryCheck ParseChange(const ledger::LedgerEntry& entry, Parsed* out) const;
  EntryCheck ParseCommitment(const ledger::LedgerEntry& entry, Parsed* out) const;

  const Scenario& baseline_;
  uint64_t size_ = 0;
  std::vector<PlannedContribution> contributions_;
  std::map<std::string, size_t> contribution_index_;
  std::vector<PlannedCommitment> commitments_;
  std::map<std::string, size_t> commitment_index_;
  std::vector<IgnoredEntry> ignored_;
  std::shared_ptr<const PlanSnapshot> snapshot_;  // null when stale
};

}  // namespace guarantor::server
