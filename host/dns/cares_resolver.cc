// cares_resolver.cc — DnsResolver over c-ares (NewCaresResolver in
// include/warden/dns_resolver.h).
//
// Each lookup duplicates a template channel (configured once in NewCaresResolver), sends its
// queries and drives the channel with poll() until every query has finished or the deadline
// passes; then the channel is destroyed. A channel is never shared between threads, so no
// lock is held while waiting for the network. Queries go out as given (ares_query: no search
// domains, no /etc/hosts).
#include <ares.h>
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "dns/dns_names.h"
#include "dns/mx_reply.h"
#include "warden/dns_resolver.h"

namespace warden {
namespace {

using Deadline = DnsResolver::Deadline;
using Clock = DnsResolver::Clock;

// What one query left behind: the c-ares status and the reply, copied out of the callback.
struct QueryState {
  bool done = false;
  int status = ARES_SUCCESS;
  std::vector<unsigned char> reply;
};

void OnReply(void* arg, int status, int /*timeouts*/, unsigned char* abuf, int alen) {
  auto* state = static_cast<QueryState*>(arg);
  state->done = true;
  state->status = status;
  if (status == ARES_SUCCESS && abuf != nullptr && alen > 0) state->reply.assign(abuf, abuf + alen);
}

// As OnReply, but keeps the reply of NXDOMAIN / NODATA answers as well (their authority
// section carries the SOA for negative caching).
void OnReplyKeepNegative(void* arg, int status, int /*timeouts*/, unsigned char* abuf, int alen) {
  auto* state = static_cast<QueryState*>(arg);
  state->done = true;
  state->status = status;
  bool answered = status == ARES_SUCCESS || status == ARES_ENOTFOUND || status == ARES_ENODATA;
  if (answered && abuf != nullptr && alen > 0) state->reply.assign(abuf, abuf + alen);
}

// Maps a c-ares status to ours. ARES_ECANCELLED only comes from our own ares_cancel at the
// deadline.
Status FromAres(int status, const std::string& what) {
  std::string message = what + ": " + ares_strerror(status);
  switch (status) {
    case ARES_SUCCESS: return Status::Ok();
    case ARES_ENODATA:
    case ARES_ENOTFOUND: return NotFoundError(message);
    case ARES_ETIMEOUT:
    case ARES_ECANCELLED: return DeadlineExceededError(message);
    case ARES_EBADNAME: return InvalidArgumentError(message);
    default: return UnavailableError(message);
  }
}

// Owns one channel for the duration of a lookup.
class ChannelGuard {
 public:
  explicit ChannelGuard(ares_channel channel) : channel_(channel) {}
  ~ChannelGuard() {
    if (channel_ != nullptr) ares_destroy(channel_);
  }
  ChannelGuard(const ChannelGuard&) = delete;
  ChannelGuard& operator=(const ChannelGuard&) = delete;
  ares_channel get() const { return channel_; }

 private:
  ares_channel channel_;
};

// Milliseconds until `deadline`, rounded up so a positive remainder never polls for 0 ms.
int MillisUntil(Deadline deadline) {
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, 1 << 30));
}

// Drives `channel` until `done()` or the deadline. At the deadline the pending queries are
// cancelled (their callbacks run with ARES_ECANCELLED).
template <class Done>
void Drive(ares_channel channel, Deadline deadline, Done done) {
  while (!done()) {
    int wait_ms = MillisUntil(deadline);
    if (wait_ms <= 0) {
      ares_cancel(channel);
      return;
    }
    timeval tv{};
    if (const timeval* next = ares_timeout(channel, nullptr, &tv)) {
      long long next_ms = next->tv_sec * 1000LL + (next->tv_usec + 999) / 1000;
      wait_ms = static_cast<int>(std::min<long long>(wait_ms, next_ms));
    }
    ares_socket_t socks[ARES_GETSOCK_MAXNUM];
    int bits = ares_getsock(channel, socks, ARES_GETSOCK_MAXNUM);
    pollfd fds[ARES_GETSOCK_MAXNUM];
    nfds_t count = 0;
    for (int i = 0; i < ARES_GETSOCK_MAXNUM; ++i) {
      short events = 0;
      if (ARES_GETSOCK_READABLE(bits, i)) events |= POLLIN;
      if (ARES_GETSOCK_WRITABLE(bits, i)) events |= POLLOUT;
      if (events != 0) fds[count++] = pollfd{socks[i], events, 0};
    }
    int ready = poll(fds, count, wait_ms);
    if (ready < 0 && errno != EINTR) {
      ares_cancel(channel);
      return;
    }
    if (ready <= 0) {
      ares_process_fd(channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);  // timeouts and retries
      continue;
    }
    for (nfds_t i = 0; i < count; ++i) {
      bool readable = (fds[i].revents & (POLLIN | POLLERR | POLLHUP)) != 0;
      bool writable = (fds[i].revents & POLLOUT) != 0;
      if (!readable && !writable) continue;
      ares_process_fd(channel, readable ? fds[i].fd : ARES_SOCKET_BAD,
                      writable ? fds[i].fd : ARES_SOCKET_BAD);
    }
  }
}

