// validate-email (see validate.h).
#include "core/email/validate.h"

namespace warden::core::email {
namespace {

constexpr uint8_t Bit(EmailType type) { return static_cast<uint8_t>(1u << static_cast<int>(type)); }

// The types whose detection can change the verdict: listed ones under deny, unlisted under
// allow. kInvalid is never among them (syntax decides it).
uint8_t TypesToCheck(const EmailConfig& config) {
  uint8_t listed = 0;
  for (EmailType type : config.types) listed |= Bit(type);
  uint8_t all = 0;
  for (EmailType type : kAllEmailTypes) all |= Bit(type);
  const uint8_t relevant = config.mode == RuleMode::kDeny ? listed : (all & ~listed);
  return relevant & ~Bit(EmailType::kInvalid);
}

}  // namespace

EmailVerdict Validate(std::string_view candidate, const EmailConfig& config, EmailOracle& oracle) {
  EmailVerdict verdict;
  Address address;
  verdict.reason = ParseAddress(candidate, config.syntax, &address);
  if (verdict.reason != InvalidReason::kNone) {
    verdict.blocked = Bit(EmailType::kInvalid);
    return verdict;
  }
  verdict.valid = true;
  const uint8_t check = TypesToCheck(config);
  if (check == 0) return verdict;

  const std::string domain(address.ascii_domain);  // the oracle's interface takes a string
  const auto detect = [&](EmailType type, bool detected) {
    if (detected) verdict.blocked |= Bit(type);
  };
  const bool ask_domain = !address.domain_literal;
  if (ask_domain && (check & Bit(EmailType::kDisposable))) {
    detect(EmailType::kDisposable, oracle.IsDisposable(domain) == Answer::kYes);
  }
  if (ask_domain && (check & Bit(EmailType::kFree))) {
    detect(EmailType::kFree, oracle.IsFree(domain) == Answer::kYes);
  }
  if (ask_domain && (check & Bit(EmailType::kNoMxRecords))) {
    detect(EmailType::kNoMxRecords, oracle.HasMxRecords(domain) == Answer::kNo);
  }
  if (check & Bit(EmailType::kNoGravatar)) {
    detect(EmailType::kNoGravatar, oracle.HasGravatar(std::string(address.addr_spec)) == Answer::kNo);
  }
  return verdict;
}

}  // namespace warden::core::email
