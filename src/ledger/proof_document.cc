#include "ledger/proof_document.h"

#include <nlohmann/json.hpp>

#include "ledger/merkle_tree.h"

namespace guarantor::ledger {
namespace {

using nlohmann::json;

Result<json> ParseObject(std::string_view text, std::string_view what) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    return Status::InvalidArgument(std::string(what) +
                                   ": expected a JSON object; found malformed "
                                   "JSON");
  }
  if (!j.is_object()) {
    return Status::InvalidArgument(std::string(what) + ": expected a JSON object; found " +
                                   j.type_name());
  }
  return j;
}

Result<uint64_t> Size(const json& j, std::string_view what, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_number_unsigned()) {
    return Status::InvalidArgument(std::string(what) + ": " + name +
                                   ": expected a non-negative integer; found " +
                                   (it == j.end() ? "no such field" : it->dump().substr(0, 40)));
  }
  return it->get<uint64_t>();
}

Result<Digest> Hash(const json& j, std::string_view what, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_string()) {
    return Status::InvalidArgument(std::string(what) + ": " + name +
                                   ": expected 64 hex digits; found " +
                                   (it == j.end() ? "no such field" : it->type_name()));
  }
  return DigestFromHex(it->get_ref<const std::string&>(), std::string(what) + ": " + name);
}

Result<std::vector<Digest>> Path(const json& j, std::string_view what, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_array()) {
    return Status::InvalidArgument(std::string(what) + ": " + name +
                                   ": expected an array of hashes; found " +
                                   (it == j.end() ? "no such field" : it->type_name()));
  }
  if (it->size() > kMaxProofHashes) {
    return Status::InvalidArgument(std::string(what) + ": " + name + ": expected at most " +
                                   std::to_string(kMaxProofHashes) + " hashes; found " +
                                   std::to_string(it->size()));
  }
  std::vector<Digest> path;
  for (size_t i = 0; i < it->size(); ++i) {
    const json& h = (*it)[i];
    const std::string field = std::string(what) + ": " + name + "[" + std::to_string(i) + "]";
    if (!h.is_string()) {
      return Status::InvalidArgument(field + ": expected 64 hex digits; found " + h.type_name());
    }
    ASSIGN_OR_RETURN(Digest d, DigestFromHex(h.get_ref<const std::string&>(), field));
    path.push_back(d);
  }
  return path;
}

json HexArray(const std::vector<Digest>& path) {
  json a = json::array();
  for (const Digest& d : path) a.push_back(ToHex(d));
  return a;
}

}  // namespace

std::string InclusionProofToJson(const InclusionProofDocument& proof) {
  nlohmann::ordered_json j;
  j["leaf_index"] = proof.leaf_index;
  j["tree_size"] = proof.tree_size;
  j["leaf_hash"] = ToHex(proof.leaf_hash);
  j["root_hash"] = ToHex(proof.root_hash);
  j["audit_path"] = HexArray(proof.audit_path);
  return j.dump();
}

Result<InclusionProofDocument> InclusionProofFromJson(std::string_view json_text) {
  constexpr std::string_view kWhat = "inclusion proof";
  ASSIGN_OR_RETURN(json j, ParseObject(json_text, kWhat));
  InclusionProofDocument proof;
  ASSIGN_OR_RETURN(proof.leaf_index, Size(j, kWhat, "leaf_index"));
  ASSIGN_OR_RETURN(proof.tree_size, Size(j, kWhat, "tree_size"));
  ASSIGN_OR_RETURN(proof.leaf_hash, Hash(j, kWhat, "leaf_hash"));
  ASSIGN_OR_RETURN(proof.root_hash, Hash(j, kWhat, "root_hash"));
  ASSIGN_OR_RETURN(proof.audit_path, Path(j, kWhat, "audit_path"));
  return proof;
}

Status VerifyInclusionProof(const InclusionProofDocument& proof) {
  return VerifyInclusion(proof.leaf_index, proof.tree_size, proof.leaf_hash, proof.audit_path,
                         proof.root_hash);
}

std::string ConsistencyProofToJson(const ConsistencyProofDocument& proof) {
  nlohmann::ordered_json j;
  j["first_size"] = proof.first_size;
  j["second_size"] = proof.second_size;
  j["first_root"] = ToHex(proof.first_root);
  j["second_root"] = ToHex(proof.second_root);
  j["consistency_path"] = HexArray(proof.consistency_path);
  return j.dump();
}

Result<ConsistencyProofDocument> ConsistencyProofFromJson(std::string_view json_text) {
  constexpr std::string_view kWhat = "consistency proof";
  ASSIGN_OR_RETURN(json j, ParseObject(json_text, kWhat));
  ConsistencyProofDocument proof;
  ASSIGN_OR_RETURN(proof.first_size, Size(j, kWhat, "first_size"));
  ASSIGN_OR_RETURN(proof.second_size, Size(j, kWhat, "second_size"));
  ASSIGN_OR_RETURN(proof.first_root, Hash(j, kWhat, "first_root"));
  ASSIGN_OR_RETURN(proof.second_root, Hash(j, kWhat, "second_root"));
  ASSIGN_OR_RETURN(proof.consistency_path, Path(j, kWhat, "consistency_path"));
  return proof;
}

Status VerifyConsistencyProof(const ConsistencyProofDocument& proof) {
  return VerifyConsistency(proof.first_size, proof.second_size, proof.first_root, proof.second_root,
                           proof.consistency_path);
}

}  // namespace guarantor::ledger
