#include "compose/calculate.hpp"

namespace bilan::compose {
namespace {

// A JavaScript string literal (field names are ids, dots and colons; escape anyway).
std::string js_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string js_number(double x) {
  std::string s = std::to_string(x);  // 6 decimals: layout constants are counts and rates
  while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) {
    const bool dot = s.back() == '.';
    s.pop_back();
    if (dot) break;
  }
  return s;
}

// The helpers a script may call, each with bilan's rule for a missing
// value (null). n(f): field f's number, or null when empty or not a number;
// spaces, the euro sign and a decimal comma read as bilan reads them.
struct Helper {
  const char* name;
  const char* code;
};
constexpr Helper kHelpers[] = {
    {"n", "var n=function(f){var x=d.getField(f);if(!x)return null;"
          "var s=String(x.valueAsString).replace(/[\\s\\u00a0\\u202f\\u20ac]/g,\"\").replace(\",\",\".\");"
          "return s===\"\"||isNaN(s)?null:Number(s);};"},
    {"l", "var l=function(a){var r=[];for(var i=0;i<a.length;i++){var v=n(a[i]);if(v!==null)r.push(v);}return r;};"},
    {"add", "var add=function(x,y){return x===null&&y===null?null:(x===null?0:x)+(y===null?0:y);};"},
    {"sub", "var sub=function(x,y){return x===null||y===null?null:x-y;};"},
    {"mul", "var mul=function(x,y){return x===null||y===null?null:x*y;};"},
    {"div", "var div=function(x,y){return x===null||y===null||Math.abs(y)<1e-9?null:x/y;};"},
    {"neg", "var neg=function(x){return x===null?null:-x;};"},
    {"agg", "var agg=function(k,a){var r=[];for(var i=0;i<a.length;i++){if(a[i]!==null)r=r.concat(a[i]);}"
            "if(r.length===0)return null;var t=r[0];for(var j=1;j<r.length;j++)"
            "t=k===\"sum\"?t+r[j]:k===\"min\"?Math.min(t,r[j]):Math.max(t,r[j]);return t;};"},
    // Rounded half away from zero, as bilan's llround.
    {"rnd", "var rnd=function(x){return x<0?-Math.round(-x):Math.round(x);};"},
};

class Translator {
 public:
  explicit Translator(const ResolveRef& resolve) : resolve_(resolve) {}

  // A number or null; `list_ok`: inside sum/min/max, where a column is a list.
  std::optional<std::string> operator()(const spec::Expr& e, bool list_ok = false) const {
    using spec::ExprKind;
    using spec::Op;
    switch (e.kind) {
      case ExprKind::Number: return js_number(e.number);
      case ExprKind::Ref: {
        const auto fields = resolve_(e.text);
        if (!fields || fields->names.empty()) return std::nullopt;
        if (!fields->column) return "n(" + js_string(fields->names.front()) + ")";
        if (!list_ok) return std::nullopt;  // bilan refuses a column outside sum/min/max
        std::string a = "l([";
        for (std::size_t i = 0; i < fields->names.size(); ++i) a += (i ? "," : "") + js_string(fields->names[i]);
        return a + "])";
      }
      case ExprKind::Unary: {
        if (e.op != Op::Neg || e.args.size() != 1) return std::nullopt;
        const auto x = (*this)(e.args[0]);
        if (!x) return std::nullopt;
        return "neg(" + *x + ")";
      }
      case ExprKind::Binary: {
        const char* f = e.op == Op::Add ? "add" : e.op == Op::Sub ? "sub" : e.op == Op::Mul ? "mul" : e.op == Op::Div ? "div" : nullptr;
        if (!f || e.args.size() != 2) return std::nullopt;
        const auto x = (*this)(e.args[0]), y = (*this)(e.args[1]);
        if (!x || !y) return std::nullopt;
        return std::string(f) + "(" + *x + "," + *y + ")";
      }
      case ExprKind::Call: {
        if (e.text != "sum" && e.text != "min" && e.text != "max") return std::nullopt;
        std::string a = "agg(" + js_string(e.text) + ",[";
        for (std::size_t i = 0; i < e.args.size(); ++i) {
          const auto x = (*this)(e.args[i], true);
          if (!x) return std::nullopt;
          a += (i ? "," : "") + *x;
        }
        return a + "])";
      }
      case ExprKind::String:
      case ExprKind::Bool:
      case ExprKind::None: break;
    }
    return std::nullopt;
  }

 private:
  const ResolveRef& resolve_;
};

// The value as the field holds one of its type (compose's field_text).
std::optional<std::string> result(spec::FieldType type) {
  switch (type) {
    case spec::FieldType::Integer: return std::string("String(rnd(r))");
    case spec::FieldType::Decimal: return std::string("String(rnd(r*100)/100).replace(\".\",\",\")");
    case spec::FieldType::Amount:
      return std::string("(function(c){var a=Math.abs(c);return(c<0?\"-\":\"\")+Math.floor(a/100)+\",\"+(a%100<10?\"0\":\"\")+a%100;})(rnd(r*100))");
    default: break;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> calculate_script(const spec::Expr& e, spec::FieldType type, const ResolveRef& resolve) {
  const auto value = result(type);
  if (!value) return std::nullopt;
  const auto body = Translator(resolve)(e);
  if (!body) return std::nullopt;
  // `this` is the document (Acrobat; pdf.js runs actions in the document's global scope).
  const std::string code = "var r=" + *body + ";event.value=r===null?\"\":" + *value + ";";
  std::string script = "(function(d){";
  for (const auto& h : kHelpers)
    if (std::string_view(h.name) == "n" || code.find(std::string(h.name) + "(") != std::string::npos) script += h.code;
  return script + code + "})(this);";
}

}  // namespace bilan::compose
