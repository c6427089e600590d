// warden::BotVerifier — decides whether a request claiming to be a known bot (Googlebot,
// bingbot, Applebot, GPTBot...) really comes from its operator: by the operator's published
// IP ranges (an IpRangeList the deployment supplies) or by reverse-then-forward DNS against
// the operator's documented host names (through a DnsResolver). It is the host side of the
// analysis module's `bot-overrides.verify` import; docs/bot-verification.md has the policy
// per bot ID and its sources.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "warden/analyze/analyzer_types.h"
#include "warden/dns_resolver.h"
#include "warden/result.h"

namespace warden {

// An IPv4 or IPv6 address. IPv4-mapped IPv6 (::ffff:a.b.c.d) is held as IPv4.
struct IpAddress {
  bool v4 = true;
  std::array<uint8_t, 16> bytes{};  // network order; IPv4 uses the first 4

  // Parses dotted-quad IPv4 or RFC 4291 IPv6 text (no zone, no brackets, no port).
  static Result<IpAddress> Parse(std::string_view text);
  friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

// A CIDR block: the address with its host bits cleared, and the prefix length.
struct IpPrefix {
  IpAddress network;
  uint8_t length = 0;  // 0..32 for IPv4, 0..128 for IPv6

  // Parses "a.b.c.d/n", "v6/n", or a bare address (a /32 or /128). Host bits set below the
  // prefix are cleared, as operators' lists sometimes carry them.
  static Result<IpPrefix> Parse(std::string_view text);
  bool Contains(const IpAddress& ip) const;
};

// Published IP ranges keyed by bot ID ("OPENAI_CRAWLER") or operator ("openai", the names in
// docs/bot-verification.md). Immutable once built; copying is cheap enough for configuration.
// Never fetched at run time: the deployment loads the operators' lists it trusts.
class IpRangeList {
 public:
  // Parses the text format: one entry per line, `<key> <cidr> [<cidr>...]`, CIDRs separated
  // by spaces, tabs or commas; `#` starts a comment; blank lines and CR line ends are fine.
  // A key is a bot ID (upper case, digits, `_`) or a known operator name (lower case). Fails
  // with kInvalidArgument "<source>:<line>: ..." naming the first bad line.
  static Result<IpRangeList> Parse(std::string_view text, std::string_view source = "ranges");
  // Reads and parses a file; kNotFound when it cannot be read.
  static Result<IpRangeList> LoadFile(const std::string& path);

  // True when there is at least one range for `key`.
  bool Has(std::string_view key) const;
  // True when `ip` is in one of the ranges of `key`.
  bool Contains(std::string_view key, const IpAddress& ip) const;
  size_t size() const;  // number of ranges, all keys

 private:
  std::map<std::string, std::vector<IpPrefix>, std::less<>> ranges_;
};

enum class BotVerdict { kVerified, kSpoofed, kUnverifiable };
std::string_view BotVerdictName(BotVerdict verdict);

// The operator behind a bot ID and how it can be verified; nullptr for IDs not in the table.
// The result points into a static table (valid for the program's life). Empty
// `reverse_dns_suffixes` means the operator publishes IP ranges only.
struct BotOperatorPolicy {
  std::string_view operator_name;  // e.g. "google"; also a key in IpRangeList
  std::span<const std::string_view> reverse_dns_suffixes;
};
const BotOperatorPolicy* FindBotOperatorPolicy(std::string_view bot_id);

struct BotVerifierOptions {
  // For reverse-then-forward DNS; null: DNS verification is off (range lists only).
  std::shared_ptr<DnsResolver> resolver;
  IpRangeList ranges;
  // Budget of all DNS lookups of one verification (real time; DnsResolver deadlines).
  std::chrono::milliseconds dns_timeout{1500};
  // Cache of DNS verdicts by (operator, IP): at most this many entries, least recently used
  // evicted first; 0 turns the cache off.
  size_t cache_entries = 10000;
  std::chrono::seconds verdict_ttl{3600};     // verified / spoofed answers
  std::chrono::seconds unverifiable_ttl{30};  // DNS failures (0: not cached)
  // The cache's clock; unset: std::chrono::steady_clock::now. Tests inject their own. Called
  // from any thread that calls Verify, so it must be thread-safe.
  std::function<std::chrono::steady_clock::time_point()> clock;
};

struct BotVerifierStats {
  uint64_t verified = 0;
  uint64_t spoofed = 0;
  uint64_t unverifiable = 0;
  uint64_t cache_hits = 0;
  uint64_t dns_verifications = 0;  // reverse-then-forward runs (cache misses)
  uint64_t dns_failures = 0;       // runs that ended unverifiable on a DNS error or timeout
};

class BotVerifier {
 public:
  // Fails with kInvalidArgument on nonsensical options (negative timeouts).
  static Result<std::unique_ptr<BotVerifier>> Create(BotVerifierOptions options);
  virtual ~BotVerifier() = default;

  // Verifies that `ip` belongs to the operator of `bot_id`:
  //  - an IP in the ranges of the ID or its operator is verified;
  //  - otherwise, for operators with documented host names and a resolver: the PTR names of
  //    `ip` that end in one of the operator's suffixes are resolved forward; `ip` among the
  //    addresses is verified; no PTR, no matching name or other addresses is spoofed; a DNS
  //    timeout or failure is unverifiable — never spoofed;
  //  - ranges-only operators: not in the loaded ranges is spoofed; no ranges loaded is
  //    unverifiable;
  //  - unknown IDs (and unparsable IPs) are unverifiable.
  // Blocks for at most about `dns_timeout`. Thread-safe; never throws except std::bad_alloc.
  virtual BotVerdict Verify(std::string_view bot_id, std::string_view ip) = 0;
  virtual BotVerifierStats stats() const = 0;
};

// The analysis module's `bot-overrides.verify` import bound to `verifier`
// (AnalyzerImports::BotOverrides::verify). The function shares ownership of the verifier, is
// thread-safe and never throws (any exception becomes `unverifiable`).
std::function<analyze::types::Verification(const std::string& bot_id, const std::string& ip)>
MakeBotVerifyImport(std::shared_ptr<BotVerifier> verifier);

}  // namespace warden
