// warden::MxChecker — does a mail domain accept mail? The host side of the analysis module's
// `email-overrides.has-mx-records` import (docs/email-mx-gravatar.md): MX lookups through a
// DnsResolver with a deadline, RFC 7505 null MX, RFC 5321 §5.1 implicit MX (A/AAAA), and a
// bounded cache that keeps positive answers for the records' TTL and negative ones for the
// RFC 2308 negative TTL (or a fixed default). A DNS timeout or failure is `unknown`, never `no`.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "warden/analyze/analyzer_types.h"
#include "warden/dns_resolver.h"
#include "warden/result.h"

namespace warden {

struct MxCheckerOptions {
  // Required. Shared: one resolver may serve several checkers.
  std::shared_ptr<DnsResolver> resolver;
  // Budget of all DNS lookups of one check (MX, then A/AAAA when there is no MX), in real
  // time. A check never blocks its caller longer than this (plus scheduling noise).
  std::chrono::milliseconds timeout{2000};
  // Cached answers: at most this many domains, least recently used evicted first; 0 turns
  // the cache off.
  size_t cache_entries = 10000;
  // Upper bound of any cached lifetime (record TTLs above it are cut to it).
  std::chrono::seconds max_ttl{86400};
  // Lifetime of a `no` (NXDOMAIN, NODATA, null MX without a TTL source) when the reply carried
  // no SOA to take RFC 2308's negative TTL from.
  std::chrono::seconds negative_ttl{300};
  // Lifetime of an `unknown` (timeout, SERVFAIL, unreachable servers); 0: not cached.
  std::chrono::seconds unknown_ttl{30};
  // The cache's clock; unset: std::chrono::steady_clock::now. Tests inject their own. Called
  // from every thread that checks, so it must be thread-safe. Deadlines of DNS lookups always
  // use the real steady clock.
  std::function<std::chrono::steady_clock::time_point()> clock;
};

// Why a check answered what it did.
enum class MxReason : uint8_t {
  kMxRecords,        // yes: at least one MX record with a real exchange
  kImplicitMx,       // yes: no MX, but the domain has A or AAAA records (RFC 5321 §5.1)
  kNullMx,           // no: only RFC 7505 null MX records ("0 .")
  kNxDomain,         // no: the domain does not exist
  kNoMailRecords,    // no: the domain exists without MX, A or AAAA records
  kBadDomain,        // unknown: not a DNS name we can ask about (address literal, non-ASCII...)
  kDnsFailure,       // unknown: timeout, SERVFAIL/REFUSED, unreachable servers
};
std::string_view MxReasonName(MxReason reason);

struct MxCheck {
  analyze::types::Answer answer = analyze::types::Answer::kUnknown;
  MxReason reason = MxReason::kDnsFailure;
  bool cached = false;  // served from the cache
};

struct MxCheckerStats {
  uint64_t checks = 0;
  uint64_t cache_hits = 0;
  uint64_t dns_checks = 0;    // checks that went to DNS (cache misses)
  uint64_t coalesced = 0;     // misses that joined a lookup already in progress
  uint64_t dns_failures = 0;  // of those, ended unknown on a DNS error or timeout
};

class MxChecker {
 public:
  // Fails with kInvalidArgument without a resolver or with a non-positive timeout or
  // negative TTLs.
  static Result<std::unique_ptr<MxChecker>> Create(MxCheckerOptions options);
  virtual ~MxChecker() = default;

  // Whether mail can be delivered to `domain` (an ASCII/A-label DNS name, any case, an
  // optional trailing dot): yes when it has MX records other than null MX, or no MX but A or
  // AAAA records; no for NXDOMAIN, null MX, or no MX/A/AAAA; unknown when DNS did not tell
  // (and for names that are not plain ASCII host names, e.g. "[192.0.2.1]"). Concurrent
  // checks of one uncached domain share a single lookup (each still bounded by its own
  // deadline). Blocks for at most `timeout` (or until `deadline`, whichever is first).
  // Thread-safe; never throws except std::bad_alloc.
  virtual MxCheck Check(std::string_view domain) = 0;
  virtual MxCheck Check(std::string_view domain, DnsResolver::Deadline deadline) = 0;
  virtual MxCheckerStats stats() const = 0;
};

// The analysis module's `email-overrides.has-mx-records` import bound to `checker`
// (AnalyzerImports::EmailOverrides::has_mx_records). Shares ownership of the checker, is
// thread-safe and never throws (any exception becomes `unknown`).
std::function<analyze::types::Answer(const std::string& domain)> MakeHasMxRecordsImport(
    std::shared_ptr<MxChecker> checker);

}  // namespace warden
