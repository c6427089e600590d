// Resolver: scopes are interfaces and worlds; `use` brings another interface's types in.
#include "resolver.h"

#include <functional>
#include <map>
#include <set>

namespace witgen {

const Type& Resolve(const Type& t) {
  const Type* cur = &t;
  while (cur->kind == Type::Kind::kNamed && cur->def->kind == TypeDef::Kind::kAlias) {
    cur = cur->def->alias.get();
  }
  return *cur;
}

namespace {

using Scope = std::map<std::string, const TypeDef*>;

class Resolver {
 public:
  explicit Resolver(Package* pkg) : pkg_(pkg) {}

  bool Run(const std::string& world_name, Model* model) {
    for (auto& i : pkg_->interfaces) {
      if (ifaces_.count(i->name)) return Fail(i->pos, "duplicate interface `" + i->name + "`");
      ifaces_[i->name] = i.get();
    }
    World* world = nullptr;
    for (auto& w : pkg_->worlds) {
      if (w->name == world_name) world = w.get();
    }
    if (!world) return Fail(pkg_->pos, "no world named `" + world_name + "`");
    if (pkg_->name.empty()) return Fail(pkg_->pos, "missing `package` declaration");
    model->pkg = pkg_;
    model->world = world;
    for (const WorldItem& item : world->items) {
      if (!item.is_func && !ifaces_.count(item.iface)) {
        return Fail(item.pos, "unknown interface `" + item.iface + "`");
      }
    }
    for (const WorldItem& item : world->items) {
      if (!item.is_func && !ResolveInterface(ifaces_[item.iface], item.pos)) return false;
    }
    if (!ResolveScope(*world, world_scope_)) return false;
    for (WorldItem& item : world->items) {
      if (item.is_func && !ResolveFunc(&item.func, world_scope_)) return false;
    }
    return Collect(model);
  }

  Error error;

 private:
  bool Fail(const Pos& pos, const std::string& message) {
    error = Error{pos, message};
    return false;
  }

  bool ResolveInterface(Interface* iface, const Pos& from) {
    if (done_.count(iface->name)) return true;
    if (active_.count(iface->name)) return Fail(from, "cyclic `use` of `" + iface->name + "`");
    active_.insert(iface->name);
    for (const Use& u : iface->uses) {
      auto it = ifaces_.find(u.from);
      if (it == ifaces_.end()) return Fail(u.pos, "unknown interface `" + u.from + "`");
      if (!ResolveInterface(it->second, u.pos)) return false;
    }
    Scope& scope = scopes_[iface->name];
    if (!ResolveScope(*iface, scope)) return false;
    std::set<std::string> names;
    for (Func& f : iface->funcs) {
      if (!names.insert(f.name).second) return Fail(f.pos, "duplicate function `" + f.name + "`");
      if (!ResolveFunc(&f, scope)) return false;
    }
    active_.erase(iface->name);
    done_.insert(iface->name);
    order_.push_back(iface);
    return true;
  }

  bool ResolveScope(TypeScope& owner, Scope& scope) {
    for (const Use& u : owner.uses) {
      auto it = ifaces_.find(u.from);
      if (it == ifaces_.end()) return Fail(u.pos, "unknown interface `" + u.from + "`");
      if (!ResolveInterface(it->second, u.pos)) return false;
      const Scope& from = scopes_[u.from];
      for (const auto& [name, local] : u.names) {
        auto def = from.find(name);
        if (def == from.end()) {
          return Fail(u.pos, "interface `" + u.from + "` has no type `" + name + "`");
        }
        if (!scope.emplace(local, def->second).second) {
          return Fail(u.pos, "duplicate name `" + local + "`");
        }
        owner.used.push_back(UsedName{local, def->second});
      }
    }
    for (const auto& def : owner.types) {
      if (!scope.emplace(def->name, def.get()).second) {
        return Fail(def->pos, "duplicate name `" + def->name + "`");
      }
    }
    for (const auto& def : owner.types) {
      if (def->alias && !ResolveType(def->alias.get(), scope)) return false;
      std::set<std::string> names;
      for (Field& f : def->fields) {
        if (!names.insert(f.name).second) return Fail(def->pos, "duplicate case `" + f.name + "`");
        if (f.type && !ResolveType(f.type.get(), scope)) return false;
      }
      for (const std::string& c : def->cases) {
        if (!names.insert(c).second) return Fail(def->pos, "duplicate case `" + c + "`");
      }
    }
    return true;
  }

