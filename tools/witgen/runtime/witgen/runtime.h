// Support types shared by all witgen-generated C++ code (guest, host and native).
//
// Header-only and free of exceptions and I/O, so it compiles for wasm32 as well as natively.
#pragma once

#include <utility>
#include <variant>

namespace witgen {

// The C++ form of WIT `result<T, E>`: exactly one of a value or an error. A side WIT leaves
// out is std::monostate.
template <class T, class E>
class Expected {
 public:
  // Taking any U the side is constructible from (not a T by value) saves a move.
  template <class U = T>
  static Expected Ok(U&& value) {
    return Expected(std::in_place_index<0>, std::forward<U>(value));
  }
  template <class U = E>
  static Expected Err(U&& error) {
    return Expected(std::in_place_index<1>, std::forward<U>(error));
  }

  bool ok() const { return v_.index() == 0; }
  // The value; only when ok().
  T& value() { return *std::get_if<0>(&v_); }
  const T& value() const { return *std::get_if<0>(&v_); }
  // The error; only when !ok().
  E& error() { return *std::get_if<1>(&v_); }
  const E& error() const { return *std::get_if<1>(&v_); }

  bool operator==(const Expected&) const = default;

 private:
  template <size_t I, class V>
  Expected(std::in_place_index_t<I> index, V&& v) : v_(index, std::forward<V>(v)) {}
  std::variant<T, E> v_;
};

}  // namespace witgen
