// warden::GravatarChecker — does an address have a Gravatar? The host side of the analysis
// module's `email-overrides.has-gravatar` import (docs/email-mx-gravatar.md): an HTTP GET of
// `<base_url><sha256-hex of the normalised address>?d=404` over libcurl with a timeout,
// 200 → yes, 404 → no, anything else (other statuses, timeouts, connection errors) → unknown,
// behind a bounded cache with a lifetime per answer.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "warden/analyze/analyzer_types.h"
#include "warden/result.h"

namespace warden {

struct GravatarCheckerOptions {
  // Prefix of the request URL; the hash and "?d=404" are appended. http:// or https:// only.
  std::string base_url = "https://gravatar.com/avatar/";
  // Budget of one request (connect, TLS, reply), in real time.
  std::chrono::milliseconds timeout{2000};
  // Cached answers: at most this many addresses, least recently used evicted first; 0 turns
  // the cache off.
  size_t cache_entries = 10000;
  std::chrono::seconds found_ttl{86400};   // yes
  std::chrono::seconds missing_ttl{3600};  // no
  std::chrono::seconds unknown_ttl{30};    // unknown (0: not cached)
  std::string user_agent = "warden-gravatar-check/1";
  // The HTTP proxy. Unset: libcurl's default (the http_proxy / https_proxy / no_proxy
  // environment variables); "": no proxy at all; otherwise a proxy URL.
  std::optional<std::string> proxy;
  // The cache's clock; unset: std::chrono::steady_clock::now. Tests inject their own. Called
  // from every thread that checks, so it must be thread-safe.
  std::function<std::chrono::steady_clock::time_point()> clock;
};

struct GravatarCheck {
  analyze::types::Answer answer = analyze::types::Answer::kUnknown;
  long http_status = 0;  // 0 when no HTTP reply was read (timeout, connection error, cached)
  bool cached = false;
};

struct GravatarCheckerStats {
  uint64_t checks = 0;
  uint64_t cache_hits = 0;
  uint64_t requests = 0;  // HTTP requests made (cache misses)
  uint64_t failures = 0;  // of those, ended unknown
};

// The address as Gravatar hashes it: ASCII whitespace trimmed at both ends, ASCII letters
// lower-cased (other octets, e.g. UTF-8, kept as they are).
std::string NormalizeGravatarEmail(std::string_view email);
// Lower-case hex SHA-256 of NormalizeGravatarEmail(email) (64 characters).
std::string GravatarHash(std::string_view email);

class GravatarChecker {
 public:
  // Fails with kInvalidArgument on a base URL that is not http(s):// or non-positive timeout or
  // negative TTLs, and kUnavailable when libcurl cannot be initialised.
  static Result<std::unique_ptr<GravatarChecker>> Create(GravatarCheckerOptions options);
  virtual ~GravatarChecker() = default;

  // Asks Gravatar about `email` (any text; normalised and hashed here). Blocks for at most
  // about `timeout`. Thread-safe (one curl handle per request); never throws except
  // std::bad_alloc.
  virtual GravatarCheck Check(std::string_view email) = 0;
  virtual GravatarCheckerStats stats() const = 0;
};

// The analysis module's `email-overrides.has-gravatar` import bound to `checker`
// (AnalyzerImports::EmailOverrides::has_gravatar). Shares ownership of the checker, is
// thread-safe and never throws (any exception becomes `unknown`).
std::function<analyze::types::Answer(const std::string& email)> MakeHasGravatarImport(
    std::shared_ptr<GravatarChecker> checker);

}  // namespace warden
