// default_imports.cc — the answers a host gives when it has no data source for a question.
#include "engine/default_imports.h"

#include <string>
#include <utility>

namespace warden::host {
namespace {

namespace analyze = ::warden::analyze;

analyze::types::Answer Unknown(const std::string&) { return analyze::types::Answer::kUnknown; }

}  // namespace

AnalyzerImports WithDefaultImports(AnalyzerImports imports) {
  if (!imports.logger.log) imports.logger.log = [](analyze::logger::Level, const std::string&) {};
  auto& email = imports.email_overrides;
  if (!email.is_free) email.is_free = Unknown;
  if (!email.is_disposable) email.is_disposable = Unknown;
  if (!email.has_mx_records) email.has_mx_records = Unknown;
  if (!email.has_gravatar) email.has_gravatar = Unknown;
  if (!imports.bot_overrides.verify) {
    imports.bot_overrides.verify = [](const std::string&, const std::string&) {
      return analyze::types::Verification::kUnverifiable;
    };
  }
  return imports;
}

}  // namespace warden::host
