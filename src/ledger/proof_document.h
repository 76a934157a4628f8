// The JSON documents a ledger hands out so that anyone can check it without the ledger: an
// inclusion proof (this entry is in the tree of that root) and a consistency proof (the tree of
// that size is a prefix of the tree of this size). Both verify with merkle_tree.h alone.
//
//   {"leaf_index":2,"tree_size":5,"leaf_hash":"<hex>","root_hash":"<hex>",
//    "audit_path":["<hex>",...]}
//   {"first_size":3,"second_size":5,"first_root":"<hex>","second_root":"<hex>",
//    "consistency_path":["<hex>",...]}
//
// The readers validate everything (they parse external input; tests/fuzz/proof_fuzz.cc).
// Thread safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ledger/digest.h"

namespace guarantor::ledger {

struct InclusionProofDocument {
  uint64_t leaf_index = 0;
  uint64_t tree_size = 0;
  Digest leaf_hash{};
  Digest root_hash{};
  std::vector<Digest> audit_path;
};

struct ConsistencyProofDocument {
  uint64_t first_size = 0;
  uint64_t second_size = 0;
  Digest first_root{};
  Digest second_root{};
  std::vector<Digest> consistency_path;
};

// A proof has at most this many hashes (a tree of 2^64 leaves needs 64 for inclusion and
// about 2 * 64 for consistency); longer paths are rejected before hashing.
inline constexpr size_t kMaxProofHashes = 130;

std::string InclusionProofToJson(const InclusionProofDocument& proof);
Result<InclusionProofDocument> InclusionProofFromJson(std::string_view json_text);
Status VerifyInclusionProof(const InclusionProofDocument& proof);

std::string ConsistencyProofToJson(const ConsistencyProofDocument& proof);
Result<ConsistencyProofDocument> ConsistencyProofFromJson(std::string_view json_text);
Status VerifyConsistencyProof(const ConsistencyProofDocument& proof);

}  // namespace guarantor::ledger
