#include "spec/expr.hpp"

#include <cctype>
#include <charconv>

#include "core/limits.hpp"
#include "core/utf8.hpp"

namespace bilan::spec {
namespace {

struct Token {
  enum class Kind : std::uint8_t { None, End, Number, String, Ident, Punct } kind = Kind::None;
  std::string text;
  double number = 0;
  std::size_t offset = 0;
};

class Parser {
 public:
  Parser(std::string_view src, ExprError& error, const Limits& limits) : src_(src), error_(error), limits_(limits) {}

  std::optional<Expr> parse() {
    if (src_.size() > limits_.expr_bytes)
      return fail(0, "expression trop longue (" + limit_text(src_.size()) + " octets ; limite : " +
                         limit_text(limits_.expr_bytes) + " octets)");
    if (!advance()) return std::nullopt;
    if (tok_.kind == Token::Kind::End) return fail(0, "expression vide");
    auto e = parse_or();
    if (!e) return std::nullopt;
    if (tok_.kind != Token::Kind::End) return fail(tok_.offset, "« " + tok_.text + " » inattendu");
    return e;
  }

 private:
  std::optional<Expr> fail(std::size_t offset, std::string message) {
    if (!failed_) {
      error_ = {offset, std::move(message)};
      failed_ = true;
    }
    return std::nullopt;
  }

  bool lex_fail(std::size_t offset, std::string message) {
    fail(offset, std::move(message));
    return false;
  }

  bool advance() {
    while (pos_ < src_.size() && std::isspace(static_cast<unsigned char>(src_[pos_]))) ++pos_;
    tok_ = Token{};
    tok_.offset = pos_;
    if (pos_ >= src_.size()) {
      tok_.kind = Token::Kind::End;
      return true;
    }
    const char c = src_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t end = pos_;
      while (end < src_.size() && std::isdigit(static_cast<unsigned char>(src_[end]))) ++end;
      // A decimal comma or point followed by a digit belongs to the number; a
      // comma followed by anything else separates call arguments.
      if (end + 1 < src_.size() && (src_[end] == '.' || src_[end] == ',') &&
          std::isdigit(static_cast<unsigned char>(src_[end + 1]))) {
        ++end;
        while (end < src_.size() && std::isdigit(static_cast<unsigned char>(src_[end]))) ++end;
      }
      std::string digits(src_.substr(pos_, end - pos_));
      for (char& d : digits)
        if (d == ',') d = '.';
      tok_.kind = Token::Kind::Number;
      tok_.text = std::string(src_.substr(pos_, end - pos_));
      std::from_chars(digits.data(), digits.data() + digits.size(), tok_.number);
      pos_ = end;
      return true;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t end = pos_;
      // Ids are [a-z][a-z0-9_]*, with '.' for department.x and CHOICE.VALUE; a '-'
      // is always the minus operator, so that `total-depenses` subtracts.
      while (end < src_.size() && (std::isalnum(static_cast<unsigned char>(src_[end])) || src_[end] == '_' ||
                                   src_[end] == '.'))
        ++end;
      tok_.kind = Token::Kind::Ident;
      tok_.text = std::string(src_.substr(pos_, end - pos_));
      pos_ = end;
      return true;
    }
    if (c == '\'' || c == '"') {
      const std::size_t close = src_.find(c, pos_ + 1);
      if (close == std::string_view::npos) return lex_fail(pos_, "chaîne non terminée");
      tok_.kind = Token::Kind::String;
      tok_.text = std::string(src_.substr(pos_ + 1, close - pos_ - 1));
      pos_ = close + 1;
      return true;
    }
    static constexpr std::string_view kTwo[] = {"!=", "<=", ">=", "==", "&&", "||"};
    for (const auto two : kTwo) {
      if (src_.substr(pos_, 2) == two) {
        tok_.kind = Token::Kind::Punct;
        tok_.text = std::string(two);
        pos_ += 2;
        return true;
      }
    }
    if (std::string_view("+-*/=<>(),!").find(c) != std::string_view::npos) {
      tok_.kind = Token::Kind::Punct;
      tok_.text = std::string(1, c);
      ++pos_;
      return true;
    }
    // Quote the whole character (« ≥ », « é »), not its first byte: messages stay valid UTF-8.
    std::size_t next = pos_;
    utf8::next(src_, next);
    return lex_fail(pos_, "caractère inattendu « " + std::string(src_.substr(pos_, next - pos_)) + " »");
  }

