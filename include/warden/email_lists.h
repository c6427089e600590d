// warden::EmailDomainLists — the disposable and free-mail domain checks behind the analysis
// module's `is-disposable` / `is-free` host imports (docs/email-lists.md).
//
// The built-in lists are compiled into the library at build time: the union of the
// `disposable-email-domains` (with its wildcard list) and `mailchecker` npm packages, our
// curated free-mail list (host/email/data/free_domains.txt), and Debian's Public Suffix List.
// They sit in one read-only hash table (no start-up cost, under 4 MB).
//
// Domains are matched as lower-case ASCII A-labels (case-insensitively). A domain is listed
// when it or one of its parent domains down to its registrable domain is an entry (an entry
// `foo.co.uk` lists `a.foo.co.uk` but never `co.uk`); wildcard entries of
// disposable-email-domains also list every subdomain, even below a public suffix. Inputs that
// are not ASCII LDH domains — U-labels included — are malformed: the checks answer false and
// the import binding answers `unknown`.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "warden/analyze/analyzer_types.h"
#include "warden/result.h"

namespace warden {

// Sources of a custom set of lists (EmailDomainLists::Build); entries may be U-labels (they are
// stored as A-labels), any case, with one trailing dot.
struct EmailListSources {
  std::string public_suffix_list;                // the publicsuffix.org text format
  std::vector<std::string> disposable;           // domains (and their subdomains)
  std::vector<std::string> disposable_wildcard;  // domains and all their subdomains
  std::vector<std::string> free;                 // free-mail providers
};

struct EmailListStats {
  size_t entries = 0;     // distinct keys in the table
  size_t disposable = 0;  // keys listed as disposable (wildcards included)
  size_t disposable_wildcard = 0;
  size_t free = 0;
  size_t public_suffix_rules = 0;  // keys carrying a PSL rule, wildcard or exception
  size_t table_bytes = 0;          // the whole table: entry blob + hash slots
};

// Immutable after construction, thread-safe; lookups do not allocate.
class EmailDomainLists {
 public:
  // The lists compiled into the library. Never fails; the same object on every call.
  static std::shared_ptr<const EmailDomainLists> Builtin();
  // Builds lists from `sources` at run time (tests, custom deployments). Fails on a malformed
  // PSL rule or list entry.
  static Result<std::shared_ptr<const EmailDomainLists>> Build(const EmailListSources& sources);

  // True when `domain` is disposable (see the file comment for the matching rules). False for
  // a malformed domain.
  bool IsDisposable(std::string_view domain) const;
  // True when `domain` (or a parent down to its registrable domain) is a free-mail provider.
  bool IsFree(std::string_view domain) const;
  // The registrable domain (public suffix plus one label) of `domain` as a view into
  // `domain`, by the PSL algorithm (the default rule "*" for unknown TLDs; ICANN and private
  // sections alike). Empty when `domain` is malformed or is itself a public suffix.
  std::string_view RegistrableDomain(std::string_view domain) const;
  // The public suffix of `domain`, a view into it; empty when malformed.
  std::string_view PublicSuffix(std::string_view domain) const;

  // True when `domain` is what the checks accept: 1..253 ASCII bytes (254 with one trailing
  // dot, which is ignored) of labels of 1..63 letters, digits, '-' or '_'.
  static bool IsWellFormed(std::string_view domain);

  EmailListStats stats() const;

  ~EmailDomainLists();
  EmailDomainLists(const EmailDomainLists&) = delete;
  EmailDomainLists& operator=(const EmailDomainLists&) = delete;

  struct Impl;

 private:
  explicit EmailDomainLists(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The `email-overrides` imports answered by `lists`: `is_disposable` and `is_free` set (yes /
// no; `unknown` for a malformed domain), `has_mx_records` and `has_gravatar` left empty for
// the caller to fill. The functions share ownership of `lists`, are thread-safe and never
// throw.
analyze::analyzer::Imports::EmailOverrides MakeEmailListOverrides(
    std::shared_ptr<const EmailDomainLists> lists);

}  // namespace warden
