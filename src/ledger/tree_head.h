// SignedTreeHead: the log's signed statement "the ledger had `tree_size` entries and this Merkle
// root at `timestamp`". Each delegation keeps the heads it is shown; two heads signed by the same
// log key with the same size and different roots are a proof that the log showed two different
// histories (a fork), and an older head must be consistent with a newer one (RFC 9162 §2.1.4).
//
// Signed bytes (docs/ledger.md §5):
//   "guarantor.ledger.tree-head.v1" 0x00 || tree_size (8 bytes, big-endian) || root_hash (32)
//   || 4-byte big-endian length || timestamp (RFC 3339)
//
// JSON form, which delegations keep in files:
//   {"tree_size":3,"root_hash":"<64 hex>","timestamp":"2026-03-01T10:00:00Z",
//    "log_key":"<64 hex>","signature":"<128 hex>"}
//
// Thread safety: value types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "ledger/digest.h"
#include "ledger/signing_key.h"

namespace guarantor::ledger {

struct SignedTreeHead {
  uint64_t tree_size = 0;
  Digest root_hash{};
  std::string timestamp;  // RFC 3339
  PublicKey log_key{};    // the key that signed; trust comes from the registry, not from here
  Signature signature{};
};

std::string EncodeTreeHeadBody(uint64_t tree_size, const Digest& root_hash,
                               std::string_view timestamp);

SignedTreeHead SignTreeHead(uint64_t tree_size, const Digest& root_hash, std::string timestamp,
                            const KeyPair& log_key);

// OK when `head` is signed by `trusted_log_key` (and names it); otherwise says which is wrong.
Status VerifyTreeHeadSignature(const SignedTreeHead& head, const PublicKey& trusted_log_key);

std::string TreeHeadToJson(const SignedTreeHead& head);
// Parses the JSON form; every field is required and checked (sizes of hex fields, the timestamp
// as RFC 3339). Does not check the signature.
Result<SignedTreeHead> TreeHeadFromJson(std::string_view json_text);

// Two heads of one log set side by side.
enum class HeadComparison {
  kSameTree,    // same size, same root
  kFork,        // same size, different roots, both validly signed: proof of a fork
  kNeedsProof,  // different sizes: consistent only with a consistency proof
};
// REQUIRES: both heads' signatures have been verified against the same trusted log key (only
// then is kFork a proof rather than a claim).
HeadComparison CompareTreeHeads(const SignedTreeHead& a, const SignedTreeHead& b);

}  // namespace guarantor::ledger
