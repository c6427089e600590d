// dns_test_server.cc — DnsmasqServer and SilentUdpServer (dns_test_server.h).
#include "dns_test_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

#include "warden/dns_resolver.h"

extern char** environ;

namespace warden::testing {
namespace {

constexpr int kStartAttempts = 5;
constexpr int kReadyPolls = 50;  // queries of up to 200 ms each while dnsmasq starts

// Binds a UDP socket to 127.0.0.1:`port` (0: any); returns the fd and stores the port.
int BindLoopbackUdp(uint16_t port, uint16_t* bound) {
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    return -1;
  }
  *bound = ntohs(addr.sin_port);
  return fd;
}

pid_t Spawn(const std::string& binary, const std::vector<std::string>& args) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary.c_str()));
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

std::vector<std::string> DnsmasqArgs(uint16_t port, const std::vector<std::string>& zone) {
  std::vector<std::string> args = {"--keep-in-foreground",
                                   "--conf-file=/dev/null",
                                   "--port=" + std::to_string(port),
                                   "--listen-address=127.0.0.1",
                                   "--bind-interfaces",
                                   "--no-resolv",
                                   "--no-hosts",
                                   "--no-poll",
                                   "--pid-file=",
                                   "--cache-size=0",
                                   "--log-facility=/dev/null"};
  // Stay the current user (as root dnsmasq would otherwise switch to "nobody").
  if (const passwd* pw = getpwuid(getuid())) args.push_back(std::string("--user=") + pw->pw_name);
  if (const group* gr = getgrgid(getgid())) args.push_back(std::string("--group=") + gr->gr_name);
  args.insert(args.end(), zone.begin(), zone.end());
  return args;
}

// True once dnsmasq answers; false when it exited (port taken) or never answered.
bool WaitUntilAnswering(pid_t pid, uint16_t port) {
  CaresResolverOptions options;
  options.servers = {"127.0.0.1:" + std::to_string(port)};
  options.attempt_timeout = std::chrono::milliseconds(100);
  Result<std::unique_ptr<DnsResolver>> resolver = NewCaresResolver(options);
  if (!resolver.ok()) return false;
  for (int i = 0; i < kReadyPolls; ++i) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return false;
    auto deadline = DnsResolver::Clock::now() + std::chrono::milliseconds(200);
    Result<std::vector<std::string>> answer =
        (*resolver)->LookupAddresses("crawl-1.googlebot.com", deadline);
    // Any DNS answer (even NXDOMAIN) proves the server is up; only silence means "not yet".
    if (answer.ok() || answer.status().code() == StatusCode::kNotFound) return true;
    if (answer.status().code() != StatusCode::kDeadlineExceeded) usleep(20 * 1000);
  }
  return false;
}

void StopProcess(pid_t pid) {
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
}

}  // namespace

std::string FindDnsmasq() {
  // WARDEN_TEST_DNSMASQ overrides the search (a missing path exercises the skip).
  if (const char* forced = std::getenv("WARDEN_TEST_DNSMASQ")) {
    return access(forced, X_OK) == 0 ? forced : "";
  }
  for (const char* path :
       {"/usr/sbin/dnsmasq", "/sbin/dnsmasq", "/usr/bin/dnsmasq", "/usr/local/sbin/dnsmasq"}) {
    if (access(path, X_OK) == 0) return path;
  }
  return "";
}

