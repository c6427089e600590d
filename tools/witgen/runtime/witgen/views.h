// Borrowed views of WIT values, and the conversions between views and owned values.
//
// Export parameters reach the guest code as views (see docs/witgen.md, "Borrowed export
// parameters"): `string` is a std::string_view, `list<T>` a std::span<const T'>, and records,
// variants, tuples, options and results containing them are their `...View` / view forms. A
// view is valid for the duration of the export call only.
//
// `ViewOf(owned, arena)` makes a view of an owned value (used where owned values meet code
// that takes views: the native engine, tests); arrays of views it has to build live in
// `arena`. `ToOwned(view)` copies a view into an owned value. Their overloads (ViewIn,
// ToOwnedIn) are defined for the standard forms here and, in the generated types header, for
// every record and variant that has a view form; a type whose view form is itself (scalars,
// enums, flags, records of those) is copied by the fallback overloads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "witgen/runtime.h"

namespace witgen {

// Storage for the arrays of views ViewOf builds. Views made with an arena are valid while the
// arena and the viewed owned values live. Holds only trivially destructible objects. The first
// kInline bytes live inside the object (no heap allocation for typical requests).
// Not thread-safe; one per call.
class ViewArena {
 public:
  // User-provided (not `= default`) so that value-initialisation (`ViewArena()`) does not
  // zero the inline buffer.
  ViewArena() {}  // NOLINT(modernize-use-equals-default)
  ViewArena(const ViewArena&) = delete;
  ViewArena& operator=(const ViewArena&) = delete;

  // Uninitialised storage for `n` objects of T.
  template <class T>
  T* Allocate(size_t n) {
    static_assert(std::is_trivially_destructible_v<T>);
    static_assert(alignof(T) <= alignof(std::max_align_t));
    const size_t bytes = n * sizeof(T);
    size_t at = (used_ + alignof(T) - 1) & ~(alignof(T) - 1);
    if (at + bytes <= kInline) [[likely]] {
      used_ = at + bytes;
      return reinterpret_cast<T*>(inline_ + at);
    }
    return reinterpret_cast<T*>(AllocateHeap(bytes));
  }

 private:
  // Storage beyond the inline bytes (kept out of line so that Allocate inlines).
  [[gnu::noinline]] void* AllocateHeap(size_t bytes) {
    heap_.push_back(std::make_unique<std::max_align_t[]>(bytes / sizeof(std::max_align_t) + 1));
    return heap_.back().get();
  }

  static constexpr size_t kInline = 1024;
  alignas(std::max_align_t) unsigned char inline_[kInline];
  size_t used_ = 0;
  std::vector<std::unique_ptr<std::max_align_t[]>> heap_;
};

// ---- ViewOf: owned → view.

// Types whose view form is themselves (scalars, enums, flags, monostate, records of those).
template <class T>
T ViewIn(const T& v, ViewArena&) {
  return v;
}
inline std::string_view ViewIn(const std::string& v, ViewArena&) { return v; }

template <class T>
using ViewType = decltype(ViewIn(std::declval<const T&>(), std::declval<ViewArena&>()));

template <class T>
std::span<const ViewType<T>> ViewIn(const std::vector<T>& v, ViewArena& arena) {
  using V = ViewType<T>;
  if constexpr (std::is_same_v<V, T> && !std::is_same_v<T, bool>) {  // no vector<bool>::data
    return std::span<const T>(v.data(), v.size());
  } else {
    V* out = arena.Allocate<V>(v.size());
    for (size_t i = 0; i < v.size(); ++i) new (out + i) V(ViewIn(v[i], arena));
    return std::span<const V>(out, v.size());
  }
}
template <class T>
std::optional<ViewType<T>> ViewIn(const std::optional<T>& v, ViewArena& arena) {
  if (!v) return std::nullopt;
  return ViewIn(*v, arena);
}
template <class... T>
std::tuple<ViewType<T>...> ViewIn(const std::tuple<T...>& v, ViewArena& arena) {
  return std::apply(
      [&](const T&... x) { return std::tuple<ViewType<T>...>(ViewIn(x, arena)...); }, v);
}
template <class T, class E>
Expected<ViewType<T>, ViewType<E>> ViewIn(const Expected<T, E>& v, ViewArena& arena) {
  if (v.ok()) return Expected<ViewType<T>, ViewType<E>>::Ok(ViewIn(v.value(), arena));
  return Expected<ViewType<T>, ViewType<E>>::Err(ViewIn(v.error(), arena));
}

// A view of `v`; arrays of views it needs are allocated in `arena`.
template <class T>
ViewType<T> ViewOf(const T& v, ViewArena& arena) {
  return ViewIn(v, arena);
}

// ---- ToOwned: view → owned. The overloads are named ToOwnedIn and take an Owning tag so that
// argument-dependent lookup always searches this namespace too (the generated overloads for
// records and variants live in the types' namespaces); call ToOwned.

struct Owning {};

template <class T>
T ToOwnedIn(const T& v, Owning) {
  return v;
}
inline std::string ToOwnedIn(std::string_view v, Owning) { return std::string(v); }

template <class V>
using OwnedType = decltype(ToOwnedIn(std::declval<const V&>(), Owning{}));

template <class V>
std::vector<OwnedType<V>> ToOwnedIn(std::span<const V> v, Owning o) {
  if constexpr (std::is_same_v<V, std::string_view> || std::is_same_v<OwnedType<V>, V>) {
    return std::vector<OwnedType<V>>(v.begin(), v.end());  // each built in place
  } else {
    std::vector<OwnedType<V>> out;
    out.reserve(v.size());
    for (const V& x : v) out.push_back(ToOwnedIn(x, o));
    return out;
  }
}
template <class V>
std::optional<OwnedType<V>> ToOwnedIn(const std::optional<V>& v, Owning o) {
  if (!v) return std::nullopt;
  return ToOwnedIn(*v, o);
}
template <class... V>
std::tuple<OwnedType<V>...> ToOwnedIn(const std::tuple<V...>& v, Owning o) {
  return std::apply(
      [&](const V&... x) { return std::tuple<OwnedType<V>...>(ToOwnedIn(x, o)...); }, v);
}
template <class T, class E>
Expected<OwnedType<T>, OwnedType<E>> ToOwnedIn(const Expected<T, E>& v, Owning o) {
  if (v.ok()) return Expected<OwnedType<T>, OwnedType<E>>::Ok(ToOwnedIn(v.value(), o));
  return Expected<OwnedType<T>, OwnedType<E>>::Err(ToOwnedIn(v.error(), o));
}

// An owned copy of the view `v`.
template <class V>
OwnedType<V> ToOwned(const V& v) {
  return ToOwnedIn(v, Owning{});
}

}  // namespace witgen
