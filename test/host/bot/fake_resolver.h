// fake_resolver.h — a scripted DnsResolver for the BotVerifier unit tests: answers from maps,
// an injectable failure per name, and a count of lookups.
#pragma once

#include <atomic>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "warden/dns_resolver.h"

namespace warden::testing {

class FakeResolver : public DnsResolver {
 public:
  // Answers; a name absent from a map is NotFound unless it is in `errors`.
  std::map<std::string, std::vector<std::string>> ptr;        // ip -> names
  std::map<std::string, std::vector<std::string>> addresses;  // name -> ips
  std::map<std::string, StatusCode> errors;                   // ip or name -> failure
  std::atomic<int> lookups{0};

  Result<std::vector<std::string>> LookupPtr(std::string_view ip, Deadline) override {
    return Answer(ptr, std::string(ip));
  }
  Result<std::vector<std::string>> LookupAddresses(std::string_view name, Deadline) override {
    return Answer(addresses, std::string(name));
  }

 private:
  Result<std::vector<std::string>> Answer(const std::map<std::string, std::vector<std::string>>& m,
                                          const std::string& key) {
    ++lookups;
    if (auto e = errors.find(key); e != errors.end()) return Status(e->second, "scripted failure");
    if (auto it = m.find(key); it != m.end()) return it->second;
    return NotFoundError("no record for " + key);
  }
};

}  // namespace warden::testing
