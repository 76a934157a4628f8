#include "ledger/ledger_verifier.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <unordered_map>

#include "ledger/ledger_entry.h"
#include "ledger/merkle_tree.h"

namespace guarantor::ledger {
namespace {

// How far beyond the stored entries a moved entry's signed sequence is looked for.
constexpr uint64_t kMaxMovedSearch = 1 << 16;

std::string Seq(uint64_t sequence) { return std::to_string(sequence); }

template <size_t N>
bool CopyBlob(const std::string& blob, std::array<uint8_t, N>* out) {
  if (blob.size() != N) return false;
  std::memcpy(out->data(), blob.data(), N);
  return true;
}

std::string BodyOf(const StoredEntry& row, uint64_t sequence, const Digest& previous_hash) {
  return EncodeEntryBody(sequence, row.kind, row.author, row.recorded_at, row.payload,
                         previous_hash);
}

// Whether `row`'s fields hash to `entry_hash` when encoded with `sequence`.
bool HashesAs(const StoredEntry& row, uint64_t sequence, const Digest& previous_hash,
              const Digest& entry_hash) {
  return Sha256(BodyOf(row, sequence, previous_hash)) == entry_hash;
}

class EntryChecker {
 public:
  EntryChecker(const std::vector<StoredEntry>& rows, const KeyStore& keys, uint64_t search_bound)
      : rows_(rows), keys_(keys), search_bound_(search_bound) {
    for (const StoredEntry& row : rows_) sequence_by_hash_.emplace(row.entry_hash, row.sequence);
  }

  // Checks every entry; returns the first problem, filling `leaf_hashes` with the good prefix.
  std::optional<LedgerProblem> Check(std::vector<Digest>* leaf_hashes) {
    for (uint64_t p = 0; p < rows_.size(); ++p) {
      std::optional<LedgerProblem> problem = CheckOne(p, leaf_hashes);
      if (problem) return problem;
    }
    return std::nullopt;
  }

 private:
  std::optional<LedgerProblem> CheckOne(uint64_t p, std::vector<Digest>* leaf_hashes) {
    const StoredEntry& row = rows_[p];
    if (row.sequence < 0 || static_cast<uint64_t>(row.sequence) != p) {
      if (row.sequence > static_cast<int64_t>(p)) {
        const uint64_t missing = static_cast<uint64_t>(row.sequence) - p;
        return LedgerProblem{ProblemKind::kDeleted, p,
                             "entry " + Seq(p) + " is missing: the next stored entry is " +
                                 std::to_string(row.sequence) + " (" + std::to_string(missing) +
                                 " entr" + (missing == 1 ? "y" : "ies") + " deleted)"};
      }
      return LedgerProblem{ProblemKind::kInserted, p,
                           "a row with sequence " + std::to_string(row.sequence) +
                               " is not part of the ledger (sequences start at 0)"};
    }
    Digest previous_hash, entry_hash;
    Signature signature;
    if (!CopyBlob(row.previous_hash, &previous_hash) || !CopyBlob(row.entry_hash, &entry_hash) ||
        !CopyBlob(row.signature, &signature)) {
      return LedgerProblem{ProblemKind::kAltered, p,
                           "entry " + Seq(p) +
                               ": a hash or signature column has the wrong size "
                               "(previous_hash " +
                               std::to_string(row.previous_hash.size()) + ", entry_hash " +
                               std::to_string(row.entry_hash.size()) + ", signature " +
                               std::to_string(row.signature.size()) +
                               " bytes; expected 32, 32, 64)"};
    }
    const std::string body = BodyOf(row, p, previous_hash);
    if (Sha256(body) != entry_hash) return Diagnose(p, previous_hash, entry_hash);

    Result<PublicKey> author_key = AuthorKey(row.author);
    if (!author_key.ok()) {
      return LedgerProblem{ProblemKind::kUnknownAuthor, p,
                           "entry " + Seq(p) + ": author \"" + row.author +
                               "\" cannot be checked: " + author_key.status().message()};
    }
    if (!VerifySignature(*author_key, body, signature)) {
      return LedgerProblem{ProblemKind::kBadSignature, p,
                           "entry " + Seq(p) + ": the signature does not verify with " +
                               row.author +
                               "'s registered public key (the entry was forged, or changed "
                               "and re-hashed)"};
    }
    if (!ParseEntryKind(row.kind)) {
      return LedgerProblem{
          ProblemKind::kAltered, p,
          "entry " + Seq(p) + ": kind \"" + row.kind + "\" is not one of " + EntryKindNames()};
    }
    Digest expected_previous{};
    if (p > 0) CopyBlob(rows_[p - 1].entry_hash, &expected_previous);
    if (previous_hash != expected_previous) {
      if (p == 0) {
        return LedgerProblem{ProblemKind::kDeleted, 0,
                             "entry 0 links to a previous entry " + ToHex(previous_hash) +
                                 ": the entries before it were deleted"};
      }
      return LedgerProblem{ProblemKind::kBrokenChain, p - 1,
                           "entry " + Seq(p - 1) + " is not the entry that entry " + Seq(p) +
                               " was signed after (entry " + Seq(p - 1) + " has hash " +
                               ToHex(expected_previous) + ", entry " + Seq(p) + " links to " +
                               ToHex(previous_hash) + "): entry " + Seq(p - 1) + " was replaced"};
    }
    std::string leaf_data = body;
    leaf_data.append(row.signature);
    leaf_hashes->push_back(HashLeaf(leaf_data));
    return std::nullopt;
  }

