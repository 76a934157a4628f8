#include "scenario/internal/scenario_reading.h"

namespace guarantor::scenario_internal {

std::string JoinPath(const std::string& dir, const std::string& file) {
  if (dir.empty() || dir == ".") return file;
  return dir.back() == '/' ? dir + file : dir + "/" + file;
}

std::optional<std::pair<FileContext*, YAML::Node>> ScenarioReading::GeoJsonFile(
    MapReader& m, const std::string& key) {
  std::optional<std::string> name = m.String(key, Presence::kRequired);
  if (!name) return std::nullopt;
  const std::string file = JoinPath(dir_, *name);
  FileContext& ctx = NewContext(file);
  std::optional<YAML::Node> root = LoadYamlFile(ctx, file);
  if (!root) return std::nullopt;
  return std::make_pair(&ctx, *root);
}

std::string ScenarioReading::UniqueId(FileContext& c, MapReader& r, const std::string& kind) {
  YAML::Node n = r.Get("id", Presence::kRequired);
  if (!n.IsDefined()) return "";
  std::optional<std::string> id = AsString(c, n, r.FieldPath("id"));
  if (!id) return "";
  std::string here = c.file() + ":" + std::to_string(n.Mark().line + 1);
  auto [it, inserted] = ids_[kind].emplace(*id, here);
  if (!inserted) {
    c.Error(n, r.FieldPath("id"),
            "expected a " + kind + " id not used before; found \"" + *id +
                "\", already defined at " + it->second);
  }
  return *id;
}

std::string ScenarioReading::PartyRef(FileContext& c, MapReader& r, const std::string& key,
                                      std::optional<PartyRole> role) {
  YAML::Node n = r.Get(key, Presence::kRequired);
  if (!n.IsDefined()) return "";
  std::optional<std::string> v = AsString(c, n, r.FieldPath(key));
  if (!v) return "";
  pending_.push_back(
      PendingRef{&c, n.Mark().line + 1, n.Mark().column + 1, r.FieldPath(key), *v, "party", role});
  return *v;
}

std::optional<std::string> ScenarioReading::Reference(FileContext& c, const YAML::Node& n,
                                                      const std::string& field,
                                                      const std::string& kind) {
  std::optional<std::string> v = AsString(c, n, field);
  if (v) {
    pending_.push_back(
        PendingRef{&c, n.Mark().line + 1, n.Mark().column + 1, field, *v, kind, std::nullopt});
  }
  return v;
}

void ScenarioReading::Resolve(const Scenario& s) {
  for (const PendingRef& ref : pending_) {
    if (ref.kind == "region") {
      if (s.FindRegion(ref.value) == nullptr) {
        ref.ctx->Error(
            ref.line, ref.column, ref.field,
            "expected the id of a region defined under \"regions\"; found \"" + ref.value + "\"");
      }
      continue;
    }
    if (ref.kind == "trigger") {
      if (ids_["trigger"].count(ref.value) == 0) {
        ref.ctx->Error(
            ref.line, ref.column, ref.field,
            "expected the id of a trigger defined under \"triggers\"; found \"" + ref.value + "\"");
      }
      continue;
    }
    const Party* p = s.FindParty(ref.value);
    if (p == nullptr) {
      ref.ctx->Error(
          ref.line, ref.column, ref.field,
          "expected the id of a party defined under \"parties\"; found \"" + ref.value + "\"");
    } else if (ref.role && !p->HasRole(*ref.role)) {
      ref.ctx->Error(ref.line, ref.column, ref.field,
                     "expected a party with role " + std::string(ToString(*ref.role)) +
                         "; found \"" + ref.value + "\", which does not have it");
    }
  }
}

}  // namespace guarantor::scenario_internal