  bool is_punct(std::string_view p) const { return tok_.kind == Token::Kind::Punct && tok_.text == p; }
  bool is_word(std::string_view w) const { return tok_.kind == Token::Kind::Ident && tok_.text == w; }

  static Expr binary(Op op, Expr a, Expr b, std::size_t offset) {
    Expr e;
    e.kind = ExprKind::Binary;
    e.op = op;
    e.offset = offset;
    e.args.push_back(std::move(a));
    e.args.push_back(std::move(b));
    return e;
  }

  // Every recursion goes through parse_or, parse_not or parse_unary: each
  // counts a level there, so the stack is bounded before it runs out.
  bool too_deep() {
    if (depth_ <= limits_.expr_depth) return false;
    fail(tok_.offset, "expression trop imbriquée (limite : " + limit_text(limits_.expr_depth) + " niveaux)");
    return true;
  }

  std::optional<Expr> parse_or() {
    const DepthGuard level(depth_);
    if (too_deep()) return std::nullopt;
    auto left = parse_and();
    while (left && (is_word("or") || is_punct("||"))) {
      const std::size_t at = tok_.offset;
      if (!advance()) return std::nullopt;
      auto right = parse_and();
      if (!right) return std::nullopt;
      left = binary(Op::Or, std::move(*left), std::move(*right), at);
    }
    return left;
  }

  std::optional<Expr> parse_and() {
    auto left = parse_not();
    while (left && (is_word("and") || is_punct("&&"))) {
      const std::size_t at = tok_.offset;
      if (!advance()) return std::nullopt;
      auto right = parse_not();
      if (!right) return std::nullopt;
      left = binary(Op::And, std::move(*left), std::move(*right), at);
    }
    return left;
  }

  std::optional<Expr> parse_not() {
    const DepthGuard level(depth_);
    if (too_deep()) return std::nullopt;
    if (is_word("not") || is_punct("!")) {
      const std::size_t at = tok_.offset;
      if (!advance()) return std::nullopt;
      auto operand = parse_not();
      if (!operand) return std::nullopt;
      Expr e;
      e.kind = ExprKind::Unary;
      e.op = Op::Not;
      e.offset = at;
      e.args.push_back(std::move(*operand));
      return e;
    }
    return parse_cmp();
  }

  std::optional<Expr> parse_cmp() {
    auto left = parse_sum();
    if (!left) return std::nullopt;
    struct { std::string_view text; Op op; } static constexpr kOps[] = {
        {"=", Op::Eq}, {"==", Op::Eq}, {"!=", Op::Ne}, {"<", Op::Lt}, {"<=", Op::Le}, {">", Op::Gt}, {">=", Op::Ge}};
    for (const auto& o : kOps) {
      if (is_punct(o.text)) {
        const std::size_t at = tok_.offset;
        if (!advance()) return std::nullopt;
        auto right = parse_sum();
        if (!right) return std::nullopt;
        return binary(o.op, std::move(*left), std::move(*right), at);
      }
    }
    return left;
  }

  std::optional<Expr> parse_sum() {
    auto left = parse_prod();
    while (left && (is_punct("+") || is_punct("-"))) {
      const Op op = tok_.text == "+" ? Op::Add : Op::Sub;
      const std::size_t at = tok_.offset;
      if (!advance()) return std::nullopt;
      auto right = parse_prod();
      if (!right) return std::nullopt;
      left = binary(op, std::move(*left), std::move(*right), at);
    }
    return left;
  }

  std::optional<Expr> parse_prod() {
    auto left = parse_unary();
    while (left && (is_punct("*") || is_punct("/"))) {
      const Op op = tok_.text == "*" ? Op::Mul : Op::Div;
      const std::size_t at = tok_.offset;
      if (!advance()) return std::nullopt;
      auto right = parse_unary();
      if (!right) return std::nullopt;
      left = binary(op, std::move(*left), std::move(*right), at);
    }
    return left;
  }

  std::optional<Expr> parse_unary() {
    const DepthGuard level(depth_);
    if (too_deep()) return std::nullopt;
    if (is_punct("-")) {
      const std::size_t at = tok_.offset;
      if (!advance()) return std::nullopt;
      auto operand = parse_unary();
      if (!operand) return std::nullopt;
      Expr e;
      e.kind = ExprKind::Unary;
      e.op = Op::Neg;
      e.offset = at;
      e.args.push_back(std::move(*operand));
      return e;
    }
    return parse_primary();
  }

