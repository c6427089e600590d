// gravatar_checker.cc — GravatarChecker (include/warden/gravatar_checker.h): SHA-256 by
// OpenSSL's libcrypto, one libcurl easy handle per request, an ExpiringLru of answers.
#include "warden/gravatar_checker.h"

#include <curl/curl.h>
#include <openssl/evp.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "common/expiring_lru.h"

namespace warden {
namespace {

using analyze::types::Answer;
using Clock = std::chrono::steady_clock;

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// libcurl's global state, initialised once for the process (thread-safe static init).
bool CurlReady() {
  static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  return ready;
}

size_t DiscardBody(char* /*data*/, size_t size, size_t count, void* /*user*/) {
  return size * count;
}

// Owns one easy handle.
class EasyHandle {
 public:
  EasyHandle() : handle_(curl_easy_init()) {}
  ~EasyHandle() {
    if (handle_ != nullptr) curl_easy_cleanup(handle_);
  }
  EasyHandle(const EasyHandle&) = delete;
  EasyHandle& operator=(const EasyHandle&) = delete;
  CURL* get() const { return handle_; }

 private:
  CURL* handle_;
};

class GravatarCheckerImpl final : public GravatarChecker {
 public:
  explicit GravatarCheckerImpl(GravatarCheckerOptions options)
      : options_(std::move(options)), cache_(options_.cache_entries) {
    if (!options_.clock) options_.clock = [] { return Clock::now(); };
  }

  GravatarCheck Check(std::string_view email) override {
    std::string hash = GravatarHash(email);
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++stats_.checks;
      if (std::optional<Answer> hit = cache_.Get(hash, options_.clock())) {
        ++stats_.cache_hits;
        return GravatarCheck{*hit, 0, true};
      }
    }
    GravatarCheck check = Fetch(hash);  // no lock held during the request
    std::lock_guard<std::mutex> lock(mu_);
    ++stats_.requests;
    if (check.answer == Answer::kUnknown) ++stats_.failures;
    Clock::time_point now = options_.clock();
    cache_.Put(hash, check.answer, now, now + TtlOf(check.answer));
    return check;
  }

  GravatarCheckerStats stats() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return stats_;
  }

 private:
  std::chrono::seconds TtlOf(Answer answer) const {
    switch (answer) {
      case Answer::kYes: return options_.found_ttl;
      case Answer::kNo: return options_.missing_ttl;
      case Answer::kUnknown: return options_.unknown_ttl;
    }
    return std::chrono::seconds(0);
  }

  GravatarCheck Fetch(const std::string& hash) const {
    EasyHandle curl;
    if (curl.get() == nullptr) return GravatarCheck{};
    std::string url = options_.base_url + hash + "?d=404";
    long timeout_ms = static_cast<long>(std::max<long long>(options_.timeout.count(), 1));
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM: we run on arbitrary threads
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, DiscardBody);
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE, 1L << 20);
    if (options_.proxy) curl_easy_setopt(h, CURLOPT_PROXY, options_.proxy->c_str());
    if (curl_easy_perform(h) != CURLE_OK) return GravatarCheck{};
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    Answer answer = status == 200 ? Answer::kYes : status == 404 ? Answer::kNo : Answer::kUnknown;
    return GravatarCheck{answer, status, false};
  }

  GravatarCheckerOptions options_;
  mutable std::mutex mu_;
  internal::ExpiringLru<Answer> cache_;
  GravatarCheckerStats stats_;
};

}  // namespace

std::string NormalizeGravatarEmail(std::string_view email) {
  while (!email.empty() && IsAsciiSpace(email.front())) email.remove_prefix(1);
  while (!email.empty() && IsAsciiSpace(email.back())) email.remove_suffix(1);
  std::string out(email);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string GravatarHash(std::string_view email) {
  std::string normal = NormalizeGravatarEmail(email);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(normal.data(), normal.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    return "";  // only on allocation failure inside OpenSSL
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xf]);
  }
  return hex;
}

Result<std::unique_ptr<GravatarChecker>> GravatarChecker::Create(GravatarCheckerOptions options) {
  std::string_view url = options.base_url;
  if (!url.starts_with("http://") && !url.starts_with("https://")) {
    return InvalidArgumentError("Gravatar base URL must start with http:// or https://");
  }
  if (options.timeout.count() <= 0) return InvalidArgumentError("timeout must be positive");
  if (options.found_ttl.count() < 0 || options.missing_ttl.count() < 0 ||
      options.unknown_ttl.count() < 0) {
    return InvalidArgumentError("TTLs must not be negative");
  }
  if (!CurlReady()) return UnavailableError("curl_global_init failed");
  return std::unique_ptr<GravatarChecker>(new GravatarCheckerImpl(std::move(options)));
}

std::function<analyze::types::Answer(const std::string& email)> MakeHasGravatarImport(
    std::shared_ptr<GravatarChecker> checker) {
  return [checker = std::move(checker)](const std::string& email) -> Answer {
    if (checker == nullptr) return Answer::kUnknown;
    try {
      return checker->Check(email).answer;
    } catch (...) {  // an import must not throw through guest code
    }
    return Answer::kUnknown;
  };
}

}  // namespace warden
