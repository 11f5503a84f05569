// data/bind/signature — <signature>: the attestation's block (its wording,
// its footnotes) and its answers (BoundForm::signature).
#include "data/bind/binder.hpp"

#include <variant>

namespace bilan::data::detail {

void Binder::read_signature(SignatureAnswers& sig) {
  if (!answers_->signature) return;
  const auto& s = *answers_->signature;
  sig.name = s.name.value;
  sig.role = s.role.value;
  sig.place = s.place.value;
  sig.name_loc = s.name.loc;
  sig.role_loc = s.role.loc;
  sig.place_loc = s.place.loc;
  if (!s.date.value.empty()) {
    std::string error;
    if (auto d = try_parse_date(s.date.value, error)) sig.date = *d;
    else sink_.error(s.date.loc, DiagCode::BadValue, "date de signature : " + error + ", reçu " + quote(s.date.value));
  }
  sig.stamp = answers_->stamp_image;
  sig.signature = answers_->signature_image;
  if (!has_signature(form_.body)) sink_.warning(s.loc, DiagCode::NoSignature, "ce formulaire n’a pas de bloc de signature : <signature> est ignoré");
}

bool Binder::has_signature(const std::vector<Node>& nodes) {
  bool found = false;
  spec::for_each_node(nodes, [&found](const Node& n) { found = found || std::holds_alternative<spec::Signature>(n.kind()); });
  return found;
}

BoundSignature Binder::bind_signature(const spec::Signature& s, bool active) {
  BoundSignature b;
  b.loc = s.loc;
  if (display()) b.text = s.text;
  b.children = build(s.children, active);
  return b;
}

}  // namespace bilan::data::detail
