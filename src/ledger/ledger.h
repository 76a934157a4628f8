// Ledger: the append-only, signed, hash-chained record of pledges, contribution changes,
// commitments, Commission decisions and activations, with a Merkle tree over its entries and
// signed tree heads (docs/ledger.md).
//
//   std::unique_ptr<KeyStore> keys = NewFileKeyStore("data");
//   SystemClock clock;
//   Result<std::unique_ptr<Ledger>> ledger =
//       Ledger::Open("data", *keys, clock, LedgerStore::Mode::kCreate);
//   Result<LedgerEntry> e = (*ledger)->Append(EntryKind::kPledge, "FR", R"({"units":2})");
//   Result<SignedTreeHead> head = (*ledger)->LatestHead();   // a delegation keeps this
//
// Every Append signs the entry with the author's key, chains it to the previous entry, and signs
// a new tree head with the log key, all stored in one durable transaction. An Append refuses to
// extend a ledger whose entries no longer give the root of its last signed tree head, so that the
// log never signs a tampered history.
//
// Thread safety: one Ledger per thread; several processes may append to the same data directory.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "ledger/clock.h"
#include "ledger/key_store.h"
#include "ledger/ledger_entry.h"
#include "ledger/ledger_store.h"
#include "ledger/proof_document.h"
#include "ledger/tree_head.h"

namespace guarantor::ledger {

// The ledger database inside a data directory.
std::string LedgerDatabasePath(const std::string& data_dir);

// What a kept tree head says about the current ledger.
struct KeptHeadCheck {
  enum class Outcome {
    kConsistent,  // the kept head's tree is a prefix of the current one (proof attached)
    kRewritten,   // the entries covered by the kept head are no longer the same
    kTruncated,   // the ledger is now shorter than the kept head
  };
  Outcome outcome = Outcome::kConsistent;
  SignedTreeHead current;                         // the log's latest signed head
  std::optional<ConsistencyProofDocument> proof;  // kConsistent: kept -> current
  // kRewritten: the log's own signed head of the kept size, when its root differs from the kept
  // one. The two heads together prove that the log signed two histories (a fork).
  std::optional<SignedTreeHead> conflicting_head;
  std::string explanation;
};

class Ledger {
 public:
  // `keys` and `clock` are borrowed and must outlive the Ledger. kCreate creates the data
  // directory, the database and the log key if missing; kExisting changes nothing.
  static Result<std::unique_ptr<Ledger>> Open(const std::string& data_dir, KeyStore& keys,
                                              Clock& clock, LedgerStore::Mode mode);

  // The largest payload an entry takes.
  static constexpr size_t kMaxPayloadBytes = 1 << 20;

  // Appends an entry by `author`, signed with the author's secret key. `payload_json` must be a
  // JSON object of at most kMaxPayloadBytes; it is stored in compact form (key order kept).
  // Returns the entry once durable.
  Result<LedgerEntry> Append(EntryKind kind, std::string_view author,
                             std::string_view payload_json);

  // Appends an entry sealed elsewhere by its author (the CLI or a browser: the server that runs
  // the log never holds a party's secret key). Checks, before anything is written, that the
  // entry is the next one (its sequence and previous hash match the ledger's end; else
  // FailedPrecondition, so that the author can re-seal against the new end), that its author has
  // a registered public key, that its kind is known, its payload a compact JSON object of at most
  // kMaxPayloadBytes and its recorded_at an RFC 3339 time, and that its entry hash and signature
  // are right (else InvalidArgument naming the field). Then signs a new tree head with the log key.
  Result<LedgerEntry> AppendSealed(const LedgerEntry& entry);

  // The log's most recent signed tree head.
  Result<SignedTreeHead> LatestHead() const;

  // Entry `sequence` as stored (NotFound beyond the end; InvalidArgument if its row is damaged).
  Result<LedgerEntry> ReadEntry(uint64_t sequence) const;
  // At most `limit` entries from sequence `first` on, as stored (InvalidArgument if a row is
  // damaged). Reads only those rows.
  Result<std::vector<LedgerEntry>> ReadEntries(uint64_t first, uint64_t limit) const;

  // Inclusion proof of entry `sequence` in the tree of `tree_size` entries (default: all).
  Result<InclusionProofDocument> ProveInclusion(uint64_t sequence,
                                                std::optional<uint64_t> tree_size) const;
  // Consistency proof from the tree of `first_size` entries to that of `second_size` (default:
  // all).
  Result<ConsistencyProofDocument> ProveConsistency(uint64_t first_size,
                                                    std::optional<uint64_t> second_size) const;

  // Checks a head a delegation kept against the current ledger. An error when `kept` is not
  // signed by this ledger's log key.
  Result<KeptHeadCheck> CheckKeptHead(const SignedTreeHead& kept) const;

  LedgerStore& store() { return *store_; }
  // The clock the ledger stamps entries with: the time of the system it serves.
  Clock& clock() { return clock_; }

 private:
  Ledger(std::unique_ptr<LedgerStore> store, KeyStore& keys, Clock& clock)
      : store_(std::move(store)), keys_(keys), clock_(clock) {}

  // The ledger as the log last signed it: the leaf hashes of all entries, after checking that
  // they give the root of the latest signed head (else FailedPrecondition: run verify).
  struct SignedState {
    std::vector<Digest> leaf_hashes;
    Digest last_entry_hash{};  // all zero when empty
    SignedTreeHead head;
  };
  Result<SignedState> ReadSignedState() const;

  std::unique_ptr<LedgerStore> store_;
  KeyStore& keys_;
  Clock& clock_;
};

}  // namespace guarantor::ledger
