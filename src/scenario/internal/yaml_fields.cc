#include "scenario/internal/yaml_fields.h"

#include <cmath>

namespace guarantor::scenario_internal {

void FileContext::Error(const YAML::Node& at, const std::string& field, std::string message) {
  int line = 0, column = 0;
  if (at.IsDefined()) {
    const YAML::Mark mark = at.Mark();
    if (!mark.is_null()) {
      line = mark.line + 1;
      column = mark.column + 1;
    }
  }
  Error(line, column, field, std::move(message));
}

void FileContext::Error(int line, int column, const std::string& field, std::string message) {
  sink_->push_back(Diagnostic{file_, line, column, field, std::move(message)});
}

std::string Describe(const YAML::Node& node) {
  if (!node.IsDefined()) return "nothing";
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return "an empty value";
    case YAML::NodeType::Scalar: {
      std::string s = node.Scalar();
      if (s.size() > 60) s = s.substr(0, 57) + "...";
      return "\"" + s + "\"";
    }
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Undefined:
      return "nothing";
  }
  return "nothing";
}

std::optional<std::string> AsString(FileContext& ctx, const YAML::Node& n,
                                    const std::string& path) {
  if (!n.IsScalar() || n.Scalar().empty()) {
    ctx.Error(n, path, "expected a non-empty text; found " + Describe(n));
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<double> AsNumber(FileContext& ctx, const YAML::Node& n, const std::string& path,
                               double min, double max) {
  auto range = [&] {
    char buf[96];
    std::snprintf(buf, sizeof buf, "expected a number in [%g, %g]", min, max);
    return std::string(buf);
  };
  if (!n.IsScalar()) {
    ctx.Error(n, path, range() + "; found " + Describe(n));
    return std::nullopt;
  }
  double v = 0;
  try {
    v = n.as<double>();
  } catch (const YAML::Exception&) {
    ctx.Error(n, path, range() + "; found " + Describe(n));
    return std::nullopt;
  }
  if (!std::isfinite(v) || v < min || v > max) {
    ctx.Error(n, path, range() + "; found " + Describe(n));
    return std::nullopt;
  }
  return v;
}

std::optional<int64_t> AsInteger(FileContext& ctx, const YAML::Node& n, const std::string& path,
                                 int64_t min, int64_t max) {
  const std::string expected =
      "expected a whole number in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
  if (!n.IsScalar()) {
    ctx.Error(n, path, expected + "; found " + Describe(n));
    return std::nullopt;
  }
  int64_t v = 0;
  try {
    v = n.as<int64_t>();
  } catch (const YAML::Exception&) {
    ctx.Error(n, path, expected + "; found " + Describe(n));
    return std::nullopt;
  }
  if (v < min || v > max) {
    ctx.Error(n, path, expected + "; found " + Describe(n));
    return std::nullopt;
  }
  return v;
}

std::optional<bool> AsBool(FileContext& ctx, const YAML::Node& n, const std::string& path) {
  if (n.IsScalar() && (n.Scalar() == "true" || n.Scalar() == "false")) {
    return n.Scalar() == "true";
  }
  ctx.Error(n, path, "expected true or false; found " + Describe(n));
  return std::nullopt;
}

std::optional<Timestamp> AsTimestamp(FileContext& ctx, const YAML::Node& n,
                                     const std::string& path) {
  std::optional<std::string> s = AsString(ctx, n, path);
  if (!s) return std::nullopt;
  Result<Timestamp> t = Timestamp::Parse(*s);
  if (!t.ok()) {
    ctx.Error(n, path, t.status().message());
    return std::nullopt;
  }
  return *t;
}

std::optional<LatLng> AsLatLng(FileContext& ctx, const YAML::Node& n, const std::string& path) {
  MapReader m(ctx, n, path);
  if (!m.valid()) return std::nullopt;
  std::optional<double> lat = m.Number("lat", Presence::kRequired, -90, 90);
  std::optional<double> lon = m.Number("lon", Presence::kRequired, -180, 180);
  m.Finish();
  if (!lat || !lon) return std::nullopt;
  return LatLng{*lat, *lon};
}

bool ForEach(FileContext& ctx, const YAML::Node& n, const std::string& path,
             const std::function<void(const YAML::Node&, const std::string&)>& each) {
  if (!n.IsSequence()) {
    ctx.Error(n, path, "expected a list; found " + Describe(n));
    return false;
  }
  for (size_t i = 0; i < n.size(); ++i) {
    each(n[i], path + "[" + std::to_string(i) + "]");
  }
  return true;
}

MapReader::MapReader(FileContext& ctx, const YAML::Node& node, std::string path)
    : ctx_(ctx), node_(node), path_(std::move(path)) {
  valid_ = node.IsMap();
  if (!valid_) {
    ctx_.Error(node, path_, "expected a mapping of fields; found " + Describe(node));
    finished_ = true;
  }
}

// Finish() throws nothing but std::bad_alloc, on which the process ends either way.
MapReader::~MapReader() { Finish(); }  // NOLINT(bugprone-exception-escape)

std::string MapReader::FieldPath(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

bool MapReader::Has(const std::string& key) const {
  if (!valid_) return false;
  const YAML::Node& map = node_;
  const YAML::Node n = map[key];
  return n.IsDefined() && !n.IsNull();
}

YAML::Node MapReader::Get(const std::string& key, Presence presence) {
  if (known_.insert(key).second) allowed_.push_back(key);
  if (!valid_) return YAML::Node(YAML::NodeType::Undefined);
  const YAML::Node& map = node_;
  YAML::Node n = map[key];
  if (!n.IsDefined() || n.IsNull()) {
    if (presence == Presence::kRequired) {
      ctx_.Error(n.IsDefined() ? n : node_, FieldPath(key),
                 "expected a value (required); found " +
                     std::string(n.IsDefined() ? "an empty value" : "nothing"));
    }
    return YAML::Node(YAML::NodeType::Undefined);
  }
  return n;
}

std::optional<std::string> MapReader::String(const std::string& key, Presence p) {
  YAML::Node n = Get(key, p);
  if (!n.IsDefined()) return std::nullopt;
  return AsString(ctx_, n, FieldPath(key));
}

std::optional<double> MapReader::Number(const std::string& key, Presence p, double min,
                                        double max) {
  YAML::Node n = Get(key, p);
  if (!n.IsDefined()) return std::nullopt;
  return AsNumber(ctx_, n, FieldPath(key), min, max);
}

std::optional<int64_t> MapReader::Integer(const std::string& key, Presence p, int64_t min,
                                          int64_t max) {
  YAML::Node n = Get(key, p);
  if (!n.IsDefined()) return std::nullopt;
  return AsInteger(ctx_, n, FieldPath(key), min, max);
}

std::optional<bool> MapReader::Bool(const std::string& key, Presence p) {
  YAML::Node n = Get(key, p);
  if (!n.IsDefined()) return std::nullopt;
  return AsBool(ctx_, n, FieldPath(key));
}

std::optional<Timestamp> MapReader::Time(const std::string& key, Presence p) {
  YAML::Node n = Get(key, p);
  if (!n.IsDefined()) return std::nullopt;
  return AsTimestamp(ctx_, n, FieldPath(key));
}

std::optional<LatLng> MapReader::Point(const std::string& key, Presence p) {
  YAML::Node n = Get(key, p);
  if (!n.IsDefined()) return std::nullopt;
  return AsLatLng(ctx_, n, FieldPath(key));
}

std::vector<std::string> MapReader::StringList(const std::string& key, Presence p) {
  std::vector<std::string> out;
  YAML::Node n = Get(key, p);
  if (!n.IsDefined()) return out;
  ForEach(ctx_, n, FieldPath(key), [&](const YAML::Node& item, const std::string& path) {
    if (std::optional<std::string> s = AsString(ctx_, item, path)) out.push_back(*s);
  });
  return out;
}

void MapReader::Finish() {
  if (finished_) return;
  finished_ = true;
  std::set<std::string> present;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    const YAML::Node key = it->first;  // a copy: the iterator yields a temporary
    const std::string name = key.IsScalar() ? key.Scalar() : Describe(key);
    if (!present.insert(name).second) {
      // yaml-cpp keeps the first of repeated keys; a repeat is a mistake to report, not ignore.
      ctx_.Error(key, FieldPath(name), "expected each field once; found \"" + name + "\" again");
      continue;
    }
    if (known_.count(name) != 0) continue;
    std::string allowed;
    for (const std::string& a : allowed_) allowed += (allowed.empty() ? "" : ", ") + a;
    ctx_.Error(
        key, FieldPath(name),
        "expected one of the known fields (" + allowed + "); found unknown field \"" + name + "\"");
  }
}

}  // namespace guarantor::scenario_internal
