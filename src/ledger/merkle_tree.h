// Merkle tree hashing, inclusion proofs and consistency proofs exactly as RFC 9162 (Certificate
// Transparency 2.0) section 2.1 defines them, with SHA-256:
//
//   leaf hash   = SHA-256(0x00 || leaf data)
//   node hash   = SHA-256(0x01 || left || right)
//   MTH({})     = SHA-256()  (the empty string)
//   MTH(D[n])   = node hash of MTH(D[0:k]) and MTH(D[k:n]), k the largest power of two < n
//
// Proofs are generated over a list of leaf hashes (PATH and PROOF of RFC 9162 §2.1.3.1 and
// §2.1.4.1) and verified by the algorithms of §2.1.3.2 and §2.1.4.2, which use nothing but the
// proof, the sizes and the roots: a delegation can check them without the ledger.
//
//   std::vector<Digest> leaves = {HashLeaf("a"), HashLeaf("b"), HashLeaf("c")};
//   Digest root = MerkleTreeHash(leaves);
//   std::vector<Digest> path = InclusionPath(leaves, 1);
//   Status ok = VerifyInclusion(1, 3, leaves[1], path, root);
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ledger/digest.h"

namespace guarantor::ledger {

Digest HashLeaf(std::string_view leaf_data);
Digest HashChildren(const Digest& left, const Digest& right);

// MTH of the leaves whose hashes are `leaf_hashes` (2n - 1 hash computations).
Digest MerkleTreeHash(std::span<const Digest> leaf_hashes);

// The roots of every prefix of a growing list of leaves, in O(log n) per leaf: the frontier
// holds the roots of the perfect subtrees that n decomposes into (one per set bit of n, largest
// first), and MTH(D[n]) is their right fold, HashChildren(P1, HashChildren(P2, ... Pr)), because
// RFC 9162 splits a tree at the largest power of two below its size.
//
//   MerkleFrontier f;
//   for (const Digest& leaf : leaves) { f.Append(leaf); roots.push_back(f.Root()); }
class MerkleFrontier {
 public:
  void Append(const Digest& leaf_hash);
  uint64_t size() const { return size_; }
  // MTH of the leaves appended so far (SHA-256 of "" when none).
  Digest Root() const;

 private:
  uint64_t size_ = 0;
  std::vector<Digest> subtree_roots_;  // largest (leftmost) first
};

// PATH(leaf_index, D[n]), n = leaf_hashes.size(). REQUIRES: leaf_index < n.
std::vector<Digest> InclusionPath(std::span<const Digest> leaf_hashes, uint64_t leaf_index);

// PROOF(first_size, D[n]), n = leaf_hashes.size(). REQUIRES: first_size <= n. Empty when
// first_size is 0 or n (nothing to prove: every tree extends the empty tree and itself).
std::vector<Digest> ConsistencyPath(std::span<const Digest> leaf_hashes, uint64_t first_size);

// RFC 9162 §2.1.3.2. OK when `inclusion_path` proves that the leaf with hash `leaf_hash` is at
// `leaf_index` in the tree of `tree_size` leaves whose root is `root_hash`; otherwise an
// InvalidArgument that says which check failed.
Status VerifyInclusion(uint64_t leaf_index, uint64_t tree_size, const Digest& leaf_hash,
                       std::span<const Digest> inclusion_path, const Digest& root_hash);

// RFC 9162 §2.1.4.2. OK when `consistency_path` proves that the tree of `first_size` leaves with
// root `first_root` is a prefix of the tree of `second_size` leaves with root `second_root`.
// Edge cases the RFC leaves to the caller (it assumes 0 < first < second): first == second
// holds with an empty proof and equal roots; first == 0 holds with an empty proof;
// first > second never holds.
Status VerifyConsistency(uint64_t first_size, uint64_t second_size, const Digest& first_root,
                         const Digest& second_root, std::span<const Digest> consistency_path);

}  // namespace guarantor::ledger
