// The department registry: each organisme named as it names itself, the
// elided « d’ », TNE only where a department says so; errors located.
#include "load/departments_loader.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace bilan::load {
namespace {

using Diags = std::vector<std::string>;

std::optional<spec::DepartmentRegistry> registry(const std::string& xml, Diags& diags) {
  testing::MemoryEnvironment env;
  env.add_file("/mem/departments.xml", xml);
  DiagnosticSink sink;
  auto reg = load_departments(env, "/mem/departments.xml", sink);
  for (const auto& d : sink.sorted()) diags.push_back(d.to_string());
  return reg;
}

TEST(Departments, OrganismesAsTheyNameThemselves) {
  Diags diags;
  auto reg = registry(R"(<departments>
  <defaults forms="f"/>
  <department code="28" name="Eure-et-Loir" article="d'"/>
  <department code="37" name="Indre-et-Loire" article="l’"><organisme name="Caf Touraine"/></department>
  <department code="64" name="Pyrénées-Atlantiques" article="les">
    <organisme name="Caf du Béarn et de la Soule"/>
    <organisme name="Caf du Pays basque et du Seignanx"/>
  </department>
  <department code="976" name="Mayotte" article=""><organisme name="Caisse de sécurité sociale de Mayotte" short="CSSM"/></department>
  <department code="73" name="Savoie" article="la"/>
</departments>)",
                      diags);
  ASSERT_TRUE(reg) << diags.front();
  EXPECT_EQ(diags, Diags{});
  EXPECT_EQ(reg->find("28")->of(), "d’Eure-et-Loir");
  EXPECT_EQ(reg->find("28")->caf(), "Caf d’Eure-et-Loir");
  EXPECT_EQ(reg->find("37")->caf(), "Caf Touraine");
  EXPECT_EQ(reg->find("37")->of(), "de l’Indre-et-Loire") << "the department keeps its own name";
  EXPECT_EQ(reg->find("64")->caf(), "Caf du Béarn et de la Soule ou Caf du Pays basque et du Seignanx");
  EXPECT_EQ(reg->find("976")->caf(), "Caisse de sécurité sociale de Mayotte (CSSM)");
  EXPECT_EQ(reg->find("73")->caf(), "Caf de la Savoie");
}

TEST(Departments, TneOnlyWhereADepartmentSaysSo) {
  Diags diags;
  auto reg = registry(R"(<departments>
  <defaults forms="f"/>
  <department code="47" name="Lot-et-Garonne" article="le" tne="true"/>
  <department code="32" name="Gers" article="le"/>
</departments>)",
                      diags);
  ASSERT_TRUE(reg);
  EXPECT_TRUE(reg->find("47")->tne);
  EXPECT_FALSE(reg->find("32")->tne) << "off by default";
  auto on = registry(R"(<departments><defaults forms="f" tne="true"/><department code="32" name="Gers" article="le"/></departments>)", diags);
  ASSERT_TRUE(on);
  EXPECT_TRUE(on->find("32")->tne) << "unless the defaults say so";
}

TEST(Departments, TheRealRegistry) {
  Diags diags;
  testing::MemoryEnvironment env;
  env.add_disk_tree(testing::source_path("layouts"));
  DiagnosticSink sink;
  auto reg = load_departments(env, testing::source_path("layouts/departments.xml"), sink);
  ASSERT_TRUE(reg);
  EXPECT_EQ(reg->departments.size(), 101u);
  EXPECT_EQ(reg->find("37")->caf(), "Caf Touraine");
  EXPECT_EQ(reg->find("64")->caf(), "Caf du Béarn et de la Soule ou Caf du Pays basque et du Seignanx");
  EXPECT_EQ(reg->find("976")->caf(), "Caisse de sécurité sociale de Mayotte (CSSM)");
  EXPECT_EQ(reg->find("28")->caf(), "Caf d’Eure-et-Loir");
  int tne = 0;
  for (const auto& d : reg->departments) tne += d.tne ? 1 : 0;
  EXPECT_EQ(tne, 1);
  EXPECT_TRUE(reg->find("47")->tne);
}

TEST(Departments, BadEntriesAreLocatedErrors) {
  Diags diags;
  auto reg = registry(R"(<departments>
  <department code="01" name="Ain" article="de"/>
  <department code="02" name="Aisne" article="l’"><organisme short="X"/><caf name="Y"/></department>
</departments>)",
                      diags);
  EXPECT_FALSE(reg);
  EXPECT_EQ(diags, (Diags{"/mem/departments.xml:2:45: erreur: article « de » invalide (le, la, les, l’, d’ ou vide)",
                          "/mem/departments.xml:3:51: erreur: attribut « name » manquant sur <organisme> : son nom, tel "
                          "qu’il se nomme",
                          "/mem/departments.xml:3:73: erreur: élément <caf> inattendu dans <department> (seuls <organisme> "
                          "et <block> y sont permis)"}));
}

TEST(Departments, ABlockNamesTheFormsItIsPrintedIn) {
  Diags diags;
  auto reg = registry(R"(<departments>
  <defaults forms="a b"/>
  <department code="47" name="Lot-et-Garonne" article="le" forms="a c">
    <block src="x.xml" block="reseau" forms="c"/>
    <block src="x.xml" block="autre"/>
  </department>
</departments>)",
                      diags);
  EXPECT_EQ(diags, Diags{});
  ASSERT_TRUE(reg);
  ASSERT_EQ(reg->departments.at(0).blocks.size(), 2u);
  EXPECT_EQ(reg->departments.at(0).blocks.at(0).forms, std::vector<std::string>{"c"});
  EXPECT_TRUE(reg->departments.at(0).blocks.at(1).forms.empty());

  Diags bad;
  EXPECT_FALSE(registry(R"(<departments>
  <department code="47" name="Lot-et-Garonne" article="le" forms="a">
    <block src="x.xml" block="reseau" forms="b"/>
  </department>
</departments>)",
                        bad));
  EXPECT_EQ(bad, Diags{"/mem/departments.xml:3:46: erreur: bloc « reseau » : le département 47 n’utilise pas le "
                       "formulaire « b »"});
}

}  // namespace
}  // namespace bilan::load
