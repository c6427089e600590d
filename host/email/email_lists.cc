// warden::EmailDomainLists: matching over the domain table and the run-time build.
#include "warden/email_lists.h"

#include <memory>
#include <string>
#include <utility>

#include "email/email_lists_impl.h"
#include "email/list_sources.h"

namespace warden {
namespace {

constexpr size_t kMaxDomainBytes = 253;
constexpr int kMaxLabels = 128;

// What one pass over a domain learns: for each suffix of k labels (k = 1..n, the TLD first)
// where it starts and the flags of its key.
struct Walk {
  size_t length = 0;  // of the domain without a trailing dot
  int labels = 0;
  int suffix_labels = 0;  // labels of the public suffix
  size_t start[kMaxLabels + 1];
  uint8_t flags[kMaxLabels + 1];
};

bool IsKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

// The PSL algorithm over the walked flags: an exception rule prevails (its suffix is the rule
// minus its leftmost label); otherwise the longest matching rule, "*" by default.
int PublicSuffixLabels(const Walk& w) {
  int labels = 1;
  for (int k = 1; k <= w.labels; ++k) {
    const uint8_t f = w.flags[k];
    if (f & email::kPslException) return k - 1;
    if ((f & email::kPslRule) || (k >= 2 && (w.flags[k - 1] & email::kPslWildcard))) labels = k;
  }
  return labels;
}

// Lower-cases and checks `domain`, hashing its suffixes right to left; then looks each suffix
// up, with the slots of all of them prefetched first so their cache misses overlap.
bool WalkDomain(const email::DomainTable& table, std::string_view domain, Walk& w) {
  if (domain.ends_with('.')) domain.remove_suffix(1);
  if (domain.empty() || domain.size() > kMaxDomainBytes) return false;
  char buf[kMaxDomainBytes];
  uint64_t hashes[kMaxLabels + 1];
  const size_t len = domain.size();
  email::SuffixHasher hasher;
  size_t label = 0;
  int labels = 0;
  for (size_t i = len; i > 0; --i) {
    const char c = Lower(domain[i - 1]);
    buf[i - 1] = c;
    if (c == '.') {
      if (label == 0) return false;
      w.start[++labels] = i;
      hashes[labels] = hasher.Hash();
      label = 0;
    } else if (!IsKeyChar(c) || ++label > 63) {
      return false;
    }
    hasher.Feed(static_cast<unsigned char>(c));
  }
  if (label == 0) return false;
  w.start[++labels] = 0;
  hashes[labels] = hasher.Hash();
  for (int k = 1; k <= labels; ++k) table.Prefetch(hashes[k]);
  for (int k = 1; k <= labels; ++k) {
    w.flags[k] = table.Find(std::string_view(buf + w.start[k], len - w.start[k]), hashes[k]);
  }
  w.length = len;
  w.labels = labels;
  w.suffix_labels = PublicSuffixLabels(w);
  return true;
}

// True when a suffix carries `wildcard`, or carries `exact` and is the domain itself or at
// least its registrable domain.
bool Listed(const Walk& w, uint8_t exact, uint8_t wildcard) {
  const int registrable = w.suffix_labels + 1;
  for (int k = 1; k <= w.labels; ++k) {
    const uint8_t f = w.flags[k];
    if (f & wildcard) return true;
    if ((f & exact) && (k == w.labels || k >= registrable)) return true;
  }
  return false;
}

// Adds `entries` with `flags`, normalised; `what` names the list in errors.
Status AddEntries(const std::vector<std::string>& entries, uint8_t flags, const char* what,
                  email::DomainTableBuilder& builder) {
  for (const std::string& entry : entries) {
    Result<std::string> key = email::NormalizeListEntry(entry);
    if (!key.ok()) return InvalidArgumentError(std::string(what) + ": " + key.status().message());
    WARDEN_RETURN_IF_ERROR(builder.Add(*key, flags));
  }
  return Status::Ok();
}

}  // namespace

namespace email {

Result<BuiltTable> BuildListTable(const EmailListSources& sources) {
  DomainTableBuilder builder;
  WARDEN_RETURN_IF_ERROR(AddPublicSuffixList(sources.public_suffix_list, builder));
  WARDEN_RETURN_IF_ERROR(AddEntries(sources.disposable, kDisposable, "disposable", builder));
  WARDEN_RETURN_IF_ERROR(
      AddEntries(sources.disposable_wildcard, kDisposableWildcard, "disposable wildcard", builder));
  WARDEN_RETURN_IF_ERROR(AddEntries(sources.free, kFree, "free", builder));
  return builder.Build();
}

}  // namespace email

EmailDomainLists::EmailDomainLists(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EmailDomainLists::~EmailDomainLists() = default;

Result<std::shared_ptr<const EmailDomainLists>> EmailDomainLists::Build(
    const EmailListSources& sources) {
  WARDEN_ASSIGN_OR_RETURN(email::BuiltTable built, email::BuildListTable(sources));
  auto impl = std::make_unique<Impl>();
  impl->owned = std::move(built);
  impl->table = impl->owned->View();
  return std::shared_ptr<const EmailDomainLists>(new EmailDomainLists(std::move(impl)));
}

bool EmailDomainLists::IsDisposable(std::string_view domain) const {
  Walk w;
  return WalkDomain(impl_->table, domain, w) &&
         Listed(w, email::kDisposable | email::kDisposableWildcard, email::kDisposableWildcard);
}

bool EmailDomainLists::IsFree(std::string_view domain) const {
  Walk w;
  return WalkDomain(impl_->table, domain, w) && Listed(w, email::kFree, 0);
}

std::string_view EmailDomainLists::RegistrableDomain(std::string_view domain) const {
  Walk w;
  if (!WalkDomain(impl_->table, domain, w) || w.labels <= w.suffix_labels) return {};
  const size_t start = w.start[w.suffix_labels + 1];
  return domain.substr(start, w.length - start);
}

std::string_view EmailDomainLists::PublicSuffix(std::string_view domain) const {
  Walk w;
  if (!WalkDomain(impl_->table, domain, w)) return {};
  const size_t start = w.start[w.suffix_labels];
  return domain.substr(start, w.length - start);
}

bool EmailDomainLists::IsWellFormed(std::string_view domain) {
  if (domain.ends_with('.')) domain.remove_suffix(1);
  if (domain.empty() || domain.size() > kMaxDomainBytes) return false;
  size_t label = 0;
  for (char c : domain) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
    } else if (!IsKeyChar(Lower(c)) || ++label > 63) {
      return false;
    }
  }
  return label != 0;
}

