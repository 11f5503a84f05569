// core/limits — what one input may cost, declared in one place (docs/limits.md
// gives each value, why, and the message). Reached through Environment::limits()
// so that tests can lower them; going over a limit is a located error naming
// the limit and its value, never a crash, a hang or a blow-up of memory.
#pragma once

#include <cstdint>
#include <string>

namespace bilan {

struct Limits {
  // Any file read (layout, include, answers, image, font, manifest), also when
  // its size is unknown (a pipe, /proc): read through a bounded reader.
  std::uint64_t file_bytes = 64ull << 20;
  // Elements nested in one XML file: the real layouts use 8.
  std::uint32_t xml_depth = 256;
  // Includes within includes: the real layouts use 2.
  std::uint32_t include_depth = 16;
  // <section> and <group> nested in a form, across includes: the real forms use 4.
  // Bounds every recursion over the form (loader, binder, composer).
  std::uint32_t nesting = 64;
  // Elements of one form, includes counted each time they are taken: an
  // include repeated inside an include repeated… would multiply. The real
  // forms have about 2,000.
  std::uint64_t form_elements = 200'000;
  // Parentheses, « not » and unary minus nested in one expression.
  std::uint32_t expr_depth = 64;
  // Bytes of one expression (`when`, `computed`, <check>): bounds the depth of
  // a chain of operators (a + b + c …) evaluated recursively.
  std::uint32_t expr_bytes = 4096;
  // Bytes of one answer (a text, a cell, an attribute of <bilan> or <signature>).
  // (A 2 MB bilan fills some 150 pages.)
  std::uint32_t answer_bytes = 1u << 20;
  // Bytes of all the answers of one file together.
  std::uint64_t answers_total_bytes = 16ull << 20;
  // Bytes of a name in an answer file (form, department, field, row, column):
  // the longest id of the real forms has 40.
  std::uint32_t name_bytes = 256;
  // Answers, rows and cells in one answer file.
  std::uint32_t answers = 50'000;
  // Pages of one document.
  std::uint32_t pages = 2'000;
  // Files an answer file attaches (<attachment>), each, all together, and how
  // many: an attachment is embedded in the PDF, which `bilan extract` and the
  // archive read back whole (their PDF reader takes 16 MiB per embedded file
  // and 64 MiB per PDF).
  std::uint64_t attachment_bytes = 16ull << 20;
  std::uint64_t attachments_total_bytes = 40ull << 20;
  std::uint32_t attachments = 10;
  // Bytes of an attachment's file name (a folder's limit) and description.
  std::uint32_t attachment_name_bytes = 255;
  std::uint32_t attachment_description_bytes = 500;
};

// « 64 », « 100 000 »: a limit as people read it in messages (narrow no-break
// space between groups of three digits, as French typography wants). Inline:
// pdfread's module (libbilan_pdfread.so) words its limits the same way.
inline std::string limit_text(std::uint64_t value) {
  const std::string digits = std::to_string(value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202F";
    out += digits[i];
  }
  return out;
}

// One more level of a recursion while alive: the counter is the depth the
// recursion has reached, checked against its limit before going deeper.
class DepthGuard {
 public:
  explicit DepthGuard(std::uint32_t& counter) : n_(++counter) {}
  ~DepthGuard() { --n_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  std::uint32_t& n_;
};

}  // namespace bilan
