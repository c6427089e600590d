// `warden demo` (demo.h): sample requests and addresses, default rules, readable output.
#include "demo.h"

#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "eval_json.h"
#if WARDEN_DEMO_HAS_EMAIL_LISTS
#include "warden/email_lists.h"
#endif

namespace warden::eval {
namespace {

struct SampleRequest {
  std::string label;
  wit::Request request;
};

wit::Request MakeRequest(std::string ip, std::string user_agent, std::string cookies,
                         std::string query) {
  wit::Request request;
  request.ip = std::move(ip);
  request.method = "GET";
  request.protocol = "HTTP/1.1";
  request.host = "shop.example.com";
  request.path = "/products";
  if (!user_agent.empty()) request.headers.emplace_back("User-Agent", std::move(user_agent));
  request.headers.emplace_back("Accept", "*/*");
  request.cookies = std::move(cookies);
  request.query = std::move(query);
  return request;
}

std::vector<SampleRequest> SampleRequests() {
  return {
      {"browser (Chrome, signed in)",
       MakeRequest("203.0.113.7",
                   "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
                   "Gecko) Chrome/120.0.0.0 Safari/537.36",
                   "session=4f9c2a; theme=dark", "page=2")},
      {"browser (Firefox, no cookies)",
       MakeRequest("198.51.100.23",
                   "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "",
                   "")},
      {"curl", MakeRequest("192.0.2.10", "curl/8.4.0", "", "q=shoes")},
      {"Googlebot (from Google's network)",
       MakeRequest("66.249.66.1",
                   "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                   "", "")},
      {"\"Googlebot\" (from elsewhere)",
       MakeRequest("192.0.2.66",
                   "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                   "", "")},
      {"python-requests", MakeRequest("192.0.2.11", "python-requests/2.31.0", "", "")},
      {"no User-Agent", MakeRequest("192.0.2.99", "", "session=77aa01", "")},
  };
}

const std::vector<std::string>& SampleEmails() {
  static const auto* emails = new std::vector<std::string>{
      "alice@example.com", "bob@gmail.com",  "carol@mailinator.com",
      "not-an-email",      "dave@localhost", "erin@[192.0.2.1]", "frank..x@example.org",
  };
  return *emails;
}

// The email lists are the real built-in ones (host/email) when the build has them; the
// crawler check is a stand-in for reverse DNS (host/bot needs a DNS server), so the demo shows
// the host imports at work without any outside part.
constexpr std::string_view kGoogleCrawlerPrefix = "66.249.";  // stands in for rDNS checks

#if WARDEN_DEMO_HAS_EMAIL_LISTS
constexpr std::string_view kEmailListsSource =
    "disposable and free = the built-in lists (host/email)";
#else
constexpr std::string_view kDisposableDomains[] = {"mailinator.com", "guerrillamail.com"};
constexpr std::string_view kFreeDomains[] = {"gmail.com", "yahoo.com", "outlook.com"};
constexpr std::string_view kEmailListsSource =
    "disposable = mailinator.com, guerrillamail.com; free = gmail.com, yahoo.com, outlook.com "
    "(stand-ins: this build has no email lists)";

wit::Answer InList(std::span<const std::string_view> list, const std::string& domain) {
  for (std::string_view entry : list) {
    if (entry == domain) return wit::Answer::kYes;
  }
  return wit::Answer::kNo;
}
#endif

AnalyzerImports DemoImports() {
  AnalyzerImports imports;
#if WARDEN_DEMO_HAS_EMAIL_LISTS
  imports.email_overrides = MakeEmailListOverrides(EmailDomainLists::Builtin());
#else
  imports.email_overrides.is_disposable = [](const std::string& domain) {
    return InList(kDisposableDomains, domain);
  };
  imports.email_overrides.is_free = [](const std::string& domain) {
    return InList(kFreeDomains, domain);
  };
#endif
  imports.bot_overrides.verify = [](const std::string& bot_id, const std::string& ip) {
    if (!bot_id.starts_with("GOOGLE_")) return wit::Verification::kUnverifiable;
    return ip.starts_with(kGoogleCrawlerPrefix) ? wit::Verification::kVerified
                                                : wit::Verification::kSpoofed;
  };
  return imports;
}

std::string JoinIds(const std::vector<std::string>& ids) {
  if (ids.empty()) return "none";
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

std::string JoinTypes(const std::vector<wit::EmailType>& types) {
  std::vector<std::string> names;
  for (wit::EmailType type : types) names.emplace_back(EmailTypeName(type));
  return JoinIds(names);
}

std::string Pad(std::string text, size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

// Prints what an engine call gave: the engine failure, the analysis error, or the verdict
// through `print_value`. Returns false only when the engine failed.
template <typename Outcome, typename PrintValue>
bool PrintOutcome(const Outcome& result, std::ostream& out, PrintValue print_value) {
  if (!result.ok()) {
    out << "ENGINE FAILURE: " << result.status().ToString() << "\n";
    return false;
  }
  if (!result->ok()) {
    out << "(" << AnalysisErrorText(result->error()) << ")\n";
    return true;
  }
  print_value(result->value());
  return true;
}

// Prints one fingerprint; false when the engine failed.
bool PrintFingerprint(Engine& engine, const wit::Request& request,
                      const std::vector<std::string>& characteristics, std::string_view label,
                      std::ostream& out) {
  auto result = engine.GenerateFingerprint(request, characteristics);
  out << "    " << Pad(std::string(label), 24);
  return PrintOutcome(result, out, [&](const std::string& fingerprint) {
    out << fingerprint << "\n";
  });
}

bool PrintBot(Engine& engine, const wit::Request& request, const wit::BotConfig& config,
              std::ostream& out) {
  auto result = engine.DetectBot(request, config);
  out << "    " << Pad("bot", 24);
  return PrintOutcome(result, out, [&](const wit::BotResult& bot) {
    if (bot.allowed.empty() && bot.denied.empty()) {
      out << "ALLOW  not a bot\n";
      return;
    }
    out << (bot.denied.empty() ? "ALLOW" : "DENY ") << "  denied: " << JoinIds(bot.denied)
        << "; allowed: " << JoinIds(bot.allowed);
    if (!bot.categories.empty()) out << "; " << JoinIds(bot.categories);
    out << (bot.verified ? "; verified" : "") << (bot.spoofed ? "; spoofed" : "")
        << (bot.missing_user_agent ? "; no User-Agent" : "") << "\n";
  });
}

bool PrintEmail(Engine& engine, const std::string& email, const wit::EmailConfig& config,
                std::ostream& out) {
  auto result = engine.ValidateEmail(email, config);
  out << "  " << Pad(email, 26);
  return PrintOutcome(result, out, [&](const wit::EmailResult& verdict) {
    out << (verdict.blocked.empty() ? "ALLOW" : "DENY ") << "  "
        << (verdict.validity == wit::EmailValidity::kValid ? "valid  " : "invalid")
        << "  blocked: " << JoinTypes(verdict.blocked) << "\n";
  });
}

}  // namespace

int RunDemo(std::ostream& out, EngineKind kind) {
  EngineOptions options;
  options.kind = kind;
  options.imports = DemoImports();
  Result<std::unique_ptr<Engine>> engine = Engine::Create(options);
  if (!engine.ok()) {
    out << "warden demo: cannot create the " << EngineKindName(kind)
        << " engine: " << engine.status().ToString() << "\n";
    return 1;
  }
  Engine& e = **engine;
  out << "warden demo: sample traffic through the " << EngineKindName(kind)
      << " engine, default rules\n\n";

  bool all_ran = true;
  const wit::BotConfig bot_rule{wit::BotConfig::Allow{{"CATEGORY:SEARCH_ENGINE"}}};
  const std::vector<std::string> by_session = {"ip.src", "http.request.cookie[\"session\"]"};
  out << "Host data for the demo: " << kEmailListsSource
      << "; Google crawlers come from 66.249.* (stand-in for reverse DNS)\n\n"
      << "Requests (fingerprints by ip.src and by ip.src + session cookie; bots: allow "
         "CATEGORY:SEARCH_ENGINE, deny every other bot)\n";
  for (const SampleRequest& sample : SampleRequests()) {
    out << "  " << sample.label << "  " << sample.request.method << " " << sample.request.host
        << sample.request.path << " from " << sample.request.ip << "\n";
    all_ran &= PrintFingerprint(e, sample.request, {}, "fingerprint", out);
    all_ran &= PrintFingerprint(e, sample.request, by_session, "fingerprint (session)", out);
    all_ran &= PrintBot(e, sample.request, bot_rule, out);
  }

  wit::EmailConfig email_rule{};
  email_rule.require_top_level_domain = true;
  email_rule.allow_domain_literal = false;
  email_rule.rule.value = wit::EmailRule::Deny{
      {wit::EmailType::kDisposable, wit::EmailType::kInvalid, wit::EmailType::kNoMxRecords}};
  out << "\nEmails (deny DISPOSABLE, INVALID, NO_MX_RECORDS; top-level domain required; no "
         "domain literals)\n";
  for (const std::string& email : SampleEmails()) all_ran &= PrintEmail(e, email, email_rule, out);

  const EngineStats stats = e.stats();
  out << "\n" << stats.calls << " calls, " << stats.traps << " traps, "
      << stats.instances_created << " instance(s) created\n";
  return all_ran ? 0 : 1;
}

}  // namespace warden::eval
