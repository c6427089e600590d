// warden::core::Error and ErrorOr<T> — how core functions say "could not analyse".
//
// The core has no exceptions and no dependency on the host's warden::Status, so it carries its
// own small error value. Its kinds mirror the WIT `analysis-error` variant one to one; the guest
// adapter (core/guest/exports.cc) maps them across. A verdict (a bot, an invalid email) is never
// an Error.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace warden::core {

enum class ErrorKind : unsigned char {
  kMissingCharacteristic,  // a fingerprint characteristic has no (or an empty) value
  kInvalidInput,           // the input or the config is malformed
  kInternal,               // the core could not finish
};

// What went wrong. `detail` is the characteristic for kMissingCharacteristic and a
// human-readable description otherwise.
struct Error {
  ErrorKind kind;
  std::string detail;

  bool operator==(const Error&) const = default;
};

inline Error MissingCharacteristic(std::string characteristic) {
  return {ErrorKind::kMissingCharacteristic, std::move(characteristic)};
}
inline Error InvalidInput(std::string description) {
  return {ErrorKind::kInvalidInput, std::move(description)};
}

// A value of type T or the Error explaining why there is none.
template <class T>
class [[nodiscard]] ErrorOr {
 public:
  ErrorOr(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
  ErrorOr(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit

  bool ok() const { return v_.index() == 0; }
  // The value; only when ok().
  T& value() { return *std::get_if<0>(&v_); }
  const T& value() const { return *std::get_if<0>(&v_); }
  // The error; only when !ok().
  Error& error() { return *std::get_if<1>(&v_); }
  const Error& error() const { return *std::get_if<1>(&v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace warden::core
