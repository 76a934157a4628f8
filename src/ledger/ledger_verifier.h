// VerifyLedger: checks a stored ledger from first principles, trusting only the public keys in
// the registry and the tree heads (the log's stored ones and any a delegation kept).
//
//   Result<VerifyReport> report = VerifyLedger(store, keys, kept_heads);
//   if (report.ok() && !report->ok()) Print(report->problems.front());
//
// For every entry, in sequence order: the sequence is the next one (no gap), the stored fields
// hash to the stored entry hash, the signature verifies with the author's registered key, and the
// previous hash is the hash of the entry before. Entry checking stops at the first bad entry:
// everything after it is suspect. A failing entry is diagnosed: an entry whose body hashes right
// under another sequence was moved (deleted, inserted or reordered entries around it); one whose
// successor was signed for its place was inserted; otherwise its content was altered.
// Then every tree head must carry a valid log signature, must not be larger than the ledger
// (truncation) and, if the entries are intact, must match the Merkle root of the entries it covers
// (a mismatch is a rewritten or forked history).
//
// Thread safety: reads the store and key store only.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ledger/digest.h"
#include "ledger/key_store.h"
#include "ledger/ledger_store.h"
#include "ledger/tree_head.h"

namespace guarantor::ledger {

enum class ProblemKind {
  kAltered,        // the stored fields no longer hash to the entry hash
  kBadSignature,   // the hash is right but the author's key did not sign it (forged, re-hashed)
  kUnknownAuthor,  // the author has no registered public key
  kDeleted,        // an entry is missing (a gap, or a later entry signed for a later place)
  kInserted,       // an entry is not part of the signed history (its successor was signed here)
  kReordered,      // an entry sits at another place than the one it was signed for
  kBrokenChain,    // an entry's previous hash is not the hash of the entry before it
  kTruncated,      // a signed tree head covers more entries than the ledger holds
  kFork,           // the entries give another root than a signed tree head of their size
  kBadTreeHead,    // a tree head is malformed or not signed by the log key
};
std::string_view ToString(ProblemKind kind);

struct LedgerProblem {
  ProblemKind kind;
  std::optional<uint64_t> sequence;  // the first entry concerned, when one can be named
  std::string message;
};

struct VerifyReport {
  uint64_t entries = 0;           // rows in the entries table
  uint64_t verified_entries = 0;  // entries that passed every entry check, from sequence 0
  uint64_t tree_heads_checked = 0;
  std::optional<Digest> root_hash;      // MTH of all entries, when they are all intact
  std::vector<LedgerProblem> problems;  // the first bad entry first, then tree head problems

  bool ok() const { return problems.empty(); }
};

// `kept_heads`: heads a delegation kept (for example from `guarantor ledger head`), checked like
// the log's stored ones. An error only when the store cannot be read.
Result<VerifyReport> VerifyLedger(const LedgerStore& store, const KeyStore& keys,
                                  std::span<const SignedTreeHead> kept_heads);

}  // namespace guarantor::ledger