Result<std::vector<std::string>> ParsePtr(const QueryState& q, const std::string& ip) {
  unsigned char addr[16] = {};
  int family = AF_INET6;
  int addrlen = 16;
  if (inet_pton(AF_INET, ip.c_str(), addr) == 1) {
    family = AF_INET;
    addrlen = 4;
  } else if (inet_pton(AF_INET6, ip.c_str(), addr) != 1) {
    return InvalidArgumentError("not an IP address: \"" + ip + "\"");
  }
  hostent* host = nullptr;
  int status = ares_parse_ptr_reply(q.reply.data(), static_cast<int>(q.reply.size()), addr, addrlen,
                                    family, &host);
  if (status != ARES_SUCCESS) return FromAres(status, "PTR " + ip);
  std::vector<std::string> names;
  auto add = [&names](const char* name) {
    if (name == nullptr) return;
    std::string normal = host::dns::NormalizeHostName(name);
    if (!normal.empty() && std::find(names.begin(), names.end(), normal) == names.end()) {
      names.push_back(std::move(normal));
    }
  };
  add(host->h_name);
  for (char** alias = host->h_aliases; alias != nullptr && *alias != nullptr; ++alias) add(*alias);
  ares_free_hostent(host);
  if (names.empty()) return NotFoundError("PTR " + ip + ": no names");
  return names;
}

// Appends the addresses in an A (family AF_INET) or AAAA reply as text, with their TTLs.
Status ParseAddresses(const QueryState& q, int family, std::vector<AddressRecord>* out) {
  constexpr int kMax = 64;
  int count = kMax;
  int status;
  char text[INET6_ADDRSTRLEN];
  if (family == AF_INET) {
    ares_addrttl ttls[kMax];
    status =
        ares_parse_a_reply(q.reply.data(), static_cast<int>(q.reply.size()), nullptr, ttls, &count);
    for (int i = 0; status == ARES_SUCCESS && i < count; ++i) {
      if (inet_ntop(AF_INET, &ttls[i].ipaddr, text, sizeof text)) {
        out->push_back({text, static_cast<uint32_t>(std::max(ttls[i].ttl, 0))});
      }
    }
  } else {
    ares_addr6ttl ttls[kMax];
    status = ares_parse_aaaa_reply(q.reply.data(), static_cast<int>(q.reply.size()), nullptr, ttls,
                                   &count);
    for (int i = 0; status == ARES_SUCCESS && i < count; ++i) {
      if (inet_ntop(AF_INET6, &ttls[i].ip6addr, text, sizeof text)) {
        out->push_back({text, static_cast<uint32_t>(std::max(ttls[i].ttl, 0))});
      }
    }
  }
  return FromAres(status, family == AF_INET ? "A" : "AAAA");
}

class CaresResolver final : public DnsResolver {
 public:
  explicit CaresResolver(ares_channel templ) : template_(templ) {}
  ~CaresResolver() override { ares_destroy(template_); }

  Result<std::vector<std::string>> LookupPtr(std::string_view ip, Deadline deadline) override {
    std::string ip_text(ip);
    Result<std::string> name = ReverseLookupName(ip_text);
    if (!name.ok()) return name.status();
    QueryState query;
    {
      Result<ares_channel> channel = NewChannel();
      if (!channel.ok()) return channel.status();
      ChannelGuard guard(*channel);  // destroyed before `query`: late callbacks stay valid
      ares_query(guard.get(), name->c_str(), ns_c_in, ns_t_ptr, OnReply, &query);
      Drive(guard.get(), deadline, [&] { return query.done; });
    }
    if (!query.done) return DeadlineExceededError("PTR " + ip_text + ": deadline passed");
    if (query.status != ARES_SUCCESS) return FromAres(query.status, "PTR " + ip_text);
    return ParsePtr(query, ip_text);
  }

  Result<std::vector<std::string>> LookupAddresses(std::string_view hostname,
                                                   Deadline deadline) override {
    Result<std::vector<AddressRecord>> records = LookupAddressRecords(hostname, deadline);
    if (!records.ok()) return records.status();
    std::vector<std::string> addresses;
    addresses.reserve(records->size());
    for (AddressRecord& record : *records) addresses.push_back(std::move(record.address));
    return addresses;
  }

