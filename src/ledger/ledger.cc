#include "ledger/ledger.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>

#include "ledger/merkle_tree.h"
#include "model/timestamp.h"

namespace guarantor::ledger {
namespace {

Status NotMatchingHead(const std::string& path, const std::string& why) {
  return Status::FailedPrecondition(path + ": " + why +
                                    "; run `guarantor ledger verify` to find what changed");
}

}  // namespace

std::string LedgerDatabasePath(const std::string& data_dir) { return data_dir + "/ledger.db"; }

Result<std::unique_ptr<Ledger>> Ledger::Open(const std::string& data_dir, KeyStore& keys,
                                             Clock& clock, LedgerStore::Mode mode) {
  RETURN_IF_ERROR(InitCrypto());
  if (mode == LedgerStore::Mode::kCreate) {
    if (mkdir(data_dir.c_str(), 0755) != 0 && errno != EEXIST) {
      return Status::IoError("cannot create data directory " + data_dir + ": " +
                             std::strerror(errno));
    }
  }
  ASSIGN_OR_RETURN(std::unique_ptr<LedgerStore> store,
                   LedgerStore::Open(LedgerDatabasePath(data_dir), mode));
  std::unique_ptr<Ledger> ledger(new Ledger(std::move(store), keys, clock));
  if (mode == LedgerStore::Mode::kCreate) {
    // Under the write lock: two processes making their first append at once must not both
    // create a log key.
    LedgerStore& store_ref = *ledger->store_;
    RETURN_IF_ERROR(store_ref.InWriteTransaction([&]() -> Status {
      ASSIGN_OR_RETURN(std::optional<StoredTreeHead> latest, store_ref.LatestTreeHead());
      Result<KeyPair> log_key = keys.LoadKeyPair(kLogKeyName);
      if (!log_key.ok() && log_key.status().code() == StatusCode::kNotFound) {
        // A new log gets a new key; a log that has signed heads must keep its key, or nobody's
        // kept heads could be checked against it any more.
        if (latest) {
          return Status::FailedPrecondition(
              "the log key is missing (" + log_key.status().message() +
              "), but the ledger has signed tree heads: restore the key rather than replace it");
        }
        RETURN_IF_ERROR(keys.Create(kLogKeyName).status());
        log_key = keys.LoadKeyPair(kLogKeyName);
      }
      if (!log_key.ok()) return log_key.status();
      if (latest) return Status::Ok();
      // The empty ledger's head: MTH({}) = SHA-256 of the empty string.
      return store_ref.StoreTreeHeadIfAbsent(
          SignTreeHead(0, MerkleTreeHash({}), clock.Now().ToRfc3339(), *log_key));
    }));
  }
  return ledger;
}

Result<Ledger::SignedState> Ledger::ReadSignedState() const {
  ASSIGN_OR_RETURN(PublicKey log_key, keys_.LoadPublicKey(kLogKeyName));
  std::optional<StoredTreeHead> latest;
  std::vector<StoredEntry> rows;
  RETURN_IF_ERROR(store_->ReadSnapshot([&]() -> Status {
    ASSIGN_OR_RETURN(latest, store_->LatestTreeHead());
    ASSIGN_OR_RETURN(rows, store_->ReadEntries());
    return Status::Ok();
  }));
  if (!latest) return NotMatchingHead(store_->path(), "the ledger has no signed tree head");
  ASSIGN_OR_RETURN(SignedTreeHead head, DecodeStoredTreeHead(*latest));
  RETURN_IF_ERROR(VerifyTreeHeadSignature(head, log_key));
  SignedState state;
  state.leaf_hashes.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    Result<LedgerEntry> entry = DecodeStoredEntry(rows[i]);
    if (!entry.ok()) return NotMatchingHead(store_->path(), entry.status().message());
    if (entry->sequence != i) {
      return NotMatchingHead(store_->path(), "entry " + std::to_string(i) + " is missing");
    }
    state.leaf_hashes.push_back(EntryLeafHash(*entry));
    state.last_entry_hash = entry->entry_hash;
  }
  if (head.tree_size != rows.size() || MerkleTreeHash(state.leaf_hashes) != head.root_hash) {
    return NotMatchingHead(store_->path(),
                           "the " + std::to_string(rows.size()) +
                               " stored entries do not give the root of the last signed tree "
                               "head (size " +
                               std::to_string(head.tree_size) + ")");
  }
  state.head = head;
  return state;
}

