// Status and Result<T>: recoverable errors as values.
//
// Every function that can fail on bad input or an unavailable resource returns a Status or a
// Result<T>; exceptions from third-party libraries are caught in the adapter that calls them and
// turned into a Status, so that none crosses a module boundary.
//
//   Result<Scenario> scenario = LoadScenario(dir);
//   if (!scenario.ok()) { std::cerr << scenario.status().message(); return 1; }
//   Use(*scenario);
//
// Thread safety: value types; distinct objects may be used from distinct threads.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace guarantor {

// Error codes, deliberately few. Do not renumber: codes are persisted in logs and mapped to exit
// and HTTP statuses in exactly one place.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument = 1,     // the caller's input is malformed or violates a rule
  kNotFound = 2,            // a named file, record or key does not exist
  kFailedPrecondition = 3,  // the system is not in a state where the operation is allowed
  kIoError = 4,             // the operating system refused a read or write
  kInternal = 5,            // a broken invariant that escaped an assertion
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status FailedPrecondition(std::string m) {
    return {StatusCode::kFailedPrecondition, std::move(m)};
  }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value of type T or the Status that explains why there is none.
// REQUIRES: a Result is constructed from a non-OK Status only.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!status_.ok());
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok().
  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace guarantor

#define GUARANTOR_CONCAT_INNER(a, b) a##b
#define GUARANTOR_CONCAT(a, b) GUARANTOR_CONCAT_INNER(a, b)

// Returns from the enclosing function if `expr` (a Status) is not OK.
#define RETURN_IF_ERROR(expr)                      \
  do {                                             \
    ::guarantor::Status status_macro_ = (expr);    \
    if (!status_macro_.ok()) return status_macro_; \
  } while (0)

// Evaluates `rexpr` (a Result<T>); on error returns its Status, else moves the value into `lhs`.
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  ASSIGN_OR_RETURN_IMPL(GUARANTOR_CONCAT(result_macro_, __LINE__), lhs, rexpr)
// NOLINTBEGIN(bugprone-macro-parentheses): `lhs` is a declaration and cannot be parenthesised.
#define ASSIGN_OR_RETURN_IMPL(result, lhs, rexpr) \
  auto result = (rexpr);                          \
  if (!result.ok()) return result.status();       \
  lhs = std::move(result).value()
// NOLINTEND(bugprone-macro-parentheses)
