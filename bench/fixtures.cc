// Inputs shared by the engine benchmarks (see fixtures.h).
#include "fixtures.h"

#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace warden::bench {
namespace {

constexpr const char* kBrowserUserAgent =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36";

void AddHeader(wit::Request& request, std::string name, std::string value) {
  request.headers.emplace_back(std::move(name), std::move(value));
}

wit::Request MinimalRequest() {
  wit::Request request;
  request.ip = "203.0.113.7";
  request.method = "GET";
  request.protocol = "https";
  request.host = "example.com";
  request.path = "/";
  AddHeader(request, "User-Agent", kBrowserUserAgent);
  return request;
}

wit::Request TypicalRequest() {
  wit::Request request = MinimalRequest();
  request.path = "/api/items";
  request.cookies = "session=3f1c9a7e2b; theme=dark";
  request.query = "page=2&sort=asc";
  request.headers.clear();
  AddHeader(request, "Host", "example.com");
  AddHeader(request, "User-Agent", kBrowserUserAgent);
  AddHeader(request, "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
  AddHeader(request, "Accept-Language", "en-US,en;q=0.9");
  AddHeader(request, "Accept-Encoding", "gzip, deflate, br");
  AddHeader(request, "Referer", "https://example.com/");
  AddHeader(request, "Cookie", request.cookies);
  AddHeader(request, "Sec-Fetch-Mode", "navigate");
  AddHeader(request, "Sec-Fetch-Site", "same-origin");
  AddHeader(request, "Connection", "keep-alive");
  return request;
}

wit::Request LargeRequest() {
  wit::Request request = TypicalRequest();
  for (int i = 0; i < 64; ++i) {
    AddHeader(request, "X-Custom-" + std::to_string(i), std::string(48, 'a' + i % 26));
  }
  for (int i = 0; i < 32; ++i) {
    request.cookies += "; c" + std::to_string(i) + "=" + std::string(64, 'k');
    request.query += "&q" + std::to_string(i) + "=" + std::string(32, 'v');
  }
  return request;
}

}  // namespace

const char* RequestSizeName(RequestSize size) {
  switch (size) {
    case RequestSize::kMinimal: return "Minimal";
    case RequestSize::kTypical: return "Typical";
    case RequestSize::kLarge: return "Large";
  }
  return "Unknown";
}

wit::Request MakeRequest(RequestSize size) {
  switch (size) {
    case RequestSize::kMinimal: return MinimalRequest();
    case RequestSize::kTypical: return TypicalRequest();
    case RequestSize::kLarge: return LargeRequest();
  }
  return MinimalRequest();
}

size_t RequestBytes(const wit::Request& request) {
  size_t bytes = request.ip.size() + request.method.size() + request.protocol.size() +
                 request.host.size() + request.path.size() + request.cookies.size() +
                 request.query.size();
  for (const auto& [name, value] : request.headers) bytes += name.size() + value.size();
  for (const auto& [key, value] : request.extra) bytes += key.size() + value.size();
  if (request.body) bytes += request.body->size();
  return bytes;
}

std::vector<std::string> FingerprintCharacteristics() {
  return {"ip.src", "http.request.headers[\"user-agent\"]"};
}

wit::Request MakeCurlRequest() {
  wit::Request request;
  request.ip = "198.51.100.23";
  request.method = "GET";
  request.protocol = "http";
  request.host = "example.com";
  request.path = "/";
  AddHeader(request, "Host", "example.com");
  AddHeader(request, "User-Agent", "curl/8.5.0");
  AddHeader(request, "Accept", "*/*");
  return request;
}

wit::BotConfig DenyCurlConfig() {
  return wit::BotConfig{wit::BotConfig::Deny{{"CURL"}}};
}

wit::EmailConfig PlainEmailConfig() {
  wit::EmailConfig config;
  config.require_top_level_domain = true;
  config.allow_domain_literal = false;
  config.rule = wit::EmailRule{wit::EmailRule::Deny{{}}};
  return config;
}

}  // namespace warden::bench
