#include "guarantee/activation_output.h"

#include <map>
#include <nlohmann/json.hpp>

namespace guarantor {

std::string ActivationJsonLine(const Activation& a) {
  using nlohmann::ordered_json;
  ordered_json obligations = ordered_json::array();
  std::map<std::string, double> cumulative;
  ordered_json timeline = ordered_json::array();
  for (const Obligation& o : a.obligations) {
    ordered_json oj = {{"commitment", o.commitment},
                       {"party", o.party},
                       {"response", o.response},
                       {"deadline", o.deadline.ToRfc3339()},
                       {"nature", o.legally_binding ? "legal" : "political"},
                       {"classification", std::string(ToString(o.classification))}};
    if (o.capability) {
      const std::string capability(ToString(*o.capability));
      oj["capability"] = capability;
      oj["quantity"] = o.quantity;
      cumulative[capability] += o.quantity;
      timeline.push_back({{"by", o.deadline.ToRfc3339()},
                          {"capability", capability},
                          {"cumulative", cumulative[capability]}});
    }
    obligations.push_back(oj);
  }
  ordered_json restoration = ordered_json::array();
  for (const RestorationCheck& r : a.restoration) {
    restoration.push_back({{"capability", std::string(ToString(r.capability))},
                           {"required", r.required},
                           {"needed_by", r.needed_by.ToRfc3339()},
                           {"committed_by_then", r.committed_by_then},
                           {"committed_in_all", r.committed_in_all},
                           {"met", r.met()},
                           {"met_at", r.met_at ? ordered_json(r.met_at->ToRfc3339()) : nullptr}});
  }
  return ordered_json{{"trigger", a.trigger},
                      {"fired_at", a.fired_at.ToRfc3339()},
                      {"facts_as_of", a.facts_as_of.ToRfc3339()},
                      {"reason", a.reason},
                      {"facts", a.facts},
                      {"obligations", obligations},
                      {"capability_timeline", timeline},
                      {"restoration", restoration}}
      .dump();
}

}  // namespace guarantor
