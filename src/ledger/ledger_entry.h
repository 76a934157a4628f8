// LedgerEntry: one signed, hash-chained record of the ledger (a pledge, a contribution change, a
// commitment, a Commission decision, an activation, ...), and its canonical encoding.
//
// The entry body is a byte string that fixes every field unambiguously (see docs/ledger.md §3):
//
//   "guarantor.ledger.entry.v1" 0x00
//   sequence (8 bytes, big-endian)
//   kind, author, recorded_at, payload (each: 4-byte big-endian length, then the bytes)
//   previous_hash (32 bytes; all zero for sequence 0)
//
//   entry_hash = SHA-256(body)                      the chain: the next entry's previous_hash
//   signature  = Ed25519(author's key, body)
//   leaf hash  = SHA-256(0x00 || body || signature) the entry's leaf in the Merkle tree
//
// Because the sequence and the previous hash are inside the signed body, moving an entry to
// another place, or changing anything before it, invalidates it.
//
// Thread safety: value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ledger/digest.h"
#include "ledger/signing_key.h"

namespace guarantor::ledger {

// What an entry records. Persisted by name (the names below), never by number.
enum class EntryKind {
  kPledge,              // "pledge": a nation pledges a contribution
  kContributionChange,  // "contribution_change": a pledged contribution changes or is withdrawn
  kCommitment,          // "commitment": a guarantor's commitment to act when a trigger fires
  kCommissionDecision,  // "commission_decision": a Special Commission finding or remedy
  kActivation,          // "activation": a commitment is activated
  kStatement,           // "statement": any other signed statement of a party
};

std::string_view ToString(EntryKind kind);
std::optional<EntryKind> ParseEntryKind(std::string_view name);
// "pledge, contribution_change, ..." for error messages and --help.
std::string EntryKindNames();

struct LedgerEntry {
  uint64_t sequence = 0;  // 0-based; equals the entry's leaf index in the Merkle tree
  EntryKind kind = EntryKind::kStatement;
  std::string author;       // the party whose key signed the entry
  std::string recorded_at;  // RFC 3339, when the entry was appended
  std::string payload;      // compact JSON text, exactly as signed
  Digest previous_hash{};   // entry_hash of sequence - 1; all zero for sequence 0
  Digest entry_hash{};      // SHA-256 of the body
  Signature signature{};    // the author's Ed25519 signature of the body
};

// The canonical body, which is hashed and signed. `kind_name` is taken as text so that a stored
// kind name that is not one of EntryKind's still hashes to something (and fails verification).
std::string EncodeEntryBody(uint64_t sequence, std::string_view kind_name, std::string_view author,
                            std::string_view recorded_at, std::string_view payload,
                            const Digest& previous_hash);
std::string EncodeEntryBody(const LedgerEntry& entry);

// SHA-256(0x00 || body || signature).
Digest EntryLeafHash(const LedgerEntry& entry);

// Fills sequence-dependent fields: previous_hash, entry_hash and signature by `author_key`.
void SealEntry(const Digest& previous_hash, const KeyPair& author_key, LedgerEntry* entry);

// An entry as one JSON object, with the payload as a JSON string holding exactly the signed bytes
// (so that anyone can recompute the entry's hashes from it):
//   {"sequence":3,"kind":"pledge","author":"FR","recorded_at":"…","payload":"{\"units\":2}",
//    "previous_hash":"<64 hex>","entry_hash":"<64 hex>","signature":"<128 hex>"}
std::string EntryToJson(const LedgerEntry& entry);
// Reads that form, checking every field; does not check the hashes or the signature.
Result<LedgerEntry> EntryFromJson(std::string_view json_text);

// Party names are [A-Za-z0-9][A-Za-z0-9_-]{0,63}: they name key files, so no path separators.
Status ValidatePartyName(std::string_view party);

}  // namespace guarantor::ledger
