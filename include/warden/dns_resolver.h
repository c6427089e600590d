// warden::DnsResolver — the DNS lookups a host needs (bot verification, email MX checks).
//
// A small interface so callers can be tested with a fake and the server can swap the
// implementation; the one shipped is over c-ares (NewCaresResolver, host/dns/). Lookups block
// the calling thread until they finish or their deadline passes, whichever is first.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "warden/result.h"

namespace warden {

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
