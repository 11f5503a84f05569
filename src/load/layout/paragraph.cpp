// load/layout/paragraph — <p>: rich text (<b>, <i>, <br/>) in one of the paragraph styles.
#include "load/layout/file_loader.hpp"

#include <functional>
#include <map>

namespace bilan::load::detail {

void FileLoader::paragraph(const pugi::xml_node& xml, std::vector<Node>& out) {
  check_attributes(xml, {"style"});
  auto n = make<spec::Paragraph>(xml);
  static const std::map<std::string, spec::ParagraphStyle, std::less<>> kStyles = {
      {"normal", spec::ParagraphStyle::Normal}, {"note", spec::ParagraphStyle::Note},
      {"hint", spec::ParagraphStyle::Hint},     {"instruction", spec::ParagraphStyle::Instruction},
      {"title", spec::ParagraphStyle::Title},   {"subtitle", spec::ParagraphStyle::Subtitle}};
  if (auto s = xml.attribute("style")) {
    if (auto it = kStyles.find(std::string_view(s.value())); it != kStyles.end()) {
      n.style = it->second;
    } else {
      error_at(src_.attr_loc(xml, "style"), DiagCode::BadValue, "style « " + std::string(s.value()) +
                                                             " » inconnu ; styles permis : normal, note, hint, instruction, title, subtitle");
    }
  }
  rich_text(xml, n.text, false, false);
  trim_rich_text(n.text);
  if (n.text.empty()) error(xml, DiagCode::EmptyText, "paragraphe <p> vide");
  out.push_back(std::move(n));
}

}  // namespace bilan::load::detail