Result<LedgerEntry> Ledger::Append(EntryKind kind, std::string_view author,
                                   std::string_view payload_json) {
  RETURN_IF_ERROR(ValidatePartyName(author));
  nlohmann::ordered_json payload;
  try {
    payload = nlohmann::ordered_json::parse(payload_json);
  } catch (const nlohmann::json::parse_error& e) {
    return Status::InvalidArgument(
        "payload: expected a JSON object; found malformed JSON at byte " + std::to_string(e.byte));
  }
  if (!payload.is_object()) {
    return Status::InvalidArgument(std::string("payload: expected a JSON object; found ") +
                                   payload.type_name());
  }
  if (payload_json.size() > kMaxPayloadBytes) {
    return Status::InvalidArgument("payload: expected at most " + std::to_string(kMaxPayloadBytes) +
                                   " bytes; found " + std::to_string(payload_json.size()));
  }
  std::string compact;
  try {
    compact = payload.dump();
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument(std::string("payload: ") + e.what());
  }
  ASSIGN_OR_RETURN(KeyPair author_key, keys_.LoadKeyPair(author));
  ASSIGN_OR_RETURN(KeyPair log_key, keys_.LoadKeyPair(kLogKeyName));
  // Read, sign and write under the write lock: no other writer can append in between.
  return store_->AppendLocked([&]() -> Result<LedgerStore::AppendRecord> {
    ASSIGN_OR_RETURN(SignedState state, ReadSignedState());
    LedgerStore::AppendRecord record;
    LedgerEntry& entry = record.entry;
    entry.sequence = state.leaf_hashes.size();
    entry.kind = kind;
    entry.author = std::string(author);
    entry.recorded_at = clock_.Now().ToRfc3339();
    entry.payload = compact;
    SealEntry(state.last_entry_hash, author_key, &entry);
    state.leaf_hashes.push_back(EntryLeafHash(entry));
    record.head = SignTreeHead(state.leaf_hashes.size(), MerkleTreeHash(state.leaf_hashes),
                               entry.recorded_at, log_key);
    return record;
  });
}

Result<LedgerEntry> Ledger::AppendSealed(const LedgerEntry& entry) {
  RETURN_IF_ERROR(ValidatePartyName(entry.author));
  if (entry.payload.size() > kMaxPayloadBytes) {
    return Status::InvalidArgument("payload: expected at most " + std::to_string(kMaxPayloadBytes) +
                                   " bytes; found " + std::to_string(entry.payload.size()));
  }
  try {
    const nlohmann::ordered_json payload = nlohmann::ordered_json::parse(entry.payload);
    if (!payload.is_object() || payload.dump() != entry.payload) {
      return Status::InvalidArgument("payload: expected a JSON object in compact form");
    }
  } catch (const nlohmann::json::exception&) {
    return Status::InvalidArgument("payload: expected a JSON object; found malformed JSON");
  }
  if (!Timestamp::Parse(entry.recorded_at).ok()) {
    return Status::InvalidArgument("recorded_at: expected an RFC 3339 time; found \"" +
                                   entry.recorded_at + "\"");
  }
  const std::string body = EncodeEntryBody(entry);
  if (Sha256(body) != entry.entry_hash) {
    return Status::InvalidArgument("entry_hash: does not match the entry's fields");
  }
  Result<PublicKey> author_key = keys_.LoadPublicKey(entry.author);
  if (!author_key.ok()) {
    return Status::InvalidArgument("author: \"" + entry.author +
                                   "\" has no registered public key on this ledger");
  }
  if (!VerifySignature(*author_key, body, entry.signature)) {
    return Status::InvalidArgument("signature: not a valid signature of the entry by " +
                                   entry.author + "'s registered key");
  }
  ASSIGN_OR_RETURN(KeyPair log_key, keys_.LoadKeyPair(kLogKeyName));
  return store_->AppendLocked([&]() -> Result<LedgerStore::AppendRecord> {
    ASSIGN_OR_RETURN(SignedState state, ReadSignedState());
    if (entry.sequence != state.leaf_hashes.size() ||
        entry.previous_hash != state.last_entry_hash) {
      return Status::FailedPrecondition(
          "sequence: the entry was sealed for position " + std::to_string(entry.sequence) +
          " after " + ToHex(entry.previous_hash) + "; the ledger's next position is " +
          std::to_string(state.leaf_hashes.size()) + " after " + ToHex(state.last_entry_hash) +
          " (re-seal against the current head)");
    }
    LedgerStore::AppendRecord record;
    record.entry = entry;
    state.leaf_hashes.push_back(EntryLeafHash(entry));
    record.head = SignTreeHead(state.leaf_hashes.size(), MerkleTreeHash(state.leaf_hashes),
                               clock_.Now().ToRfc3339(), log_key);
    return record;
  });
}

