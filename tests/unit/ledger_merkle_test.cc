// Merkle tree hashing and proofs (src/ledger/merkle_tree.h) against RFC 9162 §2.1: roots against a
// reference written here from the RFC's definition, known answers, and every inclusion and
// consistency proof up to 64 leaves, with tampered proofs rejected.
#include "ledger/merkle_tree.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>
#include <vector>

#include "ledger/digest.h"

namespace guarantor::ledger {
namespace {

// SHA-256 straight from libsodium, independent of the module's helpers.
std::string RawSha256(const std::string& bytes) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return std::string(reinterpret_cast<char*>(out), sizeof out);
}

// MTH(D[n]) exactly as RFC 9162 §2.1.1 defines it, on the leaf data itself.
std::string ReferenceMth(const std::vector<std::string>& d) {
  const size_t n = d.size();
  if (n == 0) return RawSha256("");
  if (n == 1) return RawSha256(std::string(1, '\0') + d[0]);
  size_t k = 1;
  while (k * 2 < n) k *= 2;  // the largest power of two smaller than n
  const std::vector<std::string> left(d.begin(), d.begin() + k), right(d.begin() + k, d.end());
  return RawSha256(std::string(1, '\x01') + ReferenceMth(left) + ReferenceMth(right));
}

std::vector<std::string> LeafData(size_t n) {
  std::vector<std::string> d;
  for (size_t i = 0; i < n; ++i)
    d.push_back("entry " + std::to_string(i) + std::string(i % 7, 'x'));
  return d;
}

std::vector<Digest> LeafHashes(const std::vector<std::string>& d) {
  std::vector<Digest> hashes;
  for (const std::string& leaf : d) hashes.push_back(HashLeaf(leaf));
  return hashes;
}

Digest Flipped(Digest d, int bit) {
  d[bit / 8 % kDigestBytes] ^= static_cast<uint8_t>(1 << (bit % 8));
  return d;
}

TEST(MerkleTreeTest, EmptyTreeRootIsSha256OfTheEmptyString) {
  // RFC 9162 §2.1.1: MTH({}) = HASH(); SHA-256 of "" is the well-known e3b0c442...b855.
  EXPECT_EQ(ToHex(MerkleTreeHash({})),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(MerkleTreeTest, RootsMatchTheRecursiveDefinitionUpTo300Leaves) {
  const std::vector<std::string> all = LeafData(300);
  for (size_t n = 0; n <= all.size(); ++n) {
    const std::vector<std::string> d(all.begin(), all.begin() + n);
    const Digest root = MerkleTreeHash(LeafHashes(d));
    ASSERT_EQ(std::string(AsBytes(root)), ReferenceMth(d)) << "n = " << n;
  }
}

TEST(MerkleTreeTest, TheFrontierGivesTheRootOfEveryPrefix) {
  const std::vector<Digest> leaves = LeafHashes(LeafData(300));
  MerkleFrontier frontier;
  EXPECT_EQ(frontier.Root(), MerkleTreeHash({}));
  for (size_t n = 1; n <= leaves.size(); ++n) {
    frontier.Append(leaves[n - 1]);
    ASSERT_EQ(frontier.size(), n);
    ASSERT_EQ(frontier.Root(), MerkleTreeHash(std::span<const Digest>(leaves).first(n)))
        << "n = " << n;
  }
}

TEST(MerkleTreeTest, KnownRootsOfTheCertificateTransparencyTestTree) {
  // The eight leaves and roots of the reference Merkle tree tests of Certificate Transparency
  // (RFC 6962 and RFC 9162 define the same tree hash).
  const std::vector<std::string> leaves = {
      std::string(""),
      std::string("\x00", 1),
      std::string("\x10"),
      std::string("\x20\x21"),
      std::string("\x30\x31"),
      std::string("\x40\x41\x42\x43"),
      std::string("\x50\x51\x52\x53\x54\x55\x56\x57"),
      std::string("\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f")};
  const std::vector<std::string> roots = {
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
  const std::vector<Digest> hashes = LeafHashes(leaves);
  for (size_t n = 1; n <= hashes.size(); ++n) {
    EXPECT_EQ(ToHex(MerkleTreeHash(std::span<const Digest>(hashes).first(n))), roots[n - 1])
        << "n = " << n;
  }
}

TEST(MerkleTreeTest, EveryInclusionProofUpTo64LeavesVerifiesAndTamperingFails) {
  const std::vector<Digest> all = LeafHashes(LeafData(64));
  for (uint64_t n = 1; n <= 64; ++n) {
    const std::span<const Digest> leaves = std::span<const Digest>(all).first(n);
    const Digest root = MerkleTreeHash(leaves);
    for (uint64_t i = 0; i < n; ++i) {
      const std::vector<Digest> path = InclusionPath(leaves, i);
      ASSERT_TRUE(VerifyInclusion(i, n, leaves[i], path, root).ok()) << i << " in " << n;
      // Another leaf, index, size or root, or any changed or missing hash, must fail.
      EXPECT_FALSE(VerifyInclusion(i, n, Flipped(leaves[i], 5), path, root).ok());
      EXPECT_FALSE(VerifyInclusion(i, n, leaves[i], path, Flipped(root, 77)).ok());
      if (n > 1) {
        EXPECT_FALSE(VerifyInclusion((i + 1) % n, n, leaves[i], path, root).ok());
      }
      // (A path can hold for a neighbouring size too, for a leaf in a complete left subtree: the
      // size is bound by the signed root, not by the path.)
      EXPECT_FALSE(VerifyInclusion(n, n, leaves[i], path, root).ok());
      for (size_t j = 0; j < path.size(); ++j) {
        std::vector<Digest> bad = path;
        bad[j] = Flipped(bad[j], static_cast<int>(j * 13));
        EXPECT_FALSE(VerifyInclusion(i, n, leaves[i], bad, root).ok());
      }
      if (!path.empty()) {
        std::vector<Digest> shorter(path.begin(), path.end() - 1);
        EXPECT_FALSE(VerifyInclusion(i, n, leaves[i], shorter, root).ok());
      }
      std::vector<Digest> longer = path;
      longer.push_back(root);
      EXPECT_FALSE(VerifyInclusion(i, n, leaves[i], longer, root).ok());
    }
  }
}

TEST(MerkleTreeTest, EveryConsistencyProofUpTo64LeavesVerifiesAndTamperingFails) {
  const std::vector<Digest> all = LeafHashes(LeafData(64));
  for (uint64_t n = 0; n <= 64; ++n) {
    const std::span<const Digest> leaves = std::span<const Digest>(all).first(n);
    const Digest second_root = MerkleTreeHash(leaves);
    for (uint64_t m = 0; m <= n; ++m) {
      const Digest first_root = MerkleTreeHash(leaves.first(m));
      const std::vector<Digest> proof = ConsistencyPath(leaves, m);
      ASSERT_TRUE(VerifyConsistency(m, n, first_root, second_root, proof).ok()) << m << " -> " << n;
      if (m == 0) continue;  // the empty tree is a prefix of every tree
      EXPECT_FALSE(VerifyConsistency(m, n, Flipped(first_root, 3), second_root, proof).ok());
      if (m == n) continue;
      EXPECT_FALSE(VerifyConsistency(m, n, first_root, Flipped(second_root, 9), proof).ok());
      EXPECT_FALSE(VerifyConsistency(n, m, second_root, first_root, proof).ok());
      for (size_t j = 0; j < proof.size(); ++j) {
        std::vector<Digest> bad = proof;
        bad[j] = Flipped(bad[j], static_cast<int>(j * 31 + 1));
        EXPECT_FALSE(VerifyConsistency(m, n, first_root, second_root, bad).ok())
            << m << " -> " << n << " hash " << j;
      }
      std::vector<Digest> shorter(proof.begin(), proof.end() - 1);
      EXPECT_FALSE(VerifyConsistency(m, n, first_root, second_root, shorter).ok());
      std::vector<Digest> longer = proof;
      longer.push_back(first_root);
      EXPECT_FALSE(VerifyConsistency(m, n, first_root, second_root, longer).ok());
    }
  }
}

TEST(MerkleTreeTest, ADivergentHistoryIsNotConsistent) {
  std::vector<Digest> a = LeafHashes(LeafData(20)), b = a;
  b[7] = HashLeaf("a different entry 7");
  for (uint64_t m = 8; m < 20; ++m) {
    const std::span<const Digest> first = std::span<const Digest>(a).first(m);
    const std::vector<Digest> proof = ConsistencyPath(b, m);
    EXPECT_FALSE(VerifyConsistency(m, 20, MerkleTreeHash(first), MerkleTreeHash(b), proof).ok())
        << m;
  }
}

TEST(MerkleTreeTest, TwoTreesOfOneSizeWithDifferentRootsAreNotConsistent) {
  const Digest a = HashLeaf("a"), b = HashLeaf("b");
  Status s = VerifyConsistency(1, 1, a, b, {});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("different roots"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace guarantor::ledger