  Result<MxAnswer> LookupMx(std::string_view domain, Deadline deadline) override {
    std::string name(domain);
    if (name.empty() || name.find('\0') != std::string::npos) {
      return InvalidArgumentError("bad domain name");
    }
    QueryState mx;
    {
      Result<ares_channel> channel = NewChannel();
      if (!channel.ok()) return channel.status();
      ChannelGuard guard(*channel);
      ares_query(guard.get(), name.c_str(), ns_c_in, ns_t_mx, OnReplyKeepNegative, &mx);
      Drive(guard.get(), deadline, [&] { return mx.done; });
    }
    if (!mx.done) return DeadlineExceededError("MX " + name + ": deadline passed");
    if (mx.reply.empty()) {
      if (mx.status == ARES_ENOTFOUND) return MxAnswer{{}, true, std::nullopt};
      if (mx.status == ARES_ENODATA || mx.status == ARES_SUCCESS) return MxAnswer{};
      Status failure = FromAres(mx.status, "MX " + name);
      // Only a reply tells NXDOMAIN from NODATA; without one a "not found" is a failure.
      if (failure.code() == StatusCode::kNotFound) return UnavailableError(failure.message());
      return failure;
    }
    return host::dns::ParseMxReply(mx.reply.data(), mx.reply.size());
  }

  Result<std::vector<AddressRecord>> LookupAddressRecords(std::string_view hostname,
                                                          Deadline deadline) override {
    std::string name(hostname);
    if (name.empty() || name.find('\0') != std::string::npos) {
      return InvalidArgumentError("bad host name");
    }
    QueryState a, aaaa;
    {
      Result<ares_channel> channel = NewChannel();
      if (!channel.ok()) return channel.status();
      ChannelGuard guard(*channel);
      ares_query(guard.get(), name.c_str(), ns_c_in, ns_t_a, OnReply, &a);
      ares_query(guard.get(), name.c_str(), ns_c_in, ns_t_aaaa, OnReply, &aaaa);
      Drive(guard.get(), deadline, [&] { return a.done && aaaa.done; });
    }
    std::vector<AddressRecord> addresses;
    Status a_status = Finish(a, AF_INET, name, &addresses);
    Status aaaa_status = Finish(aaaa, AF_INET6, name, &addresses);
    if (!addresses.empty()) return addresses;
    // No data: NotFound only when both families say so; otherwise the more telling error.
    if (a_status.code() != StatusCode::kNotFound) return a_status;
    if (aaaa_status.code() != StatusCode::kNotFound) return aaaa_status;
    return NotFoundError(name + ": no A or AAAA records");
  }

 private:
  Status Finish(const QueryState& q, int family, const std::string& name,
                std::vector<AddressRecord>* out) {
    std::string what = std::string(family == AF_INET ? "A " : "AAAA ") + name;
    if (!q.done) return DeadlineExceededError(what + ": deadline passed");
    if (q.status != ARES_SUCCESS) return FromAres(q.status, what);
    return ParseAddresses(q, family, out);
  }

  Result<ares_channel> NewChannel() {
    ares_channel channel = nullptr;
    int status;
    {
      std::lock_guard<std::mutex> lock(mu_);  // ares_dup reads the template
      status = ares_dup(&channel, template_);
    }
    if (status != ARES_SUCCESS)
      return UnavailableError(std::string("ares_dup: ") + ares_strerror(status));
    return channel;
  }

  std::mutex mu_;
  ares_channel template_;
};

}  // namespace

Result<std::unique_ptr<DnsResolver>> NewCaresResolver(CaresResolverOptions options) {
  static const int library_status = ares_library_init(ARES_LIB_INIT_ALL);  // once, thread-safe
  if (library_status != ARES_SUCCESS) return UnavailableError("ares_library_init failed");
  if (options.attempts < 1 || options.attempt_timeout.count() < 1) {
    return InvalidArgumentError("attempts and attempt_timeout must be positive");
  }
  Result<std::string> csv = host::dns::ServersToCsv(options.servers);
  if (!csv.ok()) return csv.status();
  ares_options opts{};
  opts.timeout = static_cast<int>(std::min<long long>(options.attempt_timeout.count(), 1 << 30));
  opts.tries = options.attempts;
  ares_channel channel = nullptr;
  int status = ares_init_options(&channel, &opts, ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES);
  if (status != ARES_SUCCESS)
    return UnavailableError(std::string("ares_init: ") + ares_strerror(status));
  if (!csv->empty()) {
    status = ares_set_servers_ports_csv(channel, csv->c_str());
    if (status != ARES_SUCCESS) {
      ares_destroy(channel);
      return InvalidArgumentError(std::string("DNS servers: ") + ares_strerror(status));
    }
  }
  return std::unique_ptr<DnsResolver>(new CaresResolver(channel));
}

}  // namespace warden
