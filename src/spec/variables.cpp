#include "spec/variables.hpp"

#include <algorithm>

#include "spec/references.hpp"

namespace bilan::spec {

bool scan_variables(std::string_view text, std::vector<VariableRef>& refs, std::size_t& error_offset) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      if (i + 1 < text.size() && text[i + 1] == '{') {
        ++i;
        continue;
      }
      const std::size_t close = text.find('}', i);
      const std::size_t next_open = text.find('{', i + 1);
      if (close == std::string_view::npos || (next_open != std::string_view::npos && next_open < close)) {
        error_offset = i;
        return false;
      }
      refs.push_back({i, std::string(text.substr(i + 1, close - i - 1))});
      i = close;
    } else if (text[i] == '}') {
      if (i + 1 < text.size() && text[i + 1] == '}') {
        ++i;
        continue;
      }
      error_offset = i;
      return false;
    }
  }
  return true;
}

std::string interpolate(std::string_view text,
                        const std::function<std::optional<std::string>(std::string_view)>& lookup) {
  // A plain loop: find_first_of would call memchr once per character.
  if (std::none_of(text.begin(), text.end(), [](char c) { return c == '{' || c == '}'; })) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      out += c;
      ++i;
    } else if (c == '{') {
      const std::size_t close = text.find('}', i);
      if (close == std::string_view::npos) {
        out.append(text.substr(i));
        break;
      }
      const std::string_view name = text.substr(i + 1, close - i - 1);
      if (auto value = lookup(name)) {
        out += *value;
      } else {
        out.append(text.substr(i, close - i + 1));
      }
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<std::string> known_variables() { return text_variable_names(); }

bool is_known_variable(std::string_view name) {
  const auto r = find_reference(name);
  return r && is_text_variable(*r);
}

}  // namespace bilan::spec