  std::optional<Expr> parse_primary() {
    Expr e;
    e.offset = tok_.offset;
    switch (tok_.kind) {
      case Token::Kind::Number:
        e.kind = ExprKind::Number;
        e.number = tok_.number;
        e.text = tok_.text;
        if (!advance()) return std::nullopt;
        return e;
      case Token::Kind::String:
        e.kind = ExprKind::String;
        e.text = tok_.text;
        if (!advance()) return std::nullopt;
        return e;
      case Token::Kind::Ident: {
        const std::string name = tok_.text;
        if (name == "oui" || name == "non" || name == "true" || name == "false") {
          e.kind = ExprKind::Bool;
          e.boolean = name == "oui" || name == "true";
          e.text = name;
          if (!advance()) return std::nullopt;
          return e;
        }
        if (name == "and" || name == "or" || name == "not")
          return fail(tok_.offset, "opérande attendu avant « " + name + " »");
        if (!advance()) return std::nullopt;
        if (is_punct("(")) {
          if (!is_known_function(name))
            return fail(e.offset, "fonction inconnue « " + name + " » (connues : answered, contains, sum, min, max, starts_with, postal_department)");
          e.kind = ExprKind::Call;
          e.text = name;
          if (!advance()) return std::nullopt;
          if (!is_punct(")")) {
            while (true) {
              auto arg = parse_or();
              if (!arg) return std::nullopt;
              e.args.push_back(std::move(*arg));
              if (is_punct(",")) {
                if (!advance()) return std::nullopt;
                continue;
              }
              break;
            }
          }
          if (!is_punct(")")) return fail(tok_.offset, "« ) » attendue");
          if (!advance()) return std::nullopt;
          return e;
        }
        e.kind = ExprKind::Ref;
        e.text = name;
        return e;
      }
      case Token::Kind::Punct:
        if (tok_.text == "(") {
          if (!advance()) return std::nullopt;
          auto inner = parse_or();
          if (!inner) return std::nullopt;
          if (!is_punct(")")) return fail(tok_.offset, "« ) » attendue");
          if (!advance()) return std::nullopt;
          return inner;
        }
        return fail(tok_.offset, "« " + tok_.text + " » inattendu");
      case Token::Kind::End:
        return fail(tok_.offset, "expression incomplète");
      case Token::Kind::None:
        break;
    }
    return fail(tok_.offset, "expression invalide");
  }

  std::string_view src_;
  ExprError& error_;
  const Limits& limits_;
  std::uint32_t depth_ = 0;
  std::size_t pos_ = 0;
  Token tok_;
  bool failed_ = false;
};

const char* op_text(Op op) {
  switch (op) {
    case Op::Add: return "+";
    case Op::Sub: return "-";
    case Op::Mul: return "*";
    case Op::Div: return "/";
    case Op::Eq: return "=";
    case Op::Ne: return "!=";
    case Op::Lt: return "<";
    case Op::Le: return "<=";
    case Op::Gt: return ">";
    case Op::Ge: return ">=";
    case Op::And: return "and";
    case Op::Or: return "or";
    case Op::Not: return "not";
    case Op::Neg: return "-";
    case Op::None: break;
  }
  return "?";
}

}  // namespace

void Expr::collect_refs(std::vector<const Expr*>& out) const {
  if (kind == ExprKind::Ref) out.push_back(this);
  for (const auto& a : args) a.collect_refs(out);
}

// Built by appending: GCC 12 at -O3 warns falsely (-Wrestrict) on « "(" + std::string&& ».
std::string Expr::to_string() const {
  std::string s;
  switch (kind) {
    case ExprKind::Number:
    case ExprKind::Ref: s = text; break;
    case ExprKind::String: s.append("'").append(text).append("'"); break;
    case ExprKind::Bool: s = boolean ? "oui" : "non"; break;
    case ExprKind::Unary: s.append(op == Op::Not ? "not " : "-").append(args[0].to_string()); break;
    case ExprKind::Binary:
      s.append("(").append(args[0].to_string()).append(" ").append(op_text(op)).append(" ");
      s.append(args[1].to_string()).append(")");
      break;
    case ExprKind::Call:
      s.append(text).append("(");
      for (std::size_t i = 0; i < args.size(); ++i) s.append(i ? ", " : "").append(args[i].to_string());
      s.append(")");
      break;
    case ExprKind::None: break;
  }
  return s;
}

std::optional<Expr> try_parse_expr(std::string_view text, ExprError& error, const Limits& limits) {
  return Parser(text, error, limits).parse();
}

bool is_known_function(std::string_view name) {
  return name == "answered" || name == "contains" || name == "sum" || name == "min" || name == "max" ||
         name == "starts_with" || name == "postal_department";
}

}  // namespace bilan::spec
