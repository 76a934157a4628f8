#include "ledger/ledger_entry.h"

#include <array>
#include <nlohmann/json.hpp>

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

std::string EntryToJson(const LedgerEntry& entry) {
  nlohmann::ordered_json j;
  j["sequence"] = entry.sequence;
  j["kind"] = std::string(ToString(entry.kind));
  j["author"] = entry.author;
  j["recorded_at"] = entry.recorded_at;
  j["payload"] = entry.payload;
  j["previous_hash"] = ToHex(entry.previous_hash);
  j["entry_hash"] = ToHex(entry.entry_hash);
  j["signature"] = ToHex(std::span<const uint8_t>(entry.signature));
  return j.dump();
}

Result<LedgerEntry> EntryFromJson(std::string_view json_text) {
  const nlohmann::json j = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::InvalidArgument(
        "entry: expected a JSON object; found " +
        std::string(j.is_discarded() ? "malformed JSON" : j.type_name()));
  }
  auto text = [&](const char* name) -> Result<std::string> {
    auto it = j.find(name);
    if (it == j.end() || !it->is_string()) {
      return Status::InvalidArgument(std::string("entry: ") + name + ": expected a string; found " +
                                     (it == j.end() ? "no such field" : it->type_name()));
    }
    return it->get<std::string>();
  };
  LedgerEntry entry;
  auto sequence = j.find("sequence");
  if (sequence == j.end() || !sequence->is_number_unsigned()) {
    return Status::InvalidArgument("entry: sequence: expected a non-negative integer");
  }
  entry.sequence = sequence->get<uint64_t>();
  ASSIGN_OR_RETURN(std::string kind_name, text("kind"));
  std::optional<EntryKind> kind = ParseEntryKind(kind_name);
  if (!kind) {
    return Status::InvalidArgument("entry: kind: expected one of " + EntryKindNames() +
                                   "; found \"" + kind_name.substr(0, 40) + "\"");
  }
  entry.kind = *kind;
  ASSIGN_OR_RETURN(entry.author, text("author"));
  ASSIGN_OR_RETURN(entry.recorded_at, text("recorded_at"));
  ASSIGN_OR_RETURN(entry.payload, text("payload"));
  ASSIGN_OR_RETURN(std::string previous, text("previous_hash"));
  ASSIGN_OR_RETURN(entry.previous_hash, DigestFromHex(previous, "entry: previous_hash"));
  ASSIGN_OR_RETURN(std::string hash, text("entry_hash"));
  ASSIGN_OR_RETURN(entry.entry_hash, DigestFromHex(hash, "entry: entry_hash"));
  ASSIGN_OR_RETURN(std::string signature, text("signature"));
  RETURN_IF_ERROR(DecodeHex(signature, entry.signature, "entry: signature"));
  return entry;
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
