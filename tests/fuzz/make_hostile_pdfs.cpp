// Writes the hostile PDFs of tests/support/hostile_pdf.hpp into a folder, as
// seeds for pdf_fuzz and import_pdf_fuzz (scripts/fuzz.sh): streams that
// inflate to MIB MiB (default 32: over every limit the fuzz targets set,
// 32 KB a file) and a field with 101 widgets.
// Usage: make_hostile_pdfs DIR [MIB]
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "support/hostile_pdf.hpp"

namespace {

bool write(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  return static_cast<bool>(out.flush());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage : make_hostile_pdfs DOSSIER [Mio]\n";
    return 2;
  }
  using namespace bilan::testing;
  const std::string dir = argv[1];
  const std::uint64_t mib = argc == 3 ? std::strtoull(argv[2], nullptr, 10) : 32;
  if (mib < 1 || mib > 1 << 20) {
    std::cerr << "make_hostile_pdfs : taille hors limites\n";
    return 2;
  }
  const std::string answers = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bilan form=\"clas-2024-2025\"/>\n";
  const bool ok = write(dir + "/bombe-joint.pdf", pdf_with_attachments({{"reponses.xml", zlib_bomb(mib, "<?xml")}})) &&
                  write(dir + "/bombe-second-joint.pdf",
                        pdf_with_attachments({{"reponses.xml", zlib(answers)}, {"suite.xml", zlib_bomb(mib)}})) &&
                  write(dir + "/bombe-metadonnees.pdf",
                        pdf_with_attachments({{"reponses.xml", zlib(answers)}}, zlib_bomb(mib, "<?xpacket"))) &&
                  write(dir + "/bombe-flux-objets.pdf", pdf_with_object_stream(mib)) &&
                  write(dir + "/flux-objets.pdf", pdf_with_object_stream(1)) &&
                  write(dir + "/bombe-references.pdf", pdf_with_cross_reference_bomb(mib)) &&
                  write(dir + "/widgets-101.pdf", pdf_with_widgets(101));
  if (!ok) {
    std::cerr << "make_hostile_pdfs : écriture impossible dans " << dir << "\n";
    return 2;
  }
  return 0;
}
