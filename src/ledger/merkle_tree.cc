#include "ledger/merkle_tree.h"

#include <bit>
#include <cassert>
#include <string>

namespace guarantor::ledger {
namespace {

constexpr char kLeafPrefix[] = {0x00};
constexpr char kNodePrefix[] = {0x01};

// The largest power of two strictly less than n. REQUIRES: n > 1.
uint64_t SplitPoint(uint64_t n) {
  assert(n > 1);
  return std::bit_floor(n - 1);
}

void AppendPath(std::span<const Digest> leaves, uint64_t m, std::vector<Digest>* path) {
  const uint64_t n = leaves.size();
  if (n <= 1) return;  // PATH(0, {d(0)}) = {}
  const uint64_t k = SplitPoint(n);
  if (m < k) {
    AppendPath(leaves.first(k), m, path);
    path->push_back(MerkleTreeHash(leaves.subspan(k)));
  } else {
    AppendPath(leaves.subspan(k), m - k, path);
    path->push_back(MerkleTreeHash(leaves.first(k)));
  }
}

// SUBPROOF(m, D[n], b) of RFC 9162 §2.1.4.1.
void AppendSubproof(std::span<const Digest> leaves, uint64_t m, bool complete_subtree,
                    std::vector<Digest>* proof) {
  const uint64_t n = leaves.size();
  if (m == n) {
    if (!complete_subtree) proof->push_back(MerkleTreeHash(leaves));
    return;
  }
  const uint64_t k = SplitPoint(n);
  if (m <= k) {
    AppendSubproof(leaves.first(k), m, complete_subtree, proof);
    proof->push_back(MerkleTreeHash(leaves.subspan(k)));
  } else {
    AppendSubproof(leaves.subspan(k), m - k, false, proof);
    proof->push_back(MerkleTreeHash(leaves.first(k)));
  }
}

// Right-shifts both until fn's lowest bit is set or fn is 0.
void ShiftWhileEven(uint64_t* fn, uint64_t* sn) {
  while (*fn != 0 && (*fn & 1) == 0) {
    *fn >>= 1;
    *sn >>= 1;
  }
}

}  // namespace

Digest HashLeaf(std::string_view leaf_data) {
  return Sha256({std::string_view(kLeafPrefix, 1), leaf_data});
}

Digest HashChildren(const Digest& left, const Digest& right) {
  return Sha256({std::string_view(kNodePrefix, 1), AsBytes(left), AsBytes(right)});
}

Digest MerkleTreeHash(std::span<const Digest> leaf_hashes) {
  const uint64_t n = leaf_hashes.size();
  if (n == 0) return Sha256(std::string_view());
  if (n == 1) return leaf_hashes[0];
  const uint64_t k = SplitPoint(n);
  return HashChildren(MerkleTreeHash(leaf_hashes.first(k)), MerkleTreeHash(leaf_hashes.subspan(k)));
}

void MerkleFrontier::Append(const Digest& leaf_hash) {
  subtree_roots_.push_back(leaf_hash);
  // Adding one to the size carries through its trailing one bits: each carry merges the two
  // rightmost perfect subtrees of equal size into one twice as large.
  for (uint64_t carry = size_; (carry & 1) == 1; carry >>= 1) {
    const Digest right = subtree_roots_.back();
    subtree_roots_.pop_back();
    subtree_roots_.back() = HashChildren(subtree_roots_.back(), right);
  }
  ++size_;
}

Digest MerkleFrontier::Root() const {
  if (subtree_roots_.empty()) return Sha256(std::string_view());
  Digest root = subtree_roots_.back();
  for (size_t i = subtree_roots_.size() - 1; i-- > 0;) root = HashChildren(subtree_roots_[i], root);
  return root;
}

std::vector<Digest> InclusionPath(std::span<const Digest> leaf_hashes, uint64_t leaf_index) {
  assert(leaf_index < leaf_hashes.size());
  std::vector<Digest> path;
  AppendPath(leaf_hashes, leaf_index, &path);
  return path;
}

std::vector<Digest> ConsistencyPath(std::span<const Digest> leaf_hashes, uint64_t first_size) {
  assert(first_size <= leaf_hashes.size());
  std::vector<Digest> proof;
  if (first_size == 0 || first_size == leaf_hashes.size()) return proof;
  AppendSubproof(leaf_hashes, first_size, true, &proof);
  return proof;
}

Status VerifyInclusion(uint64_t leaf_index, uint64_t tree_size, const Digest& leaf_hash,
                       std::span<const Digest> inclusion_path, const Digest& root_hash) {
  // 1.
  if (leaf_index >= tree_size) {
    return Status::InvalidArgument("inclusion proof: leaf index " + std::to_string(leaf_index) +
                                   " is not below the tree size " + std::to_string(tree_size));
  }
  // 2., 3.
  uint64_t fn = leaf_index, sn = tree_size - 1;
  Digest r = leaf_hash;
  // 4.
  for (const Digest& p : inclusion_path) {
    if (sn == 0) {
      return Status::InvalidArgument(
          "inclusion proof: the audit path is longer than the tree "
          "of size " +
          std::to_string(tree_size) + " allows");
    }
    if ((fn & 1) == 1 || fn == sn) {
      r = HashChildren(p, r);
      if ((fn & 1) == 0) ShiftWhileEven(&fn, &sn);
    } else {
      r = HashChildren(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  // 5.
  if (sn != 0) {
    return Status::InvalidArgument(
        "inclusion proof: the audit path is shorter than the tree of "
        "size " +
        std::to_string(tree_size) + " needs");
  }
  if (r != root_hash) {
    return Status::InvalidArgument("inclusion proof: the path leads to root " + ToHex(r) +
                                   ", not to the expected root " + ToHex(root_hash));
  }
  return Status::Ok();
}

Status VerifyConsistency(uint64_t first_size, uint64_t second_size, const Digest& first_root,
                         const Digest& second_root, std::span<const Digest> consistency_path) {
  if (first_size > second_size) {
    return Status::InvalidArgument("consistency proof: the first tree (size " +
                                   std::to_string(first_size) + ") is larger than the second (" +
                                   std::to_string(second_size) + ")");
  }
  if (first_size == second_size) {
    if (!consistency_path.empty()) {
      return Status::InvalidArgument(
          "consistency proof: expected an empty proof between trees of equal size");
    }
    if (first_root != second_root) {
      return Status::InvalidArgument("consistency proof: two trees of size " +
                                     std::to_string(first_size) + " have different roots " +
                                     ToHex(first_root) + " and " + ToHex(second_root));
    }
    return Status::Ok();
  }
  if (first_size == 0) {
    if (!consistency_path.empty()) {
      return Status::InvalidArgument(
          "consistency proof: expected an empty proof from the empty tree");
    }
    return Status::Ok();
  }
  // RFC 9162 §2.1.4.2, 0 < first < second.
  // 1.
  if (consistency_path.empty()) {
    return Status::InvalidArgument("consistency proof: expected at least one hash; found none");
  }
  // 2.
  std::vector<Digest> path;
  path.reserve(consistency_path.size() + 1);
  if (std::has_single_bit(first_size)) path.push_back(first_root);
  path.insert(path.end(), consistency_path.begin(), consistency_path.end());
  // 3.
  uint64_t fn = first_size - 1, sn = second_size - 1;
  // 4.
  while ((fn & 1) == 1) {
    fn >>= 1;
    sn >>= 1;
  }
  // 5.
  Digest fr = path[0], sr = path[0];
  // 6.
  for (size_t i = 1; i < path.size(); ++i) {
    const Digest& c = path[i];
    if (sn == 0) {
      return Status::InvalidArgument(
          "consistency proof: the proof is longer than the two tree sizes allow");
    }
    if ((fn & 1) == 1 || fn == sn) {
      fr = HashChildren(c, fr);
      sr = HashChildren(c, sr);
      if ((fn & 1) == 0) ShiftWhileEven(&fn, &sn);
    } else {
      sr = HashChildren(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  // 7.
  if (sn != 0) {
    return Status::InvalidArgument(
        "consistency proof: the proof is shorter than the two tree sizes need");
  }
  if (fr != first_root) {
    return Status::InvalidArgument("consistency proof: it leads to first root " + ToHex(fr) +
                                   ", not to the expected " + ToHex(first_root) +
                                   " (the first tree is not a prefix of the second)");
  }
  if (sr != second_root) {
    return Status::InvalidArgument("consistency proof: it leads to second root " + ToHex(sr) +
                                   ", not to the expected " + ToHex(second_root));
  }
  return Status::Ok();
}

}  // namespace guarantor::ledger
