// JsonText: compact JSON written straight into a string, byte for byte what nlohmann::json's
// dump() prints for the same document (keys in the order written, as ordered_json keeps them).
// For the records written once each on hot paths (incidents, cases, alerts), where building the
// document first cost more than the work that concluded them.
//
//   JsonText j;
//   j.BeginObject().Key("id").String(id).Key("lat").Number(48.1).EndObject();
//   std::string line = j.Take();  // {"id":"...","lat":48.1}
//
// The caller writes a well-formed sequence (a key before each object member, containers
// closed); the writer does not check it. Numbers print as nlohmann prints them (non-finite ones
// as null); strings are escaped as it escapes them, and one that is not valid UTF-8 throws its
// nlohmann::json::type_error, as dump() would.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace guarantor {

class JsonText {
 public:
  JsonText() = default;
  // Room for `expected_bytes` at once: the text then grows without copying itself.
  explicit JsonText(size_t expected_bytes) { out_.reserve(expected_bytes); }

  JsonText& BeginObject() { return Open('{'); }
  JsonText& EndObject() { return Close('}'); }
  JsonText& BeginArray() { return Open('['); }
  JsonText& EndArray() { return Close(']'); }
  JsonText& Key(std::string_view key);
  JsonText& String(std::string_view s);
  JsonText& Number(double v);
  JsonText& Int(int64_t v);
  JsonText& Bool(bool v);
  JsonText& Null();
  // `s` as a string, or null when it is empty (the outputs' "none": no control area, no
  // candidate party).
  JsonText& StringOrNull(std::string_view s) { return s.empty() ? Null() : String(s); }

  // The text so far; the writer is empty afterwards.
  std::string Take() {
    std::string text = std::move(out_);
    out_.clear();
    comma_ = false;
    return text;
  }

 private:
  JsonText& Open(char bracket) {
    if (comma_) out_ += ',';
    out_ += bracket;
    comma_ = false;
    return *this;
  }
  JsonText& Close(char bracket) {
    out_ += bracket;
    comma_ = true;
    return *this;
  }
  void BeforeValue() {
    if (comma_) out_ += ',';
    comma_ = true;
  }
  void AppendEscaped(std::string_view s);

  std::string out_;
  // A member or element was written in the innermost open container and no key since: the next
  // one needs a comma first.
  bool comma_ = false;
};

}  // namespace guarantor
