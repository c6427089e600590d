// warden::DnsResolver — the DNS lookups a host needs (bot verification, email MX checks).
//
// A small interface so callers can be tested with a fake and the server can swap the
// implementation; the one shipped is over c-ares (NewCaresResolver, host/dns/). Lookups block
// the calling thread until they finish or their deadline passes, whichever is first.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "warden/result.h"

namespace warden {

// One MX record: its preference, its exchange host (lower-cased, without the trailing dot;
// "" for the root, i.e. RFC 7505's null MX ".") and the record's TTL in seconds.
struct MxRecord {
  uint16_t preference = 0;
  std::string exchange;
  uint32_t ttl = 0;
  bool operator==(const MxRecord&) const = default;
};

// The outcome of an MX query that the DNS answered. `records` is empty when the name does not
// exist (`nxdomain`) or exists without MX records (NODATA). For such negative answers
// `negative_ttl` is RFC 2308's: min(SOA TTL, SOA MINIMUM) from the authority section, when the
// server sent an SOA (unset otherwise).
struct MxAnswer {
  std::vector<MxRecord> records;
  bool nxdomain = false;
  std::optional<uint32_t> negative_ttl;
};

// An A or AAAA address as canonical text (inet_ntop) with its record's TTL in seconds.
struct AddressRecord {
  std::string address;
  uint32_t ttl = 0;
  bool operator==(const AddressRecord&) const = default;
};

class DnsResolver {
 public:
  using Clock = std::chrono::steady_clock;
  using Deadline = Clock::time_point;

  virtual ~DnsResolver() = default;

  // The host names in the PTR records of `ip` (IPv4 dotted quad or IPv6 text), lower-cased,
  // without the trailing dot, in answer order. Errors:
  //   kInvalidArgument  `ip` is not an IP address;
  //   kNotFound         NXDOMAIN, or the name exists but has no PTR record;
  //   kDeadlineExceeded no answer before `deadline` (or every server timed out);
  //   kUnavailable      the servers answered with a failure (SERVFAIL, REFUSED, bad reply)
  //                     or could not be reached.
  // Thread-safe; never blocks beyond `deadline`.
  virtual Result<std::vector<std::string>> LookupPtr(std::string_view ip, Deadline deadline) = 0;

  // The A and AAAA addresses of `hostname`, as canonical text (inet_ntop), IPv4 first. The
  // name is queried as given (no search domains). kNotFound when neither query has data;
  // other errors as for LookupPtr. When one family answers and the other fails, the answer
  // that has data is returned. Thread-safe; never blocks beyond `deadline`.
  virtual Result<std::vector<std::string>> LookupAddresses(std::string_view hostname,
                                                           Deadline deadline) = 0;

  // As LookupAddresses, with each record's TTL. The default implementation calls
  // LookupAddresses and reports TTL 0 (resolvers that do not know TTLs).
  virtual Result<std::vector<AddressRecord>> LookupAddressRecords(std::string_view hostname,
                                                                  Deadline deadline) {
    Result<std::vector<std::string>> addresses = LookupAddresses(hostname, deadline);
    if (!addresses.ok()) return addresses.status();
    std::vector<AddressRecord> records;
    for (std::string& address : *addresses) records.push_back({std::move(address), 0});
    return records;
  }

  // The MX records of `domain` (queried as given, no search domains), in answer order, with
  // NXDOMAIN and NODATA reported in the MxAnswer rather than as errors. Errors:
  //   kInvalidArgument  `domain` is not a usable name;
  //   kDeadlineExceeded no answer before `deadline` (or every server timed out);
  //   kUnavailable      the servers answered with a failure (SERVFAIL, REFUSED, bad reply)
  //                     or could not be reached; also the default implementation, for
  //                     resolvers without MX support.
  // Thread-safe; never blocks beyond `deadline`.
  virtual Result<MxAnswer> LookupMx(std::string_view domain, Deadline deadline) {
    (void)domain;
    (void)deadline;
    return UnavailableError("this resolver does not look up MX records");
  }
};

struct CaresResolverOptions {
  // Servers as "ip" or "ip:port" ("[v6]:port" for IPv6 with a port). Empty: the system's
  // (/etc/resolv.conf).
  std::vector<std::string> servers;
  // Per-attempt timeout and attempts per server, handed to c-ares. The deadline of each call
  // still bounds the whole lookup.
  std::chrono::milliseconds attempt_timeout{1000};
  int attempts = 2;
};

// Creates a resolver over c-ares. Fails with kInvalidArgument when a server is malformed and
// kUnavailable when c-ares cannot be initialised. Thread-safety: each lookup runs on its own
// c-ares channel (duplicated from a configured template under a mutex), so any number of
// threads may call the resolver at once.
Result<std::unique_ptr<DnsResolver>> NewCaresResolver(CaresResolverOptions options);

// The reverse-lookup name of `ip`: "4.3.2.1.in-addr.arpa" or the 32-nibble ".ip6.arpa" form.
// kInvalidArgument when `ip` is not an IP address.
Result<std::string> ReverseLookupName(std::string_view ip);

}  // namespace warden
