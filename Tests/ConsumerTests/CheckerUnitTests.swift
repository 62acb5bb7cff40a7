import ConsumerChecks
import Testing

/// The pieces the schema check is built from, on the cases real roots contain.
@Suite("Consumer checker pieces")
struct CheckerUnitTests {
    @Test func interpolationsAndEscapes() {
        #expect(TemplateReferences.expressions(in: "a ${x.y} b $${not.this} ${f(\"}\")}") == ["x.y", "f(\"}\")"])
        #expect(TemplateReferences.isWholeExpression("${var.a}"))
        #expect(!TemplateReferences.isWholeExpression("${var.a}-${var.b}"))
        #expect(!TemplateReferences.isWholeExpression("prefix ${var.a}"))
    }

    @Test func referenceChains() {
        let (references, bound) = TemplateReferences.references(
            inExpression:
                """
                jsonencode([for n in google_filestore_instance.home.networks : {ip = n.ip_addresses[0], mode = \
                \"a.b.c\"}]) + var.x
                """
        )
        #expect(
            references.map(\.parts) == [
                ["google_filestore_instance", "home", "networks"], ["n", "ip_addresses"], ["var", "x"],
            ])
        #expect(bound == ["n"])
        let (hyphenated, _) = TemplateReferences.references(
            inExpression: "google_compute_router.network_us-central1.name")
        #expect(hyphenated.map(\.parts) == [["google_compute_router", "network_us-central1", "name"]])
    }

    @Test func jsonLines() throws {
        let document = try JSONDocumentParser.parse("{\n  \"a\": [\n    1,\n    \"x\\u00e9\\ud83d\\ude00\"\n  ]\n}")
        #expect(document["a"]?.line == 2)
        #expect(document["a"]?.strings.first?.text == "xé😀")
        #expect(document["a"]?.strings.first?.line == 4)
        #expect(throws: JSONDocumentParser.Failure.self) { try JSONDocumentParser.parse("{\"a\": 1,}") }
    }
}