Result<SignedTreeHead> Ledger::LatestHead() const {
  ASSIGN_OR_RETURN(SignedState state, ReadSignedState());
  return state.head;
}

Result<LedgerEntry> Ledger::ReadEntry(uint64_t sequence) const {
  ASSIGN_OR_RETURN(std::vector<LedgerEntry> one, ReadEntries(sequence, 1));
  if (!one.empty() && one[0].sequence == sequence) return one[0];
  ASSIGN_OR_RETURN(std::optional<StoredTreeHead> head, store_->LatestTreeHead());
  return Status::NotFound("entry " + std::to_string(sequence) + ": the ledger holds " +
                          std::to_string(head ? head->tree_size : 0) + " entries");
}

Result<std::vector<LedgerEntry>> Ledger::ReadEntries(uint64_t first, uint64_t limit) const {
  constexpr uint64_t kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  ASSIGN_OR_RETURN(std::vector<StoredEntry> rows,
                   store_->ReadEntries(static_cast<int64_t>(std::min(first, kMax)),
                                       static_cast<int64_t>(std::min(limit, kMax))));
  std::vector<LedgerEntry> entries;
  entries.reserve(rows.size());
  for (const StoredEntry& row : rows) {
    ASSIGN_OR_RETURN(LedgerEntry e, DecodeStoredEntry(row));
    entries.push_back(std::move(e));
  }
  return entries;
}

Result<InclusionProofDocument> Ledger::ProveInclusion(uint64_t sequence,
                                                      std::optional<uint64_t> tree_size) const {
  ASSIGN_OR_RETURN(SignedState state, ReadSignedState());
  const uint64_t n = state.leaf_hashes.size();
  const uint64_t size = tree_size.value_or(n);
  if (size > n) {
    return Status::InvalidArgument("--size: expected at most the ledger's " + std::to_string(n) +
                                   " entries; found " + std::to_string(size));
  }
  if (sequence >= size) {
    return Status::InvalidArgument("--entry: expected a sequence below the tree size " +
                                   std::to_string(size) + "; found " + std::to_string(sequence));
  }
  const std::span<const Digest> leaves = std::span<const Digest>(state.leaf_hashes).first(size);
  InclusionProofDocument proof;
  proof.leaf_index = sequence;
  proof.tree_size = size;
  proof.leaf_hash = leaves[sequence];
  proof.root_hash = MerkleTreeHash(leaves);
  proof.audit_path = InclusionPath(leaves, sequence);
  return proof;
}

Result<ConsistencyProofDocument> Ledger::ProveConsistency(
    uint64_t first_size, std::optional<uint64_t> second_size) const {
  ASSIGN_OR_RETURN(SignedState state, ReadSignedState());
  const uint64_t n = state.leaf_hashes.size();
  const uint64_t second = second_size.value_or(n);
  if (second > n) {
    return Status::InvalidArgument("--to: expected at most the ledger's " + std::to_string(n) +
                                   " entries; found " + std::to_string(second));
  }
  if (first_size > second) {
    return Status::InvalidArgument("--from: expected at most --to (" + std::to_string(second) +
                                   "); found " + std::to_string(first_size));
  }
  const std::span<const Digest> leaves = std::span<const Digest>(state.leaf_hashes).first(second);
  ConsistencyProofDocument proof;
  proof.first_size = first_size;
  proof.second_size = second;
  proof.first_root = MerkleTreeHash(leaves.first(first_size));
  proof.second_root = MerkleTreeHash(leaves);
  proof.consistency_path = ConsistencyPath(leaves, first_size);
  return proof;
}

