#include "store/archive.hpp"

#include "core/sha256.hpp"

namespace bilan::store {
namespace {

void part(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += '=';
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

}  // namespace

std::string record_text(const ArchivedVersion& v) {
  std::string out = "bilan-archive-version 1\n";
  part(out, "seq", std::to_string(v.seq));
  part(out, "action", v.action);
  part(out, "number", std::to_string(v.number));
  part(out, "form", v.form);
  part(out, "department", v.department);
  part(out, "structure", v.structure);
  part(out, "submitted_at", v.submitted_at);
  part(out, "source", v.source);
  part(out, "answers", v.answers_sha256);
  part(out, "canonical", v.canonical_sha256);
  part(out, "pdf", v.pdf_sha256);
  part(out, "fingerprint", v.fingerprint);
  part(out, "engine", v.engine);
  part(out, "fonts", v.fonts);
  for (const auto& d : v.layout_dirs) part(out, "layout_dir", d);
  part(out, "srgb_profile", v.srgb_profile);
  for (const auto& [name, value] : v.facts) part(out, "fact:" + name, value);
  for (const auto& f : v.files) {
    part(out, "file", f.path);
    part(out, "role", f.role);
    part(out, "sha256", f.sha256);
  }
  part(out, "prev", v.prev_hash);
  return out;
}

std::string record_hash(const ArchivedVersion& v) { return Sha256::hex(Sha256::of(record_text(v))); }

std::string event_text(const ArchiveEvent& e) {
  std::string out = "bilan-archive-event 1\n";
  part(out, "id", std::to_string(e.id));
  part(out, "seq", std::to_string(e.seq));
  part(out, "kind", e.kind);
  part(out, "by", e.by);
  part(out, "at", e.at);
  part(out, "version", e.version_hash);
  return out;
}

std::string event_hash(const ArchiveEvent& e) { return Sha256::hex(Sha256::of(event_text(e))); }

bool parse_version_name(const std::string& text, std::string& action, int& number) {
  const std::size_t at = text.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 >= text.size() || text.size() - at > 10) return false;
  int n = 0;
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    n = n * 10 + (text[i] - '0');
  }
  if (n < 1 || text[at + 1] == '0') return false;
  action = text.substr(0, at);
  number = n;
  return true;
}

}  // namespace bilan::store
