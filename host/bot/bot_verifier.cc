// bot_verifier.cc — BotVerifier::Create and the verification policy (see bot_verifier.h and
// docs/bot-verification.md): published ranges first, then forward-confirmed reverse DNS.
#include "warden/bot_verifier.h"

#include <arpa/inet.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <utility>

#include "bot/operators.h"
#include "common/expiring_lru.h"

namespace warden {
namespace {

// PTR names tried per verification at most: bounds the forward lookups an attacker who
// controls a PTR zone can make us do.
constexpr size_t kMaxCandidateNames = 4;

std::string IpText(const IpAddress& ip) {
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(ip.v4 ? AF_INET : AF_INET6, ip.bytes.data(), text, sizeof text);
  return text;
}

// True for errors that say nothing about the claim (the DNS could not answer).
bool IsDnsFailure(const Status& status) {
  return status.code() != StatusCode::kNotFound && status.code() != StatusCode::kInvalidArgument;
}

class BotVerifierImpl final : public BotVerifier {
 public:
  explicit BotVerifierImpl(BotVerifierOptions options)
      : options_(std::move(options)), cache_(options_.cache_entries) {
    if (!options_.clock) options_.clock = [] { return std::chrono::steady_clock::now(); };
  }

  BotVerdict Verify(std::string_view bot_id, std::string_view ip_text) override {
    return Count(Decide(bot_id, ip_text));
  }

  BotVerifierStats stats() const override {
    BotVerifierStats s;
    s.verified = verified_.load();
    s.spoofed = spoofed_.load();
    s.unverifiable = unverifiable_.load();
    s.cache_hits = cache_hits_.load();
    s.dns_verifications = dns_verifications_.load();
    s.dns_failures = dns_failures_.load();
    return s;
  }

 private:
  BotVerdict Decide(std::string_view bot_id, std::string_view ip_text) {
    const BotOperatorPolicy* policy = FindBotOperatorPolicy(bot_id);
    bool has_ranges = options_.ranges.Has(bot_id) ||
                      (policy != nullptr && options_.ranges.Has(policy->operator_name));
    if (policy == nullptr && !has_ranges) return BotVerdict::kUnverifiable;
    Result<IpAddress> ip = IpAddress::Parse(ip_text);
    if (!ip.ok()) return BotVerdict::kUnverifiable;
    if (options_.ranges.Contains(bot_id, *ip) ||
        (policy != nullptr && options_.ranges.Contains(policy->operator_name, *ip))) {
      return BotVerdict::kVerified;
    }
    // Not in the published ranges. Reverse DNS may still vouch for it (lists go stale).
    bool dns_possible =
        policy != nullptr && !policy->reverse_dns_suffixes.empty() && options_.resolver != nullptr;
    if (!dns_possible) return has_ranges ? BotVerdict::kSpoofed : BotVerdict::kUnverifiable;
    return VerifyByDnsCached(*policy, *ip);
  }

  BotVerdict VerifyByDnsCached(const BotOperatorPolicy& policy, const IpAddress& ip) {
    std::string ip_key = IpText(ip);
    // Both Google groups share the operator name but not the suffixes: key by both.
    std::string key = std::string(policy.operator_name) + "/" +
                      std::string(policy.reverse_dns_suffixes.front()) + "|" + ip_key;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (std::optional<BotVerdict> hit = cache_.Get(key, options_.clock())) {
        ++cache_hits_;
        return *hit;
      }
    }
    // No lock while waiting on DNS; concurrent misses for one IP may both look it up.
    BotVerdict verdict = VerifyByDns(policy, ip, ip_key);
    auto ttl =
        verdict == BotVerdict::kUnverifiable ? options_.unverifiable_ttl : options_.verdict_ttl;
    if (ttl.count() > 0) {
      std::lock_guard<std::mutex> lock(mu_);
      const auto now = options_.clock();
      cache_.Put(key, verdict, now, now + ttl);
    }
    return verdict;
  }

