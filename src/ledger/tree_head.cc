#include "ledger/tree_head.h"

#include <nlohmann/json.hpp>

#include "model/timestamp.h"

namespace guarantor::ledger {
namespace {
constexpr std::string_view kTreeHeadDomain("guarantor.ledger.tree-head.v1\0", 30);

void AppendBigEndian(uint64_t value, int bytes, std::string* out) {
  for (int i = bytes - 1; i >= 0; --i) out->push_back(static_cast<char>(value >> (8 * i) & 0xff));
}

Status Field(const nlohmann::json& j, const char* name, nlohmann::json::value_t type,
             const char* expected) {
  auto it = j.find(name);
  if (it == j.end()) {
    return Status::InvalidArgument(std::string("tree head: ") + name + ": expected " + expected +
                                   "; found no such field");
  }
  if (it->type() != type &&
      !(type == nlohmann::json::value_t::number_unsigned && it->is_number_unsigned())) {
    return Status::InvalidArgument(std::string("tree head: ") + name + ": expected " + expected +
                                   "; found " + it->type_name());
  }
  return Status::Ok();
}
}  // namespace

std::string EncodeTreeHeadBody(uint64_t tree_size, const Digest& root_hash,
                               std::string_view timestamp) {
  std::string body(kTreeHeadDomain);
  AppendBigEndian(tree_size, 8, &body);
  body.append(AsBytes(root_hash));
  AppendBigEndian(timestamp.size(), 4, &body);
  body.append(timestamp);
  return body;
}

SignedTreeHead SignTreeHead(uint64_t tree_size, const Digest& root_hash, std::string timestamp,
                            const KeyPair& log_key) {
  SignedTreeHead head;
  head.tree_size = tree_size;
  head.root_hash = root_hash;
  head.timestamp = std::move(timestamp);
  head.log_key = log_key.public_key();
  head.signature = log_key.Sign(EncodeTreeHeadBody(tree_size, root_hash, head.timestamp));
  return head;
}

Status VerifyTreeHeadSignature(const SignedTreeHead& head, const PublicKey& trusted_log_key) {
  if (head.log_key != trusted_log_key) {
    return Status::InvalidArgument("tree head of size " + std::to_string(head.tree_size) +
                                   ": names log key " + ToHex(head.log_key) +
                                   ", not this ledger's log key " + ToHex(trusted_log_key));
  }
  if (!VerifySignature(trusted_log_key,
                       EncodeTreeHeadBody(head.tree_size, head.root_hash, head.timestamp),
                       head.signature)) {
    return Status::InvalidArgument("tree head of size " + std::to_string(head.tree_size) +
                                   ": the signature does not verify with the log key");
  }
  return Status::Ok();
}

std::string TreeHeadToJson(const SignedTreeHead& head) {
  nlohmann::ordered_json j;
  j["tree_size"] = head.tree_size;
  j["root_hash"] = ToHex(head.root_hash);
  j["timestamp"] = head.timestamp;
  j["log_key"] = ToHex(std::span<const uint8_t>(head.log_key));
  j["signature"] = ToHex(std::span<const uint8_t>(head.signature));
  return j.dump();
}

Result<SignedTreeHead> TreeHeadFromJson(std::string_view json_text) {
  const nlohmann::json j = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    return Status::InvalidArgument("tree head: expected a JSON object; found malformed JSON");
  }
  if (!j.is_object()) {
    return Status::InvalidArgument(std::string("tree head: expected a JSON object; found ") +
                                   j.type_name());
  }
  using T = nlohmann::json::value_t;
  RETURN_IF_ERROR(Field(j, "tree_size", T::number_unsigned, "a non-negative integer"));
  RETURN_IF_ERROR(Field(j, "root_hash", T::string, "64 hex digits"));
  RETURN_IF_ERROR(Field(j, "timestamp", T::string, "an RFC 3339 date-time"));
  RETURN_IF_ERROR(Field(j, "log_key", T::string, "64 hex digits"));
  RETURN_IF_ERROR(Field(j, "signature", T::string, "128 hex digits"));
  SignedTreeHead head;
  head.tree_size = j["tree_size"].get<uint64_t>();
  ASSIGN_OR_RETURN(head.root_hash, DigestFromHex(j["root_hash"].get_ref<const std::string&>(),
                                                 "tree head: root_hash"));
  head.timestamp = j["timestamp"].get<std::string>();
  Result<Timestamp> parsed = Timestamp::Parse(head.timestamp);
  if (!parsed.ok())
    return Status::InvalidArgument("tree head: timestamp: " + parsed.status().message());
  RETURN_IF_ERROR(
      DecodeHex(j["log_key"].get_ref<const std::string&>(), head.log_key, "tree head: log_key"));
  RETURN_IF_ERROR(DecodeHex(j["signature"].get_ref<const std::string&>(), head.signature,
                            "tree head: signature"));
  return head;
}

HeadComparison CompareTreeHeads(const SignedTreeHead& a, const SignedTreeHead& b) {
  if (a.tree_size != b.tree_size) return HeadComparison::kNeedsProof;
  return a.root_hash == b.root_hash ? HeadComparison::kSameTree : HeadComparison::kFork;
}

}  // namespace guarantor::ledger
