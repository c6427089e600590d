// Fuzz target: email syntax and the validate-email rule over arbitrary candidates.
//
// Input: one flags byte (bit 0 require-TLD, bit 1 allow literal, bit 2 allow/deny, bits 3-7
// the listed types), then the candidate. Checks: no crash/UB; a valid address splits back into
// the candidate and respects the length limits; invalid ⇔ blocked has INVALID; the oracle is
// never consulted for an invalid address.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/email/syntax.h"
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  const std::string_view candidate(reinterpret_cast<const char*>(data + 1), size - 1);
  SyntaxOptions options{(flags & 1) != 0, (flags & 2) != 0};

  Address address;
  const bool valid = ParseAddress(candidate, options, &address);
  if (valid) {
    Check(address.local.size() + 1 + address.domain.size() == candidate.size());
    Check(address.local.data() == candidate.data());
    Check(candidate[address.local.size()] == '@');
    Check(address.local.size() <= 64 && address.domain.size() <= 253 && candidate.size() <= 254);
    Check(options.allow_domain_literal || !address.domain_literal);
  }

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
  Check(verdict.Blocks(EmailType::kInvalid) == !valid);
  Check(valid || oracle.calls == 0);
  Check(oracle.calls <= 4);
  return 0;
}
