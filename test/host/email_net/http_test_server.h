// http_test_server.h — HTTP servers on 127.0.0.1 (port 0) for the Gravatar tests: a minimal
// threaded HTTP/1.1 responder whose status per request path comes from a callback, and a
// server that accepts connections and never answers.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "warden/result.h"

namespace warden::testing {

// Answers each request with the status `handler(target)` returns (target: the request line's
// path and query, e.g. "/avatar/ab12?d=404"), an empty body and "Connection: close".
class HttpTestServer {
 public:
  using Handler = std::function<int(const std::string& target)>;
  static Result<std::unique_ptr<HttpTestServer>> Start(Handler handler);
  ~HttpTestServer();

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }
  uint64_t requests() const { return requests_.load(); }
  std::vector<std::string> targets() const;  // every request target, in arrival order

 private:
  HttpTestServer(int fd, uint16_t port, Handler handler);
  void Run();
  void Serve(int client);
  int fd_;
  uint16_t port_;
  Handler handler_;
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> requests_{0};
  mutable std::mutex mu_;
  std::vector<std::string> targets_;
  std::vector<std::thread> workers_;
  std::thread thread_;
};

// Accepts TCP connections on 127.0.0.1 and keeps them open without reading or answering.
class SilentHttpServer {
 public:
  static Result<std::unique_ptr<SilentHttpServer>> Start();
  ~SilentHttpServer();

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }
  uint64_t connections() const { return connections_.load(); }

 private:
  SilentHttpServer(int fd, uint16_t port);
  void Run();
  int fd_;
  uint16_t port_;
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> connections_{0};
  std::vector<int> clients_;  // touched by the accept thread only, closed after it joins
  std::thread thread_;
};

}  // namespace warden::testing
