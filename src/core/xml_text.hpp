// core/xml_text — text made safe to write inside XML we generate (answer
// files, XMP metadata). Reading XML stays in load/ (pugixml).
#pragma once

#include <string>
#include <string_view>

namespace bilan {

// `s` with & < > " as entity references: safe as element text and inside a
// double-quoted attribute.
std::string xml_escaped(std::string_view s);

}  // namespace bilan
