// libFuzzer target: the readers of what delegations exchange with the ledger (src/ledger/
// proof_document.h, tree_head.h, ledger_entry.h) on arbitrary bytes: an inclusion proof, a
// consistency proof, a signed tree head and an entry. Properties: no crash; whatever is accepted
// writes back to JSON that reads back to the same document; verifying an accepted proof neither
// crashes nor hangs (paths are capped).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "ledger/ledger_entry.h"
#include "ledger/proof_document.h"
#include "ledger/tree_head.h"

namespace lg = guarantor::ledger;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);

  if (auto proof = lg::InclusionProofFromJson(text); proof.ok()) {
    if (proof->audit_path.size() > lg::kMaxProofHashes) std::abort();
    auto again = lg::InclusionProofFromJson(lg::InclusionProofToJson(*proof));
    if (!again.ok() || again->leaf_index != proof->leaf_index ||
        again->tree_size != proof->tree_size || again->root_hash != proof->root_hash ||
        again->audit_path != proof->audit_path) {
      std::abort();
    }
    (void)lg::VerifyInclusionProof(*proof);
  } else if (proof.status().message().empty()) {
    std::abort();
  }

  if (auto proof = lg::ConsistencyProofFromJson(text); proof.ok()) {
    auto again = lg::ConsistencyProofFromJson(lg::ConsistencyProofToJson(*proof));
    if (!again.ok() || again->first_size != proof->first_size ||
        again->second_root != proof->second_root ||
        again->consistency_path != proof->consistency_path) {
      std::abort();
    }
    (void)lg::VerifyConsistencyProof(*proof);
  } else if (proof.status().message().empty()) {
    std::abort();
  }

  if (auto entry = lg::EntryFromJson(text); entry.ok()) {
    auto again = lg::EntryFromJson(lg::EntryToJson(*entry));
    if (!again.ok() || lg::EncodeEntryBody(*again) != lg::EncodeEntryBody(*entry) ||
        again->signature != entry->signature) {
      std::abort();
    }
    (void)lg::EntryLeafHash(*entry);
  } else if (entry.status().message().empty()) {
    std::abort();
  }

  if (auto head = lg::TreeHeadFromJson(text); head.ok()) {
    auto again = lg::TreeHeadFromJson(lg::TreeHeadToJson(*head));
    if (!again.ok() || again->tree_size != head->tree_size || again->root_hash != head->root_hash ||
        again->timestamp != head->timestamp || again->signature != head->signature) {
      std::abort();
    }
  } else if (head.status().message().empty()) {
    std::abort();
  }
  return 0;
}
