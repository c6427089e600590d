// EmailDomainLists::Builtin(): the lists compiled in by tools/domaingen (builtin_data.h).
#include <memory>

#include "email/builtin_data.h"
#include "email/email_lists_impl.h"
#include "warden/email_lists.h"

namespace warden {

std::shared_ptr<const EmailDomainLists> EmailDomainLists::Builtin() {
  // The table is static data; the object is built once and shared, never destroyed.
  static const auto* const lists = [] {
    auto impl = std::make_unique<Impl>();
    impl->table = email::DomainTable(email::builtin::kBlob, email::builtin::kBlobSize,
                                     email::builtin::kSlots, email::builtin::kSlotCount);
    return new std::shared_ptr<const EmailDomainLists>(new EmailDomainLists(std::move(impl)));
  }();
  return *lists;
}

}  // namespace warden
