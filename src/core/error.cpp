#include "core/error.hpp"

#include <ostream>

namespace bilan {

int report_internal_error(const std::exception& e, std::ostream& err) {
  err << "bilan: erreur interne: " << e.what() << " (c’est un défaut de bilan : signalez-le, avec la commande lancée)\n";
  return kExitInternal;
}

}  // namespace bilan