  // The stored fields of entry `s` do not hash to its entry hash: find out why.
  LedgerProblem Diagnose(uint64_t s, const Digest& previous_hash, const Digest& entry_hash) {
    const StoredEntry& row = rows_[s];
    std::optional<uint64_t> signed_as;
    for (uint64_t q = 0; q < search_bound_ && !signed_as; ++q) {
      if (q != s && HashesAs(row, q, previous_hash, entry_hash)) signed_as = q;
    }
    if (signed_as) {
      const uint64_t q = *signed_as;
      const std::string moved =
          "the entry stored at sequence " + Seq(s) + " was signed as sequence " + Seq(q);
      if (q < s) {
        return LedgerProblem{ProblemKind::kInserted, q,
                             moved + ": " + Seq(s - q) + " entr" +
                                 (s - q == 1 ? "y was" : "ies were") +
                                 " inserted before it, from sequence " + Seq(q)};
      }
      auto follows = sequence_by_hash_.find(std::string(AsBytes(previous_hash)));
      if (follows != sequence_by_hash_.end() && follows->second != static_cast<int64_t>(s) - 1) {
        return LedgerProblem{ProblemKind::kReordered, s,
                             moved + ", and the entry it was signed after is stored at sequence " +
                                 std::to_string(follows->second) + ": entries were reordered"};
      }
      return LedgerProblem{ProblemKind::kDeleted, s,
                           moved + ": " + Seq(q - s) + " entr" + (q - s == 1 ? "y" : "ies") +
                               " before it (signed sequences " + Seq(s) + " to " + Seq(q - 1) +
                               ") were deleted"};
    }
    if (s + 1 < rows_.size()) {
      const StoredEntry& next = rows_[s + 1];
      Digest next_previous, next_hash;
      if (CopyBlob(next.previous_hash, &next_previous) && CopyBlob(next.entry_hash, &next_hash) &&
          HashesAs(next, s, next_previous, next_hash)) {
        return LedgerProblem{ProblemKind::kInserted, s,
                             "the entry stored at sequence " + Seq(s) +
                                 " is not part of the signed history: the entry after it was "
                                 "signed as sequence " +
                                 Seq(s) + " (an entry was inserted)"};
      }
    }
    return LedgerProblem{ProblemKind::kAltered, s,
                         "entry " + Seq(s) +
                             ": the stored fields no longer hash to its entry hash: its kind, "
                             "author, time, payload or previous hash was changed after signing"};
  }

  Result<PublicKey> AuthorKey(const std::string& author) {
    auto it = author_keys_.find(author);
    if (it == author_keys_.end())
      it = author_keys_.emplace(author, keys_.LoadPublicKey(author)).first;
    return it->second;
  }

