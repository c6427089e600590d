// InvalidReason names (see reason.h).
#include "core/email/reason.h"

#include <array>

namespace warden::core::email {
namespace {

constexpr std::array<std::string_view, 28> kNames = {
    "",
    "empty",
    "invalid-utf8",
    "control-character",
    "display-name",
    "comment",
    "missing-at",
    "local-part-empty",
    "local-part-too-long",
    "unterminated-quote",
    "invalid-character",
    "leading-dot",
    "trailing-dot",
    "consecutive-dots",
    "domain-empty",
    "domain-too-long",
    "address-too-long",
    "label-too-long",
    "label-hyphen",
    "invalid-idna",
    "missing-top-level-domain",
    "invalid-top-level-domain",
    "reserved-domain",
    "domain-literal-not-allowed",
    "invalid-domain-literal",
    "invalid-display-name",
    "non-ascii-local-part",
    "top-level-domain-not-allowed",
};
static_assert(kNames.size() == static_cast<size_t>(InvalidReason::kTopLevelDomainNotAllowed) + 1);

}  // namespace

std::string_view ReasonName(InvalidReason reason) {
  const auto i = static_cast<size_t>(reason);
  return i < kNames.size() ? kNames[i] : std::string_view();
}

}  // namespace warden::core::email
