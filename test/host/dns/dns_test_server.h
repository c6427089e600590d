// dns_test_server.h — real DNS servers on loopback for the resolver and bot-verification
// tests: dnsmasq (Debian dnsmasq-base) serving a test zone, and a UDP socket that reads
// queries and never answers; and a GoogleTest fixture that shares one dnsmasq per suite.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "warden/result.h"

namespace warden::testing {

// The dnsmasq binary, or "" when it is not installed. The environment variable
// WARDEN_TEST_DNSMASQ, when set, names the binary instead.
std::string FindDnsmasq();

// The zone the tests share (192.0.2.0/24 and 2001:db8::/32 are documentation ranges):
//   crawl-1.googlebot.com      A 192.0.2.1, PTR back
//   crawl-6.googlebot.com      AAAA 2001:db8::1, PTR back
//   dual.googlebot.com         A 192.0.2.2 + AAAA 2001:db8::2, PTRs back
//   192.0.2.5                  PTR crawl-fake.googlebot.com, which has A 192.0.2.99 (spoofed)
//   2001:db8::5                PTR crawl-fake6.googlebot.com, AAAA 2001:db8::99 (spoofed)
//   192.0.2.6                  PTR crawl-gone.googlebot.com, which does not exist
//   evil.example.com           A 192.0.2.7, PTR back (outside every operator's names)
//   crawl.evilgooglebot.com    A 192.0.2.8, PTR back (a suffix without the dot boundary)
//   msnbot-10.search.msn.com   A 192.0.2.10, PTR back
//   rate-limited-proxy-11.google.com  A 192.0.2.11, PTR back
//   192.0.2.200, 2001:db8::200 no PTR (NXDOMAIN)
// Names under the zone's domains that are not listed are NXDOMAIN; other domains are
// REFUSED (no upstream).
std::vector<std::string> TestZoneArgs();

// A dnsmasq process serving `zone_args` on 127.0.0.1:<port>, stopped by the destructor.
class DnsmasqServer {
 public:
  // Picks a free port (bind to port 0, read it, close), starts dnsmasq on it, retries on a
  // collision, and waits until it answers a query. kNotFound when dnsmasq is not installed;
  // kUnavailable when it cannot be started.
  static Result<std::unique_ptr<DnsmasqServer>> Start(const std::vector<std::string>& zone_args);
  ~DnsmasqServer();

  uint16_t port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  DnsmasqServer(pid_t pid, uint16_t port) : pid_(pid), port_(port) {}
  pid_t pid_;
  uint16_t port_;
};

// A UDP socket on 127.0.0.1 that reads every datagram and never replies.
class SilentUdpServer {
 public:
  static Result<std::unique_ptr<SilentUdpServer>> Start();
  ~SilentUdpServer();

  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  uint64_t datagrams() const { return datagrams_.load(); }

 private:
  SilentUdpServer(int fd, uint16_t port);
  void Run();
  int fd_;
  uint16_t port_;
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> datagrams_{0};
  std::thread thread_;
};

// A free UDP port on 127.0.0.1 (0 on failure). Racy by nature: callers retry on collision.
uint16_t PickFreeUdpPort();

// A fixture whose suite shares one dnsmasq serving TestZoneArgs(), started before the suite's
// first test and stopped after its last. SetUp() skips the test when dnsmasq is not installed
// and fails it when dnsmasq could not be started; a derived SetUp() calls it first and returns
// when IsSkipped() or HasFatalFailure().
class DnsmasqSuiteTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;

  // The running server; valid between a successful SetUp() and the end of the test.
  static const DnsmasqServer& server() { return *server_; }

 private:
  static DnsmasqServer* server_;
  static Status* start_error_;
};

}  // namespace warden::testing
