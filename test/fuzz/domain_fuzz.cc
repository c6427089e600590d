// Fuzz target: the email domain lists over untrusted domains (include/warden/email_lists.h).
//
// Input: a mode byte, then data. Mode even: the data is one domain, checked against the
// built-in lists. Mode odd: the data is "<PSL text>\0<domain>\0<domain>...": the PSL text (and
// the domains as disposable / free entries) is built into lists at run time, then each domain
// is looked up. Checks: no crash/UB; results are suffixes of the input; well-formedness and
// case-insensitivity are consistent; the registrable domain is one label above the public
// suffix; the import binding agrees with the checks.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "email/punycode.h"
#include "fuzz_util.h"
#include "warden/email_lists.h"

namespace {

using warden::EmailDomainLists;
using warden::analyze::types::Answer;
using warden::fuzz::Check;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return out;
}

bool IsSuffixOf(std::string_view suffix, std::string_view s) { return s.ends_with(suffix); }

void CheckDomain(const EmailDomainLists& lists, const std::string& domain) {
  const bool well_formed = EmailDomainLists::IsWellFormed(domain);
  const bool disposable = lists.IsDisposable(domain);
  const bool free = lists.IsFree(domain);
  const std::string_view registrable = lists.RegistrableDomain(domain);
  const std::string_view suffix = lists.PublicSuffix(domain);
  Check(well_formed || (!disposable && !free && registrable.empty() && suffix.empty()));
  if (!well_formed) return;
  std::string_view bare = domain;
  if (bare.ends_with('.')) bare.remove_suffix(1);
  Check(!suffix.empty() && IsSuffixOf(suffix, bare));
  Check(suffix.data() + suffix.size() == bare.data() + bare.size());
  if (!registrable.empty()) {
    Check(IsSuffixOf(registrable, bare) && registrable.size() > suffix.size() + 1);
    Check(registrable.substr(registrable.size() - suffix.size() - 1)[0] == '.');
    Check(registrable.substr(0, registrable.size() - suffix.size() - 1).find('.') ==
          std::string_view::npos);
  } else {
    Check(suffix.size() == bare.size());
  }
  const std::string lower = Lower(domain);
  Check(lists.IsDisposable(lower) == disposable && lists.IsFree(lower) == free);
  Check(lists.RegistrableDomain(lower).size() == registrable.size());
}

void CheckBinding(const std::shared_ptr<const EmailDomainLists>& lists, const std::string& domain) {
  const auto overrides = warden::MakeEmailListOverrides(lists);
  const Answer a = overrides.is_disposable(domain);
  if (!EmailDomainLists::IsWellFormed(domain)) {
    Check(a == Answer::kUnknown);
  } else {
    Check(a == (lists->IsDisposable(domain) ? Answer::kYes : Answer::kNo));
  }
}

std::vector<std::string> Split(std::string_view data) {
  std::vector<std::string> parts;
  while (true) {
    const size_t nul = data.find('\0');
    parts.emplace_back(data.substr(0, nul));
    if (nul == std::string_view::npos) return parts;
    data.remove_prefix(nul + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  if ((data[0] & 1) == 0) {
    const std::string domain(input);
    CheckDomain(*EmailDomainLists::Builtin(), domain);
    CheckBinding(EmailDomainLists::Builtin(), domain);
    (void)warden::email::DomainToALabels(domain);
    return 0;
  }
  std::vector<std::string> parts = Split(input);
  warden::EmailListSources sources;
  sources.public_suffix_list = parts[0];
  for (size_t i = 1; i < parts.size(); ++i) {
    (i % 2 ? sources.disposable : sources.free).push_back(parts[i]);
  }
  auto built = EmailDomainLists::Build(sources);
  if (!built.ok()) {
    sources.disposable.clear();
    sources.free.clear();
    built = EmailDomainLists::Build(sources);
    if (!built.ok()) return 0;
  }
  for (size_t i = 1; i < parts.size(); ++i) {
    CheckDomain(**built, parts[i]);
    if (EmailDomainLists::IsWellFormed(parts[i]) && !sources.disposable.empty() && i % 2) {
      Check((*built)->IsDisposable(parts[i]));  // an entry always lists itself
    }
  }
  return 0;
}
