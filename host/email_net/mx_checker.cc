// mx_checker.cc — MxChecker (include/warden/mx_checker.h): the cache in front, then MX, then
// (for NODATA only) A/AAAA through the DnsResolver, all under one deadline.
#include "warden/mx_checker.h"

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/expiring_lru.h"

namespace warden {
namespace {

using analyze::types::Answer;
using Clock = std::chrono::steady_clock;
using std::chrono::seconds;

constexpr size_t kMaxDomainLength = 253;

// Lower-cases `domain` and drops one trailing dot. Empty when it is not a plain ASCII host
// name (letters, digits, '-', '_', non-empty labels of at most 63 octets).
std::string NormalizeDomain(std::string_view domain) {
  if (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
  if (domain.empty() || domain.size() > kMaxDomainLength) return "";
  std::string out;
  out.reserve(domain.size());
  size_t label = 0;
  for (char c : domain) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (c == '.') {
      if (label == 0) return "";
      label = 0;
    } else if (!ok || ++label > 63) {
      return "";
    }
    out.push_back(c);
  }
  return label == 0 ? "" : out;
}

// A decision and how long it may be cached.
struct Decision {
  MxCheck check;
  seconds ttl{0};
};

Decision Make(Answer answer, MxReason reason, seconds ttl) {
  return Decision{MxCheck{answer, reason, false}, ttl};
}

class MxCheckerImpl final : public MxChecker {
 public:
  explicit MxCheckerImpl(MxCheckerOptions options)
      : options_(std::move(options)), cache_(options_.cache_entries) {
    if (!options_.clock) options_.clock = [] { return Clock::now(); };
  }

  MxCheck Check(std::string_view domain) override {
    return Check(domain, DnsResolver::Clock::now() + options_.timeout);
  }

  MxCheck Check(std::string_view domain, DnsResolver::Deadline deadline) override {
    deadline = std::min(deadline, DnsResolver::Clock::now() + options_.timeout);
    std::string name = NormalizeDomain(domain);
    std::shared_ptr<Flight> flight;
    bool leader = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++stats_.checks;
      if (name.empty()) return MxCheck{Answer::kUnknown, MxReason::kBadDomain, false};
      if (std::optional<MxCheck> hit = cache_.Get(name, options_.clock())) {
        ++stats_.cache_hits;
        hit->cached = true;
        return *hit;
      }
      std::shared_ptr<Flight>& slot = flights_[name];
      if (slot == nullptr) {
        slot = std::make_shared<Flight>();
        leader = true;
      } else {
        ++stats_.coalesced;
      }
      flight = slot;
    }
    if (!leader) return Await(*flight, deadline);
    Decision decision = Resolve(name, deadline);  // no lock held while waiting for DNS
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++stats_.dns_checks;
      if (decision.check.reason == MxReason::kDnsFailure) ++stats_.dns_failures;
      Clock::time_point now = options_.clock();
      cache_.Put(name, decision.check, now, now + std::min(decision.ttl, options_.max_ttl));
      flights_.erase(name);
    }
    {
      std::lock_guard<std::mutex> lock(flight->mu);
      flight->done = true;
      flight->check = decision.check;
    }
    flight->cv.notify_all();
    return decision.check;
  }

