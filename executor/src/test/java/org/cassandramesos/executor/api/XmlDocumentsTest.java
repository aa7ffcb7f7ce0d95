package org.cassandramesos.executor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class XmlDocumentsTest {

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Document doc, String element) {
        return doc.getElementsByTagName(element).item(0).getTextContent();
    }

    @Test
    void statusDocumentHasTheSeedShape() {
        assertThat(XmlDocuments.status(true, ""))
                .isEqualTo("<xml><status>Running</status><error><![CDATA[]]></error></xml>");
        assertThat(XmlDocuments.status(false, "boom"))
                .isEqualTo("<xml><status>Stopped</status><error><![CDATA[boom]]></error></xml>");
    }

    @Test
    void errorTextContainingCdataTerminatorStaysWellFormedAndIntact() throws Exception {
        String nasty = "a]]>b <tag> & ]]]]>>\u0000end";

        String xml = XmlDocuments.status(false, nasty);

        Document doc = parse(xml);
        assertThat(text(doc, "status")).isEqualTo("Stopped");
        assertThat(text(doc, "error")).isEqualTo("a]]>b <tag> & ]]]]>>\uFFFDend");
    }

    @Test
    void snapshotDocumentHasTheSeedShape() {
        assertThat(XmlDocuments.snapshot(true, Optional.of("snapshot-1")))
                .isEqualTo("<xml><auto-snapshot>T</auto-snapshot><last-snapshot>snapshot-1</last-snapshot></xml>");
        assertThat(XmlDocuments.snapshot(false, Optional.empty()))
                .isEqualTo("<xml><auto-snapshot>F</auto-snapshot><last-snapshot></last-snapshot></xml>");
    }

    @Test
    void restoreDocumentListsTablesAndErrors() throws Exception {
        Document doc = parse(XmlDocuments.restore("s1", List.of("ks.a", "ks.b"), List.of("ks.c: gone")));

        assertThat(text(doc, "restore")).isEqualTo("s1");
        assertThat(text(doc, "status")).isEqualTo("Failed");
        assertThat(doc.getElementsByTagName("table").getLength()).isEqualTo(2);
        assertThat(text(doc, "error")).isEqualTo("ks.c: gone");
    }

    @Test
    void readsTheSnapshotRequestInAnyCase() {
        assertThat(XmlDocuments.snapshotRequested("<xml><snapshot>True</snapshot></xml>"))
                .isTrue();
        assertThat(XmlDocuments.snapshotRequested(
                        "<?xml version=\"1.0\"?>\n<xml>\n  <snapshot> true </snapshot>\n</xml>"))
                .isTrue();
        assertThat(XmlDocuments.snapshotRequested("<xml><snapshot>False</snapshot></xml>"))
                .isFalse();
    }

    @Test
    void rejectsBadSnapshotRequestsWithAReason() {
        assertThatThrownBy(() -> XmlDocuments.snapshotRequested("")).hasMessageContaining("expected a body");
        assertThatThrownBy(() -> XmlDocuments.snapshotRequested("<xml><snapshot>maybe</snapshot></xml>"))
                .hasMessageContaining("expected True or False, got 'maybe'");
        assertThatThrownBy(() -> XmlDocuments.snapshotRequested("<xml><snapshot>True</xml>"))
                .hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> XmlDocuments.snapshotRequested("<doc><snapshot>True</snapshot></doc>"))
                .hasMessageContaining("root element");
        assertThatThrownBy(() -> XmlDocuments.snapshotRequested("<xml><other/></xml>"))
                .hasMessageContaining("missing <snapshot>");
    }

    @Test
    void refusesExternalEntities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<xml><snapshot>&e;</snapshot></xml>";

        assertThatThrownBy(() -> XmlDocuments.snapshotRequested(xxe)).isInstanceOf(IllegalArgumentException.class);
    }
}
