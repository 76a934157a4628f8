// ScenarioReading: what reading one scenario keeps across its files and sections. The files it
// opened (each with the context its diagnostics are located in), the ids defined so far by kind
// (an id defined twice is an error naming the first), and the references to parties, regions
// and triggers, checked by Resolve once everything is read: an item may name a party defined
// further on, or in another file. Private to the scenario module.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "base/diagnostic.h"
#include "scenario/internal/geojson.h"
#include "scenario/internal/yaml_fields.h"
#include "scenario/scenario.h"

namespace guarantor::scenario_internal {

// `file` relative to `dir`; `file` alone when `dir` is empty or ".".
std::string JoinPath(const std::string& dir, const std::string& file);

class ScenarioReading {
 public:
  // File names the scenario gives are relative to `dir`; diagnostics go to `errors`, which must
  // outlive this object.
  ScenarioReading(std::string dir, std::vector<Diagnostic>* errors)
      : dir_(std::move(dir)), errors_(errors) {}
  ScenarioReading(const ScenarioReading&) = delete;
  ScenarioReading& operator=(const ScenarioReading&) = delete;

  size_t error_count() const { return errors_->size(); }

  // The list under `key`, given inline or as the name of a YAML file holding it: calls
  // each(ctx, item, path) for every item, with the context of the file the item is in.
  template <typename Fn>
  void WithList(MapReader& m, const std::string& key, Presence presence, Fn each) {
    YAML::Node n = m.Get(key, presence);
    if (!n.IsDefined()) return;
    FileContext* ctx = &m.ctx();
    std::string path = m.FieldPath(key);
    if (n.IsScalar()) {
      const std::string file = JoinPath(dir_, n.Scalar());
      ctx = &NewContext(file);
      std::optional<YAML::Node> loaded = LoadYamlFile(*ctx, file);
      if (!loaded) return;
      n = *loaded;
      path = key;
    }
    ForEach(*ctx, n, path,
            [&](const YAML::Node& item, const std::string& p) { each(*ctx, item, p); });
  }

  // The GeoJSON file named by the required `key`: its context and root, or nullopt (diagnosed).
  std::optional<std::pair<FileContext*, YAML::Node>> GeoJsonFile(MapReader& m,
                                                                 const std::string& key);

  // The required "id" of `r`; diagnosed when an id of the same `kind` ("party", "trigger",
  // "protected site", ...) was defined before. "" when absent or not a string.
  std::string UniqueId(FileContext& c, MapReader& r, const std::string& kind);
  // Records `id` as defined (a trigger of the scenario an item is read against).
  void DeclareId(const std::string& kind, const std::string& id) { ids_[kind].emplace(id, ""); }

  // The party id at the required `key` of `r`, checked by Resolve: it must name a party, with
  // `role` when given. "" when absent.
  std::string PartyRef(FileContext& c, MapReader& r, const std::string& key,
                       std::optional<PartyRole> role = std::nullopt);
  // The string at `n`, to be checked by Resolve against the ids of `kind`: "party", "region" or
  // "trigger". nullopt when `n` is not a string (diagnosed).
  std::optional<std::string> Reference(FileContext& c, const YAML::Node& n,
                                       const std::string& field, const std::string& kind);

  // Diagnoses every reference that names nothing in `s` (or a party without the role asked).
  void Resolve(const Scenario& s);

 private:
  struct PendingRef {
    FileContext* ctx;
    int line, column;
    std::string field, value;
    std::string kind;  // "party", "trigger" or "region"
    std::optional<PartyRole> role;
  };

  FileContext& NewContext(const std::string& file) { return contexts_.emplace_back(file, errors_); }

  std::string dir_;
  std::vector<Diagnostic>* errors_;
  std::deque<FileContext> contexts_;  // a deque: the contexts handed out stay where they are
  std::vector<PendingRef> pending_;
  // kind -> id -> where it was first defined ("file:line").
  std::map<std::string, std::map<std::string, std::string>> ids_;
};

}  // namespace guarantor::scenario_internal
