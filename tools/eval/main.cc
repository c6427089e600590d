// `warden`: the command-line tool (docs/eval.md). `warden demo` is the main job; `warden eval`
// is the JSON-lines batch interface used by the conformance suite and the property tests.
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "demo.h"
#include "eval_json.h"
#include "eval_runner.h"
#include "warden/engine.h"

namespace {

constexpr std::string_view kUsage =
    "usage: warden [demo]\n"
    "       warden eval <function> [--engine native|wasm2c]\n"
    "functions: generate-fingerprint, detect-bot, validate-email\n"
    "eval reads one JSON object per line on stdin and writes one per line on stdout;\n"
    "see docs/eval.md.\n";

int Usage(std::string_view problem) {
  if (!problem.empty()) std::cerr << "warden: " << problem << "\n";
  std::cerr << kUsage;
  return 2;
}

int Eval(int argc, char** argv) {
  std::optional<std::string_view> function_name;
  warden::EngineKind kind = warden::EngineKind::kWasm2c;
  for (int i = 2; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--engine") {
      if (i + 1 == argc) return Usage("--engine needs a value");
      warden::Result<warden::EngineKind> parsed = warden::ParseEngineKind(argv[++i]);
      if (!parsed.ok()) return Usage(parsed.status().message());
      kind = *parsed;
    } else if (!function_name.has_value() && !arg.starts_with("-")) {
      function_name = arg;
    } else {
      return Usage("unexpected argument \"" + std::string(arg) + "\"");
    }
  }
  if (!function_name.has_value()) return Usage("eval needs a function");
  warden::Result<warden::eval::Function> function = warden::eval::ParseFunction(*function_name);
  if (!function.ok()) return Usage(function.status().message());

  warden::EngineOptions options;
  options.kind = kind;
  options.imports = warden::eval::OverrideImports();  // answers from each line's "overrides"
  warden::Result<std::unique_ptr<warden::Engine>> engine = warden::Engine::Create(options);
  if (!engine.ok()) {
    std::cerr << "warden: cannot create the " << warden::EngineKindName(kind)
              << " engine: " << engine.status().ToString() << "\n";
    return 1;
  }
  std::ios::sync_with_stdio(false);
  warden::eval::RunEval(**engine, *function, std::cin, std::cout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view command = argc > 1 ? argv[1] : "demo";
  if (command == "demo") {
    if (argc > 2) return Usage("demo takes no arguments");
    return warden::eval::RunDemo(std::cout);
  }
  if (command == "eval") return Eval(argc, argv);
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << kUsage;
    return 0;
  }
  return Usage("unknown command \"" + std::string(command) + "\"");
}
