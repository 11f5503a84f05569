// data/answer_set — AnswerSet, what an answer file says, before any check
// against a layout: raw texts with their locations. Built by
// load::load_answers(), checked and typed by data::bind().
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/source_loc.hpp"
#include "image/decode.hpp"

namespace bilan::data {

struct Answer {
  std::string field;  // layout id, or CHOICE.VALUE for an « autres » text
  std::string text;   // NFC, indentation removed, line breaks kept
  SourceLoc loc;      // of the <answer> element
  SourceLoc value_loc;
};

struct CellAnswer {
  std::string column;
  std::string text;
  SourceLoc loc;        // of the <cell> element
  SourceLoc value_loc;  // of its text
};

struct RowAnswer {
  std::string id;
  std::string label;  // for rows declared other="true"
  SourceLoc loc;
  SourceLoc label_loc;  // of the label attribute's value
  std::vector<CellAnswer> cells;
};

struct TableAnswer {
  std::string field;
  SourceLoc loc;
  std::vector<RowAnswer> rows;
};

struct SignatureAnswer {
  struct Item {
    std::string value;
    SourceLoc loc;
  };
  Item name, role, place, date, stamp, signature;
  SourceLoc loc;
};

// A fact about the action given in <action …/> (spec/action.hpp): `name` is the
// expression name (« collectifs_notifies »), `text` as written (« 2 », « oui »).
struct FactAnswer {
  std::string name;
  std::string text;
  SourceLoc loc;  // of the attribute's value
};

struct ImageData {
  std::string path;  // as resolved (relative to the answer file)
  std::shared_ptr<const image::DecodedImage> image;  // decoded once, at load time; never null
};

// A supplementary file the answer file names (<attachment file="…"/>), read
// and typed when the file is loaded: what the PDF carries and `bilan extract
// --all` gives back.
struct AttachmentData {
  std::string file;         // as written in the file attribute
  std::string name;         // its last component: the name embedded
  std::string path;         // as resolved (relative to the answer file)
  std::string description;  // one line, may be empty
  std::string mime;         // from the bytes: application/pdf, image/png…
  std::shared_ptr<const std::string> bytes;  // never null
  SourceLoc loc;            // of the <attachment> element
  SourceLoc file_loc;       // of the file attribute's value
};

// One element of a set in the order it was given: what a writer writes in
// turn (answers, tables, the signature, <action> may interleave).
struct AnswerPart {
  enum class Kind : std::uint8_t { Answer, Table, Signature, Facts };
  Kind kind = Kind::Answer;
  std::size_t index = 0;  // in answers or tables
};

struct AnswerSet {
  std::string path;   // the answer file, as named by the user
  std::string sha256; // of the file's bytes: the footer's short hash and the PDF /ID
  std::string form;
  SourceLoc form_loc;
  std::string department;
  SourceLoc department_loc;
  std::string action;
  SourceLoc action_loc;  // of the action attribute's value
  SourceLoc loc;      // of <bilan>
  std::vector<Answer> answers;
  std::vector<TableAnswer> tables;
  std::optional<SignatureAnswer> signature;
  std::vector<FactAnswer> facts;  // <action rural="oui" …/>
  std::optional<ImageData> stamp_image;
  std::optional<ImageData> signature_image;
  std::vector<AttachmentData> attachments;  // in the file's order, names unique
  // Made by AnswerSetBuilder; empty for a loaded file (then written answers,
  // tables, signature, facts in turn).
  std::vector<AnswerPart> order;
  // Where `needle` first occurs in the file at or after `from` (an unknown
  // location when it does not): lets later stages point at one character of
  // an answer (« 😀 » no font has).
  std::function<SourceLoc(const SourceLoc& from, std::string_view needle)> locate;
};

// Removes the indentation common to all lines, blank lines at both ends, CRs,
// and turns tabs into spaces: answers can be indented like the XML around them.
std::string normalize_answer_text(std::string_view raw);

}  // namespace bilan::data