std::vector<std::string> TestZoneArgs() {
  return {
      "--local=/googlebot.com/",
      "--local=/google.com/",
      "--local=/example.com/",
      "--local=/evilgooglebot.com/",
      "--local=/search.msn.com/",
      "--local=/in-addr.arpa/",
      "--local=/ip6.arpa/",
      "--host-record=crawl-1.googlebot.com,192.0.2.1",
      "--host-record=crawl-6.googlebot.com,2001:db8::1",
      "--host-record=dual.googlebot.com,192.0.2.2,2001:db8::2",
      "--ptr-record=5.2.0.192.in-addr.arpa,crawl-fake.googlebot.com",
      "--host-record=crawl-fake.googlebot.com,192.0.2.99",
      "--ptr-record=5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa,"
      "crawl-fake6.googlebot.com",
      "--host-record=crawl-fake6.googlebot.com,2001:db8::99",
      "--ptr-record=6.2.0.192.in-addr.arpa,crawl-gone.googlebot.com",
      "--host-record=evil.example.com,192.0.2.7",
      "--host-record=crawl.evilgooglebot.com,192.0.2.8",
      "--host-record=msnbot-10.search.msn.com,192.0.2.10",
      "--host-record=rate-limited-proxy-11.google.com,192.0.2.11",
  };
}

uint16_t PickFreeUdpPort() {
  uint16_t port = 0;
  int fd = BindLoopbackUdp(0, &port);
  if (fd < 0) return 0;
  close(fd);
  return port;
}

Result<std::unique_ptr<DnsmasqServer>> DnsmasqServer::Start(
    const std::vector<std::string>& zone_args) {
  std::string binary = FindDnsmasq();
  if (binary.empty())
    return NotFoundError("dnsmasq is not installed (Debian package dnsmasq-base)");
  for (int attempt = 0; attempt < kStartAttempts; ++attempt) {
    uint16_t port = PickFreeUdpPort();
    if (port == 0) continue;
    pid_t pid = Spawn(binary, DnsmasqArgs(port, zone_args));
    if (pid < 0) return UnavailableError("cannot start " + binary);
    if (WaitUntilAnswering(pid, port)) {
      return std::unique_ptr<DnsmasqServer>(new DnsmasqServer(pid, port));
    }
    StopProcess(pid);  // exited (port collision) or mute: try another port
  }
  return UnavailableError("dnsmasq did not start after " + std::to_string(kStartAttempts) +
                          " attempts");
}

DnsmasqServer::~DnsmasqServer() { StopProcess(pid_); }

SilentUdpServer::SilentUdpServer(int fd, uint16_t port) : fd_(fd), port_(port) {
  thread_ = std::thread([this] { Run(); });
}

Result<std::unique_ptr<SilentUdpServer>> SilentUdpServer::Start() {
  uint16_t port = 0;
  int fd = BindLoopbackUdp(0, &port);
  if (fd < 0) return UnavailableError("cannot bind a UDP socket on 127.0.0.1");
  return std::unique_ptr<SilentUdpServer>(new SilentUdpServer(fd, port));
}

void SilentUdpServer::Run() {
  char buffer[4096];
  while (!stop_.load()) {
    pollfd pfd{fd_, POLLIN, 0};
    if (poll(&pfd, 1, 50) > 0 && recv(fd_, buffer, sizeof buffer, 0) >= 0) ++datagrams_;
  }
}

SilentUdpServer::~SilentUdpServer() {
  stop_.store(true);
  thread_.join();
  close(fd_);
}

DnsmasqServer* DnsmasqSuiteTest::server_ = nullptr;
Status* DnsmasqSuiteTest::start_error_ = nullptr;

void DnsmasqSuiteTest::SetUpTestSuite() {
  Result<std::unique_ptr<DnsmasqServer>> started = DnsmasqServer::Start(TestZoneArgs());
  if (started.ok()) {
    server_ = std::move(started).value().release();
  } else {
    start_error_ = new Status(started.status());
  }
}

void DnsmasqSuiteTest::TearDownTestSuite() {
  delete server_;
  server_ = nullptr;
  delete start_error_;
  start_error_ = nullptr;
}

void DnsmasqSuiteTest::SetUp() {
  if (start_error_ != nullptr && start_error_->code() == StatusCode::kNotFound) {
    GTEST_SKIP() << "skipped: " << start_error_->message()
                 << " — install it (apt-get install dnsmasq-base) to run the DNS tests";
  }
  ASSERT_NE(server_, nullptr) << start_error_->ToString();
}

}  // namespace warden::testing
