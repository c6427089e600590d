// http_test_server.cc — HttpTestServer and SilentHttpServer (http_test_server.h).
#include "http_test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string_view>

namespace warden::testing {
namespace {

constexpr int kPollMs = 50;
constexpr size_t kMaxRequest = 16 * 1024;

// A listening TCP socket on 127.0.0.1:0; returns the fd (or -1) and stores the port.
int ListenLoopback(uint16_t* port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd, 64) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    return -1;
  }
  *port = ntohs(addr.sin_port);
  return fd;
}

// Accepts one pending connection if any arrives within kPollMs; -1 otherwise.
int AcceptSoon(int fd) {
  pollfd pfd{fd, POLLIN, 0};
  if (poll(&pfd, 1, kPollMs) <= 0) return -1;
  return accept4(fd, nullptr, nullptr, SOCK_CLOEXEC);
}

// Reads until the end of the request head ("\r\n\r\n"); false on EOF, error or 2 s of silence.
bool ReadHead(int client, std::string* head) {
  char buffer[2048];
  for (int waited = 0; head->find("\r\n\r\n") == std::string::npos;) {
    if (head->size() > kMaxRequest || waited > 2000) return false;
    pollfd pfd{client, POLLIN, 0};
    if (poll(&pfd, 1, kPollMs) <= 0) {
      waited += kPollMs;
      continue;
    }
    ssize_t n = recv(client, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    head->append(buffer, static_cast<size_t>(n));
  }
  return true;
}

std::string_view Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 404: return "Not Found";
    case 500: return "Internal Server Error";
    default: return "Status";
  }
}

}  // namespace

Result<std::unique_ptr<HttpTestServer>> HttpTestServer::Start(Handler handler) {
  uint16_t port = 0;
  int fd = ListenLoopback(&port);
  if (fd < 0) return UnavailableError("cannot listen on 127.0.0.1");
  return std::unique_ptr<HttpTestServer>(new HttpTestServer(fd, port, std::move(handler)));
}

HttpTestServer::HttpTestServer(int fd, uint16_t port, Handler handler)
    : fd_(fd), port_(port), handler_(std::move(handler)) {
  thread_ = std::thread([this] { Run(); });
}

HttpTestServer::~HttpTestServer() {
  stop_.store(true);
  thread_.join();
  for (std::thread& worker : workers_) worker.join();
  close(fd_);
}

std::vector<std::string> HttpTestServer::targets() const {
  std::lock_guard<std::mutex> lock(mu_);
  return targets_;
}

void HttpTestServer::Run() {
  while (!stop_.load()) {
    int client = AcceptSoon(fd_);
    if (client >= 0) workers_.emplace_back([this, client] { Serve(client); });
  }
}

void HttpTestServer::Serve(int client) {
  std::string head;
  if (ReadHead(client, &head)) {
    // Request line: METHOD SP target SP version.
    size_t first = head.find(' ');
    size_t second = first == std::string::npos ? first : head.find(' ', first + 1);
    std::string target =
        second == std::string::npos ? "" : head.substr(first + 1, second - first - 1);
    ++requests_;
    {
      std::lock_guard<std::mutex> lock(mu_);
      targets_.push_back(target);
    }
    int status = handler_(target);
    std::string reply = "HTTP/1.1 " + std::to_string(status) + " " +
                        std::string(Reason(status)) +
                        "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    send(client, reply.data(), reply.size(), MSG_NOSIGNAL);
  }
  close(client);
}

Result<std::unique_ptr<SilentHttpServer>> SilentHttpServer::Start() {
  uint16_t port = 0;
  int fd = ListenLoopback(&port);
  if (fd < 0) return UnavailableError("cannot listen on 127.0.0.1");
  return std::unique_ptr<SilentHttpServer>(new SilentHttpServer(fd, port));
}

SilentHttpServer::SilentHttpServer(int fd, uint16_t port) : fd_(fd), port_(port) {
  thread_ = std::thread([this] { Run(); });
}

SilentHttpServer::~SilentHttpServer() {
  stop_.store(true);
  thread_.join();
  for (int client : clients_) close(client);
  close(fd_);
}

void SilentHttpServer::Run() {
  while (!stop_.load()) {
    int client = AcceptSoon(fd_);
    if (client < 0) continue;
    ++connections_;
    clients_.push_back(client);
  }
}

}  // namespace warden::testing