Result<KeptHeadCheck> Ledger::CheckKeptHead(const SignedTreeHead& kept) const {
  ASSIGN_OR_RETURN(PublicKey log_key, keys_.LoadPublicKey(kLogKeyName));
  RETURN_IF_ERROR(VerifyTreeHeadSignature(kept, log_key));
  // The current ledger as stored, even if it no longer matches the log's own last head: a
  // rewritten history must show as such here, not as an error. One snapshot: an append by
  // another process between the reads would otherwise look like a rewrite.
  std::vector<StoredEntry> rows;
  std::optional<StoredTreeHead> latest;
  std::vector<StoredTreeHead> heads;
  RETURN_IF_ERROR(store_->ReadSnapshot([&]() -> Status {
    ASSIGN_OR_RETURN(rows, store_->ReadEntries());
    ASSIGN_OR_RETURN(latest, store_->LatestTreeHead());
    ASSIGN_OR_RETURN(heads, store_->ReadTreeHeads());
    return Status::Ok();
  }));
  std::vector<Digest> leaves;
  for (const StoredEntry& row : rows) {
    Result<LedgerEntry> entry = DecodeStoredEntry(row);
    if (!entry.ok() || entry->sequence != leaves.size()) break;
    leaves.push_back(EntryLeafHash(*entry));
  }
  KeptHeadCheck check;
  if (latest) {
    ASSIGN_OR_RETURN(check.current, DecodeStoredTreeHead(*latest));
  }
  const std::string kept_name =
      "the kept tree head (size " + std::to_string(kept.tree_size) + ", " + kept.timestamp + ")";
  if (kept.tree_size > leaves.size()) {
    check.outcome = KeptHeadCheck::Outcome::kTruncated;
    check.explanation = kept_name + " covers " + std::to_string(kept.tree_size) +
                        " entries, but the ledger now holds " + std::to_string(leaves.size()) +
                        " intact entries: entries from sequence " + std::to_string(leaves.size()) +
                        " on were removed";
    return check;
  }
  const std::span<const Digest> all(leaves);
  const Digest root_then = MerkleTreeHash(all.first(kept.tree_size));
  if (root_then != kept.root_hash) {
    check.outcome = KeptHeadCheck::Outcome::kRewritten;
    check.explanation = kept_name + " has root " + ToHex(kept.root_hash) +
                        ", but the ledger's first " + std::to_string(kept.tree_size) +
                        " entries now give " + ToHex(root_then) + ": the history was rewritten";
    for (const StoredTreeHead& row : heads) {
      if (row.tree_size != static_cast<int64_t>(kept.tree_size)) continue;
      Result<SignedTreeHead> own = DecodeStoredTreeHead(row);
      if (own.ok() && VerifyTreeHeadSignature(*own, log_key).ok() &&
          CompareTreeHeads(*own, kept) == HeadComparison::kFork) {
        check.conflicting_head = *own;
        check.explanation += "; the log also signed root " + ToHex(own->root_hash) +
                             " for this size: the two signed heads prove a fork";
      }
    }
    return check;
  }
  if (check.current.tree_size != leaves.size() || check.current.root_hash != MerkleTreeHash(all)) {
    check.outcome = KeptHeadCheck::Outcome::kRewritten;
    check.explanation =
        kept_name + " matches the ledger's first " + std::to_string(kept.tree_size) +
        " entries, but the ledger's " + std::to_string(leaves.size()) +
        " intact entries do not give the root of its own latest signed head (size " +
        std::to_string(check.current.tree_size) +
        "): later entries were changed; run `guarantor ledger verify`";
    return check;
  }
  ConsistencyProofDocument proof;
  proof.first_size = kept.tree_size;
  proof.second_size = leaves.size();
  proof.first_root = kept.root_hash;
  proof.second_root = MerkleTreeHash(all);
  proof.consistency_path = ConsistencyPath(all, kept.tree_size);
  // Checked the way the delegation would check it, from the kept root alone.
  RETURN_IF_ERROR(VerifyConsistencyProof(proof));
  check.outcome = KeptHeadCheck::Outcome::kConsistent;
  check.proof = proof;
  check.explanation = kept_name + " is consistent with the current ledger of " +
                      std::to_string(leaves.size()) + " entries";
  return check;
}

}  // namespace guarantor::ledger
