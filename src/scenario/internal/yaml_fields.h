// Typed, diagnosing access to yaml-cpp nodes, private to the scenario module.
//
// Every accessor either returns a value or records one Diagnostic (file:line:column: field:
// expected ..., found ...) and returns nullopt, so that a loader can keep going and report every
// error in one pass. MapReader also reports keys that no accessor asked for: unknown keys are
// errors, so that a typo is never silently ignored.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "base/diagnostic.h"
#include "model/lat_lng.h"
#include "model/timestamp.h"

namespace guarantor::scenario_internal {

// Where diagnostics for one file go.
class FileContext {
 public:
  FileContext(std::string file, std::vector<Diagnostic>* sink)
      : file_(std::move(file)), sink_(sink) {}

  const std::string& file() const { return file_; }
  // Records an error located at `at` (or at the file when `at` has no mark).
  void Error(const YAML::Node& at, const std::string& field, std::string message);
  void Error(int line, int column, const std::string& field, std::string message);
  size_t error_count() const { return sink_->size(); }

 private:
  std::string file_;
  std::vector<Diagnostic>* sink_;
};

// A short description of what a node holds, for "found ..." in messages.
std::string Describe(const YAML::Node& node);

enum class Presence { kRequired, kOptional };

std::optional<std::string> AsString(FileContext& ctx, const YAML::Node& n, const std::string& path);
std::optional<double> AsNumber(FileContext& ctx, const YAML::Node& n, const std::string& path,
                               double min, double max);
std::optional<int64_t> AsInteger(FileContext& ctx, const YAML::Node& n, const std::string& path,
                                 int64_t min, int64_t max);
std::optional<bool> AsBool(FileContext& ctx, const YAML::Node& n, const std::string& path);
std::optional<Timestamp> AsTimestamp(FileContext& ctx, const YAML::Node& n,
                                     const std::string& path);
std::optional<LatLng> AsLatLng(FileContext& ctx, const YAML::Node& n, const std::string& path);

// Maps a vocabulary name to an enum; `choices` describes the vocabulary for the message.
template <typename E>
std::optional<E> AsEnum(FileContext& ctx, const YAML::Node& n, const std::string& path,
                        std::optional<E> (*parse)(std::string_view), const std::string& choices) {
  std::optional<std::string> s = AsString(ctx, n, path);
  if (!s) return std::nullopt;
  std::optional<E> v = parse(*s);
  if (!v) ctx.Error(n, path, "expected " + choices + "; found \"" + *s + "\"");
  return v;
}

// Calls `each(item, item_path)` for every element; reports an error if `n` is not a sequence.
// Returns false if it was not a sequence.
bool ForEach(FileContext& ctx, const YAML::Node& n, const std::string& path,
             const std::function<void(const YAML::Node&, const std::string&)>& each);

// Reads the fields of one mapping. Accessors mark keys as known; Finish() reports the rest.
class MapReader {
 public:
  // Reports an error when `node` is not a mapping; valid() is then false and every accessor
  // returns nullopt without further messages.
  MapReader(FileContext& ctx, const YAML::Node& node, std::string path);
  MapReader(const MapReader&) = delete;
  MapReader& operator=(const MapReader&) = delete;
  ~MapReader();  // NOLINT(bugprone-exception-escape): see yaml_fields.cc

  bool valid() const { return valid_; }
  const std::string& path() const { return path_; }
  const YAML::Node& node() const { return node_; }
  FileContext& ctx() { return ctx_; }
  std::string FieldPath(const std::string& key) const;

  // The value at `key`; an undefined node when absent (reported when required).
  YAML::Node Get(const std::string& key, Presence presence);
  bool Has(const std::string& key) const;

  std::optional<std::string> String(const std::string& key, Presence p);
  std::optional<double> Number(const std::string& key, Presence p, double min, double max);
  std::optional<int64_t> Integer(const std::string& key, Presence p, int64_t min, int64_t max);
  std::optional<bool> Bool(const std::string& key, Presence p);
  std::optional<Timestamp> Time(const std::string& key, Presence p);
  std::optional<LatLng> Point(const std::string& key, Presence p);
  template <typename E>
  std::optional<E> Enum(const std::string& key, Presence p,
                        std::optional<E> (*parse)(std::string_view), const std::string& choices) {
    YAML::Node n = Get(key, p);
    if (!n.IsDefined()) return std::nullopt;
    return AsEnum<E>(ctx_, n, FieldPath(key), parse, choices);
  }
  // A list of strings; empty when absent.
  std::vector<std::string> StringList(const std::string& key, Presence p);

  // Reports unknown keys. Called by the destructor if not called before.
  void Finish();

 private:
  FileContext& ctx_;
  YAML::Node node_;
  std::string path_;
  bool valid_ = false;
  bool finished_ = false;
  std::set<std::string> known_;
  std::vector<std::string> allowed_;
};

}  // namespace guarantor::scenario_internal
