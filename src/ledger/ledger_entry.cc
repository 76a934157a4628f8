#include "ledger/ledger_entry.h"

#include <array>

#include "ledger/merkle_tree.h"

namespace guarantor::ledger {
namespace {

constexpr std::string_view kEntryDomain("guarantor.ledger.entry.v1\0", 26);

struct KindName {
  EntryKind kind;
  std::string_view name;
};
constexpr std::array<KindName, 6> kKindNames = {{
    {EntryKind::kPledge, "pledge"},
    {EntryKind::kContributionChange, "contribution_change"},
    {EntryKind::kCommitment, "commitment"},
    {EntryKind::kCommissionDecision, "commission_decision"},
    {EntryKind::kActivation, "activation"},
    {EntryKind::kStatement, "statement"},
}};

void AppendBigEndian(uint64_t value, int bytes, std::string* out) {
  for (int i = bytes - 1; i >= 0; --i) out->push_back(static_cast<char>(value >> (8 * i) & 0xff));
}

void AppendField(std::string_view field, std::string* out) {
  AppendBigEndian(field.size(), 4, out);
  out->append(field);
}

}  // namespace

std::string_view ToString(EntryKind kind) {
  for (const KindName& k : kKindNames) {
    if (k.kind == kind) return k.name;
  }
  return "statement";
}

std::optional<EntryKind> ParseEntryKind(std::string_view name) {
  for (const KindName& k : kKindNames) {
    if (k.name == name) return k.kind;
  }
  return std::nullopt;
}

std::string EntryKindNames() {
  std::string names;
  for (const KindName& k : kKindNames) {
    if (!names.empty()) names += ", ";
    names += k.name;
  }
  return names;
}

std::string EncodeEntryBody(uint64_t sequence, std::string_view kind_name, std::string_view author,
                            std::string_view recorded_at, std::string_view payload,
                            const Digest& previous_hash) {
  std::string body;
  body.reserve(kEntryDomain.size() + 8 + 16 + kind_name.size() + author.size() +
               recorded_at.size() + payload.size() + kDigestBytes);
  body.append(kEntryDomain);
  AppendBigEndian(sequence, 8, &body);
  AppendField(kind_name, &body);
  AppendField(author, &body);
  AppendField(recorded_at, &body);
  AppendField(payload, &body);
  body.append(AsBytes(previous_hash));
  return body;
}

std::string EncodeEntryBody(const LedgerEntry& entry) {
  return EncodeEntryBody(entry.sequence, ToString(entry.kind), entry.author, entry.recorded_at,
                         entry.payload, entry.previous_hash);
}

Digest EntryLeafHash(const LedgerEntry& entry) {
  std::string data = EncodeEntryBody(entry);
  data.append(reinterpret_cast<const char*>(entry.signature.data()), entry.signature.size());
  return HashLeaf(data);
}

void SealEntry(const Digest& previous_hash, const KeyPair& author_key, LedgerEntry* entry) {
  entry->previous_hash = previous_hash;
  const std::string body = EncodeEntryBody(*entry);
  entry->entry_hash = Sha256(body);
  entry->signature = author_key.Sign(body);
}

Status ValidatePartyName(std::string_view party) {
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  bool ok = !party.empty() && party.size() <= 64 && alnum(party[0]);
  for (char c : party) ok = ok && (alnum(c) || c == '_' || c == '-');
  if (!ok) {
    return Status::InvalidArgument(
        "party: expected 1 to 64 letters, digits, '_' or '-', starting with a letter or digit; "
        "found \"" +
        std::string(party.substr(0, 80)) + "\"");
  }
  return Status::Ok();
}

}  // namespace guarantor::ledger