EmailListStats EmailDomainLists::stats() const {
  EmailListStats s;
  impl_->table.ForEach([&s](std::string_view, uint8_t f) {
    ++s.entries;
    s.disposable += (f & (email::kDisposable | email::kDisposableWildcard)) != 0;
    s.disposable_wildcard += (f & email::kDisposableWildcard) != 0;
    s.free += (f & email::kFree) != 0;
    s.public_suffix_rules +=
        (f & (email::kPslRule | email::kPslWildcard | email::kPslException)) != 0;
  });
  s.table_bytes = impl_->table.bytes();
  return s;
}

analyze::analyzer::Imports::EmailOverrides MakeEmailListOverrides(
    std::shared_ptr<const EmailDomainLists> lists) {
  using analyze::types::Answer;
  analyze::analyzer::Imports::EmailOverrides overrides;
  overrides.is_disposable = [lists](const std::string& domain) {
    if (!EmailDomainLists::IsWellFormed(domain)) return Answer::kUnknown;
    return lists->IsDisposable(domain) ? Answer::kYes : Answer::kNo;
  };
  overrides.is_free = [lists](const std::string& domain) {
    if (!EmailDomainLists::IsWellFormed(domain)) return Answer::kUnknown;
    return lists->IsFree(domain) ? Answer::kYes : Answer::kNo;
  };
  return overrides;
}

}  // namespace warden
