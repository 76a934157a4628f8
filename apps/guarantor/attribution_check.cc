#include "attribution_check.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "base/rounding.h"

namespace guarantor::cli {
namespace {

using Json = nlohmann::ordered_json;

std::vector<std::string> MonitoredParties(const Scenario& s) {
  std::vector<std::string> parties;
  for (const ControlArea& ca : s.agreement.control_areas) parties.push_back(ca.party);
  return parties;
}

}  // namespace

AttributionCheck::AttributionCheck(std::map<std::string, std::string> reference,
                                   const Scenario& scenario, const AgreementMap& map)
    : reference_(std::move(reference)),
      attributor_(map, MonitoredParties(scenario), scenario.monitoring.attribution_min_confidence),
      accuracy_(MonitoredParties(scenario)),
      min_confidence_(scenario.monitoring.attribution_min_confidence) {}

Result<std::unique_ptr<AttributionCheck>> AttributionCheck::Open(const std::string& path,
                                                                 const Scenario& scenario,
                                                                 const AgreementMap& map) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open the reference file");
  std::map<std::string, std::string> reference;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Json j = Json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("id") || !j["id"].is_string() ||
        !j.contains("initiator") || !j["initiator"].is_string()) {
      return Status::InvalidArgument(path + ":" + std::to_string(n) +
                                     ": expected a JSON object with string fields \"id\" and "
                                     "\"initiator\"");
    }
    if (!reference.emplace(j["id"].get<std::string>(), j["initiator"].get<std::string>()).second) {
      return Status::InvalidArgument(path + ":" + std::to_string(n) + ": id: duplicate id \"" +
                                     j["id"].get<std::string>() + "\"");
    }
  }
  return std::unique_ptr<AttributionCheck>(
      new AttributionCheck(std::move(reference), scenario, map));
}

void AttributionCheck::Add(const Observation& obs, const Assessment& a, std::ostream& out) {
  const Attribution attr =
      attributor_.Attribute(SingleObservationIncident(obs), a.at, a.origin ? &*a.origin : nullptr);
  auto it = reference_.find(obs.id);
  const std::string reference = it == reference_.end() ? "" : it->second;
  if (it == reference_.end()) ++missing_reference_;
  accuracy_.Add(reference, attr);
  if (a.violation()) {
    ++violations_;
    const std::string who = attr.determined() ? attr.party : "undetermined";
    ++violations_by_party_[who];
    ++violations_by_zone_and_party_[a.at.zone][who];
  }
  Json j;
  j["id"] = obs.id;
  j["zone"] = a.at.zone;
  j["violation"] = a.violation();
  j["reference"] = reference;
  j["party"] = attr.party;
  j["candidate"] = attr.candidate;
  j["method"] = std::string(ToString(attr.method));
  j["confidence"] = RoundTo(attr.confidence, 4);
  j["reason"] = attr.Reason();
  out << j.dump(-1, ' ', false, Json::error_handler_t::strict) << '\n';
}

void AttributionCheck::WriteMarkdown(std::ostream& out, const std::string& reference_path) const {
  out << "# Attribution compared with the records' initiator\n\n"
      << "Reference: `" << reference_path << "`. Each observation is attributed as an incident "
      << "of its own; a party is named when the confidence reaches "
      << FormatFixed(min_confidence_, 2) << " (the scenario's attribution threshold).\n\n";
  accuracy_.WriteMarkdown(out);
  out << "\nObservations without a line in the reference file: " << missing_reference_ << "\n";
  out << "\n## Violations by attributed party\n\n"
      << violations_ << " violation(s).\n\n"
      << "| zone | party | violations |\n| --- | --- | ---: |\n";
  for (const auto& [zone, row] : violations_by_zone_and_party_) {
    for (const auto& [party, n] : row)
      out << "| " << zone << " | " << party << " | " << n << " |\n";
  }
}

std::string AttributionCheck::ToJson() const {
  Json by_party = Json::object();
  for (const auto& [p, n] : violations_by_party_) by_party[p] = n;
  Json j;
  j["accuracy"] = Json::parse(accuracy_.ToJson());
  j["violations_by_party"] = by_party;
  j["missing_reference"] = missing_reference_;
  return j.dump();
}

}  // namespace guarantor::cli
