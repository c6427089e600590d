// Benchmarks of the disposable / free-mail lookups (docs/email-lists.md). Names:
//
//   BM_EmailLists_{DisposableHit,DisposableMiss,SubdomainHit,FreeHit}/table
//       EmailDomainLists::IsDisposable / IsFree over the built-in compiled table
//   BM_EmailLists_{DisposableHit,DisposableMiss,SubdomainHit}/unordered_set
//       the reference: std::unordered_set<std::string> of the same disposable keys, built in
//       this run, checking the domain and each parent (lower-cased, no allocation)
//
// One iteration is one lookup over a rotating set of 4096 domains. After the run the binary
// prints the table's size and, per case, the table's time over the reference's. No timing is
// asserted anywhere.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "email/builtin_data.h"
#include "email/domain_table.h"
#include "warden/email_lists.h"

namespace warden::bench {
namespace {

constexpr size_t kQueries = 4096;

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using ReferenceSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

struct Data {
  std::vector<std::string> hits, misses, subdomains, free;
  ReferenceSet reference;
};

const Data& GetData() {
  static const Data* data = [] {
    auto* d = new Data;
    const email::DomainTable table(email::builtin::kBlob, email::builtin::kBlobSize,
                                   email::builtin::kSlots, email::builtin::kSlotCount);
    std::vector<std::string> disposable;
    table.ForEach([&](std::string_view key, uint8_t flags) {
      if (flags & (email::kDisposable | email::kDisposableWildcard)) disposable.emplace_back(key);
    });
    d->reference.insert(disposable.begin(), disposable.end());
    const size_t step = disposable.size() / kQueries;
    for (size_t i = 0; i < kQueries; ++i) {
      d->hits.push_back(disposable[i * step + (i % step)]);
      d->subdomains.push_back("mx" + std::to_string(i) + "." + disposable[i * step]);
      d->misses.push_back("user" + std::to_string(i * 7919) +
                          (i % 3 ? ".example.com" : ".shop.co.uk"));
    }
    const char* free[] = {"gmail.com", "outlook.com", "yahoo.co.uk", "proton.me",
                          "qq.com",    "mail.ru",     "web.de",      "icloud.com"};
    for (size_t i = 0; i < kQueries; ++i) d->free.push_back(free[i % 8]);
    return d;
  }();
  return *data;
}

// The reference's lookup: lower-case, then the domain and each parent.
bool ReferenceIsDisposable(const ReferenceSet& set, std::string_view domain) {
  char buf[256];
  if (domain.size() > sizeof buf) return false;
  for (size_t i = 0; i < domain.size(); ++i) {
    const char c = domain[i];
    buf[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  }
  std::string_view d(buf, domain.size());
  while (true) {
    if (set.find(d) != set.end()) return true;
    const size_t dot = d.find('.');
    if (dot == std::string_view::npos) return false;
    d.remove_prefix(dot + 1);
  }
}

const std::vector<std::string>& Queries(const Data& d, int which) {
  return which == 0 ? d.hits : which == 1 ? d.misses : which == 2 ? d.subdomains : d.free;
}

void BM_Table(benchmark::State& state, int which) {
  const auto lists = EmailDomainLists::Builtin();
  const auto& queries = Queries(GetData(), which);
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const std::string& q = queries[i++ & (kQueries - 1)];
    const bool hit = which == 3 ? lists->IsFree(q) : lists->IsDisposable(q);
    found += hit;
    benchmark::DoNotOptimize(hit);
  }
  state.counters["hit_rate"] = static_cast<double>(found) / static_cast<double>(state.iterations());
}

void BM_Reference(benchmark::State& state, int which) {
  const Data& d = GetData();
  const auto& queries = Queries(d, which);
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const bool hit = ReferenceIsDisposable(d.reference, queries[i++ & (kQueries - 1)]);
    found += hit;
    benchmark::DoNotOptimize(hit);
  }
  state.counters["hit_rate"] = static_cast<double>(found) / static_cast<double>(state.iterations());
}

BENCHMARK_CAPTURE(BM_Table, 0, 0)->Name("BM_EmailLists_DisposableHit/table");
BENCHMARK_CAPTURE(BM_Reference, 0, 0)->Name("BM_EmailLists_DisposableHit/unordered_set");
BENCHMARK_CAPTURE(BM_Table, 1, 1)->Name("BM_EmailLists_DisposableMiss/table");
BENCHMARK_CAPTURE(BM_Reference, 1, 1)->Name("BM_EmailLists_DisposableMiss/unordered_set");
BENCHMARK_CAPTURE(BM_Table, 2, 2)->Name("BM_EmailLists_SubdomainHit/table");
BENCHMARK_CAPTURE(BM_Reference, 2, 2)->Name("BM_EmailLists_SubdomainHit/unordered_set");
BENCHMARK_CAPTURE(BM_Table, 3, 3)->Name("BM_EmailLists_FreeHit/table");

// Console output as usual, plus the CPU times kept for the ratios printed at the end (CPU
// time, not wall time: the development machine is shared and preempts benchmarks).
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.run_type == Run::RT_Iteration || run.aggregate_name == "median") {
        times_[run.run_name.function_name] = run.GetAdjustedCPUTime();
      }
    }
    ConsoleReporter::ReportRuns(runs);
  }
  void PrintRatios() const {
    for (const char* c : {"DisposableHit", "DisposableMiss", "SubdomainHit"}) {
      const std::string base = std::string("BM_EmailLists_") + c;
      auto t = times_.find(base + "/table"), r = times_.find(base + "/unordered_set");
      if (t == times_.end() || r == times_.end() || r->second <= 0) continue;
      std::printf(
          "%-28s CPU time: table %.1f ns, unordered_set %.1f ns, table/unordered_set %.2f\n",
          base.c_str(), t->second, r->second, t->second / r->second);
    }
  }

 private:
  std::map<std::string, double> times_;
};

}  // namespace
}  // namespace warden::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const warden::EmailListStats stats = warden::EmailDomainLists::Builtin()->stats();
  std::printf(
      "email lists: %zu entries (%zu disposable, %zu free, %zu PSL rules), table %zu bytes\n",
      stats.entries, stats.disposable, stats.free, stats.public_suffix_rules, stats.table_bytes);
  warden::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintRatios();
  // The reference's footprint, estimated: buckets, nodes (next pointer, cached hash, the
  // std::string) and the heap blocks of strings longer than the small-string buffer.
  const auto& reference = warden::bench::GetData().reference;
  size_t bytes = reference.bucket_count() * sizeof(void*);
  for (const std::string& key : reference) {
    bytes += 2 * sizeof(void*) + sizeof(std::string) + (key.size() > 15 ? key.size() + 1 : 0);
  }
  std::printf("unordered_set reference: %zu keys, ~%zu bytes (estimate)\n", reference.size(),
              bytes);
  benchmark::Shutdown();
  return 0;
}
