// warden::core::HttpRequest — the core's read-only view of one HTTP request.
//
// The view borrows every byte from its owner (the guest adapter's lifted WIT `request`, or a
// test's literals); it must not outlive them. Nothing here allocates except HeaderValue when a
// header occurs more than once.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace warden::core {

// One name/value pair: a header, or a caller-defined `extra` entry.
struct Field {
  std::string_view name;
  std::string_view value;
};

struct HttpRequest {
  std::string_view ip;
  std::string_view method;
  std::string_view protocol;
  std::string_view host;
  std::string_view path;
  std::span<const Field> headers;  // names as received; lookups ignore ASCII case
  std::string_view cookies;        // the raw Cookie header value, e.g. "a=1; b=2"
  std::string_view query;          // the raw query string, with or without a leading '?'
  std::span<const Field> extra;    // caller-defined key/value pairs, keys case-sensitive
};

// Looks up header `name` (ASCII case-insensitive). Returns false if no header has that name.
// Otherwise stores the value in *value: a view of the single header's value, or, when the
// name occurs several times, the values joined with ", " in order of appearance (as the
// WHATWG Headers.get() does), stored in *scratch and viewed from there. *value is valid
// while `headers` and *scratch are unchanged.
bool FindHeader(std::span<const Field> headers, std::string_view name, std::string* scratch,
                std::string_view* value);

// For FindHeaderIf: *value is the first occurrence's value, the name occurs again at
// headers[0]. Joins as FindHeader does; returns true.
template <class NameMatches>
[[gnu::noinline]] bool JoinHeader(std::span<const Field> headers, NameMatches matches,
                                  std::string* scratch, std::string_view* value) {
  scratch->assign(value->data(), value->size());
  for (const Field& field : headers) {
    if (!matches(field.name)) continue;
    scratch->append(", ");
    scratch->append(field.value.data(), field.value.size());
  }
  *value = *scratch;
  return true;
}

// FindHeader with the name test given as a predicate: the headers whose name makes
// `matches(name)` true are found and joined as FindHeader does (FindHeader passes a
// case-insensitive comparison with its name; a caller looking up a constant name may pass a
// cheaper test of its own that accepts the same names).
template <class NameMatches>
bool FindHeaderIf(std::span<const Field> headers, NameMatches matches, std::string* scratch,
                  std::string_view* value) {
  for (size_t i = 0; i < headers.size(); ++i) {
    if (!matches(headers[i].name)) continue;
    *value = headers[i].value;
    for (size_t j = i + 1; j < headers.size(); ++j) {
      if (matches(headers[j].name)) return JoinHeader(headers.subspan(j), matches, scratch, value);
    }
    return true;
  }
  return false;
}

// Returns the value of the first `fields` entry whose name equals `name` byte for byte, or
// false when there is none.
bool FindField(std::span<const Field> fields, std::string_view name, std::string_view* value);

}  // namespace warden::core