  bool ResolveFunc(Func* f, const Scope& scope) {
    std::set<std::string> names;
    for (Param& p : f->params) {
      if (!names.insert(p.name).second) return Fail(f->pos, "duplicate parameter `" + p.name + "`");
      if (!ResolveType(p.type.get(), scope)) return false;
    }
    return !f->result || ResolveType(f->result.get(), scope);
  }

  bool ResolveType(Type* t, const Scope& scope) {
    if (t->kind == Type::Kind::kNamed) {
      auto it = scope.find(t->name);
      if (it == scope.end()) return Fail(t->pos, "unknown type `" + t->name + "`");
      t->def = it->second;
      return true;
    }
    for (auto& a : t->args) {
      if (a && !ResolveType(a.get(), scope)) return false;
    }
    return true;
  }

  bool VisitType(const Type* t, std::set<const TypeDef*>& active, Model* model);
  bool VisitDef(const TypeDef* def, std::set<const TypeDef*>& active, Model* model);
  bool Collect(Model* model);

  Package* pkg_;
  std::map<std::string, Interface*> ifaces_;
  std::map<std::string, Scope> scopes_;
  Scope world_scope_;
  std::set<std::string> done_, active_;
  std::vector<const Interface*> order_;
  std::set<const TypeDef*> visited_;
};

bool Resolver::VisitType(const Type* t, std::set<const TypeDef*>& active, Model* model) {
  if (!t) return true;
  if (t->kind == Type::Kind::kNamed) return VisitDef(t->def, active, model);
  for (const auto& a : t->args) {
    if (!VisitType(a.get(), active, model)) return false;
  }
  return true;
}

bool Resolver::VisitDef(const TypeDef* def, std::set<const TypeDef*>& active, Model* model) {
  if (visited_.count(def)) return true;
  if (!active.insert(def).second) return Fail(def->pos, "type `" + def->name + "` is recursive");
  if (!VisitType(def->alias.get(), active, model)) return false;
  for (const Field& f : def->fields) {
    if (!VisitType(f.type.get(), active, model)) return false;
  }
  active.erase(def);
  visited_.insert(def);
  model->types.push_back(def);
  return true;
}

bool Resolver::Collect(Model* model) {
  model->interfaces = order_;
  std::set<const TypeDef*> active;
  for (const Interface* iface : order_) {
    for (const auto& def : iface->types) {
      if (!VisitDef(def.get(), active, model)) return false;
    }
  }
  for (const auto& def : model->world->types) {
    if (!VisitDef(def.get(), active, model)) return false;
  }
  std::set<std::string> seen;
  for (const WorldItem& item : model->world->items) {
    std::string key =
        (item.is_export ? "export " : "import ") + (item.is_func ? item.func.name : item.iface);
    if (!seen.insert(key).second) return Fail(item.pos, "duplicate world item");
    if (item.is_func) {
      (item.is_export ? model->export_funcs : model->import_funcs).push_back(&item.func);
    } else {
      (item.is_export ? model->export_interfaces : model->import_interfaces)
          .push_back(ifaces_[item.iface]);
    }
  }
  return true;
}

}  // namespace

bool ResolveWorld(Package* pkg, const std::string& world_name, Model* model, Error* error) {
  Resolver r(pkg);
  if (!r.Run(world_name, model)) {
    *error = r.error;
    return false;
  }
  return true;
}

}  // namespace witgen
