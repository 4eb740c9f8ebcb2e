// Result<T>: a value or an Error. No exceptions cross the embertls API.
#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "ember/core/error.hpp"

namespace ember {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(const T& value) : value_(value) {}        // NOLINT(google-explicit-constructor)
  Result(T&& value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Error error) : error_(error) { assert(error != Error::ok); }  // NOLINT

  bool ok() const noexcept { return value_.has_value(); }
  explicit operator bool() const noexcept { return ok(); }
  Error error() const noexcept { return value_ ? Error::ok : error_; }

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
  std::optional<T> value_;
  Error error_ = Error::ok;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(error) {}  // NOLINT(google-explicit-constructor)
  bool ok() const noexcept { return error_ == Error::ok; }
  explicit operator bool() const noexcept { return ok(); }
  Error error() const noexcept { return error_; }

 private:
  Error error_ = Error::ok;
};

using Status = Result<void>;

}  // namespace ember

// Propagate an error from an expression returning Result<...> or Status. (`decl` is a
// declaration and cannot be parenthesised: clang-tidy's macro-parentheses check is off here.)
// NOLINTBEGIN(bugprone-macro-parentheses)
#define EMBER_TRY(expr)                       \
  do {                                        \
    auto ember_try_result_ = (expr);          \
    if (!ember_try_result_.ok()) [[unlikely]] \
      return ember_try_result_.error();       \
  } while (0)

#define EMBER_CONCAT_INNER_(a, b) a##b
#define EMBER_CONCAT_(a, b) EMBER_CONCAT_INNER_(a, b)
// EMBER_TRY_ASSIGN(auto x, f()); declares x from the value of f() or returns its error.
#define EMBER_TRY_ASSIGN(decl, expr) \
  EMBER_TRY_ASSIGN_IMPL_(EMBER_CONCAT_(ember_try_tmp_, __LINE__), decl, expr)
#define EMBER_TRY_ASSIGN_IMPL_(tmp, decl, expr) \
  auto tmp = (expr);                            \
  if (!tmp.ok()) [[unlikely]]                   \
    return tmp.error();                         \
  decl = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)
