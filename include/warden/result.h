// warden::Result<T> — a value or the Status that explains why there is none.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

#include "warden/status.h"

namespace warden {

template <class T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<T, Status>, "Result<Status> is meaningless");

 public:
  // A value.
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  // A value constructed in place from `args` (saves the move through the by-value parameter).
  template <class... Args>
  explicit Result(std::in_place_t, Args&&... args)
      : v_(std::in_place_index<0>, std::forward<Args>(args)...) {}
  // An error; `status` must not be OK (an OK status becomes kInternal).
  Result(Status status)  // NOLINT: implicit by design
      : v_(std::in_place_index<1>,
           status.ok() ? InternalError("Result built from an OK status") : std::move(status)) {}

  bool ok() const { return v_.index() == 0; }
  // The value; only when ok().
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  // The error; OK when ok().
  Status status() const { return ok() ? Status::Ok() : std::get<1>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace warden

#define WARDEN_CONCAT_INNER_(a, b) a##b
#define WARDEN_CONCAT_(a, b) WARDEN_CONCAT_INNER_(a, b)
// Declares `lhs` from the value of Result `rexpr`, or returns its Status.
#define WARDEN_ASSIGN_OR_RETURN(lhs, rexpr) \
  WARDEN_ASSIGN_OR_RETURN_IMPL_(WARDEN_CONCAT_(warden_result_, __LINE__), lhs, rexpr)
#define WARDEN_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                  \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(tmp).value()