  // Forward-confirmed reverse DNS: PTR names within the operator's suffixes whose A/AAAA
  // records include the IP.
  BotVerdict VerifyByDns(const BotOperatorPolicy& policy, const IpAddress& ip,
                         const std::string& ip_text) {
    ++dns_verifications_;
    auto deadline = DnsResolver::Clock::now() + options_.dns_timeout;
    Result<std::vector<std::string>> names = options_.resolver->LookupPtr(ip_text, deadline);
    if (!names.ok()) return IsDnsFailure(names.status()) ? Failure() : BotVerdict::kSpoofed;
    bool failed = false;
    size_t tried = 0;
    for (const std::string& name : *names) {
      if (!MatchesPolicy(policy, name)) continue;
      if (++tried > kMaxCandidateNames) break;
      Result<std::vector<std::string>> addresses =
          options_.resolver->LookupAddresses(name, deadline);
      if (!addresses.ok()) {
        failed = failed || IsDnsFailure(addresses.status());
        continue;
      }
      for (const std::string& text : *addresses) {
        Result<IpAddress> address = IpAddress::Parse(text);
        if (address.ok() && *address == ip) return BotVerdict::kVerified;
      }
    }
    return failed ? Failure() : BotVerdict::kSpoofed;
  }

  // Compares without regard to case or a trailing dot, whatever the resolver returned.
  static bool MatchesPolicy(const BotOperatorPolicy& policy, std::string name) {
    while (!name.empty() && name.back() == '.') name.pop_back();
    for (char& c : name) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    for (std::string_view suffix : policy.reverse_dns_suffixes) {
      if (internal::HostMatchesSuffix(name, suffix)) return true;
    }
    return false;
  }

  BotVerdict Failure() {
    ++dns_failures_;
    return BotVerdict::kUnverifiable;
  }

  BotVerdict Count(BotVerdict verdict) {
    switch (verdict) {
      case BotVerdict::kVerified: ++verified_; break;
      case BotVerdict::kSpoofed: ++spoofed_; break;
      case BotVerdict::kUnverifiable: ++unverifiable_; break;
    }
    return verdict;
  }

  BotVerifierOptions options_;
  std::mutex mu_;  // guards cache_
  internal::ExpiringLru<BotVerdict> cache_;
  std::atomic<uint64_t> verified_{0}, spoofed_{0}, unverifiable_{0};
  std::atomic<uint64_t> cache_hits_{0}, dns_verifications_{0}, dns_failures_{0};
};

}  // namespace

std::string_view BotVerdictName(BotVerdict verdict) {
  switch (verdict) {
    case BotVerdict::kVerified: return "verified";
    case BotVerdict::kSpoofed: return "spoofed";
    case BotVerdict::kUnverifiable: return "unverifiable";
  }
  return "unknown";
}

Result<std::unique_ptr<BotVerifier>> BotVerifier::Create(BotVerifierOptions options) {
  if (options.dns_timeout.count() <= 0) {
    return InvalidArgumentError("dns_timeout must be positive");
  }
  if (options.verdict_ttl.count() < 0 || options.unverifiable_ttl.count() < 0) {
    return InvalidArgumentError("verdict_ttl and unverifiable_ttl must not be negative");
  }
  return std::unique_ptr<BotVerifier>(new BotVerifierImpl(std::move(options)));
}

std::function<analyze::types::Verification(const std::string& bot_id, const std::string& ip)>
MakeBotVerifyImport(std::shared_ptr<BotVerifier> verifier) {
  using analyze::types::Verification;
  return [verifier = std::move(verifier)](const std::string& bot_id,
                                          const std::string& ip) -> Verification {
    if (verifier == nullptr) return Verification::kUnverifiable;
    try {
      switch (verifier->Verify(bot_id, ip)) {
        case BotVerdict::kVerified: return Verification::kVerified;
        case BotVerdict::kSpoofed: return Verification::kSpoofed;
        case BotVerdict::kUnverifiable: return Verification::kUnverifiable;
      }
    } catch (...) {  // an import must not throw through guest code
    }
    return Verification::kUnverifiable;
  };
}

}  // namespace warden