  const std::vector<StoredEntry>& rows_;
  const KeyStore& keys_;
  const uint64_t search_bound_;
  std::unordered_map<std::string, int64_t> sequence_by_hash_;
  std::map<std::string, Result<PublicKey>> author_keys_;
};

struct CheckedHead {
  SignedTreeHead head;
  std::string origin;  // "the log's tree head" or "the kept tree head"
};

}  // namespace

std::string_view ToString(ProblemKind kind) {
  switch (kind) {
    case ProblemKind::kAltered:
      return "altered";
    case ProblemKind::kBadSignature:
      return "bad_signature";
    case ProblemKind::kUnknownAuthor:
      return "unknown_author";
    case ProblemKind::kDeleted:
      return "deleted";
    case ProblemKind::kInserted:
      return "inserted";
    case ProblemKind::kReordered:
      return "reordered";
    case ProblemKind::kBrokenChain:
      return "broken_chain";
    case ProblemKind::kTruncated:
      return "truncated";
    case ProblemKind::kFork:
      return "fork";
    case ProblemKind::kBadTreeHead:
      return "bad_tree_head";
  }
  return "unknown";
}

Result<VerifyReport> VerifyLedger(const LedgerStore& store, const KeyStore& keys,
                                  std::span<const SignedTreeHead> kept_heads) {
  RETURN_IF_ERROR(InitCrypto());
  // One snapshot: an append by another process between the two reads would otherwise show as
  // a head covering entries that are missing.
  std::vector<StoredEntry> rows;
  std::vector<StoredTreeHead> stored_heads;
  RETURN_IF_ERROR(store.ReadSnapshot([&]() -> Status {
    ASSIGN_OR_RETURN(rows, store.ReadEntries());
    ASSIGN_OR_RETURN(stored_heads, store.ReadTreeHeads());
    return Status::Ok();
  }));
  VerifyReport report;
  report.entries = rows.size();
  std::vector<LedgerProblem> head_problems;

  // The heads first: which of them the log really signed.
  std::vector<CheckedHead> heads;
  Result<PublicKey> log_key = keys.LoadPublicKey(kLogKeyName);
  if (!log_key.ok() && (!stored_heads.empty() || !kept_heads.empty())) {
    head_problems.push_back({ProblemKind::kBadTreeHead, std::nullopt,
                             "tree heads cannot be checked: " + log_key.status().message()});
  }
  auto check_head = [&](const SignedTreeHead& head, const std::string& origin) {
    if (!log_key.ok()) return;
    Status signed_ok = VerifyTreeHeadSignature(head, *log_key);
    if (!signed_ok.ok()) {
      head_problems.push_back(
          {ProblemKind::kBadTreeHead, std::nullopt, origin + ": " + signed_ok.message()});
      return;
    }
    heads.push_back({head, origin});
  };
  for (const StoredTreeHead& row : stored_heads) {
    Result<SignedTreeHead> head = DecodeStoredTreeHead(row);
    if (!head.ok()) {
      head_problems.push_back({ProblemKind::kBadTreeHead, std::nullopt, head.status().message()});
      continue;
    }
    check_head(*head, "the log's stored tree head of size " + std::to_string(head->tree_size) +
                          " (" + head->timestamp + ")");
  }
  for (const SignedTreeHead& head : kept_heads) {
    check_head(head, "the kept tree head of size " + std::to_string(head.tree_size) + " (" +
                         head.timestamp + ")");
  }
  report.tree_heads_checked = heads.size();

  // The entries, in order, up to the first bad one. An entry moved elsewhere was signed for a
  // sequence below the largest size the log signed; stored sequence numbers are not trusted for
  // this bound (one set to 2^62 must not make the search run for ever), and the search is capped
  // at kMaxMovedSearch places beyond the stored entries.
  uint64_t largest = rows.size();
  for (const CheckedHead& h : heads) largest = std::max(largest, h.head.tree_size);
  largest = std::min<uint64_t>(largest, rows.size() + kMaxMovedSearch);
  std::vector<Digest> leaf_hashes;
  EntryChecker checker(rows, keys, largest + 1);
  std::optional<LedgerProblem> entry_problem = checker.Check(&leaf_hashes);
  report.verified_entries = leaf_hashes.size();
  if (entry_problem) {
    report.problems.push_back(*entry_problem);
  } else {
    report.root_hash = MerkleTreeHash(leaf_hashes);
  }

  // The heads against the entries.
  std::sort(heads.begin(), heads.end(), [](const CheckedHead& a, const CheckedHead& b) {
    return a.head.tree_size < b.head.tree_size;
  });
  // The heads in size order against the roots of the growing prefix: O(n log n) in all, although
  // the log holds a head for every size.
  MerkleFrontier prefix;
  const CheckedHead* largest_beyond = nullptr;
  for (const CheckedHead& h : heads) {
    if (h.head.tree_size > rows.size()) {
      largest_beyond = &h;
    } else if (!entry_problem) {
      while (prefix.size() < h.head.tree_size) prefix.Append(leaf_hashes[prefix.size()]);
      const Digest root = prefix.Root();
      if (root != h.head.root_hash) {
        head_problems.push_back(
            {ProblemKind::kFork, std::nullopt,
             h.origin + " has root " + ToHex(h.head.root_hash) + ", but the first " +
                 std::to_string(h.head.tree_size) + " entries give " + ToHex(root) +
                 ": the history was rewritten or forked (every entry checks, so it was rewritten "
                 "with the authors' keys)"});
      }
    }
  }
  if (largest_beyond != nullptr) {
    // With an entry problem before it, the missing count may be the deleted entries, not a cut
    // tail: then no sequence is named.
    const std::string covers = largest_beyond->origin + " covers " +
                               std::to_string(largest_beyond->head.tree_size) +
                               " entries, but the ledger holds " + std::to_string(rows.size());
    head_problems.insert(head_problems.begin(),
                         entry_problem
                             ? LedgerProblem{ProblemKind::kTruncated, std::nullopt,
                                             covers + ": entries were removed"}
                             : LedgerProblem{ProblemKind::kTruncated, rows.size(),
                                             covers + ": the entries from sequence " +
                                                 std::to_string(rows.size()) + " on were removed"});
  }
  report.problems.insert(report.problems.end(), head_problems.begin(), head_problems.end());
  return report;
}

}  // namespace guarantor::ledger