  MxCheckerStats stats() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return stats_;
  }

 private:
  // A lookup in progress; checks of the same domain that arrive meanwhile wait for it.
  struct Flight {
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    MxCheck check;
  };

  // Waits for another thread's lookup, at most until `deadline` (then: unknown).
  static MxCheck Await(Flight& flight, DnsResolver::Deadline deadline) {
    std::unique_lock<std::mutex> lock(flight.mu);
    if (!flight.cv.wait_until(lock, deadline, [&] { return flight.done; })) {
      return MxCheck{Answer::kUnknown, MxReason::kDnsFailure, false};
    }
    return flight.check;
  }

  seconds NegativeTtl(const MxAnswer& answer) const {
    return answer.negative_ttl ? seconds(*answer.negative_ttl) : options_.negative_ttl;
  }

  Decision Failure() const {
    return Make(Answer::kUnknown, MxReason::kDnsFailure, options_.unknown_ttl);
  }

  Decision Resolve(const std::string& name, DnsResolver::Deadline deadline) {
    Result<MxAnswer> mx = options_.resolver->LookupMx(name, deadline);
    if (!mx.ok()) return Failure();
    if (mx->nxdomain) return Make(Answer::kNo, MxReason::kNxDomain, NegativeTtl(*mx));
    if (!mx->records.empty()) return FromRecords(*mx);
    // NODATA: RFC 5321 §5.1 — the domain itself is the mail host when it has an address.
    Result<std::vector<AddressRecord>> addresses =
        options_.resolver->LookupAddressRecords(name, deadline);
    if (addresses.ok() && !addresses->empty()) {
      uint32_t ttl = addresses->front().ttl;
      for (const AddressRecord& a : *addresses) ttl = std::min(ttl, a.ttl);
      return Make(Answer::kYes, MxReason::kImplicitMx, seconds(ttl));
    }
    if (addresses.ok() || addresses.status().code() == StatusCode::kNotFound) {
      return Make(Answer::kNo, MxReason::kNoMailRecords, NegativeTtl(*mx));
    }
    return Failure();
  }

  // MX records present: yes when any names a real host; only null MX ("." — RFC 7505 says
  // it must stand alone, a mixed set is treated by its real exchanges) is no.
  Decision FromRecords(const MxAnswer& mx) const {
    std::optional<uint32_t> real_ttl, null_ttl;
    for (const MxRecord& r : mx.records) {
      std::optional<uint32_t>& ttl = r.exchange.empty() ? null_ttl : real_ttl;
      ttl = ttl ? std::min(*ttl, r.ttl) : r.ttl;
    }
    if (real_ttl) return Make(Answer::kYes, MxReason::kMxRecords, seconds(*real_ttl));
    return Make(Answer::kNo, MxReason::kNullMx, seconds(null_ttl.value_or(0)));
  }

  MxCheckerOptions options_;
  mutable std::mutex mu_;
  internal::ExpiringLru<MxCheck> cache_;
  std::unordered_map<std::string, std::shared_ptr<Flight>> flights_;  // lookups in progress
  MxCheckerStats stats_;
};

}  // namespace

std::string_view MxReasonName(MxReason reason) {
  switch (reason) {
    case MxReason::kMxRecords: return "mx-records";
    case MxReason::kImplicitMx: return "implicit-mx";
    case MxReason::kNullMx: return "null-mx";
    case MxReason::kNxDomain: return "nxdomain";
    case MxReason::kNoMailRecords: return "no-mail-records";
    case MxReason::kBadDomain: return "bad-domain";
    case MxReason::kDnsFailure: return "dns-failure";
  }
  return "?";
}

Result<std::unique_ptr<MxChecker>> MxChecker::Create(MxCheckerOptions options) {
  if (options.resolver == nullptr) return InvalidArgumentError("MxChecker needs a resolver");
  if (options.timeout.count() <= 0) return InvalidArgumentError("timeout must be positive");
  if (options.max_ttl.count() < 0 || options.negative_ttl.count() < 0 ||
      options.unknown_ttl.count() < 0) {
    return InvalidArgumentError("TTLs must not be negative");
  }
  return std::unique_ptr<MxChecker>(new MxCheckerImpl(std::move(options)));
}

std::function<analyze::types::Answer(const std::string& domain)> MakeHasMxRecordsImport(
    std::shared_ptr<MxChecker> checker) {
  return [checker = std::move(checker)](const std::string& domain) -> Answer {
    if (checker == nullptr) return Answer::kUnknown;
    try {
      return checker->Check(domain).answer;
    } catch (...) {  // an import must not throw through guest code
    }
    return Answer::kUnknown;
  };
}

}  // namespace warden
