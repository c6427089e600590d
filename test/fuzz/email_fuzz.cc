// Fuzz target: email syntax (UTF-8, IDNA, literals) and the validate-email rule over arbitrary
// candidates.
//
// Input: one flags byte (bit 0 require-TLD, bit 1 allow literal, bit 2 allow/deny, bits 3-7
// the listed types), then the candidate. Checks: no crash/UB; a reason exactly when invalid,
// kInvalidUtf8 exactly for ill-formed UTF-8; a valid address splits back into the candidate,
// its A-label domain is lower-case ASCII within the length limits, and converting it again is
// the identity (IDNA idempotence); invalid ⇔ blocked has INVALID, with the same reason; the
// oracle is never consulted for an invalid address.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/email/idna.h"
#include "core/email/syntax.h"
#include "core/email/unicode.h"
#include "core/email/validate.h"
#include "fuzz_util.h"

namespace {

using namespace warden::core::email;
using warden::fuzz::Check;

class CountingOracle final : public EmailOracle {
 public:
  Answer IsDisposable(const std::string&) override { return Count(Answer::kYes); }
  Answer IsFree(const std::string&) override { return Count(Answer::kUnknown); }
  Answer HasMxRecords(const std::string&) override { return Count(Answer::kNo); }
  Answer HasGravatar(const std::string&) override { return Count(Answer::kNo); }
  int calls = 0;

 private:
  Answer Count(Answer a) {
    ++calls;
    return a;
  }
};

void CheckValid(std::string_view candidate, const SyntaxOptions& options, const Address& a) {
  Check(a.local.size() + 1 + a.domain.size() == candidate.size());
  Check(a.local.data() == candidate.data());
  Check(candidate[a.local.size()] == '@');
  Check(a.local.size() <= 64 && a.ascii_domain.size() <= 253);
  Check(a.local.size() + 1 + a.ascii_domain.size() <= 254);
  Check(options.allow_domain_literal || !a.domain_literal);
  if (a.domain_literal) return;
  size_t label = 0;
  for (char c : a.ascii_domain) {
    Check(static_cast<unsigned char>(c) < 0x80 && !(c >= 'A' && c <= 'Z'));
    label = c == '.' ? 0 : label + 1;
    Check(label <= 63);
  }
  std::string again;
  Check(DomainToAscii(a.ascii_domain, &again) == InvalidReason::kNone);
  Check(again == a.ascii_domain);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  const std::string_view candidate(reinterpret_cast<const char*>(data + 1), size - 1);
  SyntaxOptions options{(flags & 1) != 0, (flags & 2) != 0};

  Address address;
  const InvalidReason reason = ParseAddress(candidate, options, &address);
  const bool valid = reason == InvalidReason::kNone;
  if (valid) CheckValid(candidate, options, address);
  if (!candidate.empty()) Check((reason == InvalidReason::kInvalidUtf8) == !IsValidUtf8(candidate));
  Check(!ReasonName(reason).empty() || valid);

  std::vector<EmailType> types;
  for (int bit = 3; bit < 8; ++bit) {
    if (flags & (1 << bit)) types.push_back(kAllEmailTypes[bit - 3]);
  }
  EmailConfig config;
  config.syntax = options;
  config.mode = (flags & 4) ? RuleMode::kAllow : RuleMode::kDeny;
  config.types = types;
  CountingOracle oracle;
  const EmailVerdict verdict = Validate(candidate, config, oracle);
  Check(verdict.valid == valid);
  Check(verdict.reason == reason);
  Check(verdict.Blocks(EmailType::kInvalid) == !valid);
  Check(valid || oracle.calls == 0);
  Check(oracle.calls <= 4);
  return 0;
}
