// witgen — WIT to C++ bindings. See docs/witgen.md.
//
//   witgen --wit <file.wit | dir> --world <world> --out <dir> [--module <c-name>]
//
// Exit status 0 on success; 1 with `file:line:col: message` on stderr for a WIT error (nothing
// is written); 2 for a usage or I/O error.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "src/emitters.h"
#include "src/names.h"
#include "src/parser.h"
#include "src/resolver.h"

namespace fs = std::filesystem;

namespace {

struct Args {
  std::string wit, world, out, module;
};

int Usage(const std::string& why) {
  std::cerr << "witgen: " << why << "\n"
            << "usage: witgen --wit <file.wit | dir> --world <world> --out <dir> "
               "[--module <c-name>]\n";
  return 2;
}

bool ReadFile(const fs::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

// Writes `text` to `path` unless it already holds exactly that (keeps timestamps stable).
bool WriteFile(const fs::path& path, const std::string& text) {
  std::string old;
  if (ReadFile(path, &old) && old == text) return true;
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out);
}

// Parses the flags; returns false with a message in `*why` on a usage error.
bool ParseArgs(int argc, char** argv, Args* a, std::string* why) {
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (i + 1 >= argc) {
      *why = "missing value for " + flag;
      return false;
    }
    std::string value = argv[++i];
    if (flag == "--wit") {
      a->wit = value;
    } else if (flag == "--world") {
      a->world = value;
    } else if (flag == "--out") {
      a->out = value;
    } else if (flag == "--module") {
      a->module = value;
    } else {
      *why = "unknown flag " + flag;
      return false;
    }
  }
  if (a->wit.empty() || a->world.empty() || a->out.empty()) {
    *why = "missing a required flag";
    return false;
  }
  return true;
}

// Reads and parses the WIT file, or every .wit file of the directory, into `*pkg`.
// Returns the exit status: 0, 1 (WIT error, printed) or 2 (I/O error, printed).
int ReadPackage(const std::string& wit, witgen::Package* pkg) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_directory(wit, ec)) {
    for (const auto& e : fs::directory_iterator(wit, ec)) {
      if (e.path().extension() == ".wit") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(wit);
  }
  for (const fs::path& f : files) {
    std::string text;
    if (!ReadFile(f, &text)) {
      std::cerr << "witgen: cannot read " << f.string() << "\n";
      return 2;
    }
    witgen::Error error;
    if (!witgen::ParseFile(f.string(), text, pkg, &error)) {
      std::cerr << error.ToString() << "\n";
      return 1;
    }
  }
  if (pkg->pos.file.empty() && !files.empty()) pkg->pos = witgen::Pos{files[0].string(), 1, 1};
  return 0;
}

// Emits every output of `model` under `out`. Returns the exit status (0 or 2).
int WriteOutputs(const witgen::Model& model, const witgen::EmitOptions& opt, const fs::path& out) {
  const std::string& w = opt.world_snake;
  const std::pair<fs::path, std::string> outputs[] = {
      {out / "include" / witgen::TypesInclude(model, opt), witgen::EmitTypesHeader(model, opt)},
      {out / "guest" / (w + "_guest.h"), witgen::EmitGuestHeader(model, opt)},
      {out / "guest" / (w + "_guest.cc"), witgen::EmitGuestSource(model, opt)},
      {out / "host" / (w + "_host.h"), witgen::EmitHostHeader(model, opt)},
      {out / "host" / (w + "_host.cc"), witgen::EmitHostSource(model, opt)},
      {out / "native" / (w + "_native.cc"), witgen::EmitNativeSource(model, opt)},
      {out / (w + "_imports.txt"), witgen::EmitImportsList(model)},
  };
  for (const auto& [path, text] : outputs) {
    if (!WriteFile(path, text)) {
      std::cerr << "witgen: cannot write " << path.string() << "\n";
      return 2;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  std::string why;
  if (!ParseArgs(argc, argv, &a, &why)) return Usage(why);
  witgen::Package pkg;
  if (int rc = ReadPackage(a.wit, &pkg); rc != 0) return rc;
  witgen::Model model;
  witgen::Error error;
  if (!witgen::ResolveWorld(&pkg, a.world, &model, &error)) {
    std::cerr << error.ToString() << "\n";
    return 1;
  }
  witgen::EmitOptions opt;
  opt.world_snake = witgen::Snake(a.world);
  if (!opt.world_snake.empty() && opt.world_snake.back() == '_') opt.world_snake.pop_back();
  opt.module = a.module.empty() ? opt.world_snake : a.module;
  opt.source = fs::path(a.wit).filename().string();
  return WriteOutputs(model, opt, a.out);
}
